import { ConflictError, InadmissibleError } from '#domain/errors.ts';
import { buildRecord, precheckRecord, type CreditRecord, type RecordInput, type Stamp } from '#domain/records.ts';
import { insertRecord } from '#data/records.ts';
import { getEntity } from '#data/subjects.ts';
import { afterRecordWritten } from './record-written.ts';

/**
 * Enters a record for the caller's department.
 * Steps: keeper authority for listings (403) → subject exists (422) → domain rules build the record →
 * one conditional put; a retry with the same content returns the stored record, other content is 409
 * → what follows a listing's change (notices), completed again by a retry.
 */
export async function createRecord(input: RecordInput, stamp: Stamp, today: string): Promise<{ created: boolean; record: CreditRecord }> {
  precheckRecord(input, stamp.department, today);
  const subject = await getEntity(input.subjectId);
  if (!subject) throw InadmissibleError.field('subjectId', `no entity ${input.subjectId} is registered`);
  const record = buildRecord(input, subject.kind, stamp);
  const outcome = await insertRecord(record, subject);
  if (!outcome.created) {
    if (outcome.existing.contentHash !== record.contentHash) {
      throw new ConflictError(
        `${stamp.department} already entered document ${input.documentNo} for ${input.subjectId} with different content (record ${outcome.existing.recordId})`,
      );
    }
    await afterRecordWritten(outcome.existing);
    return { created: false, record: outcome.existing };
  }
  await afterRecordWritten(record);
  return { created: true, record };
}
