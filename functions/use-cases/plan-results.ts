import { workingCalendar, config } from '#config';
import type { Now } from '#domain/clock.ts';
import { addWorkingDays, cstDate } from '#domain/dates.ts';
import { ConflictError, ForbiddenError, InadmissibleError, ValidationError } from '#domain/errors.ts';
import { normaliseId } from '#domain/identifiers.ts';
import { abnormalListingDocumentNo, inspectionDocumentNo, listsAsAbnormal, OUTCOME_TITLES, referralNoticeId, sameResult, type PlanResult } from '#domain/inspection-results.ts';
import type { Plan, SampleEntry } from '#domain/plans.ts';
import type { Stamp } from '#domain/records.ts';
import { findList } from '#domain/reference.ts';
import { saveNotice } from '#data/notices.ts';
import { getResult, saveResult } from '#data/plans.ts';
import { createRecord } from './create-record.ts';
import { planForDepartment, readRoster, readSample, type Actor } from './plans.ts';

export type ResultInput = Pick<PlanResult, 'subjectId' | 'inspectedOn' | 'outcome'> & { findings?: string | undefined };

export interface ResultScope {
  plan: Plan;
  sample: SampleEntry[];
}

/** The subject a result body names, read leniently: authority is decided before the body is validated. */
function namedSubject(body: unknown): string | undefined {
  const subjectId = typeof body === 'object' && body !== null && 'subjectId' in body ? body.subjectId : undefined;
  return typeof subjectId === 'string' ? normaliseId(subjectId) : undefined;
}

/**
 * Who may record a result (the second 随机: the draw chose the team), decided before the body is read.
 * Steps: the plan (404) and one of its departments (403) → a planner records on any team's behalf →
 * an inspector must be on the drawn team of the subject the raw body names (on some team of the plan,
 * when the body names none that can be read), as that department's inspector in the frozen roster.
 */
export async function authorizeResult(planId: string, actor: Actor, rawBody: unknown): Promise<ResultScope> {
  const subjectId = namedSubject(rawBody);
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
  if (!sample.some((s) => s.subjectId === input.subjectId)) throw InadmissibleError.field('subjectId', "is not in the plan's sample");

  const stored = await getResult(planId, input.subjectId);
  if (stored) {
    if (sameResult(stored, input)) return { created: false, result: stored };
    throw new ConflictError(`A different result for ${input.subjectId} is already recorded in plan ${planId}`);
  }

  const lead = plan.departments[0]!;
  // The records' identity is the plan and subject; their document numbers are for people to read.
  const identity = `${planId}/${input.subjectId}`;
  const documentNo = inspectionDocumentNo(plan.title, plan.drawnAt, sample.findIndex((s) => s.subjectId === input.subjectId) + 1);
  let record;
  try {
    ({ record } = await createRecord(
      {
        subjectId: input.subjectId,
        type: 'inspection',
        documentNo,
        identity,
        decidedOn: input.inspectedOn,
        title: `双随机抽查：${OUTCOME_TITLES[input.outcome]}`,
        outcome: input.outcome,
        content: input.findings,
        source: `plan:${planId}`,
        planTitle: plan.title,
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
  if (listsAsAbnormal(input.outcome)) {
    const keeper = findList('ABNORMAL_OPERATION')?.keeper ?? lead;
    if (plan.departments.includes(keeper)) {
      const listing = await createRecord(
        {
          subjectId: input.subjectId,
          type: 'listing',
          listCode: 'ABNORMAL_OPERATION',
          documentNo: abnormalListingDocumentNo(documentNo),
          identity: `${identity}/ABNORMAL_OPERATION`,
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

