import { randomBytes } from 'node:crypto';
import { readConfig } from '#config';
import type { Now } from '#domain/clock.ts';
import { assignTeams, seedCommitmentOf, StratifiedDraw } from '#domain/draws.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError } from '#domain/errors.ts';
import { rosterInspectorSchema, type RosterInspector } from '#domain/inspectors.ts';
import type { Stamp } from '#domain/records.ts';
import {
  isPending,
  memberSchema,
  pendingPlanView,
  planIdFor,
  planRequestHash,
  planView,
  sampleEntrySchema,
  STRATA,
  type Draw,
  type Member,
  type PendingPlanView,
  type Plan,
  type PlanRequest,
  type PlanView,
  type SampleEntry,
  type StoredPlan,
} from '#domain/plans.ts';
import { acceptDraw, commitDraw, commitPlan, discardChunks, getPlan, listResults, readChunks, writeAssignments, writeChunks } from '#data/plans.ts';
import type { Assignment } from '#domain/assignments.ts';
import { readSmallScope, SubjectAssembler } from '#data/population.ts';
import { enqueue } from '#jobs/queue.ts';
import { attemptIdOf, PopulationBuilder, writeFrozenPopulation } from './freeze.ts';
import { afterFreeze, resumeFreeze, startFreezeJob } from './freeze-job.ts';
import { afterCommit } from './plan-documents.ts';

/** Who is asking: the token's sub and department, and its roles. */
export type Actor = Pick<Stamp, 'sub' | 'department'> & { roles: readonly string[] };

const attemptId = attemptIdOf;

/** How many index items a scope may hold for its freeze to run inside the request. */
const inlineBudget = () => readConfig().PLAN_INLINE_POPULATION;

/**
 * Creates a plan and freezes its population and roster, inside the request when the scope is small,
 * else as a job.
 * Steps: the caller's department must be one of the plan's (403) → the same commitment again answers
 * the stored plan (a pending one's job is resumed) or 409 → read the scope from the population index
 * if it holds at most PLAN_INLINE_POPULATION items: classify, freeze and commit the plan (201) → else
 * claim the plan as `freezing` and hand its segments to the job queue (202). Of concurrent creations
 * with one commitment exactly one commit (or claim) succeeds; the others answer what it committed.
 */
export async function createPlan(request: PlanRequest, stamp: Stamp, now: Now): Promise<{ created: boolean; plan: StoredPlan }> {
  if (!request.departments.includes(stamp.department)) throw new ForbiddenError(`${stamp.department} is not one of the plan's departments`);
  const planId = planIdFor(request.seedCommitment);
  const requestHash = planRequestHash(request);
  const existing = await getPlan(planId);
  if (existing) return sameOrConflict(existing, requestHash, now);

  const base = {
    ...request,
    planId,
    strataSalt: randomBytes(16).toString('hex'),
    freezeId: attemptId(),
    requestHash,
    createdAt: stamp.at,
    createdBy: stamp.sub,
    createdByDepartment: stamp.department,
    requestId: stamp.requestId,
    asOf: now.at,
  };
  const small = await readSmallScope(request.scope.regionPrefix ?? '', inlineBudget());
  if (!small) return startFreezeJob(base);

  const builder = new PopulationBuilder(request, now.at);
  for (const shard of small) {
    const assembler = new SubjectAssembler(builder.offer);
    for (const item of shard) assembler.add(item);
    assembler.flush();
  }
  const plan = await writeFrozenPopulation(base, builder.sorted(), now.at);
  if (!(await commitPlan(plan))) {
    await Promise.all([discardChunks(planId, 'P', plan.freezeId, plan.populationChunks), discardChunks(planId, 'R', plan.freezeId, plan.rosterChunks)]);
    return sameOrConflict((await getPlan(planId))!, requestHash, now);
  }
  await afterFreeze(plan);
  return { created: true, plan };
}

