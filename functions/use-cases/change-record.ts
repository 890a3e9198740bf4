import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { repairVerdict } from '#domain/repair.ts';
import type { CreditRecord, RecordEvent, Stamp } from '#domain/records.ts';
import { applyRecordChange, findRecord } from '#data/records.ts';
import { afterListingChange, type ListingEvent } from './notify.ts';
import { applyListingEffect } from '#data/subjects.ts';

/** The record, if the caller's department made it (分散录入、条线管理: each answers for its own). */
async function ownRecord(recordId: string, stamp: Stamp): Promise<CreditRecord> {
  const record = await findRecord(recordId);
  if (!record) throw new NotFoundError(`No record ${recordId}`);
  if (record.department !== stamp.department) {
    throw new ForbiddenError(`Record ${recordId} belongs to ${record.department}; only that department may change it`);
  }
  return record;
}

/** A listing's change reaches the profile's view (what checks read), then the departments that checked. */
async function listingChanged(record: CreditRecord, event: ListingEvent, stamp: Stamp): Promise<void> {
  await applyListingEffect(record);
  await afterListingChange(record, event, stamp);
}

const eventOf = (action: RecordEvent['action'], stamp: Stamp, extra: Partial<RecordEvent>): RecordEvent => ({
  action,
  by: stamp.sub,
  department: stamp.department,
  at: stamp.at,
  requestId: stamp.requestId,
  ...extra,
});

/**
 * Retracts a record: it should never have existed, so it counts nowhere, not even for a past asOf.
 * Steps: own record → a repeat with the same reason is a no-op; another reason is 409 → one update.
 */
export async function retractRecord(recordId: string, reason: string, stamp: Stamp): Promise<CreditRecord> {
  const record = await ownRecord(recordId, stamp);
  if (record.retractedAt) {
    const previous = record.history.find((e) => e.action === 'retracted');
    if (previous?.reason === reason) {
      if (record.type === 'listing') await listingChanged(record, 'retracted', stamp);
      return record;
    }
    throw new ConflictError(`Record ${recordId} was already retracted at ${record.retractedAt}`);
  }
  const updated = await applyRecordChange(record, { kind: 'retract', event: eventOf('retracted', stamp, { reason }) });
  if (updated.type === 'listing') await listingChanged(updated, 'retracted', stamp);
  return updated;
}

/**
 * Ends a record from `endedOn` (the first day without effect).
 * Steps: own record → not retracted → a repeat with the same endedOn is a no-op → one update.
 */
export async function endRecord(recordId: string, endedOn: string, reason: string, stamp: Stamp): Promise<CreditRecord> {
  const record = await ownRecord(recordId, stamp);
  if (record.retractedAt) throw new ConflictError(`Record ${recordId} is retracted and cannot be ended`);
  if (record.endedOn) {
    if (record.endedOn === endedOn) {
      if (record.type === 'listing') await listingChanged(record, 'ended', stamp);
      return record;
    }
    throw new ConflictError(`Record ${recordId} already ends on ${record.endedOn}`);
  }
  if (endedOn < record.decidedOn) throw ValidationError.field('endedOn', `must not be before decidedOn (${record.decidedOn})`);
  const updated = await applyRecordChange(record, {
    kind: 'end',
    endedOn,
    event: eventOf('ended', stamp, { reason, endedOn }),
  });
  if (updated.type === 'listing') await listingChanged(updated, 'ended', stamp);
  return updated;
}

/**
 * Repairs a record (信用修复): publication, sharing and measures stop at once; the record and its
 * history stay. Steps: own record → not retracted (409) → a repeat is a no-op → the repair rules
 * (repairable kind, minimum period passed; 422 naming the rule) → one update → notices for a listing.
 */
export async function repairRecord(recordId: string, reason: string, correctedOn: string, stamp: Stamp, today: string): Promise<CreditRecord> {
  const record = await ownRecord(recordId, stamp);
  if (record.retractedAt) throw new ConflictError(`Record ${recordId} is retracted; there is nothing to repair`);
  if (record.repairedAt) {
    if (record.type === 'listing') await listingChanged(record, 'repaired', stamp);
    return record;
  }
  if (correctedOn > today) throw ValidationError.field('correctedOn', 'must not be in the future');
  if (correctedOn < record.decidedOn) throw ValidationError.field('correctedOn', `must not be before the decision (${record.decidedOn})`);
  const verdict = repairVerdict(record, today);
  if (!verdict.allowed) throw InadmissibleError.field('recordId', verdict.rule);
  const updated = await applyRecordChange(record, { kind: 'repair', event: eventOf('repaired', stamp, { reason, correctedOn }) });
  if (updated.type === 'listing') await listingChanged(updated, 'repaired', stamp);
  return updated;
}
