import { keys, type Key } from '#data/keys.ts';
import { entityFromItem, recordFromItem } from '#data/subjects.ts';
import { MAX_GET_KEYS, type ImportStore, type StoredRecord } from './store.ts';
import { knownSubject, type KnownSubject } from './validate.ts';

export type ExistenceMode = 'auto' | 'scan' | 'batch-get';

/** What the store already holds, learnt window by window. */
export interface Existence {
  /** Finds out, for these rows, whether their subjects are registered and which of their record ids are stored. */
  read(rows: readonly { subjectId: string; recordId: string; type: string }[]): Promise<ReadonlyMap<string, StoredRecord>>;
  /** After read(): the subject, or null when it is not registered. */
  subject(id: string): KnownSubject | null;
  /** A subject registered since it was read (registerSubjects). */
  learn(id: string, subject: KnownSubject): void;
  readonly mode: 'scan' | 'batch-get';
}

/** dynalite: a key read in BatchGetItem costs about as much as 5–8 items of a Scan (see bench/import.ts). */
const SCAN_ITEMS_PER_ROW = 5;
const SCAN_FROM_ROWS = 500;

/**
 * `batch-get` reads each window's profiles (once per subject and run) and record ids with
 * BatchGetItem, just before writing them. `scan` reads the profiles and the department's records in
 * one parallel Scan before the first row. `auto` scans for files of SCAN_FROM_ROWS rows or more and
 * gives the Scan up for BatchGetItem as soon as the table holds more than SCAN_ITEMS_PER_ROW items
 * per row of the file.
 */
export async function openExistence(
  store: ImportStore,
  options: { mode: ExistenceMode; rows: number; department: string; readConcurrency: number },
): Promise<Existence> {
  const { mode, rows } = options;
  if (mode === 'scan' || (mode === 'auto' && rows >= SCAN_FROM_ROWS)) {
    const snapshot = await store.snapshot(options.department, mode === 'scan' ? Infinity : rows * SCAN_ITEMS_PER_ROW);
    if (snapshot) {
      return {
        mode: 'scan',
        read: async () => snapshot.records,
        subject: (id) => snapshot.subjects.get(id) ?? null,
        learn: (id, subject) => void snapshot.subjects.set(id, subject),
      };
    }
  }
  const subjects = new Map<string, KnownSubject | null>();
  return {
    mode: 'batch-get',
    subject: (id) => subjects.get(id) ?? null,
    learn: (id, subject) => void subjects.set(id, subject),
    async read(wanted) {
      const keyed = new Map<string, Key>();
      for (const { subjectId, recordId, type } of wanted) {
        if (!subjects.has(subjectId)) keyed.set(`S${subjectId}`, keys.profile(subjectId));
        keyed.set(`R${recordId}`, keys.record(subjectId, recordId, type));
      }
      const items = await readAll(store, [...keyed.values()], options.readConcurrency);
      const records = new Map<string, StoredRecord>();
      for (const item of items) {
        if (item.SK === keys.profileSk) {
          const entity = entityFromItem(item);
          subjects.set(entity.id, knownSubject(entity));
        } else {
          const record = recordFromItem(item);
          records.set(record.recordId, record);
        }
      }
      for (const key of keyed.keys()) if (key[0] === 'S' && !subjects.has(key.slice(1))) subjects.set(key.slice(1), null);
      return records;
    },
  };
}

/** BatchGetItem over any number of keys, 100 per call, `concurrency` calls at a time. */
async function readAll(store: ImportStore, all: readonly Key[], concurrency: number): Promise<Record<string, unknown>[]> {
  const batches: Key[][] = [];
  for (let i = 0; i < all.length; i += MAX_GET_KEYS) batches.push(all.slice(i, i + MAX_GET_KEYS));
  const items: Record<string, unknown>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) items.push(...(await store.getItems(batches[next++]!)));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return items;
}
