import { createHash } from 'node:crypto';
import { config, workingCalendar } from '../config.ts';
import { now as clock, type Now } from '#domain/clock.ts';
import { canonicalJson } from '#domain/credit-reports.ts';
import { correctRecord, type RecordChanges } from '#domain/corrections.ts';
import { ConflictError, InadmissibleError, NotFoundError } from '#domain/errors.ts';
import {
  decideObjection as decide,
  decisionStamp,
  departmentObjectionView,
  fileObjection as file,
  objectionIdFor,
  objectionReason,
  publicObjectionView,
  settledObjection,
  type Objection,
  type ObjectionFiling,
  type ObjectionRuling,
} from '#domain/objections.ts';
import { codesMatch, newTrackingCode } from '#domain/petitions.ts';
import { isPublic, type Stamp } from '#domain/records.ts';
import { claimPetitionId, findPetition, getPetition, insertPetition, listPetitions, OBJECTIONS, savePetitionChange } from '#data/petitions.ts';
import { getEntity, readSubjectState } from '#data/subjects.ts';
import { correctRecordFields, retractRecord } from './change-record.ts';

/**
 * Objections (异议申诉): filed by anyone against a public record, decided by the department that made it.
 * Filing, following with the tracking code, the department's lists, the decision and the record change it makes.
 */

/**
 * Files an objection (POST /v1/public/objections).
 * Steps: the subject's records in one consistent Query → the record must be one of its publicly visible
 * records today (422 naming recordId) → an id (from the Idempotency-Key when given) pointed at the subject
 * → the objection, due in OBJECTION_WORKING_DAYS working days; a keyed retry answers the stored one (200),
 * another request under the key is 409.
 */
export async function fileObjection(filing: ObjectionFiling, idempotencyKey: string | undefined, now: Now) {
  const requestHash = createHash('sha256').update(canonicalJson(filing)).digest('hex');
  const objectionId = objectionIdFor(idempotencyKey);
  if (idempotencyKey !== undefined) {
    const earlier = await findPetition(OBJECTIONS, objectionId);
    if (earlier) return repeated(earlier, requestHash, idempotencyKey);
  }
  const { records } = await readSubjectState(filing.subjectId);
  const record = records.find((r) => r.recordId === filing.recordId);
  if (!record || !isPublic(record, now.today)) throw InadmissibleError.field('recordId', `no publicly visible record ${filing.recordId} of ${filing.subjectId}: only a published record may be objected to`);
  const pointed = await claimPetitionId(OBJECTIONS, objectionId, filing.subjectId);
  if (pointed !== filing.subjectId) throw new ConflictError(`Idempotency-Key ${idempotencyKey} was used for another objection`);
  const objection = file(filing, record, { objectionId, trackingCode: newTrackingCode(), requestHash }, now, config.OBJECTION_WORKING_DAYS, workingCalendar);
  const { created, stored } = await insertPetition(OBJECTIONS, objection);
  if (!created) return repeated(stored, requestHash, idempotencyKey ?? '');
  return { created: true, filed: filedView(stored) };
}

const filedView = (o: Objection) => ({ objectionId: o.objectionId, trackingCode: o.trackingCode, dueBy: o.dueBy });

function repeated(stored: Objection, requestHash: string, idempotencyKey: string) {
  if (stored.requestHash !== requestHash) throw new ConflictError(`Idempotency-Key ${idempotencyKey} was used for another objection (${stored.objectionId})`);
  return { created: false, filed: filedView(stored) };
}

/** The objection as its filer follows it: found by id, shown only with its tracking code (any other: 404). */
export async function trackObjection(objectionId: string, trackingCode: string) {
  const objection = await findPetition(OBJECTIONS, objectionId);
  if (!objection || !codesMatch(trackingCode, objection.trackingCode)) throw new NotFoundError(`No objection ${objectionId} with that tracking code`);
  return publicObjectionView(objection);
}

/** A page of the department's objections: `open` (including overdue) and `overdue` earliest due first, `decided` latest first. */
export async function departmentObjections(department: string, status: 'open' | 'overdue' | 'decided', page: { limit: number; cursor?: Record<string, unknown> | undefined }, now: Now) {
  const { items, next } = await listPetitions(OBJECTIONS, department, status === 'decided' ? 'decided' : 'open', {
    ...(status === 'overdue' ? { dueBefore: now.today } : {}),
    ...page,
  });
  return { objections: items.map((o) => departmentObjectionView(o, now.today)), next };
}

