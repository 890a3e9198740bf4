import { createHash } from 'node:crypto';
import type { Now } from '#domain/clock.ts';
import { cstDate } from '#domain/dates.ts';
import { breaches, commitmentCode, commitmentRefusal, commitmentStatus, type CommitmentType, type VerificationOutcome } from '#domain/commitments.ts';
import { ConflictError, ForbiddenError, InadmissibleError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { buildRecord, type CreditRecord, type Stamp } from '#domain/records.ts';
import { claimRequest, findPointer, findRequest, getCommitmentRecord, listCommitments, nextSerial, saveCommitmentRecord, savePointer, saveVerification } from '#data/commitments.ts';
import { readSubjectState } from '#data/subjects.ts';
import { createRecord } from './create-record.ts';

export interface CommitmentInput {
  subjectId: string;
  type: CommitmentType;
  matter: string;
  content: string;
  dueOn: string;
}

export const TYPE_NAMES: Record<CommitmentType, string> = {
  APPROVAL_REPLACEMENT: '审批替代型',
  MISSING_DOCUMENTS: '容缺受理型',
  CERTIFICATE: '证明事项型',
  CREDIT_REPAIR: '信用修复型',
  SELF_DISCIPLINE: '行业自律型',
  VOLUNTARY: '主动型',
};

/** A commitment as the API shows it. */
export function commitmentView(r: CreditRecord, today: string) {
  return {
    code: r.code!,
    subjectId: r.subjectId,
    type: r.commitmentType!,
    matter: r.matter!,
    content: r.content ?? '',
    dueOn: r.dueOn!,
    department: r.department,
    madeOn: r.decidedOn,
    recordId: r.recordId,
    status: commitmentStatus(r, today),
    ...(r.verification ? { verification: { outcome: r.verification.outcome, note: r.verification.note, by: r.verification.by, at: r.verification.at } } : {}),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

/**
 * Makes a commitment (告知承诺) accepted by the caller's department.
 * Steps: subject exists (422) → restricted types refused to serious dishonesty or a past breach (422)
 * → a retried request finds its commitment by fingerprint → else a new serial and code → claim the
 * fingerprint → pointer → the commitment record. A crash between steps is healed by the retry.
 */
export async function makeCommitment(input: CommitmentInput, stamp: Stamp, now: Now) {
  if (input.dueOn < now.today) throw ValidationError.field('dueOn', 'must not be in the past');
  const { entity, records } = await readSubjectState(input.subjectId);
  if (!entity) throw InadmissibleError.field('subjectId', `no entity ${input.subjectId} is registered`);
  const refusal = commitmentRefusal(input.type, records, now.at, now.today);
  if (refusal) throw InadmissibleError.field('type', refusal);

  const fingerprint = createHash('sha256')
    .update(JSON.stringify([stamp.department, input.subjectId, input.type, input.matter, input.content, input.dueOn, now.today]))
    .digest('hex');
  let code = await findRequest(fingerprint);
  const created = code === undefined;
  if (!code) {
    const fresh = commitmentCode(entity.region, now.today, await nextSerial(entity.region, now.today.replaceAll('-', '')));
    code = await claimRequest(fingerprint, fresh);
  }
  const record = buildRecord(
    {
      subjectId: input.subjectId,
      type: 'commitment',
      documentNo: code,
      decidedOn: now.today,
      title: `信用承诺（${TYPE_NAMES[input.type]}）`,
      content: input.content,
      code,
      commitmentType: input.type,
      matter: input.matter,
      dueOn: input.dueOn,
    },
    entity.kind,
    stamp,
  );
  await savePointer({ code, subjectId: input.subjectId, recordId: record.recordId, department: stamp.department });
  await saveCommitmentRecord(record);
  const stored = await getCommitmentRecord({ code, subjectId: input.subjectId, recordId: record.recordId, department: stamp.department });
  return { created, commitment: commitmentView(stored ?? record, now.today) };
}

export async function commitmentByCode(code: string): Promise<CreditRecord> {
  const pointer = await findPointer(code);
  const record = pointer && (await getCommitmentRecord(pointer));
  if (!record) throw new NotFoundError(`No commitment ${code}`);
  return record;
}

/** The commitment, when `department` accepted it and so may verify it (404 unknown, 403 another's). */
export async function commitmentToVerify(code: string, department: string): Promise<CreditRecord> {
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
  options: { onBehalfOfAcceptingDepartment?: boolean; record?: CreditRecord } = {},
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
  if (breaches(outcome)) {
    await createRecord(
      {
        subjectId: record.subjectId,
        type: 'listing',
        listCode: 'COMMITMENT_BREACH',
        documentNo: `${code}/BREACH`,
        decidedOn: cstDate(new Date(record.verification!.at)),
        title: `违反信用承诺（${outcome === 'partly' ? '部分履行' : '未履行'}）：${record.title}`,
        content: record.verification!.note,
      },
      { ...stamp, department: record.department, at: record.verification!.at, requestId: record.verification!.requestId },
      now.today,
    );
  }
  return { changed, commitment: commitmentView(record, now.today) };
}

export async function subjectCommitments(subjectId: string, now: Now) {
  const { entity, records } = await readSubjectState(subjectId);
  if (!entity) throw new NotFoundError(`No entity ${subjectId}`);
  return records.filter((r) => r.type === 'commitment').map((r) => commitmentView(r, now.today));
}

export async function departmentCommitments(department: string, status: 'open' | 'overdue' | 'verified', page: { limit: number; cursor?: Record<string, unknown> | undefined }, now: Now) {
  const { records, next } = await listCommitments(department, status === 'verified' ? 'verified' : 'open', {
    ...(status === 'overdue' ? { dueBefore: now.today } : {}),
    ...page,
  });
  return { commitments: records.map((r) => commitmentView(r, now.today)), next };
}
