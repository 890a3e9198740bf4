import { measureKey } from '#domain/checks.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError } from '#domain/errors.ts';
import { findCheck, listFeedback, saveFeedback, type CheckLog, type Feedback } from '#data/checks.ts';
import type { CheckAnswer } from './run-check.ts';

/** A check, if the department made it (or the caller is an admin). */
export async function visibleCheck(checkId: string, department: string, cityWide: boolean): Promise<CheckLog> {
  const check = await findCheck(checkId);
  if (!check) throw new NotFoundError(`No check ${checkId}`);
  if (!cityWide && check.department !== department) throw new ForbiddenError(`Check ${checkId} belongs to another department`);
  return check;
}

/** The trail of a check (查询 → 推送 → 受理 → 办结): who asked, the answer, and every feedback. */
export async function checkTrail(checkId: string, department: string, cityWide: boolean) {
  const check = await visibleCheck(checkId, department, cityWide);
  const feedback = await listFeedback(checkId);
  return {
    ...(check.answer as unknown as CheckAnswer),
    checkedBy: check.sub,
    requestId: check.requestId,
    request: check.request,
    feedback: feedback.map(feedbackView),
  };
}

/** What a feedback answer shows: `{ measure, outcome, note?, by, at }`, the same on a repeat. */
export const feedbackView = ({ measure, outcome, note, by, at }: Feedback) => ({ measure, outcome, ...(note !== undefined ? { note } : {}), by, at });

/**
 * Feedback on one measure of a check (反馈), the check already found to be the department's own
 * (visibleCheck). Steps: the measure must be one the check returned (422) → one conditional put; the
 * same feedback again answers the stored one, a different one is 409.
 */
export async function giveFeedback(check: CheckLog, feedback: Feedback): Promise<{ created: boolean; feedback: Feedback }> {
  const checkId = check.checkId;
  const answer = check.answer as unknown as CheckAnswer;
  if (!answer.measures.some((m) => measureKey(m) === feedback.measure)) {
    throw InadmissibleError.field('measure', `check ${checkId} did not return measure ${feedback.measure}`);
  }
  const saved = await saveFeedback(checkId, feedback);
  if (saved.created) return { created: true, feedback };
  const same = saved.existing.outcome === feedback.outcome && (saved.existing.note ?? '') === (feedback.note ?? '');
  if (!same) throw new ConflictError(`Feedback on ${feedback.measure} was already given (${saved.existing.outcome}) at ${saved.existing.at}`);
  return { created: false, feedback: saved.existing };
}
