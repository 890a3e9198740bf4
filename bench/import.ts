import { join } from 'node:path';
import type { Now } from '#domain/clock.ts';
import { dynamo } from '#data/client.ts';
import { recordToItem } from '#data/records.ts';
import { csvMapper } from '#use-cases/import/map-columns.ts';
import { progressBar } from '#use-cases/import/progress.ts';
import { readSourceFile } from '#use-cases/import/rows.ts';
import { runImport, type ImportOptions } from '#use-cases/import/run-import.ts';
import { dynamoImportStore, type ImportStore } from '#use-cases/import/store.ts';
import { admit, checkBody } from '#use-cases/import/validate.ts';
import { benchSubjects, loadSubjects, writePenaltyCsv, writeThrough, type BenchSubject } from './support/credit-data.ts';
import { figure, type Bench, type BenchContext } from './support/types.ts';

/** STACK.md: BatchWriteItem load, 25/batch, 4 in flight, in memory (~300-byte items, no index). */
const STACK_BATCH_WRITE_ITEMS_PER_S = 10_400;
const CLOCK: Now = { at: '2026-11-01T00:00:00.000Z', today: '2026-11-01' };
const DEPARTMENT = 'MARKET';

/**
 * Records per second through the whole import path — CSV parsing, column mapping, recordBody and
 * buildRecord, the existence checks for subjects and record ids, BatchWriteItem of the new items —
 * against raw BatchWriteItem of the very same items, already built, 25 per call, with the same number
 * of calls in flight. Every side gets its own fresh table on the one store, dropped afterwards, so
 * each starts from an empty table. Sides: raw; import with existence `auto` (which scans here); import
 * with per-window BatchGetItem (`batch-get`, what `auto` falls back to when the table is much larger
 * than the file); --rounds rounds, each side the mean of its rounds. Then the same file again
 * (nothing to write).
 */
export const bench: Bench = {
  name: 'import',
  description: 'import path vs raw BatchWriteItem of the same records',
  async run(ctx) {
    const n = ctx.records;
    const subjects = benchSubjects(Math.max(1, Math.ceil(n / 2)));
    const file = join(ctx.tmpDir, 'penalties.csv');
    await writePenaltyCsv(file, subjects, n);
    ctx.log(`import: ${n} penalty rows over ${subjects.length} subjects`);

    // dynalite slows as it ages (a dropped table's items stay in memory), so the rounds run the sides
    // in ABC, CBA, … order and each side is the mean of its rounds: a linear drift cancels.
    const raws: Awaited<ReturnType<typeof rawSide>>[] = [];
    const autos: Awaited<ReturnType<typeof importSide>>[] = [];
    const batchGets: Awaited<ReturnType<typeof importSide>>[] = [];
    for (let round = 0; round < ctx.rounds; round++) {
      const last = round === ctx.rounds - 1;
      const sides = [
        async () => void raws.push(await rawSide(ctx, file, subjects)),
        async () => void autos.push(await importSide(ctx, file, subjects, 'auto', last)),
        async () => void batchGets.push(await importSide(ctx, file, subjects, 'batch-get', false)),
      ];
      for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
    }
    const raw = mean(raws);
    const auto = mean(autos);
    const batchGet = mean(batchGets);
    const rerunSeconds = autos.at(-1)!.rerunSeconds!;
    const rawRate = n / raw.seconds;
    const target = { ratio: 0.7, better: 'higher' as const };
    return [
      figure('import', n / auto.seconds, 'records/s', rawRate, { target, note: 'baseline: raw BatchWriteItem of the same items, this run' }),
      figure('import.batch-get', n / batchGet.seconds, 'records/s', rawRate, { note: 'existence by BatchGetItem instead of Scan' }),
      figure('import.re-run', n / rerunSeconds, 'rows/s', rawRate, { note: 'same file again: nothing written' }),
      figure('import.cpu-per-record', auto.cpu.bench + auto.cpu.store, 'µs', raw.cpu.bench + raw.cpu.store, {
        note: 'CPU of bench + store per record (load-independent); baseline: raw',
      }),
      figure('import.raw-batch-write', rawRate, 'items/s', STACK_BATCH_WRITE_ITEMS_PER_S, { note: 'baseline: STACK.md (smaller items, no index)' }),
      figure('import.cpu-only', n / raws[0]!.buildSeconds, 'rows/s', null, { note: 'parse, map, validate, build items; no store' }),
    ];
  },
};

