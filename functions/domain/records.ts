import { createHash } from 'node:crypto';
import { z } from 'zod';
import { calendarDate, instant } from './values.ts';
import { addMonths, addYears, type IsoDate } from './dates.ts';
import { ForbiddenError, InadmissibleError, ValidationError } from './errors.ts';
import type { SubjectKind } from './identifiers.ts';
import { findList, type CreditList } from './reference.ts';

/**
 * Credit records (DOMAIN.md §3): what a department enters about a subject, the publicity rules, and
 * the status a record has on a given day. Records are never deleted: retraction, ending and repair
 * are events in their history, and status is derived from them at read time.
 */
export const RECORD_TYPES = ['licence', 'penalty', 'listing', 'inspection', 'commitment'] as const;
export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export const RECORD_STATUSES = ['active', 'ended', 'retracted', 'repaired', 'expired'] as const;
export const RECORD_ACTIONS = ['created', 'retracted', 'ended', 'repaired', 'verified', 'corrected'] as const;
export const VERIFICATION_OUTCOMES = ['fulfilled', 'partly', 'unfulfilled'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export interface RecordInput {
  subjectId: string;
  /** Departments enter licences, penalties and listings; inspections and commitments the service writes itself. */
  type: RecordType;
  documentNo: string;
  decidedOn: IsoDate;
  title: string;
  listCode?: string | undefined;
  severity?: Severity | undefined;
  warningOnly?: boolean | undefined;
  fineAmount?: number | undefined;
  legalBasis?: string | undefined;
  content?: string | undefined;
  publicUntil?: IsoDate | undefined;
  validUntil?: IsoDate | undefined;
  outcome?: string | undefined;
  source?: string | undefined;
  /**
   * Records the service writes itself: what identifies the record when its document number is written
   * for people (a plan's result is one per plan and subject, whatever the plan's title). Default: documentNo.
   */
  identity?: string | undefined;
  /** Inspection results: the title of the plan that drew the subject. */
  planTitle?: string | undefined;
  code?: string | undefined;
  commitmentType?: string | undefined;
  matter?: string | undefined;
  dueOn?: IsoDate | undefined;
}

/** Who did something, when, in which request: every write carries it. */
export interface Stamp {
  sub: string;
  department: string;
  at: string;
  requestId: string;
}

export const recordEventSchema = z.object({
  action: z.enum(RECORD_ACTIONS),
  by: z.string(),
  department: z.string(),
  at: instant,
  requestId: z.string(),
  reason: z.string().optional(),
  endedOn: calendarDate.optional(),
  correctedOn: calendarDate.optional(),
  previous: z.record(z.string(), z.unknown()).optional().describe('A correction: the earlier value of each field it changed (null: absent)'),
});
export type RecordEvent = z.infer<typeof recordEventSchema>;

export const verificationSchema = z.object({
  outcome: z.enum(VERIFICATION_OUTCOMES).describe('fulfilled 已履行 · partly 部分履行 · unfulfilled 未履行'),
  note: z.string(),
  by: z.string(),
  department: z.string(),
  at: instant,
  requestId: z.string(),
});

/** A credit record as it is stored: the aggregate every record endpoint reads and writes. */
export const creditRecordSchema = z.object({
  recordId: z.string(),
  subjectId: z.string(),
  type: z.enum(RECORD_TYPES).describe('licence 行政许可 · penalty 行政处罚 · listing 名单 · inspection 检查结果 · commitment 信用承诺'),
  documentNo: z.string(),
  decidedOn: calendarDate,
  title: z.string(),
  department: z.string().describe('The department that made the record'),
  listCode: z.string().optional(),
  listKind: z.enum(['black', 'red']).optional(),
  severity: z.enum(SEVERITIES).optional().describe('minor 轻微 · general 一般 · serious 严重'),
  warningOnly: z.boolean().optional(),
  fineAmount: z.number().min(0).optional().describe('Yuan'),
  legalBasis: z.string().optional(),
  content: z.string().optional(),
  publicUntil: calendarDate.optional().describe('Penalties: the first day the record is no longer public'),
  validUntil: calendarDate.optional().describe('The first day the record no longer has effect'),
  /** For records the service writes itself (inspection results): what produced them. */
  source: z.string().optional().describe('Records the service writes itself: what produced them, e.g. plan:<planId>'),
  outcome: z.string().optional(),
  planTitle: z.string().optional().describe('Inspection results: the title of the plan that drew the subject'),
  /** A commitment record: its code, type, matter, due date and, once verified, the verification. */
  code: z.string().optional().describe('Commitment records: the commitment code'),
  commitmentType: z.string().optional(),
  matter: z.string().optional(),
  dueOn: calendarDate.optional(),
  verification: verificationSchema.optional(),
  contentHash: z.string(),
  createdAt: instant,
  createdBy: z.string(),
  requestId: z.string(),
  retractedAt: instant.optional(),
  endedOn: calendarDate.optional(),
  repairedAt: instant.optional(),
  /** Whether publicUntil is the default of the severity (a correction of the decision date or severity recomputes it). */
  publicUntilDefaulted: z.boolean().optional(),
  /** Bumped by every change; each change is conditional on the version it was decided on. */
  version: z.number().int().min(1).describe('Incremented on every change of the record'),
  history: z.array(recordEventSchema),
});
export type CreditRecord = z.infer<typeof creditRecordSchema>;

/** A record as the API shows it: without storage internals, with its status today. */
export const recordViewSchema = creditRecordSchema
  .omit({ contentHash: true, publicUntilDefaulted: true })
  .extend({ status: z.enum(RECORD_STATUSES).describe('Status today: active 有效 · ended 已终止 · retracted 已撤销 · repaired 已修复 · expired 已届满') })
  .describe('A credit record (信用记录) with its status today and its history of changes.');

/** Maximum publicity period of a penalty by severity, counted from the decision date. */
export function maximumPublicUntil(decidedOn: IsoDate, severity: Severity): IsoDate {
  if (severity === 'minor') return addMonths(decidedOn, 3);
  if (severity === 'general') return addYears(decidedOn, 1);
  return addYears(decidedOn, 3);
}

/** Minimum period before a record can be repaired (DOMAIN.md §3). */
export function minimumRepairDate(decidedOn: IsoDate, severity: Severity): IsoDate {
  if (severity === 'minor') return decidedOn;
  if (severity === 'general') return addMonths(decidedOn, 3);
  return addYears(decidedOn, 1);
}

/** The id of a record is a function of who entered it about whom under which document: a retry finds it. */
export function recordIdFor(department: string, subjectId: string, documentNo: string): string {
  const digest = createHash('sha256').update(`${department}\n${subjectId}\n${documentNo}`).digest();
  return base32(digest).slice(0, 26);
}

function base32(bytes: Buffer): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export function contentHashOf(input: object): string {
  const sorted = Object.fromEntries(
    Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** Why a decision date is inadmissible today (a decision cannot lie ahead), or undefined. */
export function decisionDateProblem(decidedOn: IsoDate, today: IsoDate): string | undefined {
  return decidedOn > today ? 'must not be in the future' : undefined;
}

/**
 * What an entry must satisfy before anything is read from the store, in the order API.md gives:
 * only a list's keeper lists on it (403; an unknown list is 422), and the decision is not in the
 * future (400). The API and the importer both apply it; buildRecord then applies the rest.
 */
export function precheckRecord(input: Pick<RecordInput, 'type' | 'listCode' | 'decidedOn'>, department: string, today: IsoDate): void {
  if (input.type === 'listing') {
    const list = findList(input.listCode ?? '');
    if (!list) throw InadmissibleError.field('listCode', `unknown list ${input.listCode}`);
    if (list.keeper && list.keeper !== department) throw new ForbiddenError(`Only ${list.keeper} may list subjects on ${list.code}`);
  }
  const dateProblem = decisionDateProblem(input.decidedOn, today);
  if (dateProblem) throw ValidationError.field('decidedOn', dateProblem);
}

/**
 * Checks an entry against the list and publicity rules and builds the record.
 * Steps: keeper authority (403) → list and subject kind (422) → dates and publicity (400) → record.
 */
export function buildRecord(input: RecordInput, subjectKind: SubjectKind, stamp: Stamp): CreditRecord {
  let list: CreditList | undefined;
  if (input.type === 'listing') {
    list = findList(input.listCode!);
    if (!list) throw InadmissibleError.field('listCode', `unknown list ${input.listCode}`);
    if (list.keeper && list.keeper !== stamp.department) {
      throw new ForbiddenError(`Only ${list.keeper} may list subjects on ${list.code}`);
    }
    if (!list.subjects.includes(subjectKind)) {
      throw InadmissibleError.field('listCode', `${list.code} does not take subjects of kind ${subjectKind}`);
    }
  }
  const problems: { path: string; message: string }[] = [];
  if (input.type !== 'penalty' && input.publicUntil) problems.push({ path: 'publicUntil', message: 'applies to penalties only' });
  if (input.validUntil && input.validUntil <= input.decidedOn) {
    problems.push({ path: 'validUntil', message: 'must be after decidedOn' });
  }
  let severity: Severity | undefined = input.severity;
  let publicUntil: IsoDate | undefined;
  if (input.type === 'penalty') {
    severity = input.severity ?? 'general';
    const maximum = maximumPublicUntil(input.decidedOn, severity);
    publicUntil = input.publicUntil ?? maximum;
    if (input.publicUntil && input.publicUntil > maximum) {
      problems.push({ path: 'publicUntil', message: `may shorten but not lengthen the ${severity} period (at most ${maximum})` });
    }
    if (input.publicUntil && input.publicUntil <= input.decidedOn) {
      problems.push({ path: 'publicUntil', message: 'must be after decidedOn' });
    }
  } else if (list) {
    severity = list.severity ?? undefined;
  }
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);

  const recordId = recordIdFor(stamp.department, input.subjectId, input.identity ?? input.documentNo);
  return stripUndefined({
    recordId,
    subjectId: input.subjectId,
    type: input.type,
    documentNo: input.documentNo,
    decidedOn: input.decidedOn,
    title: input.title,
    department: stamp.department,
    listCode: list?.code,
    listKind: list?.kind,
    severity,
    warningOnly: input.warningOnly,
    fineAmount: input.fineAmount,
    legalBasis: input.legalBasis,
    content: input.content,
    publicUntil,
    validUntil: input.validUntil,
    source: input.source,
    outcome: input.outcome,
    planTitle: input.planTitle,
    code: input.code,
    commitmentType: input.commitmentType,
    matter: input.matter,
    dueOn: input.dueOn,
    contentHash: contentHashOf(input),
    publicUntilDefaulted: input.type === 'penalty' && input.publicUntil === undefined ? true : undefined,
    version: 1,
    createdAt: stamp.at,
    createdBy: stamp.sub,
    requestId: stamp.requestId,
    history: [{ action: 'created', by: stamp.sub, department: stamp.department, at: stamp.at, requestId: stamp.requestId }],
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The status of a record on `today` (YYYY-MM-DD). */
export function recordStatus(record: CreditRecord, today: IsoDate): RecordStatus {
  if (record.retractedAt) return 'retracted';
  if (record.repairedAt) return 'repaired';
  if (record.endedOn && record.endedOn <= today) return 'ended';
  if (record.type === 'penalty' && record.publicUntil && record.publicUntil <= today) return 'expired';
  if (record.type !== 'penalty' && record.validUntil && record.validUntil <= today) return 'expired';
  return 'active';
}

/** What decides whether a record is in force: enough for a credit check, which reads nothing more. */
export type RecordEffect = Pick<CreditRecord, 'recordId' | 'type' | 'decidedOn' | 'listCode' | 'endedOn' | 'validUntil' | 'publicUntil' | 'retractedAt' | 'repairedAt'>;

/**
 * Whether a record has effect at an instant: a retracted record never had any; a repaired one stops
 * at the moment of repair; an ended or expired one from its end date. `date` is the CST date of `at`.
 */
export function inForceAt(record: RecordEffect, at: string, date: IsoDate): boolean {
  if (record.retractedAt) return false;
  if (record.repairedAt && record.repairedAt <= at) return false;
  if (record.decidedOn > date) return false;
  if (record.endedOn && record.endedOn <= date) return false;
  if (record.type === 'penalty' && record.publicUntil && record.publicUntil <= date) return false;
  if (record.type !== 'penalty' && record.validUntil && record.validUntil <= date) return false;
  return true;
}

/** Whether the public may see a record today (DOMAIN.md §8). */
export function isPublic(record: CreditRecord, today: IsoDate): boolean {
  if (recordStatus(record, today) !== 'active') return false;
  if (record.decidedOn > today) return false;
  if (record.type === 'penalty' && (record.severity === 'minor' || record.warningOnly)) return false;
  return true;
}

/** A record as the API shows it (recordViewSchema): without storage internals, with its status today. */
export function recordView(record: CreditRecord, today: IsoDate): z.infer<typeof recordViewSchema> {
  const { contentHash: _hash, publicUntilDefaulted: _defaulted, ...shown } = record;
  return { ...shown, status: recordStatus(record, today) };
}
