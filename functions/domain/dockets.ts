import { z } from 'zod';
import { cstDate, type IsoDate, type WorkingCalendar } from './dates.ts';
import type { CheckLog } from './checks.ts';
import { feedbackDueOn, returnedMeasureKeys } from './ledger.ts';
import { calendarDate, instant } from './values.ts';

/**
 * A department's docket (待反馈台账): one entry per check of the department that returned measures,
 * with the measures still lacking feedback. A check stays on it while any measure it returned lacks
 * feedback (办结 once none does). Written from the check's log and settled measure by measure by the
 * feedback, in the department's own partition, so the list is one strongly consistent Query.
 */
export const docketEntrySchema = z.object({
  checkId: z.string(),
  subjectId: z.string(),
  department: z.string(),
  checkedAt: instant,
  matter: z.string(),
  /** "<memorandum>/<measure>" of every measure the check returned. */
  measures: z.array(z.string()),
  /** Those still lacking feedback; absent once every one has some (the store drops an empty set). */
  pending: z.set(z.string()).optional(),
});
export type DocketEntry = z.infer<typeof docketEntrySchema>;

export const awaitingCheckSchema = z
  .object({
    checkId: z.string(),
    subjectId: z.string(),
    checkedAt: instant,
    matter: z.string().describe('The matter checked for'),
    pending: z.array(z.string()).describe('"<memorandum>/<measure>" of each returned measure still lacking feedback, sorted'),
    dueOn: calendarDate.describe('The last day for feedback: FEEDBACK_DUE_WORKING_DAYS (default 10) working days after the check'),
    overdue: z.boolean().describe('Whether today (China Standard Time) is after dueOn'),
  })
  .describe('A check whose measures still await feedback (待反馈).');
export type AwaitingCheck = z.infer<typeof awaitingCheckSchema>;

/** A docket entry as the list shows it, its due day counted in the working calendar. */
export function awaitingCheck(entry: DocketEntry, today: IsoDate, workingDays: number, calendar: WorkingCalendar): AwaitingCheck {
  const dueOn = feedbackDueOn(cstDate(new Date(entry.checkedAt)), workingDays, calendar);
  return {
    checkId: entry.checkId,
    subjectId: entry.subjectId,
    checkedAt: entry.checkedAt,
    matter: entry.matter,
    pending: [...(entry.pending ?? [])].sort(),
    dueOn,
    overdue: today > dueOn,
  };
}

/** A check's docket entry as it is filed: every measure it returned pending. */
export function docketEntryOf(log: CheckLog): DocketEntry {
  const measures = returnedMeasureKeys(log);
  return { checkId: log.checkId, subjectId: log.subjectId, department: log.department, checkedAt: log.checkedAt, matter: log.request.matter, measures, pending: new Set(measures) };
}
