import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { now as clockNow, type Now } from '#domain/clock.ts';
import { idFamily } from '#domain/identifiers.ts';
import { provisionalEntityInput } from '#domain/entities.ts';
import { recordIdFor, type CreditRecord, type RecordInput, type Stamp } from '#domain/records.ts';
import { dynamo, tableName } from '#data/client.ts';
import { keys, type Key } from '#data/keys.ts';
import { recordToItem } from '#data/records.ts';
import { recordFromItem } from '#data/subjects.ts';
import { registerProvisional } from '#use-cases/put-entity.ts';
import { afterRecordWritten } from '#use-cases/record-written.ts';
import { csvMapper, mapJsonRow, SUBJECT_NAME_FIELD, type DefaultType, type MappedRow } from './map-columns.ts';
import { silentProgress, type Progress } from './progress.ts';
import { Ledger } from './ledger.ts';
import { formatSummary, rejectsCsv, writeRejects, type ImportSummary } from './report.ts';
import { ImportFileError, parseSource, readSourceFile, type SourceFile, type SourceFormat, type SourceRow } from './rows.ts';

export { ImportFileError };
import { openExistence, type ExistenceMode } from './existence.ts';
import { dynamoImportStore, MAX_GET_KEYS, MAX_WRITE_ITEMS, type ImportStore, type StoredRecord } from './store.ts';
import { admit, checkBody, knownSubject } from './validate.ts';
import { BatchWriter, type WriteEntry } from './writer.ts';

/** An import file already in memory (the import job's upload), rather than a path. */
export interface ImportBytes {
  name: string;
  format: SourceFormat;
  bytes: Buffer;
}

export interface ImportOptions {
  /** A path (its extension says the format), or the file's bytes. */
  file: string | ImportBytes;
  /** The department entering the records (the API's token `dept`). */
  department: string;
  /** Who entered them (the token's `sub`); default `import:<department>`. */
  sub?: string;
  /** Type of rows that say none; default penalty. */
  defaultType?: DefaultType;
  /** Default `<file>.rejects.csv`; with saveRejects, only what the summary calls the reject file. */
  rejectsPath?: string;
  /** Stores the reject file (CSV text) instead of writing it to rejectsPath; called only when there are reject lines. */
  saveRejects?: (csv: string) => Promise<void>;
  /**
   * Registers a subject the register does not hold from the row's name and code, as a provisional
   * entity (API.md, imports), instead of rejecting the row. Default false.
   */
  registerSubjects?: boolean;
  /**
   * Marks this run's writes (each stamp's requestId is `<prefix>:<row>`), and counts records and
   * subjects an earlier attempt with the same prefix wrote as created and registered by this one, so
   * that a job run again after a crash ends with the counts of one uninterrupted run. Default a new
   * `import:<random>` per run.
   */
  requestIdPrefix?: string;
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
  /** How stored subjects and records are found (see openExistence); default auto. */
  existence?: ExistenceMode;
  store?: ImportStore;
  /**
   * What follows a listing, as in the API: the profile's listing view that checks read, then the
   * change notices. Called for each listing the import creates, and again with the stored record for
   * each it finds already there — as an API retry does — so that a re-run completes what an
   * interrupted run left between the record and its derived items. Must be idempotent.
   */
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
  subjectName: string | undefined;
}

interface Window {
  candidates: Candidate[];
  existing: ReadonlyMap<string, StoredRecord>;
}

