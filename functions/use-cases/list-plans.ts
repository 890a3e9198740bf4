import { planListEntry, PUBLISHED_PLAN_STATUSES, type PlanListEntry, type StoredPlan } from '#domain/plans.ts';
import { countResults, listPlans } from '#data/plans.ts';
import type { Actor } from './plans.ts';

type Page = { limit: number; cursor?: Record<string, unknown> };
type Listed = { plans: PlanListEntry[]; next: Record<string, unknown> | undefined };

/** Counts on read: a drawn plan's results are bounded by its sample, and a page holds at most 200 plans. */
const COUNT_CONCURRENCY = 16;

async function withCounts(plans: readonly StoredPlan[]): Promise<PlanListEntry[]> {
  const counts = new Array<number>(plans.length).fill(0);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(COUNT_CONCURRENCY, plans.length) }, async () => {
      while (next < plans.length) {
        const i = next++;
        const plan = plans[i]!;
        if ('drawnAt' in plan && plan.drawnAt) counts[i] = await countResults(plan.planId);
      }
    }),
  );
  return plans.map((plan, i) => planListEntry(plan, counts[i]!));
}

/**
 * The plans a caller may read, newest first: an auditor every plan, a planner or inspector those its
 * department takes part in; of one status, or all. Steps: one page of the list index (filtered to the
 * department and status) → each drawn plan's results counted.
 */
export async function readablePlans(actor: Pick<Actor, 'department' | 'roles'>, status: string, page: Page): Promise<Listed> {
  const department = actor.roles.includes('auditor') ? undefined : actor.department;
  const { plans, next } = await listPlans({ department, statuses: status === 'all' ? undefined : [status] }, page.limit, page.cursor);
  return { plans: await withCounts(plans), next };
}

/**
 * The published plans (一公开), newest first: every plan whose population is frozen — nothing is
 * published before. Steps: one page of the list index (frozen, drawing, drawn) → each drawn plan's
 * results counted.
 */
export async function publishedPlans(page: Page): Promise<Listed> {
  const { plans, next } = await listPlans({ statuses: PUBLISHED_PLAN_STATUSES }, page.limit, page.cursor);
  return { plans: await withCounts(plans), next };
}
