import type { IsoDate } from './dates.ts';
import { inForceAt, type CreditRecord } from './records.ts';
import { findList } from './reference.ts';

/**
 * Credit commitments (信用承诺 / 告知承诺, DOMAIN.md §7). Pure rules: who may commit instead of proving,
 * the code, and the commitment's status on a day.
 */
export const COMMITMENT_TYPES = ['APPROVAL_REPLACEMENT', 'MISSING_DOCUMENTS', 'CERTIFICATE', 'CREDIT_REPAIR', 'SELF_DISCIPLINE', 'VOLUNTARY'] as const;
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];

/** Types that replace proof in an approval: refused to subjects with serious dishonesty or a past breach. */
export const RESTRICTED_TYPES = new Set<CommitmentType>(['APPROVAL_REPLACEMENT', 'MISSING_DOCUMENTS', 'CERTIFICATE']);

export type VerificationOutcome = 'fulfilled' | 'partly' | 'unfulfilled';

/** Why the subject may not make this commitment now, or undefined when it may. */
export function commitmentRefusal(type: CommitmentType, records: readonly CreditRecord[], at: string, today: IsoDate): string | undefined {
  if (!RESTRICTED_TYPES.has(type)) return undefined;
  for (const r of records) {
    if (r.type !== 'listing' || !inForceAt(r, at, today)) continue;
    const list = findList(r.listCode ?? '');
    if (!list || list.kind !== 'black') continue;
    if (list.code === 'COMMITMENT_BREACH') return `the subject is listed on COMMITMENT_BREACH (${list.name}) since ${r.decidedOn} and may not use 告知承诺 until repaired`;
    if (list.severity === 'serious') return `the subject is on the serious black list ${list.code} (${list.name}) since ${r.decidedOn} and may not use 告知承诺 until repaired`;
  }
  return undefined;
}

/** region (6) + YYYYMMDD + a 6-digit serial. */
export function commitmentCode(region: string, today: IsoDate, serial: number): string {
  return `${region}${today.replaceAll('-', '')}${String(serial).padStart(6, '0')}`;
}

export type CommitmentStatus = 'open' | 'overdue' | 'verified';

/** Open until verified; overdue from the day after dueOn. */
export function commitmentStatus(c: { dueOn?: IsoDate | undefined; verification?: unknown }, today: IsoDate): CommitmentStatus {
  if (c.verification) return 'verified';
  return c.dueOn !== undefined && today > c.dueOn ? 'overdue' : 'open';
}

export const breaches = (outcome: VerificationOutcome) => outcome !== 'fulfilled';
