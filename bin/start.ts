/**
 * `npm start`: the service locally — dynalite on disk under DATA_DIR (or the DynamoDB-compatible store
 * at DYNAMODB_ENDPOINT), the shared table definition, the reference catalogue, demo data (unless
 * DEMO_DATA=0), and the local gateway on PORT.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalService } from '../functions/local/runtime.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
const port = Number(process.env.PORT ?? 3000);
const demoData = process.env.DEMO_DATA !== '0';
const endpoint = process.env.DYNAMODB_ENDPOINT || null;

function join(...parts: string[]) {
  return resolve(...parts);
}

const service = await startLocalService({ dataDir, port, demoData, root, endpoint });
// PORT=0 takes any free port: say which one.
const listening = new URL(service.url).port;
const where = endpoint ? `store ${endpoint}, table ${process.env.TABLE_NAME}` : `data in ${dataDir}`;
console.log(`credit service listening on http://localhost:${listening} (${where}${demoData ? ', demo data loaded' : ''})`);
console.log(`  try: curl http://localhost:${listening}/v1/health`);
console.log(`  token: npm run token -- --dept MARKET --roles recorder,checker`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping…`);
  await service.close();
  console.log('stopped; data kept in', endpoint ? `${endpoint}, table ${process.env.TABLE_NAME}` : dataDir);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
