import type { IsoDate } from './dates.ts';
import { minimumRepairDate, type CreditRecord, type Severity } from './records.ts';
import { findList } from './reference.ts';

/**
 * Credit repair (信用修复, DOMAIN.md §3): decided by the department that made the record, once the
 * minimum period of its severity has passed (the boundary day included). Pure.
 */
export const NOT_REPAIRABLE_LISTS = new Set(['COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION']);

export type RepairVerdict = { allowed: true; from: IsoDate } | { allowed: false; rule: string; from?: IsoDate };

/** The severity whose periods govern a record: a penalty's own, a listing's list's. */
export function governingSeverity(record: CreditRecord): Severity | undefined {
  if (record.type === 'penalty') return record.severity ?? 'general';
  if (record.type === 'listing') return findList(record.listCode ?? '')?.severity ?? undefined;
  return undefined;
}

export function repairVerdict(record: CreditRecord, today: IsoDate): RepairVerdict {
  if (record.type === 'listing' && NOT_REPAIRABLE_LISTS.has(record.listCode ?? '')) {
    return { allowed: false, rule: `listings on ${record.listCode} are ended by their keeper, not repaired` };
  }
  if (record.type === 'listing' && findList(record.listCode ?? '')?.kind === 'red') {
    return { allowed: false, rule: 'a red-list membership has nothing to repair' };
  }
  const severity = governingSeverity(record);
  if (!severity) return { allowed: false, rule: `a ${record.type} record is not repairable; only penalties and black-list memberships are` };
  const from = minimumRepairDate(record.decidedOn, severity);
  if (today < from) return { allowed: false, rule: `the minimum period for a ${severity} record runs until ${from}; repair is possible from that day`, from };
  return { allowed: true, from };
}
