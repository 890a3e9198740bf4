import type { Now } from '#domain/clock.ts';
import { memberSchema, type PendingPlan, type Plan, type StoredPlan } from '#domain/plans.ts';
import { POPULATION_SHARDS } from '#data/keys.ts';
import { claimPlan, commitFrozenPlan, discardChunks, failFreeze, getPlan, listPlanJobs, readChunks, recordFrozenSegment, restartFreeze, writeChunks } from '#data/plans.ts';
import { streamShard } from '#data/population.ts';
import { logger } from '#http/logger.ts';
import { enqueue } from '#jobs/queue.ts';
import { attemptIdOf, mergeStrata, PopulationBuilder, writeFrozenPopulation, type StrataMembers } from './freeze.ts';
import { afterCommit } from './plan-documents.ts';

/**
 * Freezing a city's population as a job (API.md, Plans: 202 `freezing`). The plan item is claimed
 * first, as `freezing`, naming a freeze id and the instant the city is classified as of; then one
 * message per segment (a shard of the population index) goes to the job queue. Each worker classifies
 * its shard's scope and writes its part as chunks under an attempt id of its own, then records the part
 * on the plan item — conditionally, so a redelivered or concurrent attempt of the same segment is
 * recorded once and its twin discarded. The worker that records the last part merges all parts,
 * hashes and commits the population by replacing the pending plan (conditional on the freeze id).
 * Any step may run twice, late, or after a crash: each reads its state from the plan item, and only
 * the freeze id the plan names can ever commit, so there is one population.
 */

type FreezeBase = Omit<PendingPlan, 'status' | 'segments' | 'frozenSegments' | 'failure'>;

/** Claims the plan as freezing and queues its segments; answers the claimed plan (202) or whatever won the claim. */
export async function startFreezeJob(base: FreezeBase): Promise<{ created: boolean; plan: StoredPlan }> {
  const pending: PendingPlan = { ...base, status: 'freezing', segments: POPULATION_SHARDS, frozenSegments: {} };
  if (!(await claimPlan(pending))) {
    const existing = (await getPlan(base.planId))!;
    if (existing.requestHash !== base.requestHash) {
      const { ConflictError } = await import('#domain/errors.ts');
      throw new ConflictError(`A different plan (${existing.planId}) already uses this seed commitment`);
    }
    return { created: false, plan: existing };
  }
  logger.info('plan freeze job started', { planId: base.planId, freezeId: base.freezeId, segments: pending.segments });
  await queueSegments(pending);
  return { created: true, plan: pending };
}

/** Queues every segment not yet frozen (all of them frozen: the commit). */
async function queueSegments(plan: PendingPlan) {
  const missing = Array.from({ length: plan.segments }, (_, segment) => segment).filter((segment) => !plan.frozenSegments[String(segment)]);
  if (missing.length === 0) await enqueue([{ kind: 'freeze-commit', planId: plan.planId, freezeId: plan.freezeId }]);
  else await enqueue(missing.map((segment) => ({ kind: 'freeze-segment' as const, planId: plan.planId, freezeId: plan.freezeId, segment })));
}

/**
 * A pending plan asked for again (a retried request, a restart): a freezing one has its missing
 * segments queued again (a duplicate is recorded once); a failed one is re-run under a new freeze id,
 * classified as of now.
 */
export async function resumeFreeze(plan: PendingPlan, now: Now): Promise<StoredPlan> {
  if (plan.status === 'freezing') {
    await queueSegments(plan);
    return plan;
  }
  const freezeId = attemptIdOf();
  if (!(await restartFreeze(plan, freezeId, now.at))) return (await getPlan(plan.planId))!;
  const restarted: PendingPlan = { ...plan, status: 'freezing', freezeId, asOf: now.at, frozenSegments: {} };
  delete restarted.failure;
  logger.info('plan freeze job re-run', { planId: plan.planId, freezeId });
  await queueSegments(restarted);
  return restarted;
}

/** The freeze this message belongs to, if it is still the plan's and still freezing. */
async function currentFreeze(planId: string, freezeId: string): Promise<PendingPlan | undefined> {
  const plan = await getPlan(planId);
  return plan && plan.status === 'freezing' && plan.freezeId === freezeId ? plan : undefined;
}

