import type { CheckLog } from '#domain/checks.ts';
import { docketEntryOf } from '#domain/dockets.ts';
import type { Entity } from '#domain/entities.ts';
import type { Feedback } from '#domain/feedback.ts';
import { checkEvent, feedbackEvent } from '#domain/ledger.ts';
import type { CreditRecord } from '#domain/records.ts';
import { checkFromItem, feedbackOnCheckFromItem, type FeedbackOn } from '#data/checks.ts';
import { fileOnDocket, settleOnDocket } from '#data/dockets.ts';
import { keys, type Key } from '#data/keys.ts';
import { applyLedgerEvents } from '#data/ledger.ts';
import { objectionFromItem, repairApplicationFromItem } from '#data/petitions.ts';
import { getAllMarked, getMarked, listOutbox } from '#data/outbox.ts';
import { clearRecordOutbox, reindexRecords } from '#data/records.ts';
import { writeNameIndex } from '#data/search.ts';
import { clearEntityOutbox, entityFromItem, recordFromItem } from '#data/subjects.ts';
import { writeListingNotices } from './notify.ts';
import { settleObjection } from './objections.ts';
import { settleRepairApplication } from './repair-applications.ts';

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

/**
 * The checks that returned measures, on their department's docket (written once). The request that
 * logs a check files it before it answers, so the checks awaiting feedback show it at once.
 */
export async function fileOnDockets(logs: readonly CheckLog[]): Promise<void> {
  await Promise.all(logs.filter((log) => log.answer.measures.length > 0).map((log) => fileOnDocket(docketEntryOf(log))));
}

/**
 * Checks into the ledger. Steps: on the docket, should the request have died before filing them →
 * the ledger's events, which clear the checks' marks. Not in the check's request: counting there would
 * cost the hot path five store calls (a fifth of its throughput); the table's stream in AWS and the
 * local sweep count checks in batches, within seconds (a feedback's request counts its check first).
 */
export async function projectChecks(logs: readonly CheckLog[]): Promise<void> {
  await fileOnDockets(logs);
  await applyLedgerEvents(logs.map((log) => ({ event: checkEvent(log), source: keys.subjectCheck(log.subjectId, log.checkId) })));
}

/** Counts the checks at these keys that still carry their mark, together; how many it counted. */
export async function completeChecks(checkKeys: readonly Key[]): Promise<number> {
  const unique = [...new Map(checkKeys.map((k) => [`${k.PK}\n${k.SK}`, k])).values()];
  const logs = (await getAllMarked(unique)).map(checkFromItem);
  if (logs.length > 0) await projectChecks(logs);
  return logs.length;
}

/**
 * A feedback into the ledger and off the docket. Steps: the check's own projection first, should it
 * still be pending (so the measure is on the docket and counted as returned) → the measure settled
 * on the docket → the ledger's event, which clears the feedback's mark.
 */
export async function projectFeedback(feedback: Feedback & FeedbackOn): Promise<void> {
  await completePending(keys.subjectCheck(feedback.subjectId, feedback.checkId));
  if (!(await settleOnDocket(feedback, feedback.measure))) throw new Error(`Check ${feedback.checkId} is not on ${feedback.department}'s docket`);
  await applyLedgerEvents([{ event: feedbackEvent(feedback), source: keys.checkFeedback(feedback.checkId, feedback.measure) }]);
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
  else if (sk.startsWith(keys.subjectCheckPrefix)) await projectChecks([checkFromItem(item)]);
  else if (String(item.PK).startsWith(keys.checkFeedbackPartition(''))) await projectFeedback(feedbackOnCheckFromItem(item));
  else if (sk.startsWith(keys.objectionPrefix)) await settleObjection(objectionFromItem(item));
  else if (sk.startsWith(keys.repairApplicationPrefix)) await settleRepairApplication(repairApplicationFromItem(item));
  else return false;
  return true;
}

/** Check logs a sweep counts together. */
const SWEEP_BATCH = 100;

export const isCheckLog = (key: Key) => key.SK.startsWith(keys.subjectCheckPrefix);

/**
 * The sweep: every check log not yet in the ledger, in batches (no request counts them); every other
 * item whose mark is older than `settleMs` (younger ones are most likely still being completed by
 * their own request — completing them twice would be harmless, only wasted work).
 */
export async function sweepOutbox(settleMs = 2_000, now = Date.now()): Promise<number> {
  const settled = new Date(now - settleMs).toISOString();
  let completed = 0;
  let checks: Key[] = [];
  for await (const { key, markedAt } of listOutbox('~')) {
    if (isCheckLog(key)) {
      checks.push(key);
      if (checks.length >= SWEEP_BATCH) {
        completed += await completeChecks(checks);
        checks = [];
      }
    } else if (markedAt < settled && (await completePending(key))) completed++;
  }
  if (checks.length > 0) completed += await completeChecks(checks);
  return completed;
}
