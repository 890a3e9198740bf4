import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { now as clockNow, type Now } from '#domain/clock.ts';
import type { FieldProblem } from '#domain/errors.ts';
import { recordIdFor, type CreditRecord, type RecordInput, type Stamp } from '#domain/records.ts';
import { dynamo, tableName } from '#data/client.ts';
import { keys, type Key } from '#data/keys.ts';
import { recordToItem } from '#data/records.ts';
import { entityFromItem, recordFromItem } from '#data/subjects.ts';
import { afterListingChange } from '#use-cases/notify.ts';
import { csvMapper, mapJsonRow, type DefaultType, type MappedRow } from './map-columns.ts';
import { silentProgress, type Progress } from './progress.ts';
import { formatSummary, writeRejects, type ImportSummary, type RejectLine } from './report.ts';
import { readSourceFile, type SourceRow } from './rows.ts';
import { dynamoImportStore, MAX_GET_KEYS, MAX_WRITE_ITEMS, type ImportStore } from './store.ts';
import { admit, checkBody, type KnownSubject } from './validate.ts';
import { BatchWriter, type WriteEntry } from './writer.ts';

export interface ImportOptions {
  file: string;
  /** The department entering the records (the API's token `dept`). */
  department: string;
  /** Who entered them (the token's `sub`); default `import:<department>`. */
  sub?: string;
  /** Type of rows that say none; default penalty. */
  defaultType?: DefaultType;
  /** Default `<file>.rejects.csv`. */
  rejectsPath?: string;
  /** Items per BatchWriteItem (1–25). */
  batchSize?: number;
  /** BatchWriteItem calls in flight. */
  concurrency?: number;
  /** BatchGetItem calls in flight. */
  readConcurrency?: number;
  /** Rows validated and read together; the next window's reads overlap this window's writes. */
  windowRows?: number;
  /** Only the first N rows of the file. */
  limit?: number;
  store?: ImportStore;
  /** Called for each listing the import creates (change notices); default the API's. */
  onListing?: (record: CreditRecord, stamp: Stamp) => Promise<void>;
  progress?: (total: number) => Progress;
  signal?: AbortSignal;
  clock?: () => Now;
}

/** Thrown when the store fails part-way; carries the summary of what was decided before. */
export class ImportInterruptedError extends Error {
  constructor(
    readonly summary: ImportSummary,
    override readonly cause: unknown,
  ) {
    super(`import interrupted: ${(cause as Error)?.message ?? String(cause)}\n${formatSummary(summary)}`);
    this.name = 'ImportInterruptedError';
  }
}

interface Candidate {
  row: number;
  input: RecordInput;
  recordId: string;
  columnOf: MappedRow['columnOf'];
}

interface Window {
  candidates: Candidate[];
  existing: Map<string, CreditRecord>;
}

type Outcome = 'pending' | 'created' | 'unchanged' | 'conflict';