/** Rows of CPU work between two turns of the event loop, so finished writes are followed promptly. */
const SLICE_ROWS = 50;
/** Subjects registered at a time (each is a profile write and its name index). */
const REGISTER_CONCURRENCY = 8;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Imports a file of records for one department with the API's rules, without ever overwriting a
 * stored item. Steps, per window of rows:
 *  1. map each row to an API body and check it as POST /v1/records would before reading the store;
 *  2. find out which subjects are registered and which of the record ids the rows would get are
 *     stored (the id is a function of department, subject and document number): BatchGetItem per
 *     window, or one Scan up front for a bulk load (openExistence);
 *  3. with registerSubjects, each subject the window names that is not registered and whose row would
 *     be admitted is registered as a provisional entity from the row's name and code;
 *  4. in file order: the subject must exist, buildRecord decides; the first row for a record id wins,
 *     a stored record with the same content is left alone, one with other content is a conflict;
 *  5. new records go to the batch writer (BatchWriteItem, several in flight, retried with back-off),
 *     while step 2 already runs for the next window; after each new listing, and after each listing
 *     found already stored, what the API does after one (onListing).
 * Later rows for a record id already seen in the file are settled at the end against the first one.
 * Re-running a file writes nothing new; an interrupted run is completed by running it again.
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const clock = (options.clock ?? clockNow)();
  const prefix = options.requestIdPrefix ?? `import:${randomUUID().slice(0, 8)}`;
  const ownWrite = (requestId: string | undefined) => options.requestIdPrefix !== undefined && requestId?.startsWith(`${prefix}:`) === true;
  const sub = options.sub ?? `import:${options.department}`;
  const stampFor = (row: number): Stamp => ({ sub, department: options.department, at: clock.at, requestId: `${prefix}:${row}` });
  const store = options.store ?? dynamoImportStore({ client: dynamo, tableName });
  // What the API does after a listing is written: its notices (idempotent, so a re-run completes them).
  const onListing = options.onListing ?? ((record: CreditRecord) => afterRecordWritten(record));
  const fileName = typeof options.file === 'string' ? options.file : options.file.name;
  const rejectsPath = options.rejectsPath ?? `${fileName}.rejects.csv`;
  const defaultType = options.defaultType ?? 'penalty';
  const windowRows = options.windowRows ?? 500;

  const source = await readSource(options.file);
  const rows = options.limit !== undefined ? source.rows.slice(0, options.limit) : source.rows;
  const mapper = source.format === 'csv' ? csvMapper(source.header ?? [], defaultType) : undefined;
  if (mapper && mapper.missing.length > 0) {
    throw new ImportFileError(`${fileName}: the header has no column ${mapper.missing.join(', no column ')}; found: ${(source.header ?? []).join(', ')}`);
  }
  const progress = (options.progress ?? (() => silentProgress))(rows.length);

  const ledger = new Ledger();
  const storedListings: Key[] = [];
  const stampOf = (record: CreditRecord): Stamp => ({ sub: record.createdBy, department: record.department, at: record.createdAt, requestId: record.requestId });

  /** Step 1. */
  const prepare = (source: SourceRow): Candidate | undefined => {
    if (source.kind === 'unreadable') {
      ledger.reject(source.row, (f) => f, [{ path: '(row)', message: source.reason }]);
      return undefined;
    }
    const mapped = source.kind === 'csv' ? mapper!.map(source.values) : mapJsonRow(source.value, defaultType);
    const checked = checkBody(mapped, clock.today);
    if (!checked.ok) {
      ledger.reject(source.row, mapped.columnOf, checked.problems);
      return undefined;
    }
    const input = checked.value;
    return {
      row: source.row,
      input,
      recordId: recordIdFor(options.department, input.subjectId, input.documentNo),
      columnOf: mapped.columnOf,
      subjectName: mapped.subjectName,
    };
  };

  const existence = await openExistence(store, {
    mode: options.existence ?? 'auto',
    rows: rows.length,
    department: options.department,
    readConcurrency: options.readConcurrency ?? 2,
  });

  /** Steps 1 and 2, for one window; CPU work in slices so that finished writes are followed promptly. */
  const readWindow = async (slice: readonly SourceRow[]): Promise<Window> => {
    const candidates: Candidate[] = [];
    for (let i = 0; i < slice.length; i += SLICE_ROWS) {
      if (i > 0) await yieldToIo();
      for (const row of slice.slice(i, i + SLICE_ROWS)) {
        const c = prepare(row);
        if (c) candidates.push(c);
      }
    }
    const existing = await existence.read(candidates.map((c) => ({ subjectId: c.input.subjectId, recordId: c.recordId, type: c.input.type })));
    return { candidates, existing };
  };

  /** What a provisional registration from this row would make of its subject. */
  const wouldBeSubject = (c: Candidate) => provisionalEntityInput(c.input.subjectId, c.subjectName ?? '', idFamily(c.input.subjectId, clock.today)!);
  const counted = new Set<string>();
  /** A subject this import registered, in this run or an earlier attempt, is counted once. */
  const countRegistered = (id: string) => {
    if (counted.has(id)) return;
    counted.add(id);
    ledger.tally.registered++;
  };
  /** Step 3: the first admissible row naming an unregistered subject registers it (several at a time). */
  const registerMissing = async (window: Window) => {
    const wanted = new Map<string, Candidate>();
    for (const c of window.candidates) {
      const id = c.input.subjectId;
      if (wanted.has(id) || existence.subject(id) || !c.subjectName) continue;
      if (admit(c.input, wouldBeSubject(c), stampFor(c.row)).ok) wanted.set(id, c);
    }
    const queue = [...wanted.values()];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const id = c.input.subjectId;
        const { created, entity } = await registerProvisional(id, c.subjectName!, idFamily(id, clock.today)!, stampFor(c.row), clock.today);
        existence.learn(id, knownSubject(entity));
        if (created) countRegistered(id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(REGISTER_CONCURRENCY, queue.length) }, worker));
  };

  const writer = new BatchWriter(store, {
    batchSize: Math.min(Math.max(options.batchSize ?? MAX_WRITE_ITEMS, 1), MAX_WRITE_ITEMS),
    concurrency: Math.max(options.concurrency ?? 4, 1),
    onWritten: async (batch: WriteEntry[]) => {
      for (const entry of batch) ledger.created(entry.record.recordId);
      progress.update(ledger.processed, ledger.tally);
      for (const { record } of batch) {
        if (record.type === 'listing') {
          await onListing(record, stampOf(record));
        }
      }
    },
  });

  /** Step 4. */
  const decide = async (window: Window) => {
    for (const [n, c] of window.candidates.entries()) {
      if (n > 0 && n % SLICE_ROWS === 0) await yieldToIo();
      const subject = existence.subject(c.input.subjectId) ?? undefined;
      if (!subject && options.registerSubjects) {
        // Not registered in step 3: the row lacks a name, or would not be admitted for the subject it names.
        const refused = c.subjectName ? admit(c.input, wouldBeSubject(c), stampFor(c.row)) : undefined;
        ledger.reject(c.row, c.columnOf, refused && !refused.ok
          ? refused.problems
          : [{ path: SUBJECT_NAME_FIELD, message: `is required to register ${c.input.subjectId}, which is not registered` }]);
        continue;
      }
      const admitted = admit(c.input, subject, stampFor(c.row));
      if (!admitted.ok) {
        ledger.reject(c.row, c.columnOf, admitted.problems);
        continue;
      }
      if (subject?.provisional && ownWrite(subject.requestId)) countRegistered(c.input.subjectId);
      const record = admitted.value;
      if (!ledger.claim(record.recordId, c.row, record.contentHash, c.columnOf)) continue;
      const stored = window.existing.get(record.recordId);
      if (!stored) {
        writer.add({ row: c.row, record, item: recordToItem(record, subject!) });
      } else if (stored.contentHash === record.contentHash && ownWrite(stored.requestId)) {
        // Written by an earlier attempt of this same import: it is this import's record.
        ledger.created(record.recordId);
        if (record.type === 'listing') storedListings.push(keys.record(record.subjectId, record.recordId, record.type));
      } else if (stored.contentHash === record.contentHash) {
        ledger.unchanged(record.recordId);
        if (record.type === 'listing') storedListings.push(keys.record(record.subjectId, record.recordId, record.type));
      } else {
        ledger.conflict(record.recordId, c.row, c.columnOf,
          `${options.department} already entered document ${record.documentNo} for ${record.subjectId} with different content (record ${stored.recordId})`);
      }
    }
    progress.update(ledger.processed, ledger.tally);
  };

  let failure: { error: unknown } | undefined;
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
      if (options.registerSubjects) await registerMissing(window);
      await decide(window);
      // Keep a few batches queued beyond those in flight: enough to never starve, bounded in memory.
      await writer.room(4);
    }
    await writer.drain();
    // Listings already stored: their derived items again, from the stored record (it may have been
    // retracted or ended since), after this run's own writes.
    for (let i = 0; i < storedListings.length && !options.signal?.aborted; i += MAX_GET_KEYS) {
      for (const item of await store.getItems(storedListings.slice(i, i + MAX_GET_KEYS))) {
        const record = recordFromItem(item);
        await onListing(record, stampOf(record));
      }
    }
  } catch (error) {
    failure = { error };
    writer.stop();
    await writer.drain().catch(() => {});
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  ledger.settleRepeats();
  progress.done(ledger.processed, ledger.tally);

  if (!options.saveRejects) await writeRejects(rejectsPath, ledger.rejects);
  else if (ledger.rejects.length > 0) await options.saveRejects(rejectsCsv(ledger.rejects));
  const summary: ImportSummary = {
    file: basename(fileName),
    department: options.department,
    read: rows.length,
    ...ledger.tally,
    notProcessed: rows.length - ledger.processed,
    seconds: (performance.now() - started) / 1000,
    rejectsPath,
    rejectLines: ledger.rejects.length,
    interrupted: Boolean(failure) || Boolean(options.signal?.aborted),
    ignoredColumns: mapper?.ignored ?? [],
    encoding: source.encoding,
  };
  if (failure) throw new ImportInterruptedError(summary, failure.error);
  return summary;
}

async function readSource(file: string | ImportBytes): Promise<SourceFile> {
  return typeof file === 'string' ? readSourceFile(file) : parseSource(file.bytes, file.format, file.name);
}
