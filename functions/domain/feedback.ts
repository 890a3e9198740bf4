import { z } from 'zod';
import type { Stamp } from './records.ts';
import { instant } from './values.ts';

/**
 * Feedback (反馈) on one measure of a check: the national workflow 发起 → 响应 → 反馈, in which a
 * department that met a hit reports whether it applied the measure, and why not.
 */
export const FEEDBACK_OUTCOMES = ['applied', 'not-applied'] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];

export const feedbackOutcome = z
  .enum(FEEDBACK_OUTCOMES)
  .describe('applied 已执行: the department applied the measure · not-applied 未执行: it did not (the note says why)');

/** The feedback aggregate: one per check and measure, written once. */
export const feedbackSchema = z.object({
  measure: z.string().describe('"<memorandum>/<measure>": a measure the check returned, e.g. "M-COURT-DEFAULTER-2016/CP"'),
  outcome: feedbackOutcome,
  note: z.string().optional().describe('Why, or how; required when not applied'),
  by: z.string().describe("The token's sub of whoever gave it"),
  department: z.string(),
  at: instant,
  requestId: z.string(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** Feedback as the API shows it: `{ measure, outcome, note?, by, at }`. */
export const feedbackViewSchema = feedbackSchema.pick({ measure: true, outcome: true, note: true, by: true, at: true }).describe('Feedback given on a measure of a check (反馈).');
export type FeedbackView = z.infer<typeof feedbackViewSchema>;

export const feedbackView = ({ measure, outcome, note, by, at }: Feedback): FeedbackView => ({ measure, outcome, ...(note !== undefined ? { note } : {}), by, at });

/** What a department sends, stamped with who, when and in which request. */
export function feedbackOf(input: Pick<Feedback, 'measure' | 'outcome' | 'note'>, stamp: Stamp): Feedback {
  return { measure: input.measure, outcome: input.outcome, ...(input.note !== undefined ? { note: input.note } : {}), by: stamp.sub, department: stamp.department, at: stamp.at, requestId: stamp.requestId };
}

/** The same feedback again (a retry) is answered with the stored one; any other is a conflict. */
export const sameFeedback = (stored: Feedback, given: Feedback) => stored.outcome === given.outcome && (stored.note ?? '') === (given.note ?? '');
