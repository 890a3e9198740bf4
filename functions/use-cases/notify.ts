import type { CreditRecord, Stamp } from '#domain/records.ts';

export type ListingEvent = 'listed' | 'ended' | 'retracted' | 'repaired';

/**
 * Change notices (推送) to departments that recently checked the subject. Filled in by the credit-check
 * capability; a no-op until checks exist.
 */
export async function afterListingChange(_record: CreditRecord, _event: ListingEvent, _stamp: Stamp): Promise<void> {}