/** The objection, if it concerns one of the department's records; another department's is as unknown (404). */
export async function ownObjection(objectionId: string, department: string): Promise<Objection> {
  const objection = await findPetition(OBJECTIONS, objectionId);
  if (!objection || objection.department !== department) throw new NotFoundError(`No objection ${objectionId} to a record of ${department}`);
  return objection;
}

const ATTEMPTS = 5;

/**
 * Decides an objection (POST /v1/objections/{objectionId}/decide).
 * Steps: a correction is tried on the record first, so its 400/422/409 come before anything is written →
 * the decision written on the objection's version (a repeat of the same decision completes what is left;
 * another decision is 409) → the record corrected or retracted with the objection as the reason → the
 * objection marked settled. A request that dies after the decision leaves the outbox mark, which its retry,
 * the sweep or the stream completes.
 */
export async function decideObjection(first: Objection, ruling: ObjectionRuling, stamp: Stamp, now: Now) {
  if (ruling.decision === 'corrected' && first.status === 'open') await tryCorrection(first, ruling.changes ?? {}, stamp, now);
  let current = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const after = decide(current, ruling, stamp);
    if (after === 'conflict') throw new ConflictError(`Objection ${current.objectionId} was already decided: ${current.decision}`);
    if (after === undefined) return departmentObjectionView(await settleObjection(current), now.today);
    if (await savePetitionChange(OBJECTIONS, current, after)) return departmentObjectionView(await settleObjection(after), now.today);
    const reread = await getPetition(OBJECTIONS, current.subjectId, current.objectionId);
    if (!reread) throw new NotFoundError(`No objection ${current.objectionId}`);
    current = reread;
  }
  throw new ConflictError(`Objection ${first.objectionId} is being decided by other requests; read it again`);
}

/** The correction's rules, on the record as it stands, without writing (so a bad correction decides nothing). */
async function tryCorrection(objection: Objection, changes: RecordChanges, stamp: Stamp, now: Now) {
  const [record, subject] = await Promise.all([getObjectedRecord(objection), getEntity(objection.subjectId)]);
  if (!subject) throw new NotFoundError(`No entity ${objection.subjectId}`);
  const corrected = correctRecord(record, changes, objectionReason({ ...objection, note: '' }), subject.kind, stamp, now.today);
  if (!corrected) throw InadmissibleError.field('changes', 'change nothing: the record already has these values (decide upheld instead)');
}

async function getObjectedRecord(objection: Objection) {
  const { records } = await readSubjectState(objection.subjectId);
  const record = records.find((r) => r.recordId === objection.recordId);
  if (!record) throw new NotFoundError(`No record ${objection.recordId}`);
  return record;
}

/**
 * Carries out a decision on the record, once: the record's history shows the objection's reason when
 * it is done (a repeat changes nothing), then the objection is marked settled. Idempotent.
 */
export async function settleObjection(objection: Objection): Promise<Objection> {
  if (objection.settled) return objection;
  const record = await getObjectedRecord(objection);
  const reason = objectionReason(objection);
  const stamp = decisionStamp(objection);
  const { today, at } = clock();
  const done = record.history.some((e) => e.reason === reason);
  if (!done && objection.decision === 'retracted' && !record.retractedAt) await retractRecord(record, reason, stamp);
  if (!done && objection.decision === 'corrected' && !record.retractedAt) {
    try {
      await correctRecordFields(record, (objection.changes ?? {}) as RecordChanges, reason, stamp, today);
    } catch (error) {
      // Decided, so it stands: a record that can no longer take the correction (changed meanwhile) is left as it is.
      if (!(error instanceof ConflictError || error instanceof InadmissibleError)) throw error;
    }
  }
  for (let current = objection, attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (current.settled) return current;
    const after = settledObjection(current, at);
    if (await savePetitionChange(OBJECTIONS, current, after)) return after;
    const reread = await getPetition(OBJECTIONS, current.subjectId, current.objectionId);
    if (!reread) throw new NotFoundError(`No objection ${current.objectionId}`);
    current = reread;
  }
  throw new ConflictError(`Objection ${objection.objectionId} is being settled by other requests`);
}