/**
 * Imports a file of records for one department with the API's rules, without ever overwriting a
 * stored item. Steps, per window of rows:
 *  1. map each row to an API body and check it as POST /v1/records would before reading the store;
 *  2. read, in bulk, the profiles of subjects not seen yet in this run and the record ids the rows
 *     would get (the id is a function of department, subject and document number);
 *  3. in file order: the subject must exist, buildRecord decides; the first row for a record id wins,
 *     a stored record with the same content is left alone, one with other content is a conflict;
 *  4. new records go to the batch writer (BatchWriteItem, several in flight, retried with back-off),
 *     while step 2 already runs for the next window; each new listing notifies like the API.
 * Later rows for a record id already seen in the file are settled at the end against the first one.
 * Re-running a file writes nothing new; an interrupted run is completed by running it again.
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const clock = (options.clock ?? clockNow)();
  const runId = randomUUID().slice(0, 8);
  const sub = options.sub ?? `import:${options.department}`;
  const stampFor = (row: number): Stamp => ({ sub, department: options.department, at: clock.at, requestId: `import:${runId}:${row}` });
  const store = options.store ?? dynamoImportStore({ client: dynamo, tableName });
  const onListing = options.onListing ?? ((record, stamp) => afterListingChange(record, 'listed', stamp));
  const rejectsPath = options.rejectsPath ?? `${options.file}.rejects.csv`;
  const defaultType = options.defaultType ?? 'penalty';
  const windowRows = options.windowRows ?? 1000;
  const readConcurrency = options.readConcurrency ?? 2;

  const source = await readSourceFile(options.file);
  const rows = options.limit !== undefined ? source.rows.slice(0, options.limit) : source.rows;
  const mapper = source.format === 'csv' ? csvMapper(source.header ?? [], defaultType) : undefined;
  const progress = (options.progress ?? (() => silentProgress))(rows.length);

  const tally = { created: 0, unchanged: 0, conflicting: 0, rejected: 0 };
  const processed = () => tally.created + tally.unchanged + tally.conflicting + tally.rejected;
  const rejects: RejectLine[] = [];
  const subjects = new Map<string, KnownSubject | null>();
  const firstRows = new Map<string, { row: number; hash: string; outcome: Outcome }>();
  const laterRows: { row: number; recordId: string; hash: string; columnOf: MappedRow['columnOf'] }[] = [];

  const reject = (row: number, columnOf: MappedRow['columnOf'], problems: readonly FieldProblem[]) => {
    tally.rejected++;
    for (const p of problems) rejects.push({ row, field: columnOf(p.path), reason: p.message });
  };
  const conflict = (row: number, columnOf: MappedRow['columnOf'], reason: string) => {
    tally.conflicting++;
    rejects.push({ row, field: columnOf('documentNo'), reason });
  };

  /** Step 1. */
  const prepare = (source: SourceRow): Candidate | undefined => {
    if (source.kind === 'unreadable') {
      reject(source.row, (f) => f, [{ path: '(row)', message: source.reason }]);
      return undefined;
    }
    const mapped = source.kind === 'csv' ? mapper!.map(source.values) : mapJsonRow(source.value, defaultType);
    const checked = checkBody(mapped, clock.today);
    if (!checked.ok) {
      reject(source.row, mapped.columnOf, checked.problems);
      return undefined;
    }
    const input = checked.value;
    return { row: source.row, input, recordId: recordIdFor(options.department, input.subjectId, input.documentNo), columnOf: mapped.columnOf };
  };

  /** Step 2. */
  const readWindow = async (slice: readonly SourceRow[]): Promise<Window> => {
    const candidates = slice.map(prepare).filter((c): c is Candidate => c !== undefined);
    const wanted = new Map<string, Key>();
    for (const c of candidates) {
      if (!subjects.has(c.input.subjectId)) wanted.set(`S${c.input.subjectId}`, keys.profile(c.input.subjectId));
      wanted.set(`R${c.recordId}`, keys.record(c.input.subjectId, c.recordId));
    }
    const items = await readAll(store, [...wanted.values()], readConcurrency);
    const existing = new Map<string, CreditRecord>();
    const found = new Set<string>();
    for (const item of items) {
      if (item.SK === keys.profileSk) {
        const entity = entityFromItem(item);
        subjects.set(entity.id, { kind: entity.kind, legalRepresentativeId: entity.legalRepresentativeId });
        found.add(entity.id);
      } else {
        const record = recordFromItem(item);
        existing.set(record.recordId, record);
      }
    }
    for (const key of wanted.keys()) if (key[0] === 'S' && !found.has(key.slice(1))) subjects.set(key.slice(1), null);
    return { candidates, existing };
  };

  const writer = new BatchWriter(store, {
    batchSize: Math.min(Math.max(options.batchSize ?? MAX_WRITE_ITEMS, 1), MAX_WRITE_ITEMS),
    concurrency: Math.max(options.concurrency ?? 4, 1),
    onWritten: async (batch: WriteEntry[]) => {
      for (const entry of batch) {
        tally.created++;
        firstRows.get(entry.record.recordId)!.outcome = 'created';
      }
      progress.update(processed());
      for (const { record } of batch) {
        if (record.type === 'listing') {
          await onListing(record, { sub: record.createdBy, department: record.department, at: record.createdAt, requestId: record.requestId });
        }
      }
    },
  });

  /** Step 3. */
  const decide = (window: Window) => {
    for (const c of window.candidates) {
      const subject = subjects.get(c.input.subjectId) ?? undefined;
      const admitted = admit(c.input, subject, stampFor(c.row));
      if (!admitted.ok) {
        reject(c.row, c.columnOf, admitted.problems);
        continue;
      }
      const record = admitted.value;
      if (firstRows.has(record.recordId)) {
        laterRows.push({ row: c.row, recordId: record.recordId, hash: record.contentHash, columnOf: c.columnOf });
        continue;
      }
      const stored = window.existing.get(record.recordId);
      if (!stored) {
        firstRows.set(record.recordId, { row: c.row, hash: record.contentHash, outcome: 'pending' });
        writer.add({ row: c.row, record, item: recordToItem(record, subject!.legalRepresentativeId) });
      } else if (stored.contentHash === record.contentHash) {
        firstRows.set(record.recordId, { row: c.row, hash: record.contentHash, outcome: 'unchanged' });
        tally.unchanged++;
      } else {
        firstRows.set(record.recordId, { row: c.row, hash: record.contentHash, outcome: 'conflict' });
        conflict(c.row, c.columnOf, `${options.department} already entered document ${record.documentNo} for ${record.subjectId} with different content (record ${stored.recordId})`);
      }
    }
    progress.update(processed());
  };

  let failure: { error: unknown } | undefined;
  let aborted = false;
  const onAbort = () => writer.stop();
  options.signal?.addEventListener('abort', onAbort);
  try {
    let next: Promise<Window> | undefined = readWindow(rows.slice(0, windowRows));
    for (let start = 0; next; start += windowRows) {
      const window = await next;
      next = undefined;
      if (options.signal?.aborted) break;
      const following = start + windowRows;
      if (following < rows.length) {
        next = readWindow(rows.slice(following, following + windowRows));
        next.catch(() => {}); // awaited on the next turn; a failure there must not go unhandled meanwhile
      }
      decide(window);
      // Keep a few batches queued beyond those in flight: enough to never starve, bounded in memory.
      await writer.room(4);
    }
    await writer.drain();
  } catch (error) {
    failure = { error };
    writer.stop();
    await writer.drain().catch(() => {});
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  aborted = Boolean(options.signal?.aborted);

  // Later rows for the same record id are settled against the first one.
  for (const later of laterRows) {
    const first = firstRows.get(later.recordId)!;
    if (first.outcome === 'pending') continue;
    if (later.hash !== first.hash) {
      conflict(later.row, later.columnOf, `repeats the document of row ${first.row} with different content`);
    } else if (first.outcome === 'conflict') {
      conflict(later.row, later.columnOf, `repeats row ${first.row}, which conflicts with the stored record`);
    } else {
      tally.unchanged++;
    }
  }
  progress.done(processed());

  await writeRejects(rejectsPath, rejects);
  const summary: ImportSummary = {
    file: basename(options.file),
    department: options.department,
    read: rows.length,
    ...tally,
    notProcessed: rows.length - processed(),
    seconds: (performance.now() - started) / 1000,
    rejectsPath,
    rejectLines: rejects.length,
    interrupted: Boolean(failure) || aborted,
    ignoredColumns: mapper?.ignored ?? [],
  };
  if (failure) throw new ImportInterruptedError(summary, failure.error);
  return summary;
}

/** BatchGetItem over any number of keys, 100 per call, `concurrency` calls at a time. */
async function readAll(store: ImportStore, all: readonly Key[], concurrency: number): Promise<Record<string, unknown>[]> {
  const batches: Key[][] = [];
  for (let i = 0; i < all.length; i += MAX_GET_KEYS) batches.push(all.slice(i, i + MAX_GET_KEYS));
  const items: Record<string, unknown>[] = [];
  let nextBatch = 0;
  const worker = async () => {
    while (nextBatch < batches.length) items.push(...(await store.getItems(batches[nextBatch++]!)));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return items;
}