/** The same request again: the stored plan, its job resumed if it is still pending (or re-run if it failed). */
async function sameOrConflict(existing: StoredPlan, requestHash: string, now: Now) {
  if (existing.requestHash !== requestHash) throw new ConflictError(`A different plan (${existing.planId}) already uses this seed commitment`);
  if (isPending(existing)) return { created: false, plan: await resumeFreeze(existing, now) };
  if (existing.status === 'drawing') await resumeDraw(existing);
  return { created: false, plan: existing };
}

/** The plan as stored, frozen or still pending. */
export async function storedPlan(planId: string): Promise<StoredPlan> {
  const plan = await getPlan(planId);
  if (!plan) throw new NotFoundError(`No plan ${planId}`);
  return plan;
}

/** A plan whose population is frozen; 409 while a job is still freezing it (or has failed to). */
export function frozen(plan: StoredPlan): Plan {
  if (!isPending(plan)) return plan;
  throw new ConflictError(
    plan.status === 'failed' ? `Plan ${plan.planId} could not be frozen (${plan.failure ?? 'job failed'}); create it again to re-run the freeze` : `Plan ${plan.planId} is still freezing its population`,
  );
}

export async function existingPlan(planId: string): Promise<Plan> {
  return frozen(await storedPlan(planId));
}

function ownedBy<T extends StoredPlan>(plan: T, department: string): T {
  if (!plan.departments.includes(department)) throw new ForbiddenError(`Plan ${plan.planId} belongs to other departments`);
  return plan;
}

/** The frozen plan, if the caller's department is one of its departments (403 before 409). */
export async function planForDepartment(planId: string, department: string): Promise<Plan> {
  return frozen(ownedBy(await storedPlan(planId), department));
}

/** The frozen plan for a reader: one of its departments, or an auditor (city-wide). */
export async function planForReader(planId: string, actor: Pick<Actor, 'department' | 'roles'>): Promise<Plan> {
  return frozen(await storedPlanForReader(planId, actor));
}

async function storedPlanForReader(planId: string, actor: Pick<Actor, 'department' | 'roles'>): Promise<StoredPlan> {
  const plan = await storedPlan(planId);
  return actor.roles.includes('auditor') ? plan : ownedBy(plan, actor.department);
}

export async function readPopulation(plan: Plan): Promise<Record<string, Member[]>> {
  return readChunks(plan.planId, 'P', plan.freezeId, plan.populationChunks, memberSchema);
}

export async function readRoster(plan: Plan): Promise<RosterInspector[]> {
  return (await readChunks(plan.planId, 'R', plan.freezeId, plan.rosterChunks, rosterInspectorSchema)).roster ?? [];
}

export async function readSample(plan: Plan): Promise<SampleEntry[]> {
  if (!plan.sampleChunks || !plan.drawId) return [];
  return (await readChunks(plan.planId, 'S', plan.drawId, plan.sampleChunks, sampleEntrySchema)).sample ?? [];
}

/**
 * Draws the plan (双随机): the seed must match the commitment (422); a plan is drawn once (409).
 * Steps: the caller's department is the plan's (403) → the seed matches (422) → not drawn (409) → a
 * population of at most PLAN_INLINE_POPULATION is drawn in the request; a larger one is accepted as
 * `drawing` and drawn by a job, exactly as the request would have drawn it.
 */
export async function drawPlan(planId: string, seed: string, stamp: Stamp): Promise<{ draw: Draw } | { accepted: Plan }> {
  return drawOrAccept(await planForDepartment(planId, stamp.department), seed, stamp);
}

/** drawPlan for a plan whose department the caller was already checked against (before its body was read). */
export async function drawOrAccept(plan: Plan, seed: string, stamp: Stamp): Promise<{ draw: Draw } | { accepted: Plan }> {
  const planId = plan.planId;
  if (seedCommitmentOf(seed) !== plan.seedCommitment) throw InadmissibleError.field('seed', 'SHA-256 of the seed does not match the plan\'s seedCommitment');
  if (plan.drawnAt) throw new ConflictError(`Plan ${planId} was already drawn at ${plan.drawnAt}`);
  const size = plan.population.A + plan.population.B + plan.population.C + plan.population.D;
  if (size <= inlineBudget() && plan.status !== 'drawing') return { draw: await drawFrozenPlan(plan, seed, stamp) };
  const drawJob = plan.drawJob ?? { seed, requestedAt: stamp.at, requestedBy: stamp.sub, requestId: stamp.requestId };
  await acceptDraw(plan, drawJob);
  await enqueue([{ kind: 'draw', planId }]);
  return { accepted: { ...plan, status: 'drawing', drawJob } };
}

