import { workingCalendar, config } from '#config';
import type { Now } from '#domain/clock.ts';
import { addWorkingDays } from '#domain/dates.ts';
import { assignTeams, populationHash, seedCommitmentOf, StratifiedDraw, type SampleEntry } from '#domain/draws.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { inForceAt } from '#domain/records.ts';
import { ABNORMAL_OUTCOMES, OUTCOME_TITLES, placeInPopulation, planIdFor, planRequestHash, STRATA, type PlanRequest, type RosterInspector, type Stratum } from '#domain/plans.ts';
import { findList } from '#domain/reference.ts';
import { riskClass } from '#domain/risk-classes.ts';
import { listInspectors } from '#data/inspectors.ts';
import { commitDraw, commitPlan, getPlanMeta, listResults, readChunks, saveResult, writeChunks, type ChunkIndex } from '#data/plans.ts';
import { streamSubjects } from '#data/population.ts';
import { createRecord } from './create-record.ts';

export interface PlanMeta extends PlanRequest, Record<string, unknown> {
  planId: string;
  status: 'frozen' | 'drawn';
  population: Record<Stratum | 'exempt', number>;
  populationHash: string;
  populationChunks: ChunkIndex;
  rosterChunks: ChunkIndex;
  requestHash: string;
  createdAt: string;
  createdBy: string;
  createdByDepartment: string;
  requestId: string;
  seed?: string;
  drawnAt?: string;
  sampleChunks?: ChunkIndex;
  sampleSize?: number;
}

interface Stamp {
  sub: string;
  department: string;
  at: string;
  requestId: string;
}

/** A frozen member: its id and industry (teams need the industry). */
type Member = [id: string, industry: string];

/**
 * Creates a plan and freezes its population and roster.
 * Steps: the caller's department must be one of the plan's (403) → stream every subject once,
 * classify it and place it in a stratum or the exempt list → freeze the roster of the plan's
 * departments → write chunks → commit the plan item (the same request again returns the same plan).
 */
