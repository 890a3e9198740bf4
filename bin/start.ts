/**
 * `npm start`: the service locally — dynalite on disk under DATA_DIR (default `.local`; or the
 * DynamoDB-compatible store at DYNAMODB_ENDPOINT), the shared table definition, the reference
 * catalogue, demo data (unless DEMO_DATA=0), and the local gateway on PORT, logging one line per request.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noteNodeSupport } from '../functions/local/node-support.ts';
import { dataDirOf } from '../functions/local/paths.ts';
import { startLocalService } from '../functions/local/runtime.ts';

noteNodeSupport();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = dataDirOf(root);
const port = Number(process.env.PORT ?? 3000);
const demoData = process.env.DEMO_DATA !== '0';
const endpoint = process.env.DYNAMODB_ENDPOINT || null;
const accessLog = process.env.ACCESS_LOG !== '0';

const log = (line: string) => console.log(line);
const service = await startLocalService({ dataDir, port, demoData, root, endpoint, jobProgress: log, ...(accessLog ? { accessLog: log } : {}) });
// PORT=0 takes any free port: say which one.
const listening = new URL(service.url).port;
const where = endpoint ? `store ${endpoint}, table ${process.env.TABLE_NAME}` : `data in ${dataDir}`;
console.log(`credit service listening on http://localhost:${listening} (${where}${demoData ? ', demo data loaded' : ''}), pid ${process.pid}`);
console.log(`  try: curl http://localhost:${listening}/v1/health`);
console.log(`  workbench: http://localhost:${listening}/console (${process.env.CONSOLE_OIDC_ISSUER ? `sign-in at ${process.env.CONSOLE_OIDC_ISSUER}` : 'development sign-in'})`);
console.log(`  token: npm run token -- --dept MARKET --roles recorder,checker`);

let stopping = false;
async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${reason}: stopping…`);
  await service.close();
  console.log('stopped; data kept in', endpoint ? `${endpoint}, table ${process.env.TABLE_NAME}` : dataDir);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
// A parent that died without a signal for us (npm killed with SIGKILL) leaves us re-parented: stop too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop('parent process gone');
}, 1000).unref();
