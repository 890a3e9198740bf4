import { readsEveryCheck, returnedMeasure, type CheckLog } from '#domain/checks.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError } from '#domain/errors.ts';
import { feedbackOf, feedbackView, sameFeedback, type Feedback, type FeedbackView } from '#domain/feedback.ts';
import type { Stamp } from '#domain/records.ts';
import type { Role } from '#domain/roles.ts';
import { findCheck, listFeedback, saveFeedback } from '#data/checks.ts';
import { keys } from '#data/keys.ts';
import { completePending, projectFeedback } from './projections.ts';

/** A check, if the department made it (or `cityWide`): 404 unknown, 403 another department's. */
async function visibleCheck(checkId: string, department: string, cityWide: boolean): Promise<CheckLog> {
  const check = await findCheck(checkId);
  if (!check) throw new NotFoundError(`No check ${checkId}`);
  if (!cityWide && check.department !== department) throw new ForbiddenError(`Check ${checkId} belongs to another department`);
  return check;
}

/** The check a department gives feedback on: its own only. Decided before the feedback's body is read. */
export const ownCheck = (checkId: string, department: string) => visibleCheck(checkId, department, false);

/**
 * The trail of a check (查询 → 推送 → 受理 → 办结): who asked, the answer, and every feedback.
 * Steps: the check, the caller's department's own unless an auditor or admin reads it (404, 403) → its feedback.
 */
export async function checkTrail(checkId: string, department: string, roles: readonly Role[]) {
  const check = await visibleCheck(checkId, department, readsEveryCheck(roles));
  const feedback = await listFeedback(checkId);
  return {
    ...check.answer,
    checkedBy: check.sub,
    requestId: check.requestId,
    request: check.request,
    feedback: feedback.map(feedbackView),
  };
}

/**
 * Feedback on one measure of a check (反馈), the check already found to be the department's own
 * (ownCheck). Steps: the measure must be one the check returned (422) → one conditional put (with its
 * outbox mark) → settled on the docket and counted in the ledger; the same feedback again completes
 * that, should an earlier request have died first, and answers the stored one; a different one is 409.
 */
export async function giveFeedback(
  check: CheckLog,
  input: Pick<Feedback, 'measure' | 'outcome' | 'note'>,
  stamp: Stamp,
): Promise<{ created: boolean; receipt: FeedbackView & { checkId: string } }> {
  const { checkId } = check;
  const feedback = feedbackOf(input, stamp);
  if (!returnedMeasure(check.answer, feedback.measure)) {
    throw InadmissibleError.field('measure', `check ${checkId} did not return measure ${feedback.measure}`);
  }
  const saved = await saveFeedback(check, feedback);
  if (saved.created) {
    await projectFeedback({ ...feedback, checkId, subjectId: check.subjectId, checkedAt: check.checkedAt });
    return { created: true, receipt: { checkId, ...feedbackView(feedback) } };
  }
  await completePending(keys.checkFeedback(checkId, feedback.measure));
  if (!sameFeedback(saved.existing, feedback)) {
    throw new ConflictError(`Feedback on ${feedback.measure} was already given (${saved.existing.outcome}) at ${saved.existing.at}`);
  }
  return { created: false, receipt: { checkId, ...feedbackView(saved.existing) } };
}