/** The draw job: draws as the accepted request would have, once (a redelivery after the commit does nothing). */
export async function runDrawJob(planId: string): Promise<void> {
  const plan = await getPlan(planId);
  if (!plan || isPending(plan) || plan.drawnAt || !plan.drawJob) return;
  const { seed, requestedAt, requestedBy, requestId } = plan.drawJob;
  try {
    await drawFrozenPlan(plan, seed, { sub: requestedBy, department: plan.createdByDepartment, at: requestedAt, requestId });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

/** A retried creation of a plan whose draw job may have been lost: queue it again (drawing twice commits once). */
async function resumeDraw(plan: Plan) {
  if (plan.drawJob && !plan.drawnAt) await enqueue([{ kind: 'draw', planId: plan.planId }]);
}

/** Each team member's assignment of the sample, with the department the roster froze for the member. */
function assignmentsOf(plan: Plan, sample: readonly SampleEntry[], roster: readonly RosterInspector[]): Assignment[] {
  const departmentOf = new Map(roster.map((i) => [i.id, i.department]));
  return sample.flatMap(({ subjectId, team }) =>
    team ? team.map((inspectorId) => ({ inspectorId, department: departmentOf.get(inspectorId) ?? '', planId: plan.planId, planCreatedAt: plan.createdAt, subjectId, team })) : [],
  );
}

/**
 * Draws a frozen plan whose department the caller was already checked against (the request, or the
 * draw job). Steps: the draw from the frozen population and roster → the sample's chunks and every
 * team member's assignment (the same for every attempt) → the commit, which makes them count.
 */
export async function drawFrozenPlan(plan: Plan, seed: string, stamp: Stamp): Promise<Draw> {
  const planId = plan.planId;
  if (seedCommitmentOf(seed) !== plan.seedCommitment) throw InadmissibleError.field('seed', 'SHA-256 of the seed does not match the plan\'s seedCommitment');
  if (plan.drawnAt) throw new ConflictError(`Plan ${planId} was already drawn at ${plan.drawnAt}`);
  const population = await readPopulation(plan);
  const draw = new StratifiedDraw({ planId, seed, ratios: plan.ratios, sizes: { A: plan.population.A, B: plan.population.B, C: plan.population.C, D: plan.population.D } });
  const industries: Record<string, string> = {};
  for (const stratum of STRATA) {
    for (const [id, industry] of population[stratum] ?? []) {
      draw.offer(stratum, id);
      industries[id] = industry;
    }
  }
  const drawn = draw.result();
  const roster = await readRoster(plan);
  const sample = assignTeams(drawn, { departments: plan.departments, teamSize: plan.teamSize, industries, inspectors: roster }, draw.seedHash);
  const drawId = attemptId();
  const sampleChunks = await writeChunks(planId, 'S', drawId, { sample });
  await writeAssignments(assignmentsOf(plan, sample, roster));
  try {
    await commitDraw(planId, { seed, drawnAt: stamp.at, drawId, sampleChunks, sampleSize: sample.length, drawnBy: stamp.sub, drawRequestId: stamp.requestId });
  } catch (error) {
    await discardChunks(planId, 'S', drawId, sampleChunks);
    throw error;
  }
  await afterCommit(planId);
  return { planId, seed, drawnAt: stamp.at, sample };
}

/** The plan as its departments and auditors see it: counts, the draw, results, and the late ones; a pending one with its progress. */
export async function viewPlan(planId: string, actor: Pick<Actor, 'department' | 'roles'>): Promise<PlanView | PendingPlanView> {
  const stored = await storedPlanForReader(planId, actor);
  if (isPending(stored)) return pendingPlanView(stored);
  const plan = stored;
  const [sample, results] = await Promise.all([readSample(plan), listResults(planId)]);
  return planView(plan, sample, results);
}
