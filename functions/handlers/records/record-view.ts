import { recordStatus, type CreditRecord } from '#domain/records.ts';

/** A record as the API shows it: without storage internals, with its status today. */
export function recordView(record: CreditRecord, today: string) {
  const { contentHash: _hash, publicUntilDefaulted: _defaulted, ...shown } = record;
  return { ...shown, status: recordStatus(record, today) };
}
