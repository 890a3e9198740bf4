import { ConflictError, ForbiddenError, InadmissibleError, ValidationError } from '#domain/errors.ts';
import { buildRecord, type CreditRecord, type RecordInput, type Stamp } from '#domain/records.ts';
import { findList } from '#domain/reference.ts';
import { insertRecord } from '#data/records.ts';
import { applyListingEffect, getEntity } from '#data/subjects.ts';
import { afterListingChange } from './notify.ts';

/**
 * Enters a record for the caller's department.
 * Steps: keeper authority for listings (403) → subject exists (422) → domain rules build the record →
 * one conditional put; a retry with the same content returns the stored record, other content is 409
 * → a new listing notifies the departments that recently checked the subject.
 */
export async function createRecord(input: RecordInput, stamp: Stamp, today: string): Promise<{ created: boolean; record: CreditRecord }> {
  if (input.type === 'listing') {
    const list = findList(input.listCode!);
    if (!list) throw InadmissibleError.field('listCode', `unknown list ${input.listCode}`);
    if (list.keeper && list.keeper !== stamp.department) {
      throw new ForbiddenError(`Only ${list.keeper} may list subjects on ${list.code}`);
    }
  }
  if (input.decidedOn > today) throw ValidationError.field('decidedOn', 'must not be in the future');
  const subject = await getEntity(input.subjectId);
  if (!subject) throw InadmissibleError.field('subjectId', `no entity ${input.subjectId} is registered`);
  const record = buildRecord(input, subject.kind, stamp);
  const outcome = await insertRecord(record, subject.legalRepresentativeId);
  if (!outcome.created) {
    if (outcome.existing.contentHash !== record.contentHash) {
      throw new ConflictError(
        `${stamp.department} already entered document ${input.documentNo} for ${input.subjectId} with different content (record ${outcome.existing.recordId})`,
      );
    }
    // A retry may follow a crash between the record and its derived items: write them again (idempotent).
    if (record.type === 'listing') {
      await applyListingEffect(outcome.existing);
      await afterListingChange(outcome.existing, 'listed', stamp);
    }
    return { created: false, record: outcome.existing };
  }
  if (record.type === 'listing') {
    await applyListingEffect(record);
    await afterListingChange(record, 'listed', stamp);
  }
  return { created: true, record };
}
