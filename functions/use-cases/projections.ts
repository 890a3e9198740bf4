import type { Entity } from '#domain/entities.ts';
import type { CreditRecord } from '#domain/records.ts';
import { keys, type Key } from '#data/keys.ts';
import { getMarked, listOutbox } from '#data/outbox.ts';
import { clearRecordOutbox, reindexRecords } from '#data/records.ts';
import { writeNameIndex } from '#data/search.ts';
import { clearEntityOutbox, entityFromItem, recordFromItem } from '#data/subjects.ts';
import { writeListingNotices } from './notify.ts';

/**
 * Projections: views derived from a fact after the fact's own atomic write — the notices of a listing's
 * changes, the search index of an entity's name. The fact's item carries an outbox mark in the same
 * write; the projection is written idempotently and then clears the mark (only if the fact has not
 * changed since). The request that wrote the fact completes it at once; if it died first, a retried
 * request, the local runtime's sweep or, in AWS, the table's stream completes it.
 */
export async function projectListing(record: CreditRecord): Promise<void> {
  await writeListingNotices(record);
  await clearRecordOutbox(record);
}

export async function projectEntity(entity: Entity): Promise<void> {
  await writeNameIndex(entity);
  await reindexRecords(entity);
  await clearEntityOutbox(entity.id, entity.version);
}

/** Completes whatever an item's outbox mark says is pending (nothing when the mark is gone). */
export async function completePending(key: Key): Promise<boolean> {
  const item = await getMarked(key);
  return item ? projectItem(item) : false;
}

/** The projection of a stored item that carries an outbox mark (also what the stream handler calls). */
export async function projectItem(item: Record<string, unknown>): Promise<boolean> {
  if (item.GSI2PK !== keys.outboxPartition) return false;
  const sk = String(item.SK);
  if (sk === keys.profileSk) await projectEntity(entityFromItem(item));
  else if (sk.startsWith(keys.listingPrefix)) await projectListing(recordFromItem(item));
  else return false;
  return true;
}

/**
 * The sweep: every item whose mark is older than `settleMs` (younger ones are most likely still being
 * completed by their own request — completing them twice would be harmless, only wasted work).
 */
export async function sweepOutbox(settleMs = 2_000, now = Date.now()): Promise<number> {
  let completed = 0;
  for await (const key of listOutbox(new Date(now - settleMs).toISOString())) {
    if (await completePending(key)) completed++;
  }
  return completed;
}
