/**
 * `npm run import -- --dept TAX --file penalties.csv` — imports credit records from a JSONL or 双公示
 * CSV file into the local store under DATA_DIR — through the running `npm start` when there is one
 * (its store's endpoint, noted under DATA_DIR), else by opening it — or into DYNAMODB_ENDPOINT / --endpoint if given.
 * Exit status: 0 every row imported or already present, 3 some rows rejected or conflicting (see the
 * reject file), 1 failed or interrupted (re-run to complete), 2 usage.
 */
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dataDirOf } from '../functions/local/paths.ts';
import { noteNodeSupport } from '../functions/local/node-support.ts';

const USAGE = `usage: npm run import -- --dept <DEPT> --file <records.jsonl|.csv> [options]
  --sub <who>            recorded as the records' creator (default import:<DEPT>)
  --type <type>          type of rows that name none: penalty (default), licence, listing
  --register-subjects    register a subject the store does not hold from its row's name (行政相对人名称,
                         or subjectName in JSONL) and code, as a provisional entity that MARKET or an
                         admin completes later; without it such rows are rejected
  --rejects <path>       reject file (default <file>.rejects.csv)
  --batch <1-25>         items per BatchWriteItem (default 25)
  --concurrency <n>      BatchWriteItem calls in flight (default 4)
  --limit <n>            only the first n rows
  --endpoint <url>       a running DynamoDB-compatible endpoint instead of DATA_DIR/store
  --existence <how>      auto (default), scan or batch-get: how stored subjects and records are found
                         (auto scans the table first for files of 500+ rows unless it holds over 5 items
                         a row; with an endpoint or a running service the default is batch-get, which reads
                         just before writing)
environment: DATA_DIR (default ./.local), TABLE_NAME (default credit), DYNAMODB_ENDPOINT`;

function fail(message: string, status = 2): never {
  process.stderr.write(status === 2 ? `${message}\n\n${USAGE}\n` : `${message}\n`);
  process.exit(status);
}

let args;
try {
  args = parseArgs({
    options: {
      dept: { type: 'string' },
      file: { type: 'string' },
      sub: { type: 'string' },
      type: { type: 'string' },
      'register-subjects': { type: 'boolean' },
      rejects: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      limit: { type: 'string' },
      endpoint: { type: 'string' },
      existence: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = args;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const file = values.file ?? positionals[0];
if (!values.dept) fail('--dept is required');
if (!file) fail('--file is required');
const department = values.dept.trim().toUpperCase();
const type = values.type ?? 'penalty';
if (!['penalty', 'licence', 'listing'].includes(type)) fail(`--type must be penalty, licence or listing, not ${type}`);
const integer = (name: string, raw: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER) => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer from ${min} to ${max}`);
  return n;
};
const batchSize = integer('batch', values.batch, 1, 25);
const concurrency = integer('concurrency', values.concurrency, 1, 64);
const limit = integer('limit', values.limit, 0);
const endpoint = values.endpoint ?? process.env.DYNAMODB_ENDPOINT;
if (values.existence && !['auto', 'scan', 'batch-get'].includes(values.existence)) fail(`--existence must be auto, scan or batch-get, not ${values.existence}`);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = dataDirOf(root);
const tableName = process.env.TABLE_NAME ?? 'credit';
const region = process.env.AWS_REGION ?? 'cn-north-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
noteNodeSupport();
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const { openImportStore, StoreLockedError } = await import('../functions/local/import/open-store.ts');
let store;
try {
  store = await openImportStore({ dataDir, endpoint, tableName, region });
} catch (error) {
  if (error instanceof StoreLockedError) fail(error.message, 1);
  throw error;
}
// The data modules read their endpoint and table from the environment when first imported.
process.env.DYNAMODB_ENDPOINT = store.endpoint;
// A store another process serves may take API writes during the import: read existence as late as possible there.
const existence = values.existence ?? (store.shared ? 'batch-get' : 'auto');
process.env.TABLE_NAME = tableName;
process.env.AWS_REGION = region;
const { runImport, ImportInterruptedError } = await import('../functions/use-cases/import/run-import.ts');
const { progressBar } = await import('../functions/use-cases/import/progress.ts');
const { formatSummary } = await import('../functions/use-cases/import/report.ts');
const { departments } = await import('../functions/domain/reference.ts');
if (!departments.some((d) => d.code === department)) {
  process.stderr.write(`note: ${department} is not a department of the reference catalogue; importing under that code anyway\n`);
}

const controller = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write('\ninterrupt: finishing the writes in flight…\n');
  controller.abort();
});

process.stderr.write(`importing ${resolve(file)} into ${store.description}\n`);
let status = 0;
try {
  const summary = await runImport({
    file: resolve(file),
    department,
    sub: values.sub,
    defaultType: type as 'penalty' | 'licence' | 'listing',
    registerSubjects: values['register-subjects'] ?? false,
    rejectsPath: values.rejects ? resolve(values.rejects) : undefined,
    batchSize,
    concurrency,
    limit,
    existence: existence as 'auto' | 'scan' | 'batch-get',
    progress: (total) => progressBar(total),
    signal: controller.signal,
  });
  process.stdout.write(`${formatSummary(summary)}\n`);
  status = summary.interrupted ? 1 : summary.rejected + summary.conflicting > 0 ? 3 : 0;
} catch (error) {
  if (error instanceof ImportInterruptedError) {
    process.stdout.write(`${formatSummary(error.summary)}\n`);
    process.stderr.write(`error: ${(error.cause as Error)?.message ?? String(error.cause)}\n`);
  } else {
    // Unreadable file, missing columns, store errors: the message is the useful part.
    process.stderr.write(`error: ${(error as Error).message ?? String(error)}\n`);
  }
  status = 1;
} finally {
  await store.close();
}
process.exit(status);
