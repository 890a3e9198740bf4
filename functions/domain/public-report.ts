import { z } from 'zod';
import type { IsoDate } from './dates.ts';
import { entitySchema, type Entity } from './entities.ts';
import { maskResidentId } from './identifiers.ts';
import { isOutcome, outcomeField } from './inspection-results.ts';
import { isPublic, type CreditRecord } from './records.ts';
import { repairVerdict } from './repair.ts';
import { calendarDate, instant } from './values.ts';

/**
 * The public credit report (信用信息公示, DOMAIN.md §8): what anyone may see of a subject without a
 * token. It shows published licences, penalties inside their publicity period, list memberships in
 * force and inspection results; it hides repaired, expired, retracted and minor records, warning-only
 * penalties, risk classes, and a natural person's full identity number.
 */
export const PUBLIC_RECORD_TYPES = ['licence', 'penalty', 'listing', 'inspection'] as const;
export type PublicRecordType = (typeof PUBLIC_RECORD_TYPES)[number];

const isPublicType = (type: string): type is PublicRecordType => (PUBLIC_RECORD_TYPES as readonly string[]).includes(type);

/** One record as the public sees it. */
export const publicRecordSchema = z.object({
  recordId: z.string().describe('The record: what an objection or a repair application names'),
  type: z.enum(PUBLIC_RECORD_TYPES).describe('licence 行政许可 · penalty 行政处罚 · listing 名单 (black or red, in force) · inspection 双随机抽查结果'),
  title: z.string(),
  documentNo: z.string(),
  decidedOn: calendarDate,
  department: z.string().describe('The department that made the record'),
  listCode: z.string().optional().describe('Listings: the list'),
  publicUntil: calendarDate.optional().describe('Penalties: the first day the record is no longer public'),
  validUntil: calendarDate.optional().describe('Licences and listings: the first day the record no longer has effect'),
  endsOn: calendarDate.optional().describe('A record ended with effect from a day still ahead: that day'),
  fineAmount: z.number().optional().describe('Penalties: the fine, yuan'),
  legalBasis: z.string().optional().describe('Penalties: 处罚依据; listings: the basis of the listing (双公示 publishes both)'),
  content: z.string().optional().describe('Penalties: 处罚内容; licences: 许可内容. Never an inspection’s findings'),
  outcome: outcomeField.optional().describe(`Inspection results: the result code. ${outcomeField.description ?? ''}`),
  planId: z.string().optional().describe('Inspection results: the plan that drew the subject, published at /v1/public/plans/{planId}'),
  planTitle: z.string().optional().describe('Inspection results: that plan’s title'),
  underObjection: z.literal(true).optional().describe('An objection (异议) to the record is open: 异议处理中'),
  repairableFrom: calendarDate.optional().describe('Repairable records (penalties, black listings but COURT_DEFAULTER and MAJOR_TAX_VIOLATION): the first day a repair may be applied for (DOMAIN.md §3)'),
});
export type PublicRecord = z.infer<typeof publicRecordSchema>;

export const publicReportSchema = entitySchema
  .pick({ name: true, kind: true, status: true })
  .extend({
    id: z.string().describe("Unified social credit code; a person's identity number is masked (110105********002X)"),
    records: z.array(publicRecordSchema).describe('What the public may see today, newest decision first'),
    dataAsOf: instant.describe('When the data was read'),
  })
  .describe('A public credit report (信用信息公示): only what DOMAIN.md §8 allows.');
export type PublicReport = z.infer<typeof publicReportSchema>;

/** The records of a subject the public may see today. */
export function publiclyVisible(records: readonly CreditRecord[], today: IsoDate): PublicCreditRecord[] {
  return records.filter((r): r is PublicCreditRecord => isPublicType(r.type) && isPublic(r, today));
}

type PublicCreditRecord = CreditRecord & { type: PublicRecordType };

/** How a record the service wrote for a plan's result names its source. */
const PLAN_SOURCE = 'plan:';

/** A record as the public sees it (the lookup, and the entries of an issued report). */
export function publicRecord(r: PublicCreditRecord | CreditRecord, today: IsoDate, underObjection = false): PublicRecord {
  const repair = repairVerdict(r, today);
  return {
    recordId: r.recordId,
    type: r.type as PublicRecordType,
    title: r.title,
    documentNo: r.documentNo,
    decidedOn: r.decidedOn,
    department: r.department,
    ...(r.listCode ? { listCode: r.listCode } : {}),
    ...(r.type === 'penalty' && r.publicUntil ? { publicUntil: r.publicUntil } : {}),
    ...(r.type !== 'penalty' && r.validUntil ? { validUntil: r.validUntil } : {}),
    ...(r.endedOn && r.endedOn > today ? { endsOn: r.endedOn } : {}),
    ...(r.type === 'penalty' && r.fineAmount !== undefined ? { fineAmount: r.fineAmount } : {}),
    ...((r.type === 'penalty' || r.type === 'listing') && r.legalBasis ? { legalBasis: r.legalBasis } : {}),
    ...((r.type === 'penalty' || r.type === 'licence') && r.content ? { content: r.content } : {}),
    ...(r.outcome && isOutcome(r.outcome) ? { outcome: r.outcome } : {}),
    ...(r.type === 'inspection' && r.source?.startsWith(PLAN_SOURCE) ? { planId: r.source.slice(PLAN_SOURCE.length) } : {}),
    ...(r.type === 'inspection' && r.planTitle ? { planTitle: r.planTitle } : {}),
    ...(underObjection ? { underObjection: true as const } : {}),
    ...(repair.allowed || repair.from ? { repairableFrom: repair.from } : {}),
  };
}

/** The id as the public sees it: a person's identity number masked. */
export const publicId = (subject: Pick<Entity, 'id' | 'kind'>) => (subject.kind === 'person' ? maskResidentId(subject.id) : subject.id);

/**
 * The report of a subject, or undefined for a natural person with nothing public: an identity number
 * alone never discloses a name, so such a person is answered exactly as an unknown id.
 */
export function publicReportOf(
  entity: Entity,
  records: readonly CreditRecord[],
  now: { at: string; today: IsoDate },
  objected: ReadonlySet<string> = new Set(),
): PublicReport | undefined {
  const visible = publiclyVisible(records, now.today);
  if (entity.kind === 'person' && visible.length === 0) return undefined;
  const shown = visible
    .sort((a, b) => (a.decidedOn < b.decidedOn ? 1 : a.decidedOn > b.decidedOn ? -1 : 0))
    .map((r) => publicRecord(r, now.today, objected.has(r.recordId)));
  return { id: publicId(entity), name: entity.name, kind: entity.kind, status: entity.status, records: shown, dataAsOf: now.at };
}

/** The records with an open objection (异议处理中). */
export const recordsUnderObjection = (objections: readonly { recordId: string; status: string }[]) =>
  new Set(objections.filter((o) => o.status === 'open').map((o) => o.recordId));
