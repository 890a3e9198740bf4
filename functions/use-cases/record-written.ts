import type { CreditRecord } from '#domain/records.ts';
import { projectListing } from './projections.ts';

/**
 * What follows any write of a record, in one place: a listing's change reaches the departments that
 * recently checked its subject. Idempotent, so a retried request (or the sweep) completes it.
 */
export async function afterRecordWritten(record: CreditRecord): Promise<void> {
  if (record.type === 'listing') await projectListing(record);
}
