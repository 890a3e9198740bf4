import { config } from '#config';
import type { Plan } from '#domain/plans.ts';
import { fullDocument, publicDocument, type DrawnPart, type FullPlanDocument, type PublicPlanDocument } from '#domain/public-plan.ts';
import { listResults } from '#data/plans.ts';
import { isPending } from '#domain/plans.ts';
import { NotFoundError } from '#domain/errors.ts';
import { readPopulation, readRoster, readSample, storedPlan } from './plans.ts';

/**
 * The two documents of a plan (API.md, "Inspectors, plans, draws, results"): the public one (一公开)
 * and the full one for its departments and auditors. Both are read from the committed plan and its
 * results each time, so they show the draw and every result as soon as its request has answered.
 */
async function drawnPart(plan: Plan): Promise<DrawnPart | undefined> {
  if (!plan.drawnAt) return undefined;
  const [sample, results] = await Promise.all([readSample(plan), listResults(plan.planId)]);
  return { sample, results };
}

/**
 * The public document (一公开): commitment, sizes, salted per-stratum hashes and, once drawn, the
 * seed, the sample (no stratum: risk classes are internal) and the results. With
 * PUBLIC_PLAN_STRATA=1 the deployment publishes the full document instead.
 */
export async function publicPlanDocument(planId: string): Promise<PublicPlanDocument | FullPlanDocument> {
  const stored = await storedPlan(planId);
  // Nothing is published before the population is frozen.
  if (isPending(stored)) throw new NotFoundError(`Plan ${planId} has not frozen its population yet`);
  const plan = stored;
  if (config.PUBLIC_PLAN_STRATA === '1') return fullPlanDocument(plan);
  return publicDocument(plan, await drawnPart(plan));
}

/** The full document: everything needed to re-run the whole draw, for plan departments and auditors. */
export async function fullPlanDocument(plan: Plan): Promise<FullPlanDocument> {
  const [population, roster, drawn] = await Promise.all([readPopulation(plan), readRoster(plan), drawnPart(plan)]);
  return fullDocument(plan, population, roster, drawn);
}
