import { config } from '#config';
import type { Plan, PlanResult, Stratum } from '#domain/plans.ts';
import { STRATA } from '#domain/plans.ts';
import { listResults } from '#data/plans.ts';
import { existingPlan, readPopulation, readRoster, readSample } from './plans.ts';

/**
 * The two documents of a plan (API.md, "Inspectors, plans, draws, results"): the public one (一公开)
 * and the full one for its departments and auditors. Both are read from the committed plan and its
 * results each time, so they show the draw and every result as soon as its request has answered.
 */
const publishedResult = (r: PlanResult) => ({ subjectId: r.subjectId, outcome: r.outcome, inspectedOn: r.inspectedOn, recordedAt: r.recordedAt });

/** What every form of the plan document shares: its rules, sizes, hashes and commitment. */
function documentSummary(plan: Plan) {
  return {
    planId: plan.planId,
    title: plan.title,
    departments: plan.departments,
    ratios: plan.ratios,
    teamSize: plan.teamSize,
    mode: plan.mode,
    seedCommitment: plan.seedCommitment,
    populationHash: plan.populationHash,
    strataSizes: plan.population,
    strataHashes: plan.strataHashes,
    scope: plan.scope,
  };
}

/**
 * The public document (一公开): commitment, sizes, salted per-stratum hashes and, once drawn, the
 * seed, the sample (no stratum: risk classes are internal) and the results. With
 * PUBLIC_PLAN_STRATA=1 the deployment publishes the full document instead.
 */
export async function publicPlanDocument(planId: string) {
  const plan = await existingPlan(planId);
  if (config.PUBLIC_PLAN_STRATA === '1') return fullPlanDocument(plan);
  if (!plan.drawnAt) return documentSummary(plan);
  const [sample, results] = await Promise.all([readSample(plan), listResults(planId)]);
  return {
    ...documentSummary(plan),
    seed: plan.seed,
    drawnAt: plan.drawnAt,
    sample: sample.map(({ subjectId, ticket, team }) => ({ subjectId, ticket, team })),
    results: results.map(publishedResult),
  };
}

/** The full document: everything needed to re-run the whole draw, for plan departments and auditors. */
export async function fullPlanDocument(plan: Plan) {
  const [population, inspectors] = await Promise.all([readPopulation(plan), readRoster(plan)]);
  const industries: Record<string, string> = {};
  const strata = {} as Record<Stratum, string[]>;
  for (const stratum of STRATA) {
    strata[stratum] = (population[stratum] ?? []).map(([id, industry]) => {
      industries[id] = industry;
      return id;
    });
  }
  const members = new Set(STRATA.flatMap((s) => strata[s]));
  const document = {
    ...documentSummary(plan),
    strata,
    strataSalt: plan.strataSalt,
    exempt: (population.exempt ?? []).map(([id]) => id),
    industries,
    inspectors: inspectors.map((i) => ({ id: i.id, department: i.department, fields: i.fields, conflicts: i.conflicts.filter((c) => members.has(c)) })),
  };
  if (!plan.drawnAt) return document;
  const [sample, results] = await Promise.all([readSample(plan), listResults(plan.planId)]);
  return { ...document, seed: plan.seed, drawnAt: plan.drawnAt, sample, results: results.map(publishedResult) };
}

