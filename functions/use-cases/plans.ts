import { randomBytes } from 'node:crypto';
import { workingCalendar, config } from '#config';
import type { Now } from '#domain/clock.ts';
import { addWorkingDays, cstDate } from '#domain/dates.ts';
import { assignTeams, populationHash, seedCommitmentOf, strataHash, StratifiedDraw, type SampleEntry } from '#domain/draws.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { inForceAt } from '#domain/records.ts';
import {
  ABNORMAL_OUTCOMES,
  OUTCOME_TITLES,
  placeInPopulation,
  planIdFor,
  planRequestHash,
  referralNoticeId,
  sameResult,
  STRATA,
  type Plan,
  type PlanRequest,
  type PlanResult,
  type RosterInspector,
  type Stratum,
} from '#domain/plans.ts';
import { findList } from '#domain/reference.ts';
import { riskClass } from '#domain/risk-classes.ts';
import { listInspectors } from '#data/inspectors.ts';
import { saveNotice } from '#data/notices.ts';
import { commitDraw, commitPlan, discardChunks, getPlan, getResult, listResults, readChunks, saveResult, writeChunks } from '#data/plans.ts';
import { streamSubjects } from '#data/population.ts';
import { createRecord } from './create-record.ts';

interface Stamp {
  sub: string;
  department: string;
  at: string;
  requestId: string;
}

/** Who is asking: the token's sub, department and roles. */
export interface Actor {
  sub: string;
  department: string;
  roles: readonly string[];
}

/** A frozen member: its id and industry (teams need the industry). */
type Member = [id: string, industry: string];

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

