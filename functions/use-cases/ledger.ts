import { config, workingCalendar } from '#config';
import { readsEveryCheck } from '#domain/checks.ts';
import type { Now } from '#domain/clock.ts';
import { addDays, type IsoDate } from '#domain/dates.ts';
import { awaitingCheck, type AwaitingCheck } from '#domain/dockets.ts';
import { ForbiddenError, ValidationError } from '#domain/errors.ts';
import { awaitingDays, ledgerRow, monthsBetween, monthOf, type LedgerMonth, type LedgerRow } from '#domain/ledger.ts';
import type { Role } from '#domain/roles.ts';
import { awaitingOnDocket } from '#data/dockets.ts';
import { keys } from '#data/keys.ts';
import { cityMonths, departmentMonths } from '#data/ledger.ts';

/** The longest range one request reads: three years, a handful of Queries. */
export const LEDGER_MAX_MONTHS = 36;

/** The months asked for: by default the twelve up to this one (China Standard Time). */
function ledgerRange(from: LedgerMonth | undefined, to: LedgerMonth | undefined, today: IsoDate): { from: LedgerMonth; to: LedgerMonth } {
  const last = to ?? (from && from > monthOf(today) ? from : monthOf(today));
  const first = from ?? monthsBackFrom(last, 11);
  if (first > last) throw ValidationError.field('from', 'must not be after to');
  if (monthsBetween(first, last).length > LEDGER_MAX_MONTHS) throw ValidationError.field('to', `must be at most ${LEDGER_MAX_MONTHS} months after from`);
  return { from: first, to: last };
}

const monthsBackFrom = (month: LedgerMonth, n: number): LedgerMonth => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The feedback ledger (反馈台账): per department and month of the check, what was returned and fed back.
 * Steps: the range (400 naming from or to) → an auditor or admin reads every department (one Query of
 * the year index per year), a checker its own (one consistent Query) → each month's row, `overdue`
 * counted as of today in the working calendar → by month, then department.
 */
export async function readLedger(caller: { dept: string; roles: readonly Role[] }, query: { from?: LedgerMonth | undefined; to?: LedgerMonth | undefined }, now: Now): Promise<{ rows: LedgerRow[] }> {
  const { from, to } = ledgerRange(query.from, query.to, now.today);
  const months = readsEveryCheck(caller.roles) ? await cityMonths(from, to) : await departmentMonths(caller.dept, from, to);
  const rows = months
    .filter((m) => m.month >= from && m.month <= to)
    .map((m) => ledgerRow(m, now.today, config.FEEDBACK_DUE_WORKING_DAYS, workingCalendar))
    .sort((a, b) => (a.month === b.month ? (a.department < b.department ? -1 : 1) : a.month < b.month ? -1 : 1));
  return { rows };
}

/** The instant a CST day begins. */
const dayStart = (day: IsoDate) => new Date(`${day}T00:00:00+08:00`).toISOString();

/** Days as ranges of instants [from, to): consecutive days make one range. */
function rangesOf(days: readonly IsoDate[]): { from: string; to: string }[] {
  const ranges: { first: IsoDate; last: IsoDate }[] = [];
  for (const day of days) {
    const run = ranges.at(-1);
    if (run && addDays(run.last, 1) === day) run.last = day;
    else ranges.push({ first: day, last: day });
  }
  return ranges.map((r) => ({ from: dayStart(r.first), to: dayStart(addDays(r.last, 1)) }));
}

/** Whether any check of these ranges awaits feedback: a full page says "more follow" only if so. */
async function anyAwaiting(department: string, ranges: readonly { from: string; to: string }[]): Promise<boolean> {
  for (const range of ranges) {
    const { entries, next } = await awaitingOnDocket(department, range, 1, undefined);
    if (entries.length > 0 || next) return true;
  }
  return false;
}

/**
 * Whose checks awaiting feedback a caller reads: its own department's, or, for an auditor or admin (the
 * ledger's drill-down, read-only), the department asked for; a checker asking for another is 403.
 */
export function awaitingDepartment(caller: { dept: string; roles: readonly Role[] }, asked: string | undefined): string {
  if (asked === undefined || asked === caller.dept) return caller.dept;
  if (!readsEveryCheck(caller.roles)) throw new ForbiddenError(`A checker reads only its own department's checks, not ${asked}'s`);
  return asked;
}

/**
 * The department's checks whose measures still await feedback, oldest first (待反馈). Steps: the
 * department's ledger months (one consistent Query) name the days on which measures await feedback,
 * and yesterday and today are read whatever they say (a check's request files it on the docket, the
 * ledger counts it seconds later) → the docket's entries of those days, from the resume key, with
 * pending measures (consistent Queries of the department's own partition: the docket is settled
 * before the ledger counts a feedback, so a day the ledger shows done has no entry left) → each with
 * its due day and whether it is overdue.
 */
export async function checksAwaitingFeedback(
  department: string,
  page: { limit: number; cursor?: Record<string, unknown> },
  now: Now,
): Promise<{ checks: AwaitingCheck[]; next: Record<string, unknown> | undefined }> {
  const counted = (await departmentMonths(department)).flatMap(awaitingDays);
  const days = [...new Set([...counted, addDays(now.today, -1), now.today])].sort();
  const after = typeof page.cursor?.SK === 'string' ? page.cursor.SK : undefined;
  const ranges = rangesOf(days).filter((r) => after === undefined || r.to > after);
  const checks: AwaitingCheck[] = [];
  for (const [i, range] of ranges.entries()) {
    const resume = after !== undefined && after >= range.from ? { PK: keys.docketPartition(department), SK: after } : undefined;
    const { entries, next } = await awaitingOnDocket(department, range, page.limit - checks.length, resume);
    checks.push(...entries.map((e) => awaitingCheck(e, now.today, config.FEEDBACK_DUE_WORKING_DAYS, workingCalendar)));
    if (next) return { checks, next };
    if (checks.length >= page.limit) {
      const last = checks.at(-1)!;
      return { checks, next: (await anyAwaiting(department, ranges.slice(i + 1))) ? { ...keys.docket(department, last.checkedAt, last.checkId) } : undefined };
    }
  }
  return { checks, next: undefined };
}
