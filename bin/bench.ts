/**
 * `npm run bench [-- <name>…] [--json] [--records N] [--rounds N] [--concurrency N] [--store child|disk|inprocess] [--strict]`
 *
 * Runs the bench modules (bench/<name>.ts, each exporting `bench`) against one in-memory dynalite —
 * by default in a child process, so the store has its own core as in the STACK.md baselines; with
 * `--store inprocess` it shares this process's event loop, as `npm run import` does with its store;
 * `--store disk` keeps it on disk (the default when the city-size `plans` bench runs: in memory dynalite
 * holds ~5 KB an item).
 * Prints a table of figures with their baselines and ratios; with --json the last line of stdout is
 * `[{ "name", "value", "unit", "baseline", "ratio" }]`. --strict exits 1 when a target is missed.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { Bench, BenchContext, Figure } from '../bench/support/types.ts';
import { startBenchStore, type StoreMode } from '../bench/support/store.ts';
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../functions/local/bootstrap.ts';
import { noteNodeSupport } from '../functions/local/node-support.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');

const { values, positionals } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    records: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    store: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const records = Number(values.records);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
if (!Number.isInteger(records) || records < 1) throw new Error('--records must be a positive integer');
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be a positive integer');
const storeMode = values.store ?? (positionals.length === 0 || positionals.includes('plans') ? 'disk' : 'child');
if (storeMode !== 'child' && storeMode !== 'disk' && storeMode !== 'inprocess') throw new Error('--store must be child, disk or inprocess');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The registry: every bench/<name>.ts that exports a `bench`. */
async function discover(): Promise<Bench[]> {
  const files = (await readdir(benchDir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(benchDir, file)).href)) as { bench?: Bench };
    if (!module.bench || typeof module.bench.run !== 'function') throw new Error(`bench/${file} exports no bench`);
    benches.push(module.bench);
  }
  return benches;
}

noteNodeSupport();
const region = 'cn-north-1';
const tmpDir = await mkdtemp(join(tmpdir(), 'credit-bench-'));
const store = await startBenchStore(storeMode as StoreMode, join(tmpDir, 'store'));
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: store.endpoint,
  TABLE_NAME: process.env.TABLE_NAME ?? 'bench',
  AWS_REGION: region,
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
const figures: Figure[] = [];
try {
  // Imported only now: the data modules read the store's endpoint from the environment.
  const all = await discover();
  const unknown = positionals.filter((p) => !all.some((b) => b.name === p));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`);
  const chosen = positionals.length > 0 ? all.filter((b) => positionals.includes(b.name)) : all;
  const ctx: BenchContext = {
    records,
    rounds,
    concurrency,
    endpoint: store.endpoint,
    tmpDir,
    log,
    cpuMicros: async () => {
      const { user, system } = process.cpuUsage();
      return { bench: user + system, store: await store.cpuMicros() };
    },
    freshTable: async (label) => {
      const name = `bench-${label}-${randomBytes(3).toString('hex')}`;
      await ensureTable(store.endpoint, name, region);
      return name;
    },
    dropTable: async (name) => {
      const admin = new DynamoDBClient({ endpoint: store.endpoint, region });
      await admin.send(new DeleteTableCommand({ TableName: name }));
      try {
        for (;;) {
          await admin.send(new DescribeTableCommand({ TableName: name }));
          await new Promise((r) => setTimeout(r, 100));
        }
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      } finally {
        admin.destroy();
      }
    },
  };
  log(`bench: ${chosen.map((b) => b.name).join(', ')} — ${records} records, ${concurrency} writes in flight, ${rounds} round(s), store ${store.mode}`);
  for (const b of chosen) figures.push(...(await b.run(ctx)));
  const mb = 1024 * 1024;
  const ownRss = process.resourceUsage().maxRSS * 1024;
  figures.push({ name: 'peak-rss.bench', value: ownRss / mb, unit: 'MB', baseline: null, ratio: null, note: 'this process' });
  if (store.mode !== 'inprocess') {
    // STACK.md: dynalite server RSS after 200k items in memory ≈ 340 MB.
    const storeRss = (await store.peakRss()) / mb;
    // STACK.md: ~340 MB after 200k items in memory, ~135 MB on disk.
    const baseline = store.mode === 'disk' ? 135 : 340;
    figures.push({ name: 'peak-rss.store', value: storeRss, unit: 'MB', baseline, ratio: storeRss / baseline, note: `dynalite child (${store.mode === 'disk' ? 'on disk' : 'in memory'}); baseline: STACK.md, 200k items` });
  }
} finally {
  await store.close();
  await rm(tmpDir, { recursive: true, force: true });
}

const missed = figures.filter((f) => f.target && f.ratio !== null && (f.target.better === 'higher' ? f.ratio < f.target.ratio : f.ratio > f.target.ratio));
process.stdout.write(`${table(figures)}\n`);
if (missed.length > 0) process.stdout.write(`target missed: ${missed.map((f) => f.name).join(', ')}\n`);
if (values.json) {
  const round = (v: number | null) => (v === null ? null : Number(v.toPrecision(4)));
  process.stdout.write(`${JSON.stringify(figures.map((f) => ({ name: f.name, value: round(f.value), unit: f.unit, baseline: round(f.baseline), ratio: round(f.ratio) })))}\n`);
}
process.exit(values.strict && missed.length > 0 ? 1 : 0);

function table(rows: readonly Figure[]): string {
  const fmt = (v: number | null, digits = 0) => (v === null ? '—' : v.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const cells = rows.map((f) => [
    f.name,
    fmt(f.value, f.value < 100 ? 1 : 0),
    f.unit,
    fmt(f.baseline, f.baseline !== null && f.baseline < 100 ? 1 : 0),
    fmt(f.ratio, 2),
    f.target ? `${f.target.better === 'higher' ? '≥' : '≤'} ${f.target.ratio}` : '',
    f.note ?? '',
  ]);
  const head = ['bench', 'value', 'unit', 'baseline', 'ratio', 'target', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 1 || i === 3 || i === 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
