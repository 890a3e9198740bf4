import type { Now } from '#domain/clock.ts';
import {
  asCommitment,
  breaches,
  breachListing,
  commitmentCode,
  commitmentFingerprint,
  commitmentRecordInput,
  commitmentRecordSchema,
  commitmentRefusal,
  commitmentView,
  type CommitmentInput,
  type CommitmentRecord,
  type CommitmentStatus,
  type VerificationOutcome,
} from '#domain/commitments.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { buildRecord, type Stamp } from '#domain/records.ts';
import { claimRequest, findPointer, findRequest, getCommitmentRecord, listCommitments, nextSerial, saveCommitmentRecord, savePointer, saveVerification } from '#data/commitments.ts';
import { readSubjectState } from '#data/subjects.ts';
import { createRecord } from './create-record.ts';

export type { CommitmentInput };

/**
 * Makes a commitment (告知承诺) accepted by the caller's department.
 * Steps: dueOn not in the past (400) → subject exists (422) → restricted types refused to serious
 * dishonesty or a past breach (422) → a retried request finds its commitment by fingerprint → else a
 * new serial and code → claim the fingerprint → pointer → the commitment record. A crash between
 * steps is healed by the retry.
 */
export async function makeCommitment(input: CommitmentInput, stamp: Stamp, now: Now) {
  if (input.dueOn < now.today) throw ValidationError.field('dueOn', 'must not be in the past');
  const { entity, records } = await readSubjectState(input.subjectId);
  if (!entity) throw InadmissibleError.field('subjectId', `no entity ${input.subjectId} is registered`);
  const refusal = commitmentRefusal(input.type, records, now.at, now.today);
  if (refusal) throw InadmissibleError.field('type', refusal);

  const fingerprint = commitmentFingerprint(stamp.department, input, now.today);
  let code = await findRequest(fingerprint);
  const created = code === undefined;
  if (!code) {
    const fresh = commitmentCode(entity.region, now.today, await nextSerial(entity.region, now.today.replaceAll('-', '')));
    code = await claimRequest(fingerprint, fresh);
  }
  const record = commitmentRecordSchema.parse(buildRecord(commitmentRecordInput(input, code, now.today), entity.kind, stamp));
  const pointer = { code, subjectId: input.subjectId, recordId: record.recordId, department: stamp.department };
  await savePointer(pointer);
  await saveCommitmentRecord(record);
  const stored = await getCommitmentRecord(pointer);
  return { created, commitment: commitmentView(stored ?? record, now.today) };
}

export async function commitmentByCode(code: string): Promise<CommitmentRecord> {
  const pointer = await findPointer(code);
  const record = pointer && (await getCommitmentRecord(pointer));
  if (!record) throw new NotFoundError(`No commitment ${code}`);
  return record;
}

/** The commitment, when `department` accepted it and so may verify it (404 unknown, 403 another's). */
export async function commitmentToVerify(code: string, department: string): Promise<CommitmentRecord> {
  const record = await commitmentByCode(code);
  if (record.department !== department) throw new ForbiddenError(`Commitment ${code} was accepted by ${record.department}; only that department verifies it`);
  return record;
}

/**
 * Verifies a commitment (核查). Steps: the accepting department only (403) → the same outcome again
 * changes nothing, another is 409 → the verification is recorded (the commit point) → partly or
 * unfulfilled lists the subject on COMMITMENT_BREACH in the same request (re-ensured on a retry).
 */
export async function verifyCommitment(
  code: string,
  outcome: VerificationOutcome,
  note: string,
  stamp: Stamp,
  now: Now,
  options: { onBehalfOfAcceptingDepartment?: boolean; record?: CommitmentRecord } = {},
) {
  let record = options.record ?? (await commitmentByCode(code));
  if (!options.onBehalfOfAcceptingDepartment && record.department !== stamp.department) {
    throw new ForbiddenError(`Commitment ${code} was accepted by ${record.department}; only that department verifies it`);
  }
  if (record.verification && record.verification.outcome !== outcome) {
    throw new ConflictError(`Commitment ${code} was already verified as ${record.verification.outcome} on ${record.verification.at}`);
  }
  const changed = !record.verification;
  if (!record.verification) {
    record = await saveVerification(record, { outcome, note, by: stamp.sub, department: stamp.department, at: stamp.at, requestId: stamp.requestId });
  }
  const verification = record.verification;
  if (verification && breaches(verification.outcome)) {
    await createRecord(breachListing(record, verification), { ...stamp, department: record.department, at: verification.at, requestId: verification.requestId }, now.today);
  }
  return { changed, commitment: commitmentView(record, now.today) };
}

export async function subjectCommitments(subjectId: string, now: Now) {
  const { entity, records } = await readSubjectState(subjectId);
  if (!entity) throw new NotFoundError(`No entity ${subjectId}`);
  return records.filter((r) => r.type === 'commitment').map((r) => commitmentView(asCommitment(r), now.today));
}

/** A page of the department's commitments; `open` includes the overdue ones, `overdue` only those. */
export async function departmentCommitments(department: string, status: CommitmentStatus, page: { limit: number; cursor?: Record<string, unknown> | undefined }, now: Now) {
  const { records, next } = await listCommitments(department, status === 'verified' ? 'verified' : 'open', {
    ...(status === 'overdue' ? { dueBefore: now.today } : {}),
    ...page,
  });
  return { commitments: records.map((r) => commitmentView(r, now.today)), next };
}