export async function createPlan(request: PlanRequest, stamp: Stamp, now: Now): Promise<{ created: boolean; plan: PlanMeta }> {
  if (!request.departments.includes(stamp.department)) throw new ForbiddenError(`${stamp.department} is not one of the plan's departments`);
  const planId = planIdFor(request.seedCommitment);
  const requestHash = planRequestHash(request);
  const existing = await getPlanMeta<PlanMeta>(planId);
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
  const roster: RosterInspector[] = (await Promise.all(request.departments.map((d) => listInspectors(d))))
    .flat()
    .map(({ id, department, fields, conflicts }) => ({ id, department, fields, conflicts }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const populationChunks = await writeChunks(planId, 'P', strata);
  const rosterChunks = await writeChunks(planId, 'R', { roster });
  const plan: PlanMeta = {
    ...request,
    planId,
    status: 'frozen',
    population: { A: strata.A.length, B: strata.B.length, C: strata.C.length, D: strata.D.length, exempt: strata.exempt.length },
    populationHash: populationHash({ A: strata.A.map((m) => m[0]), B: strata.B.map((m) => m[0]), C: strata.C.map((m) => m[0]), D: strata.D.map((m) => m[0]) }),
    populationChunks,
    rosterChunks,
    requestHash,
    createdAt: stamp.at,
    createdBy: stamp.sub,
    createdByDepartment: stamp.department,
    requestId: stamp.requestId,
  };
  if (!(await commitPlan(planId, plan))) {
    return sameOrConflict((await getPlanMeta<PlanMeta>(planId))!, requestHash);
  }
  return { created: true, plan };
}

function sameOrConflict(existing: PlanMeta, requestHash: string) {
  if (existing.requestHash !== requestHash) throw new ConflictError(`A different plan (${existing.planId}) already uses this seed commitment`);
  return { created: false, plan: existing };
}

/** The plan, if the caller's department is one of its departments. */
export async function planForDepartment(planId: string, department: string): Promise<PlanMeta> {
  const plan = await getPlanMeta<PlanMeta>(planId);
  if (!plan) throw new NotFoundError(`No plan ${planId}`);
  if (!plan.departments.includes(department)) throw new ForbiddenError(`Plan ${planId} belongs to other departments`);
  return plan;
}

async function readPopulation(plan: PlanMeta) {
  return readChunks<Member>(plan.planId, 'P', plan.populationChunks);
}

async function readSample(plan: PlanMeta): Promise<SampleEntry[]> {
  if (!plan.sampleChunks) return [];
  return (await readChunks<SampleEntry>(plan.planId, 'S', plan.sampleChunks)).sample ?? [];
}

/**
 * Draws the plan (双随机): the seed must match the commitment (422); a plan is drawn once (409).
 * Steps: stream the frozen population through a top-k per stratum → teams from the frozen roster →
 * write the sample chunks → commit the draw on the plan item.
 */
export async function drawPlan(planId: string, seed: string, stamp: Stamp) {
  const plan = await planForDepartment(planId, stamp.department);
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
  const roster = (await readChunks<RosterInspector>(planId, 'R', plan.rosterChunks)).roster ?? [];
  const sample = assignTeams(drawn, { departments: plan.departments, teamSize: plan.teamSize, industries, inspectors: roster }, draw.seedHash);
  const sampleChunks = await writeChunks(planId, 'S', { sample });
  await commitDraw(planId, { seed, drawnAt: stamp.at, sampleChunks, sampleSize: sample.length, drawnBy: stamp.sub, drawRequestId: stamp.requestId });
  return { planId, seed, drawnAt: stamp.at, sample };
}

/** Everything needed to re-run the draw (一公开): the same document for planners and the public. */
export async function publicPlanDocument(plan: PlanMeta) {
  const population = await readPopulation(plan);
  const roster = (await readChunks<RosterInspector>(plan.planId, 'R', plan.rosterChunks)).roster ?? [];
  const industries: Record<string, string> = {};
  const strata = {} as Record<Stratum, string[]>;
  for (const stratum of STRATA) {
    strata[stratum] = (population[stratum] ?? []).map(([id, industry]) => {
      industries[id] = industry;
      return id;
    });
  }
  return {
    planId: plan.planId,
    title: plan.title,
    ratios: plan.ratios,
    teamSize: plan.teamSize,
    departments: plan.departments,
    mode: plan.mode,
    seedCommitment: plan.seedCommitment,
    strata,
    exempt: (population.exempt ?? []).map(([id]) => id),
    industries,
    inspectors: roster,
    populationHash: plan.populationHash,
    ...(plan.drawnAt ? { seed: plan.seed, drawnAt: plan.drawnAt, sample: await readSample(plan) } : {}),
  };
}

export async function publicPlan(planId: string) {
  const plan = await getPlanMeta<PlanMeta>(planId);
  if (!plan) throw new NotFoundError(`No plan ${planId}`);
  return publicPlanDocument(plan);
}

export interface ResultInput {
  subjectId: string;
  inspectedOn: string;
  outcome: string;
  findings?: string | undefined;
}

/**
 * Records an inspection result (结果告知).
 * Steps: plan department (403) → drawn, subject sampled (422) → the inspection record on the subject
 * (public at once) → for unreachable/unpublished/false information, the 经营异常名录 listing on behalf
 * of its keeper → the result item last. Every step is idempotent, so a retry completes a broken one.
 */
export async function recordResult(planId: string, input: ResultInput, stamp: Stamp, now: Now) {
  const plan = await planForDepartment(planId, stamp.department);
  if (!plan.drawnAt) throw InadmissibleError.field('planId', 'the plan has not been drawn yet');
  if (input.inspectedOn > now.today) throw ValidationError.field('inspectedOn', 'must not be in the future');
  const sample = await readSample(plan);
  if (!sample.some((s) => s.subjectId === input.subjectId)) throw InadmissibleError.field('subjectId', `${input.subjectId} is not in the plan's sample`);

  const publishBy = addWorkingDays(input.inspectedOn, config.RESULT_PUBLISH_WORKING_DAYS, workingCalendar);
  const late = now.today > publishBy;
  const documentNo = `${planId}/${input.subjectId}`;
  const { record } = await createRecord({
    subjectId: input.subjectId,
    type: 'inspection',
    documentNo,
    decidedOn: input.inspectedOn,
    title: `双随机抽查：${OUTCOME_TITLES[input.outcome]}`,
    outcome: input.outcome,
    content: input.findings,
    source: `plan:${planId}`,
  }, stamp, now.today);
  let listingId: string | undefined;
  if (ABNORMAL_OUTCOMES.has(input.outcome)) {
    const keeper = findList('ABNORMAL_OPERATION')?.keeper ?? stamp.department;
    const listing = await createRecord(
      {
        subjectId: input.subjectId,
        type: 'listing',
        listCode: 'ABNORMAL_OPERATION',
        documentNo: `${documentNo}/ABNORMAL_OPERATION`,
        decidedOn: now.today,
        title: `列入经营异常名录：${OUTCOME_TITLES[input.outcome]}`,
        source: `plan:${planId}`,
      },
      { ...stamp, department: keeper, sub: `${stamp.sub} (${stamp.department}, plan ${planId})` },
      now.today,
    );
    listingId = listing.record.recordId;
  }
  const result = {
    resultId: record.recordId,
    planId,
    subjectId: input.subjectId,
    outcome: input.outcome,
    inspectedOn: input.inspectedOn,
    ...(input.findings ? { findings: input.findings } : {}),
    publishBy,
    late,
    recordedAt: stamp.at,
    recordedBy: stamp.sub,
    department: stamp.department,
    ...(listingId ? { listingRecordId: listingId } : {}),
  };
  const saved = await saveResult(planId, result);
  if (saved.created) return { created: true, result };
  const e = saved.existing;
  if (e.outcome !== input.outcome || e.inspectedOn !== input.inspectedOn || (e.findings ?? '') !== (input.findings ?? '')) {
    throw new ConflictError(`A different result for ${input.subjectId} is already recorded in plan ${planId}`);
  }
  const { PK: _p, SK: _s, itemType: _t, ...shown } = e;
  return { created: false, result: shown };
}

/** The plan as its departments see it: counts, the draw, results, and the ones published late. */
export async function viewPlan(planId: string, department: string) {
  const plan = await planForDepartment(planId, department);
  const [sample, results] = await Promise.all([readSample(plan), listResults(planId)]);
  const { populationChunks: _p, rosterChunks: _r, sampleChunks: _s, requestHash: _h, ...shown } = plan;
  return {
    ...shown,
    ...(plan.drawnAt ? { draw: { seed: plan.seed, drawnAt: plan.drawnAt, sample } } : {}),
    results,
    lateResults: results.filter((r) => r.late === true),
  };
}