async function existingPlan(planId: string): Promise<Plan> {
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

async function readPopulation(plan: Plan) {
  return readChunks<Member>(plan.planId, 'P', plan.freezeId, plan.populationChunks);
}

async function readRoster(plan: Plan): Promise<RosterInspector[]> {
  return (await readChunks<RosterInspector>(plan.planId, 'R', plan.freezeId, plan.rosterChunks)).roster ?? [];
}

async function readSample(plan: Plan): Promise<SampleEntry[]> {
  if (!plan.sampleChunks || !plan.drawId) return [];
  return (await readChunks<SampleEntry>(plan.planId, 'S', plan.drawId, plan.sampleChunks)).sample ?? [];
}

/**
 * Draws the plan (双随机): the seed must match the commitment (422); a plan is drawn once (409).
 * Steps: stream the frozen population through a top-k per stratum → teams from the frozen roster →
 * write the sample chunks under a fresh draw id → commit the draw on the plan item (conditionally).
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

export interface ResultInput {
  subjectId: string;
  inspectedOn: string;
  outcome: string;
  findings?: string | undefined;
}

export interface ResultScope {
  plan: Plan;
  sample: SampleEntry[];
}

/**
 * Who may record a result (the second 随机: the draw chose the team), decided before the body is read.
 * Steps: the plan (404) and one of its departments (403) → a planner records on any team's behalf →
 * an inspector must be on the drawn team of the subject the body names (on some team of the plan,
 * when the body names none that can be read), as that department's inspector in the frozen roster.
 */
export async function authorizeResult(planId: string, actor: Actor, subjectId: string | undefined): Promise<ResultScope> {
  const plan = await planForDepartment(planId, actor.department);
  const sample = await readSample(plan);
  if (actor.roles.includes('planner')) return { plan, sample };
  const teams = sample.filter((e) => e.team?.includes(actor.sub));
  const onTeam = subjectId === undefined ? teams.length > 0 : teams.some((e) => e.subjectId === subjectId);
  if (!onTeam) {
    throw new ForbiddenError(`Inspector ${actor.sub} is not on the drawn team of ${subjectId === undefined ? 'any subject' : 'that subject'} in plan ${planId}`);
  }
  const roster = await readRoster(plan);
  if (!roster.some((i) => i.id === actor.sub && i.department === actor.department)) {
    throw new ForbiddenError(`Inspector ${actor.sub} is not ${actor.department}'s in the plan's roster`);
  }
  return { plan, sample };
}

/**
 * Records an inspection result (结果告知); the caller was authorised by authorizeResult.
 * Steps: drawn (409), subject sampled (422) → a stored result decides at once: the same is 200, a
 * different one 409 → the inspection record, for the plan's lead department (its first), so every
 * result for the subject meets the same conditional create and a different concurrent one is 409
 * before anything else is written → for unreachable/unpublished/false information, the 经营异常名录
 * listing on behalf of its keeper when the keeper is a plan department, otherwise a referral notice
 * to the keeper → the result item last. Every step is idempotent and dated by the inspection record,
 * so a retry completes an interrupted one without adding anything.
 */
export async function recordResult(scope: ResultScope, input: ResultInput, stamp: Stamp, now: Now): Promise<{ created: boolean; result: PlanResult }> {
  const { plan, sample } = scope;
  const planId = plan.planId;
  if (input.inspectedOn > now.today) throw ValidationError.field('inspectedOn', 'must not be in the future');
  if (!plan.drawnAt) throw new ConflictError(`Plan ${planId} has not been drawn yet: results follow the draw`);
  if (!sample.some((s) => s.subjectId === input.subjectId)) throw InadmissibleError.field('subjectId', `${input.subjectId} is not in the plan's sample`);

  const stored = await getResult(planId, input.subjectId);
  if (stored) {
    if (sameResult(stored, input)) return { created: false, result: stored };
    throw new ConflictError(`A different result for ${input.subjectId} is already recorded in plan ${planId}`);
  }

  const lead = plan.departments[0]!;
  const documentNo = `${planId}/${input.subjectId}`;
  let record;
  try {
    ({ record } = await createRecord(
      {
        subjectId: input.subjectId,
        type: 'inspection',
        documentNo,
        decidedOn: input.inspectedOn,
        title: `双随机抽查：${OUTCOME_TITLES[input.outcome]}`,
        outcome: input.outcome,
        content: input.findings,
        source: `plan:${planId}`,
      },
      { ...stamp, department: lead },
      now.today,
    ));
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError(`A different result for ${input.subjectId} is already being recorded in plan ${planId}`);
    throw error;
  }
  const recordedAt = record.createdAt;
  const recordedOn = cstDate(new Date(recordedAt));
  const publishBy = addWorkingDays(input.inspectedOn, config.RESULT_PUBLISH_WORKING_DAYS, workingCalendar);

  let listingRecordId: string | undefined;
  let referral: string | undefined;
  if (ABNORMAL_OUTCOMES.has(input.outcome)) {
    const keeper = findList('ABNORMAL_OPERATION')?.keeper ?? lead;
    if (plan.departments.includes(keeper)) {
      const listing = await createRecord(
        {
          subjectId: input.subjectId,
          type: 'listing',
          listCode: 'ABNORMAL_OPERATION',
          documentNo: `${documentNo}/ABNORMAL_OPERATION`,
          decidedOn: recordedOn,
          title: `列入经营异常名录：${OUTCOME_TITLES[input.outcome]}`,
          source: `plan:${planId}`,
        },
        { ...stamp, department: keeper, sub: `${stamp.sub} (${stamp.department}, plan ${planId})` },
        now.today,
      );
      listingRecordId = listing.record.recordId;
    } else {
      // The keeper is not in the plan: it decides on the listing itself (谁认定、谁负责).
      referral = referralNoticeId(planId, input.subjectId, keeper);
      await saveNotice({
        noticeId: referral,
        department: keeper,
        subjectId: input.subjectId,
        reason: 'referral',
        at: recordedAt,
        checkIds: [],
        recordId: record.recordId,
        listCode: 'ABNORMAL_OPERATION',
      });
    }
  }
  const result: PlanResult = {
    resultId: record.recordId,
    planId,
    subjectId: input.subjectId,
    outcome: input.outcome,
    inspectedOn: input.inspectedOn,
    ...(input.findings ? { findings: input.findings } : {}),
    publishBy,
    late: recordedOn > publishBy,
    recordedAt,
    recordedBy: stamp.sub,
    department: stamp.department,
    ...(listingRecordId ? { listingRecordId } : {}),
    ...(referral ? { referralNoticeId: referral } : {}),
  };
  const saved = await saveResult(result);
  if (saved.created) return { created: true, result };
  if (sameResult(saved.existing, input)) return { created: false, result: saved.existing };
  throw new ConflictError(`A different result for ${input.subjectId} is already recorded in plan ${planId}`);
}

/** The plan as its departments and auditors see it: counts, the draw, results, and the late ones. */
export async function viewPlan(planId: string, actor: Pick<Actor, 'department' | 'roles'>) {
  const plan = await planForReader(planId, actor);
  const [sample, results] = await Promise.all([readSample(plan), listResults(planId)]);
  const { populationChunks: _p, rosterChunks: _r, sampleChunks: _s, requestHash: _h, freezeId: _f, drawId: _d, strataSalt: _salt, ...shown } = plan;
  return {
    ...shown,
    ...(plan.drawnAt ? { draw: { seed: plan.seed, drawnAt: plan.drawnAt, sample } } : {}),
    results,
    lateResults: results.filter((r) => r.late),
  };
}
