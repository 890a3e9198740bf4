import type { AssignmentStatus, AssignmentView } from '#domain/assignments.ts';
import { isPending } from '#domain/plans.ts';
import { getPlans, getResults, listAssignments } from '#data/plans.ts';
import { subjectNames } from '#data/subjects.ts';
import type { Actor } from './plans.ts';

/**
 * The caller's assignments (检查任务): the sampled subjects whose drawn team includes it — an
 * inspector's token names the inspector it acts as (its `sub` is the inspector's id), as that
 * department's inspector in the plan's frozen roster — `open` until a result is recorded, then `done`.
 * Steps: a page of the inspector's assignments, newest plan first → only those of a drawn plan (an
 * interrupted draw's count for nothing) and of the caller's department → each one's result, read at
 * once (consistent) → the plan's title and the subject's registered name.
 */
export async function inspectorAssignments(
  actor: Pick<Actor, 'sub' | 'department'>,
  status: AssignmentStatus,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ assignments: AssignmentView[]; next: Record<string, unknown> | undefined }> {
  const { values, next } = await listAssignments(actor.sub, page.limit, page.cursor, async (assignments) => {
    const own = assignments.filter((a) => a.department === actor.department);
    const plans = await getPlans(own.map((a) => a.planId));
    const drawnPlan = (planId: string) => {
      const plan = plans.get(planId);
      return plan && !isPending(plan) && plan.drawnAt ? plan : undefined;
    };
    const drawn = own.filter((a) => drawnPlan(a.planId));
    const [results, names] = await Promise.all([getResults(drawn), subjectNames(drawn.map((a) => a.subjectId))]);
    return assignments.map((a) => {
      const plan = a.department === actor.department ? drawnPlan(a.planId) : undefined;
      if (!plan) return undefined;
      const result = results.get(`${a.planId}/${a.subjectId}`);
      if ((status === 'done') !== (result !== undefined)) return undefined;
      return { planId: a.planId, planTitle: plan.title, subjectId: a.subjectId, subjectName: names.get(a.subjectId) ?? a.subjectId, team: a.team, ...(result ? { result } : {}) };
    });
  });
  return { assignments: values, next };
}
