import { randomBytes } from 'node:crypto';
import type { Now } from '#domain/clock.ts';
import { assignTeams, populationHash, seedCommitmentOf, strataHash, StratifiedDraw } from '#domain/draws.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError } from '#domain/errors.ts';
import { rosterInspectorSchema, type RosterInspector } from '#domain/inspectors.ts';
import { inForceAt, type Stamp } from '#domain/records.ts';
import {
  memberSchema,
  placeInPopulation,
  planIdFor,
  planRequestHash,
  planView,
  sampleEntrySchema,
  STRATA,
  type Draw,
  type Member,
  type Plan,
  type PlanRequest,
  type PlanView,
  type SampleEntry,
  type Stratum,
} from '#domain/plans.ts';
import { findList } from '#domain/reference.ts';
import { riskClass } from '#domain/risk-classes.ts';
import { listInspectors } from '#data/inspectors.ts';
import { commitDraw, commitPlan, discardChunks, getPlan, listResults, readChunks, writeChunks } from '#data/plans.ts';
import { streamSubjects } from '#data/population.ts';

/** Who is asking: the token's sub and department, and its roles. */
export type Actor = Pick<Stamp, 'sub' | 'department'> & { roles: readonly string[] };

const attemptId = () => randomBytes(8).toString('hex');

/**
 * Creates a plan and freezes its population and roster.
 * Steps: the caller's department must be one of the plan's (403) → stream every subject once,
 * classify it and place it in a stratum or the exempt list → freeze the roster of the plan's
 * departments (conflicts cut to the population) → write chunks under a fresh freeze id → commit the
 * plan item naming that freeze id. Of concurrent creations with one commitment exactly one commit
 * succeeds; the others discard their chunks and answer the committed plan (the same request) or 409.
 */
export async function createPlan(request: PlanRequest, stamp: Stamp, now: Now): Promise<{ created: boolean; plan: Plan }> {
  if (!request.departments.includes(stamp.department)) throw new ForbiddenError(`${stamp.department} is not one of the plan's departments`);
  const planId = planIdFor(request.seedCommitment);
  const requestHash = planRequestHash(request);
  const existing = await getPlan(planId);
  if (existing) return sameOrConflict(existing, requestHash);

  const strata: Record<Stratum | 'exempt', Member[]> = { A: [], B: [], C: [], D: [], exempt: [] };
  await streamSubjects((entity, records) => {
    if (entity.kind !== 'enterprise' || entity.status !== 'active') return;
    const onRedList = records.some((r) => r.type === 'listing' && findList(r.listCode ?? '')?.kind === 'red' && inForceAt(r, now.at, now.today));
    const place = placeInPopulation(
      { ...entity, riskClass: riskClass(entity, records, now.at, now.today), onRedList },
      request,
    );
    if (place) strata[place].push([entity.id, entity.industry ?? '']);
  });
  for (const list of Object.values(strata)) list.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const ids = { A: strata.A.map((m) => m[0]), B: strata.B.map((m) => m[0]), C: strata.C.map((m) => m[0]), D: strata.D.map((m) => m[0]) };
  const members = new Set(STRATA.flatMap((s) => ids[s]));
  // Only conflicts that can matter to a team are frozen: the rest would disclose nothing useful.
  const roster: RosterInspector[] = (await Promise.all(request.departments.map((d) => listInspectors(d))))
    .flat()
    .map(({ id, department, fields, conflicts }) => ({ id, department, fields, conflicts: conflicts.filter((c) => members.has(c)) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const freezeId = attemptId();
  const strataSalt = randomBytes(16).toString('hex');
  const populationChunks = await writeChunks(planId, 'P', freezeId, strata);
  const rosterChunks = await writeChunks(planId, 'R', freezeId, { roster });
  const plan: Plan = {
    ...request,
    planId,
    status: 'frozen',
    population: { A: strata.A.length, B: strata.B.length, C: strata.C.length, D: strata.D.length, exempt: strata.exempt.length },
    populationHash: populationHash(ids),
    strataSalt,
    strataHashes: { A: strataHash(strataSalt, ids.A), B: strataHash(strataSalt, ids.B), C: strataHash(strataSalt, ids.C), D: strataHash(strataSalt, ids.D) },
    freezeId,
    populationChunks,
    rosterChunks,
    requestHash,
    createdAt: stamp.at,
    createdBy: stamp.sub,
    createdByDepartment: stamp.department,
    requestId: stamp.requestId,
  };
  if (!(await commitPlan(plan))) {
    await Promise.all([discardChunks(planId, 'P', freezeId, populationChunks), discardChunks(planId, 'R', freezeId, rosterChunks)]);
    return sameOrConflict((await getPlan(planId))!, requestHash);
  }
  return { created: true, plan };
}

function sameOrConflict(existing: Plan, requestHash: string) {
  if (existing.requestHash !== requestHash) throw new ConflictError(`A different plan (${existing.planId}) already uses this seed commitment`);
  return { created: false, plan: existing };
}

export async function existingPlan(planId: string): Promise<Plan> {
  const plan = await getPlan(planId);
  if (!plan) throw new NotFoundError(`No plan ${planId}`);
  return plan;
}

/** The plan, if the caller's department is one of its departments. */
export async function planForDepartment(planId: string, department: string): Promise<Plan> {
  const plan = await existingPlan(planId);
  if (!plan.departments.includes(department)) throw new ForbiddenError(`Plan ${planId} belongs to other departments`);
  return plan;
}

/** The plan for a reader: one of its departments, or an auditor (city-wide). */
export async function planForReader(planId: string, actor: Pick<Actor, 'department' | 'roles'>): Promise<Plan> {
  if (actor.roles.includes('auditor')) return existingPlan(planId);
  return planForDepartment(planId, actor.department);
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
 * Steps: stream the frozen population through a top-k per stratum → teams from the frozen roster →
 * write the sample chunks under a fresh draw id → commit the draw on the plan item (conditionally).
 */
export async function drawPlan(planId: string, seed: string, stamp: Stamp) {
  return drawFrozenPlan(await planForDepartment(planId, stamp.department), seed, stamp);
}

/** drawPlan for a plan whose department the caller was already checked against. */
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
  const sample = assignTeams(drawn, { departments: plan.departments, teamSize: plan.teamSize, industries, inspectors: await readRoster(plan) }, draw.seedHash);
  const drawId = attemptId();
  const sampleChunks = await writeChunks(planId, 'S', drawId, { sample });
  try {
    await commitDraw(planId, { seed, drawnAt: stamp.at, drawId, sampleChunks, sampleSize: sample.length, drawnBy: stamp.sub, drawRequestId: stamp.requestId });
  } catch (error) {
    await discardChunks(planId, 'S', drawId, sampleChunks);
    throw error;
  }
  return { planId, seed, drawnAt: stamp.at, sample };
}

/** The plan as its departments and auditors see it: counts, the draw, results, and the late ones. */
export async function viewPlan(planId: string, actor: Pick<Actor, 'department' | 'roles'>): Promise<PlanView> {
  const plan = await planForReader(planId, actor);
  const [sample, results] = await Promise.all([readSample(plan), listResults(planId)]);
  return planView(plan, sample, results);
}
