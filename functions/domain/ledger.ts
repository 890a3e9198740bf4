import { z } from 'zod';
import type { CheckLog } from './checks.ts';
import { measureKey } from './checks.ts';
import { addWorkingDays, cstDate, type IsoDate, type WorkingCalendar } from './dates.ts';
import type { FeedbackOutcome } from './feedback.ts';

/**
 * The feedback ledger (反馈台账): per department and month of the check (China Standard Time), how
 * many checks were made, how many returned measures, how many measures were returned, and how the
 * department answered for them. It is a projection of the check logs and their feedback: each check
 * and each feedback is one event, counted once into the ledger item of its department and month, by
 * the day of the check, so that `overdue` — awaiting measures past the due working day — is computed
 * when read. Pure: the store applies the events (functions/data/ledger.ts).
 */
export const LEDGER_COUNTERS = ['c', 'w', 'r', 'a', 'n'] as const;
/** c checks · w checks that returned measures · r measures returned · a applied · n not applied. */
export type LedgerCounter = (typeof LEDGER_COUNTERS)[number];

/** A month as the ledger names it, YYYY-MM. */
export type LedgerMonth = string;

export const ledgerMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .describe('A month YYYY-MM (China Standard Time)');

/** One event's contribution to one day of its department's month. */
export interface LedgerEvent {
  /** Unique per fact: `c#<checkId>` or `f#<checkId>#<measure>`; the ledger counts it once. */
  id: string;
  department: string;
  /** The check's CST date: the event counts in its month, on its day. */
  day: IsoDate;
  delta: Partial<Record<LedgerCounter, number>>;
}

export const monthOf = (day: IsoDate): LedgerMonth => day.slice(0, 7);

/** What a logged check adds: one check, and when it returned measures, one such check and its measures. */
export function checkEvent(log: Pick<CheckLog, 'checkId' | 'department' | 'checkedAt'> & { answer: Pick<CheckLog['answer'], 'measures'> }): LedgerEvent {
  const returned = log.answer.measures.length;
  return {
    id: `c#${log.checkId}`,
    department: log.department,
    day: cstDate(new Date(log.checkedAt)),
    delta: returned > 0 ? { c: 1, w: 1, r: returned } : { c: 1 },
  };
}

/** What a feedback adds: one applied or one not-applied measure, on the day of the check it answers. */
export function feedbackEvent(feedback: { checkId: string; department: string; checkedAt: string; measure: string; outcome: FeedbackOutcome }): LedgerEvent {
  return {
    id: `f#${feedback.checkId}#${feedback.measure}`,
    department: feedback.department,
    day: cstDate(new Date(feedback.checkedAt)),
    delta: feedback.outcome === 'applied' ? { a: 1 } : { n: 1 },
  };
}

/** The store attribute of one counter on one day of the month: `c07` is the checks of the 7th. */
export const counterAttribute = (counter: LedgerCounter, day: IsoDate) => `${counter}${day.slice(8, 10)}`;

/**
 * Events are spread over this many fences: applying an event is conditional on its fence's count, which
 * every completed event of the fence raises (functions/data/ledger.ts explains why).
 */
export const LEDGER_FENCES = 64;

/** FNV-1a of the event id: which fence guards it. */
export function fenceOf(eventId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < eventId.length; i++) {
    hash ^= eventId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `ep${String(hash % LEDGER_FENCES).padStart(2, '0')}`;
}

/** A department's month as stored: its counters by day (the day of the month → counter → count). */
export interface LedgerMonthCounts {
  department: string;
  month: LedgerMonth;
  days: Map<string, Record<LedgerCounter, number>>;
}

export const ledgerRowSchema = z
  .object({
    department: z.string().describe('The checking department'),
    month: ledgerMonth.describe('The month of the checks (China Standard Time)'),
    checks: z.number().int().min(0).describe('Checks made (查询)'),
    checksWithMeasures: z.number().int().min(0).describe('Checks that returned at least one measure'),
    measuresReturned: z.number().int().min(0).describe('Measures those checks returned (推送)'),
    applied: z.number().int().min(0).describe('Measures fed back as applied (已执行)'),
    notApplied: z.number().int().min(0).describe('Measures fed back as not applied, with a reason (未执行)'),
    awaiting: z.number().int().describe('Returned measures without feedback yet'),
    overdue: z.number().int().describe('Awaiting measures past FEEDBACK_DUE_WORKING_DAYS (default 10) working days after their check, as of today'),
    feedbackRate: z.number().min(0).nullable().describe('(applied + notApplied) / measuresReturned, not rounded; null when no measure was returned'),
  })
  .describe('One department and month of the feedback ledger (反馈台账).');
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

/** The due day of feedback on a check made on `day`: FEEDBACK_DUE_WORKING_DAYS working days after it. */
export const feedbackDueOn = (day: IsoDate, workingDays: number, calendar: WorkingCalendar) => addWorkingDays(day, workingDays, calendar);

/** Whether feedback still awaited on a check of `day` is overdue `today` (the due day itself is still in time). */
export const feedbackOverdue = (day: IsoDate, today: IsoDate, workingDays: number, calendar: WorkingCalendar) => today > feedbackDueOn(day, workingDays, calendar);

/** A ledger row from a month's counts, `overdue` as of `today`. */
export function ledgerRow(counts: LedgerMonthCounts, today: IsoDate, workingDays: number, calendar: WorkingCalendar): LedgerRow {
  const sum: Record<LedgerCounter, number> = { c: 0, w: 0, r: 0, a: 0, n: 0 };
  let overdue = 0;
  for (const [dd, day] of counts.days) {
    for (const counter of LEDGER_COUNTERS) sum[counter] += day[counter];
    const awaiting = day.r - day.a - day.n;
    if (awaiting > 0 && feedbackOverdue(`${counts.month}-${dd}`, today, workingDays, calendar)) overdue += awaiting;
  }
  return {
    department: counts.department,
    month: counts.month,
    checks: sum.c,
    checksWithMeasures: sum.w,
    measuresReturned: sum.r,
    applied: sum.a,
    notApplied: sum.n,
    awaiting: sum.r - sum.a - sum.n,
    overdue,
    feedbackRate: sum.r > 0 ? (sum.a + sum.n) / sum.r : null,
  };
}

/** The CST days of a month on which measures still await feedback, by the ledger's counts. */
export function awaitingDays(counts: LedgerMonthCounts): IsoDate[] {
  return [...counts.days]
    .filter(([, day]) => day.r - day.a - day.n > 0)
    .map(([dd]) => `${counts.month}-${dd}`)
    .sort();
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: LedgerMonth, to: LedgerMonth): LedgerMonth[] {
  const months: LedgerMonth[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    months.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

/** The measures of a check as feedback names them: "<memorandum>/<measure>". */
export const returnedMeasureKeys = (log: { answer: Pick<CheckLog['answer'], 'measures'> }) => log.answer.measures.map(measureKey);
