import { correctRecord, type RecordChanges } from '#domain/corrections.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { repairVerdict } from '#domain/repair.ts';
import type { CreditRecord, RecordEvent, Stamp } from '#domain/records.ts';
import { findRecord, getRecord, saveRecordChange } from '#data/records.ts';
import { getEntity } from '#data/subjects.ts';
import { afterRecordWritten } from './record-written.ts';

/** The record, if the caller's department made it (分散录入、条线管理: each answers for its own). */
export async function ownRecord(recordId: string, department: string): Promise<CreditRecord> {
  const record = await findRecord(recordId);
  if (!record) throw new NotFoundError(`No record ${recordId}`);
  if (record.department !== department) {
    throw new ForbiddenError(`Record ${recordId} belongs to ${record.department}; only that department may change it`);
  }
  return record;
}

const eventOf = (action: RecordEvent['action'], stamp: Stamp, extra: Partial<RecordEvent>): RecordEvent => ({
  action,
  by: stamp.sub,
  department: stamp.department,
  at: stamp.at,
  requestId: stamp.requestId,
  ...extra,
});

const withEvent = (record: CreditRecord, fields: Partial<CreditRecord>, event: RecordEvent): CreditRecord => ({
  ...record,
  ...fields,
  version: record.version + 1,
  history: [...record.history, event],
});

/** A decision on the record as it stands: the changed record, or undefined when the request changes nothing. */
type Decide = (current: CreditRecord) => CreditRecord | undefined;

const ATTEMPTS = 5;

/**
 * Every change of a record goes through here: decide on the stored state, write conditionally on its
 * version, and when another change got there first, decide again on what it left (which may now be a
 * 409, e.g. ending a listing retracted meanwhile). Then what follows the change (notices).
 */
async function changeRecord(first: CreditRecord, decide: Decide): Promise<CreditRecord> {
  let current = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const after = decide(current);
    if (!after) {
      // A repeat: completes what the first request may not have finished.
      await afterRecordWritten(current);
      return current;
    }
    if (await saveRecordChange(current, after)) {
      await afterRecordWritten(after);
      return after;
    }
    const reread = await getRecord(current.subjectId, current.recordId, current.type);
    if (!reread) throw new NotFoundError(`No record ${current.recordId}`);
    current = reread;
  }
  throw new ConflictError(`Record ${first.recordId} is being changed by other requests; read it again and retry`);
}

/**
 * Retracts a record: it should never have existed, so it counts nowhere, not even for a past asOf.
 * Steps: a repeat with the same reason is a no-op; another reason is 409 → one conditional update.
 */
export function retractRecord(record: CreditRecord, reason: string, stamp: Stamp): Promise<CreditRecord> {
  return changeRecord(record, (current) => {
    if (current.retractedAt) {
      if (current.history.find((e) => e.action === 'retracted')?.reason === reason) return undefined;
      throw new ConflictError(`Record ${current.recordId} was already retracted at ${current.retractedAt}`);
    }
    return withEvent(current, { retractedAt: stamp.at }, eventOf('retracted', stamp, { reason }));
  });
}

/**
 * Ends a record from `endedOn` (the first day without effect).
 * Steps: not retracted (409) → a repeat with the same endedOn is a no-op, another is 409 → not before
 * the decision (400) → one conditional update.
 */
export function endRecord(record: CreditRecord, endedOn: string, reason: string, stamp: Stamp): Promise<CreditRecord> {
  return changeRecord(record, (current) => {
    if (current.retractedAt) throw new ConflictError(`Record ${current.recordId} is retracted and cannot be ended`);
    if (current.endedOn) {
      if (current.endedOn === endedOn) return undefined;
      throw new ConflictError(`Record ${current.recordId} already ends on ${current.endedOn}`);
    }
    if (endedOn < current.decidedOn) throw ValidationError.field('endedOn', `must not be before decidedOn (${current.decidedOn})`);
    return withEvent(current, { endedOn }, eventOf('ended', stamp, { reason, endedOn }));
  });
}

/**
 * Repairs a record (信用修复): publication, sharing and measures stop at once; the record and its
 * history stay. Steps: not retracted (409) → a repeat is a no-op → the repair rules (repairable kind,
 * minimum period passed; 422 naming the rule) → one conditional update.
 */
export function repairRecord(record: CreditRecord, reason: string, correctedOn: string, stamp: Stamp, today: string): Promise<CreditRecord> {
  return changeRecord(record, (current) => {
    if (current.retractedAt) throw new ConflictError(`Record ${current.recordId} is retracted; there is nothing to repair`);
    if (current.repairedAt) return undefined;
    if (correctedOn > today) throw ValidationError.field('correctedOn', 'must not be in the future');
    if (correctedOn < current.decidedOn) throw ValidationError.field('correctedOn', `must not be before the decision (${current.decidedOn})`);
    const verdict = repairVerdict(current, today);
    if (!verdict.allowed) throw InadmissibleError.field('recordId', verdict.rule);
    return withEvent(current, { repairedAt: stamp.at }, eventOf('repaired', stamp, { reason, correctedOn }));
  });
}

/**
 * Corrects a record's fields (更正) with a reason; the record keeps its id and its history every
 * earlier value. Steps: the rules of a new record on the corrected fields (400/422), retracted 409 →
 * one conditional update → notices when a listing's dates moved.
 */
export async function correctRecordFields(record: CreditRecord, changes: RecordChanges, reason: string, stamp: Stamp, today: string): Promise<CreditRecord> {
  const subject = await getEntity(record.subjectId);
  if (!subject) throw new NotFoundError(`No entity ${record.subjectId}`);
  return changeRecord(record, (current) => correctRecord(current, changes, reason, subject.kind, stamp, today));
}