/** Builds the items with the import's own modules (not timed as raw), then writes them raw. */
async function rawSide(ctx: BenchContext, file: string, subjects: readonly BenchSubject[]) {
  const n = ctx.records;
  const buildStarted = performance.now();
  const items = await buildItems(file, subjects);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  if (items.length !== n) throw new Error(`expected ${n} valid rows, built ${items.length}`);
  const table = await ctx.freshTable('raw');
  const cpuBefore = await ctx.cpuMicros();
  const started = performance.now();
  await writeThrough(dynamoImportStore({ client: dynamo, tableName: table }), items, ctx.concurrency);
  const seconds = (performance.now() - started) / 1000;
  const cpu = perRecord(cpuBefore, await ctx.cpuMicros(), n);
  await ctx.dropTable(table);
  ctx.log(`import: raw BatchWriteItem ${n} items in ${seconds.toFixed(2)} s; CPU µs/record bench ${cpu.bench.toFixed(0)}, store ${cpu.store.toFixed(0)}`);
  return { seconds, buildSeconds, cpu };
}

async function importSide(ctx: BenchContext, file: string, subjects: readonly BenchSubject[], existence: 'auto' | 'batch-get', rerun: boolean) {
  const n = ctx.records;
  const table = await ctx.freshTable(existence);
  const store = dynamoImportStore({ client: dynamo, tableName: table });
  await loadSubjects(store, subjects, ctx.concurrency);
  const cpuBefore = await ctx.cpuMicros();
  const options: ImportOptions = {
    file,
    department: DEPARTMENT,
    store,
    existence,
    concurrency: ctx.concurrency,
    clock: () => CLOCK,
    rejectsPath: join(ctx.tmpDir, 'penalties.rejects.csv'),
    progress: (total) => progressBar(total, { label: `import (${existence})` }),
  };
  const first = await runImport(options);
  if (first.created !== n) throw new Error(`import created ${first.created} of ${n} (rejected ${first.rejected})`);
  const cpu = perRecord(cpuBefore, await ctx.cpuMicros(), n);
  ctx.log(`import (${existence}): ${n} records in ${first.seconds.toFixed(2)} s; CPU µs/record bench ${cpu.bench.toFixed(0)}, store ${cpu.store.toFixed(0)}`);
  let rerunSeconds: number | undefined;
  if (rerun) {
    const again = await runImport({ ...options, progress: (total) => progressBar(total, { label: 're-run' }) });
    if (again.created !== 0 || again.unchanged !== n) throw new Error(`re-run created ${again.created}, unchanged ${again.unchanged}`);
    rerunSeconds = again.seconds;
  }
  await ctx.dropTable(table);
  return { seconds: first.seconds, rerunSeconds, cpu };
}

/** The mean seconds and CPU of several rounds of one side. */
function mean<T extends { seconds: number; cpu: { bench: number; store: number } }>(rounds: readonly T[]) {
  const avg = (f: (r: T) => number) => rounds.reduce((sum, r) => sum + f(r), 0) / rounds.length;
  return { seconds: avg((r) => r.seconds), cpu: { bench: avg((r) => r.cpu.bench), store: avg((r) => r.cpu.store) } };
}

function perRecord(before: { bench: number; store: number }, after: { bench: number; store: number }, n: number) {
  return { bench: (after.bench - before.bench) / n, store: (after.store - before.store) / n };
}

/** The items the import would write, built with its own modules (not part of the raw side's time). */
async function buildItems(file: string, subjects: readonly BenchSubject[]): Promise<Record<string, unknown>[]> {
  const source = await readSourceFile(file);
  const mapper = csvMapper(source.header ?? [], 'penalty');
  const known = new Map(subjects.map((s) => [s.id, { kind: 'enterprise' as const, region: s.id.slice(2, 8) }]));
  const stamp = { sub: `import:${DEPARTMENT}`, department: DEPARTMENT, at: CLOCK.at, requestId: 'bench' };
  const items: Record<string, unknown>[] = [];
  for (const row of source.rows) {
    if (row.kind !== 'csv') continue;
    const checked = checkBody(mapper.map(row.values), CLOCK.today);
    if (!checked.ok) continue;
    const subject = known.get(checked.value.subjectId);
    const admitted = admit(checked.value, subject, stamp);
    if (admitted.ok) items.push(recordToItem(admitted.value, subject!));
  }
  return items;
}

