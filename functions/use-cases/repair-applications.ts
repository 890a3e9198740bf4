import { createHash } from 'node:crypto';
import { config, workingCalendar } from '../config.ts';
import { now as clock, type Now } from '#domain/clock.ts';
import { canonicalJson } from '#domain/credit-reports.ts';
import { addMonths } from '#domain/dates.ts';
import { ConflictError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { codesMatch, newTrackingCode } from '#domain/petitions.ts';
import { recordStatus, type CreditRecord, type Stamp } from '#domain/records.ts';
import { repairVerdict } from '#domain/repair.ts';
import {
  applicationIdFor,
  decideRepairApplication as decide,
  departmentRepairApplicationView,
  fileRepairApplication as file,
  publicRepairApplicationView,
  REPAIR_COMMITMENT_MATTER,
  REPAIR_COMMITMENT_MONTHS,
  repairDecisionStamp,
  repairReason,
  settledRepairApplication,
  type RepairApplication,
  type RepairDecision,
  type RepairFiling,
} from '#domain/repair-applications.ts';
import { claimPetitionId, findPetition, getPetition, insertPetition, listPetitions, REPAIR_APPLICATIONS, savePetitionChange } from '#data/petitions.ts';
import { readSubjectState } from '#data/subjects.ts';
import { repairRecord } from './change-record.ts';
import { makeCommitment } from './commitments.ts';

/**
 * Repair applications (信用修复申请): filed by the subject without a token, decided by the department
 * that made the record; approval repairs the record as POST /v1/records/{recordId}/repair does.
 */

/** Why a record cannot be repaired today (422 naming recordId, with the first allowed day when there is one). */
function repairRefusal(record: CreditRecord | undefined, filing: RepairFiling, today: string): string | undefined {
  if (!record) return `no record ${filing.recordId} of ${filing.subjectId}`;
  const status = recordStatus(record, today);
  if (status !== 'active') return `the record is ${status}: only a record in effect is repaired`;
  const verdict = repairVerdict(record, today);
  return verdict.allowed ? undefined : verdict.rule;
}

/**
 * Files a repair application (POST /v1/public/repair-applications).
 * Steps: correctedOn not ahead of today (400) → the subject's records in one consistent Query → the record
 * repairable today (422 naming recordId: which records are, and from which day) → correctedOn not before
 * the decision (400) → an id (from the Idempotency-Key when given) pointed at the subject → the 守信承诺书
 * recorded as a CREDIT_REPAIR commitment accepted by the record's department (idempotent per day) → the
 * application, due in REPAIR_WORKING_DAYS working days; a keyed retry answers the stored one (200),
 * another request under the key is 409.
 */
export async function fileRepairApplication(filing: RepairFiling, idempotencyKey: string | undefined, now: Now) {
  if (filing.correctedOn > now.today) throw ValidationError.field('correctedOn', 'must not be in the future');
  const requestHash = createHash('sha256').update(canonicalJson(filing)).digest('hex');
  const applicationId = applicationIdFor(idempotencyKey);
  if (idempotencyKey !== undefined) {
    const earlier = await findPetition(REPAIR_APPLICATIONS, applicationId);
    if (earlier) return repeated(earlier, requestHash, idempotencyKey);
  }
  const { records } = await readSubjectState(filing.subjectId);
  const record = records.find((r) => r.recordId === filing.recordId);
  const refusal = repairRefusal(record, filing, now.today);
  if (refusal || !record) throw InadmissibleError.field('recordId', refusal ?? 'not repairable');
  if (filing.correctedOn < record.decidedOn) throw ValidationError.field('correctedOn', `must not be before the decision (${record.decidedOn})`);
  const pointed = await claimPetitionId(REPAIR_APPLICATIONS, applicationId, filing.subjectId);
  if (pointed !== filing.subjectId) throw new ConflictError(`Idempotency-Key ${idempotencyKey} was used for another repair application`);
  const accepting: Stamp = { sub: 'applicant', department: record.department, at: now.at, requestId: applicationId };
  const { commitment } = await makeCommitment(
    { subjectId: filing.subjectId, type: 'CREDIT_REPAIR', matter: REPAIR_COMMITMENT_MATTER, content: filing.commitment, dueOn: addMonths(now.today, REPAIR_COMMITMENT_MONTHS) },
    accepting,
    now,
  );
  const application = file(filing, record, { applicationId, trackingCode: newTrackingCode(), requestHash, commitmentCode: commitment.code }, now, config.REPAIR_WORKING_DAYS, workingCalendar);
  const { created, stored } = await insertPetition(REPAIR_APPLICATIONS, application);
  if (!created) return repeated(stored, requestHash, idempotencyKey ?? '');
  return { created: true, filed: filedView(stored) };
}

const filedView = (a: RepairApplication) => ({ applicationId: a.applicationId, trackingCode: a.trackingCode, dueBy: a.dueBy, commitmentCode: a.commitmentCode });

function repeated(stored: RepairApplication, requestHash: string, idempotencyKey: string) {
  if (stored.requestHash !== requestHash) throw new ConflictError(`Idempotency-Key ${idempotencyKey} was used for another repair application (${stored.applicationId})`);
  return { created: false, filed: filedView(stored) };
}

/** The application as its applicant follows it: shown only with its tracking code (any other: 404). */
export async function trackRepairApplication(applicationId: string, trackingCode: string) {
  const application = await findPetition(REPAIR_APPLICATIONS, applicationId);
  if (!application || !codesMatch(trackingCode, application.trackingCode)) throw new NotFoundError(`No repair application ${applicationId} with that tracking code`);
  return publicRepairApplicationView(application);
}

export async function departmentRepairApplications(department: string, status: 'open' | 'overdue' | 'decided', page: { limit: number; cursor?: Record<string, unknown> | undefined }, now: Now) {
  const { items, next } = await listPetitions(REPAIR_APPLICATIONS, department, status === 'decided' ? 'decided' : 'open', {
    ...(status === 'overdue' ? { dueBefore: now.today } : {}),
    ...page,
  });
  return { applications: items.map((a) => departmentRepairApplicationView(a, now.today)), next };
}

/** The application, if it concerns one of the department's records; another department's is as unknown (404). */
export async function ownRepairApplication(applicationId: string, department: string): Promise<RepairApplication> {
  const application = await findPetition(REPAIR_APPLICATIONS, applicationId);
  if (!application || application.department !== department) throw new NotFoundError(`No repair application ${applicationId} for a record of ${department}`);
  return application;
}

async function recordOf(a: RepairApplication): Promise<CreditRecord> {
  const { records } = await readSubjectState(a.subjectId);
  const record = records.find((r) => r.recordId === a.recordId);
  if (!record) throw new NotFoundError(`No record ${a.recordId}`);
  return record;
}

const ATTEMPTS = 5;

/**
 * Decides a repair application (POST /v1/repair-applications/{applicationId}/decide).
 * Steps: an approval checks the repair rules on the record first (a record retracted or repaired
 * meanwhile: 409; not repairable: 422), so nothing is decided that cannot be carried out → the decision
 * written on the application's version (the same decision again completes what is left; another is 409)
 * → approved: the record repaired with the application as the reason → the application marked settled.
 */
export async function decideRepairApplication(first: RepairApplication, ruling: { decision: RepairDecision; note: string }, stamp: Stamp, now: Now) {
  if (ruling.decision === 'approved' && first.status === 'open') {
    const record = await recordOf(first);
    if (record.retractedAt || record.repairedAt) throw new ConflictError(`Record ${record.recordId} is already ${record.retractedAt ? 'retracted' : 'repaired'}`);
    const verdict = repairVerdict(record, now.today);
    if (!verdict.allowed) throw InadmissibleError.field('decision', verdict.rule);
  }
  let current = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const after = decide(current, ruling, stamp);
    if (after === 'conflict') throw new ConflictError(`Repair application ${current.applicationId} was already decided: ${current.decision}`);
    if (after === undefined) return departmentRepairApplicationView(await settleRepairApplication(current), now.today);
    if (await savePetitionChange(REPAIR_APPLICATIONS, current, after)) return departmentRepairApplicationView(await settleRepairApplication(after), now.today);
    const reread = await getPetition(REPAIR_APPLICATIONS, current.subjectId, current.applicationId);
    if (!reread) throw new NotFoundError(`No repair application ${current.applicationId}`);
    current = reread;
  }
  throw new ConflictError(`Repair application ${first.applicationId} is being decided by other requests; read it again`);
}

/** Carries out an approval on the record, once (a repaired record is left as it is), then marks the application settled. */
export async function settleRepairApplication(application: RepairApplication): Promise<RepairApplication> {
  if (application.settled) return application;
  const record = await recordOf(application);
  const { today, at } = clock();
  if (!record.repairedAt && !record.retractedAt) {
    try {
      await repairRecord(record, repairReason(application), application.correctedOn, repairDecisionStamp(application), today);
    } catch (error) {
      // Decided, so it stands: a record that can no longer be repaired (changed meanwhile) is left as it is.
      if (!(error instanceof ConflictError || error instanceof InadmissibleError)) throw error;
    }
  }
  for (let current = application, attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (current.settled) return current;
    const after = settledRepairApplication(current, at);
    if (await savePetitionChange(REPAIR_APPLICATIONS, current, after)) return after;
    const reread = await getPetition(REPAIR_APPLICATIONS, current.subjectId, current.applicationId);
    if (!reread) throw new NotFoundError(`No repair application ${current.applicationId}`);
    current = reread;
  }
  throw new ConflictError(`Repair application ${application.applicationId} is being settled by other requests`);
}
