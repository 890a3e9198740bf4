/**
 * `npm start`: the service locally — dynalite on disk under DATA_DIR, the shared table definition, the
 * reference catalogue, demo data (unless DEMO_DATA=0), and the local gateway on PORT.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalService } from '../functions/local/runtime.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const port = Number(process.env.PORT ?? 3000);
const demoData = process.env.DEMO_DATA !== '0';

function join(...parts: string[]) {
  return resolve(...parts);
}

const service = await startLocalService({ dataDir, port, demoData, root });
console.log(`credit service listening on http://localhost:${port} (data in ${dataDir}${demoData ? ', demo data loaded' : ''})`);
console.log(`  try: curl http://localhost:${port}/v1/health`);
console.log(`  token: npm run token -- --dept MARKET --roles recorder,checker`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping…`);
  await service.close();
  console.log('stopped; data kept in', dataDir);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
