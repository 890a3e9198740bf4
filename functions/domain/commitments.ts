import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cstDate, type IsoDate } from './dates.ts';
import { creditRecordSchema, inForceAt, VERIFICATION_OUTCOMES, verificationSchema, type CreditRecord, type RecordInput } from './records.ts';
import { findList } from './reference.ts';
import { calendarDate } from './values.ts';

/**
 * Credit commitments (信用承诺 / 告知承诺, DOMAIN.md §7): the aggregate, who may commit instead of
 * proving, the code, the commitment's status on a day, and what a breach writes.
 */
export const COMMITMENT_TYPES = ['APPROVAL_REPLACEMENT', 'MISSING_DOCUMENTS', 'CERTIFICATE', 'CREDIT_REPAIR', 'SELF_DISCIPLINE', 'VOLUNTARY'] as const;
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];
export const COMMITMENT_STATUSES = ['open', 'overdue', 'verified'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export { VERIFICATION_OUTCOMES };
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const COMMITMENT_TYPE_NAMES: Record<CommitmentType, string> = {
  APPROVAL_REPLACEMENT: '审批替代型',
  MISSING_DOCUMENTS: '容缺受理型',
  CERTIFICATE: '证明事项型',
  CREDIT_REPAIR: '信用修复型',
  SELF_DISCIPLINE: '行业自律型',
  VOLUNTARY: '主动型',
};

export const VERIFICATION_OUTCOME_NAMES: Record<VerificationOutcome, string> = { fulfilled: '已履行', partly: '部分履行', unfulfilled: '未履行' };

/** Types that replace proof in an approval: refused to subjects with serious dishonesty or a past breach. */
export const RESTRICTED_TYPES = new Set<CommitmentType>(['APPROVAL_REPLACEMENT', 'MISSING_DOCUMENTS', 'CERTIFICATE']);

export const commitmentType = z
  .enum(COMMITMENT_TYPES)
  .describe(
    'APPROVAL_REPLACEMENT 审批替代型: the commitment stands in for an approval condition · MISSING_DOCUMENTS 容缺受理型: the application is accepted with documents still missing, to be supplied by dueOn · CERTIFICATE 证明事项型: the commitment stands in for a certificate · CREDIT_REPAIR 信用修复型: made to have a record repaired · SELF_DISCIPLINE 行业自律型: made to an industry body · VOLUNTARY 主动型: offered of the subject’s own accord. The first three replace proof and are refused (422) to a subject on a serious black list or on COMMITMENT_BREACH.',
  );

export const verificationOutcome = z
  .enum(VERIFICATION_OUTCOMES)
  .describe(
    'fulfilled 已履行: kept in full · partly 部分履行: kept only in part, a breach · unfulfilled 未履行: not kept, a breach. A breach lists the subject on COMMITMENT_BREACH, which bars the proof-replacing types until repaired.',
  );

export const commitmentStatusField = z
  .enum(COMMITMENT_STATUSES)
  .describe('open 未到期: not yet verified, dueOn not passed · overdue 已逾期: not yet verified and past dueOn (computed when read; nothing is written) · verified 已核查: verified, see `verification`');

/** region (6 digits) + YYYYMMDD + a 6-digit serial. */
export const commitmentCodeField = z.string().regex(/^\d{20}$/, 'is not a commitment code (region + YYYYMMDD + 6-digit serial)');

/**
 * The commitment aggregate as stored: a credit record of type commitment in its subject's partition,
 * with its code, type, matter and due date, and once verified its verification.
 */
export const commitmentRecordSchema = creditRecordSchema.extend({
  type: z.literal('commitment'),
  code: z.string().describe("The commitment code: the subject's region (6 digits) + YYYYMMDD + a 6-digit serial for that region and day"),
  commitmentType,
  matter: z.string().describe('The matter (approval item, data/lists.json) the commitment was made for'),
  content: z.string().describe('What the subject commits to'),
  dueOn: calendarDate.describe('The day by which the commitment is to be kept; overdue from the day after'),
});
export type CommitmentRecord = z.infer<typeof commitmentRecordSchema>;

const stored = commitmentRecordSchema.shape;

/** A commitment as the API shows it. */
export const commitmentSchema = z
  .object({
    code: stored.code,
    subjectId: stored.subjectId,
    type: commitmentType,
    matter: stored.matter,
    content: stored.content,
    dueOn: stored.dueOn,
    department: stored.department.describe('The accepting department: only it verifies the commitment'),
    madeOn: stored.decidedOn.describe('The day the commitment was made'),
    recordId: stored.recordId.describe('The credit record (type commitment) that holds it'),
    status: commitmentStatusField,
    outcome: verificationOutcome.optional().describe('Once verified: its outcome (as in verification.outcome)'),
    verification: verificationSchema
      .pick({ note: true, by: true, at: true })
      .extend({ outcome: verificationOutcome })
      .optional()
      .describe('Once verified: the outcome, the note, who verified it and when'),
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
  })
  .describe('A credit commitment (信用承诺).');
export type Commitment = z.infer<typeof commitmentSchema>;

/** A credit record read as a commitment: fails loudly when the record is not one. */
export const asCommitment = (record: CreditRecord): CommitmentRecord => commitmentRecordSchema.parse(record);

/** Open until verified; overdue from the day after dueOn. */
export function commitmentStatus(c: { dueOn?: IsoDate | undefined; verification?: unknown }, today: IsoDate): CommitmentStatus {
  if (c.verification) return 'verified';
  return c.dueOn !== undefined && today > c.dueOn ? 'overdue' : 'open';
}

/** The commitment as the API shows it (commitmentSchema), with its status today. */
export function commitmentView(r: CommitmentRecord, today: IsoDate): Commitment {
  return {
    code: r.code,
    subjectId: r.subjectId,
    type: r.commitmentType,
    matter: r.matter,
    content: r.content,
    dueOn: r.dueOn,
    department: r.department,
    madeOn: r.decidedOn,
    recordId: r.recordId,
    status: commitmentStatus(r, today),
    ...(r.verification
      ? { outcome: r.verification.outcome, verification: { outcome: r.verification.outcome, note: r.verification.note, by: r.verification.by, at: r.verification.at } }
      : {}),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

/** Why the subject may not make this commitment now, or undefined when it may. */
export function commitmentRefusal(type: CommitmentType, records: readonly CreditRecord[], at: string, today: IsoDate): string | undefined {
  if (!RESTRICTED_TYPES.has(type)) return undefined;
  for (const r of records) {
    if (r.type !== 'listing' || !inForceAt(r, at, today)) continue;
    const list = findList(r.listCode ?? '');
    if (!list || list.kind !== 'black') continue;
    if (list.code === 'COMMITMENT_BREACH') return `the subject is listed on COMMITMENT_BREACH (${list.name}) since ${r.decidedOn} and may not use 告知承诺 until repaired`;
    if (list.severity === 'serious') return `the subject is on the serious black list ${list.code} (${list.name}) since ${r.decidedOn} and may not use 告知承诺 until repaired`;
  }
  return undefined;
}

/** region (6) + YYYYMMDD + a 6-digit serial. */
export function commitmentCode(region: string, today: IsoDate, serial: number): string {
  return `${region}${today.replaceAll('-', '')}${String(serial).padStart(6, '0')}`;
}

export interface CommitmentInput {
  subjectId: string;
  type: CommitmentType;
  matter: string;
  content: string;
  dueOn: IsoDate;
}

/** The same request on the same day, by the same department, is the same commitment: a retry finds it. */
export const commitmentFingerprint = (department: string, input: CommitmentInput, today: IsoDate): string =>
  createHash('sha256').update(JSON.stringify([department, input.subjectId, input.type, input.matter, input.content, input.dueOn, today])).digest('hex');

/** The credit record that holds a commitment made today under `code`. */
export const commitmentRecordInput = (input: CommitmentInput, code: string, today: IsoDate): RecordInput => ({
  subjectId: input.subjectId,
  type: 'commitment',
  documentNo: code,
  decidedOn: today,
  title: `信用承诺（${COMMITMENT_TYPE_NAMES[input.type]}）`,
  content: input.content,
  code,
  commitmentType: input.type,
  matter: input.matter,
  dueOn: input.dueOn,
});

export const breaches = (outcome: VerificationOutcome) => outcome !== 'fulfilled';

/** The COMMITMENT_BREACH listing a breached commitment makes, dated by its verification (the same on a retry). */
export function breachListing(commitment: CommitmentRecord, verification: NonNullable<CommitmentRecord['verification']>): RecordInput {
  return {
    subjectId: commitment.subjectId,
    type: 'listing',
    listCode: 'COMMITMENT_BREACH',
    documentNo: `${commitment.code}/BREACH`,
    decidedOn: cstDate(new Date(verification.at)),
    title: `违反信用承诺（${VERIFICATION_OUTCOME_NAMES[verification.outcome]}）：${commitment.title}`,
    content: verification.note,
  };
}