/**
 * One worker's step: classify and write one segment, record it, and commit if it was the last.
 * Answers a line of progress for the log.
 */
export async function freezeSegment(planId: string, freezeId: string, segment: number): Promise<string | void> {
  const plan = await currentFreeze(planId, freezeId);
  if (!plan) return;
  if (!plan.frozenSegments[String(segment)]) {
    const builder = new PopulationBuilder(plan, plan.asOf);
    const { items } = await streamShard(segment, plan.scope.regionPrefix ?? '', builder.offer);
    const attempt = `${freezeId}.${segment}.${attemptIdOf()}`;
    const chunks = await writeChunks(planId, 'G', attempt, builder.sorted());
    const after = await recordFrozenSegment(planId, freezeId, segment, { attempt, chunks, members: builder.members, items });
    if (after?.frozenSegments[String(segment)]?.attempt !== attempt) await discardChunks(planId, 'G', attempt, chunks);
    if (!after) return;
    const done = Object.keys(after.frozenSegments).length;
    logger.info('plan freeze segment frozen', { planId, segment, members: builder.members, items, segmentsFrozen: done, segments: after.segments });
    const progress = `plan ${planId}: segment ${segment} frozen, ${builder.members} subjects from ${items} index items; ${done} of ${after.segments} segments`;
    if (done < after.segments) return progress;
    return `${progress}; ${(await commitFreeze(planId, freezeId)) ?? 'committed by another worker'}`;
  }
  if (Object.keys(plan.frozenSegments).length === plan.segments) return commitFreeze(planId, freezeId);
}

/** The last step: merge every segment's part, hash, write the population and commit the plan. */
export async function commitFreeze(planId: string, freezeId: string): Promise<string | void> {
  const plan = await currentFreeze(planId, freezeId);
  if (!plan || Object.keys(plan.frozenSegments).length < plan.segments) return;
  let parts: Partial<StrataMembers>[];
  try {
    parts = await Promise.all(
      Object.values(plan.frozenSegments).map((part) => readChunks(planId, 'G', part.attempt, part.chunks, memberSchema) as Promise<Partial<StrataMembers>>),
    );
  } catch (error) {
    // A twin commit won meanwhile and discarded the parts it merged: nothing is left to do.
    if (!(await currentFreeze(planId, freezeId))) return;
    throw error;
  }
  const { status: _s, segments: _n, frozenSegments: _f, failure: _x, ...base } = plan;
  const frozen = await writeFrozenPopulation(base, mergeStrata(parts), new Date().toISOString());
  if (!(await commitFrozenPlan(frozen))) return;
  logger.info('plan population committed', { planId, population: frozen.population });
  await Promise.allSettled(Object.values(plan.frozenSegments).map((part) => discardChunks(planId, 'G', part.attempt, part.chunks)));
  await afterFreeze(frozen);
  return `population committed: ${Object.entries(frozen.population).map(([stratum, n]) => `${stratum} ${n}`).join(', ')}`;
}

/** What follows a committed freeze, whichever path committed it: its documents are published (a job). */
export async function afterFreeze(plan: Plan): Promise<void> {
  await afterCommit(plan.planId);
}

/** A job step that keeps failing: its freeze is marked failed (the same request again re-runs it). */
export async function giveUpFreeze(planId: string, freezeId: string, error: unknown): Promise<void> {
  await failFreeze(planId, freezeId, error instanceof Error ? error.message : String(error));
  logger.error('plan freeze job failed', { planId, freezeId, error: error as Error });
}

/** At start-up (locally): queue again what every freezing or drawing plan still needs. */
export async function resumePlanJobs(now: Now): Promise<number> {
  const planIds = await listPlanJobs();
  for (const planId of planIds) {
    const plan = await getPlan(planId);
    if (!plan) continue;
    if (plan.status === 'freezing') await resumeFreeze(plan, now);
    else if (plan.status === 'drawing' && !plan.drawnAt) await enqueue([{ kind: 'draw', planId }]);
  }
  return planIds.length;
}
