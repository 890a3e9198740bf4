import { z } from 'zod';
import { addWorkingDays, type IsoDate, type WorkingCalendar } from './dates.ts';
import { decisionFields, decisionStamp as stampOf, INTERNAL_FIELDS, isOverdue, petitionFields, petitionIdFor, publicPetitionFields } from './petitions.ts';
import type { Stamp } from './records.ts';
import { calendarDate, instant } from './values.ts';

/**
 * Objections (异议申诉, DOMAIN.md §9): anyone concerned objects to a published record; the department
 * that made it (谁产生、谁负责) decides within a number of working days — upheld (the record stands, with
 * the reason), corrected or retracted. The objection is one item in the subject's partition, so the
 * public lookup reads it with the records (异议处理中) in the same consistent Query. A decision that
 * changes the record is written first, then carried out on the record (`settled`); a request that died
 * between is completed by its retry, the local sweep or the stream. Pure.
 */
export const OBJECTION_DECISIONS = ['upheld', 'corrected', 'retracted'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];
export const OBJECTION_LIST_STATUSES = ['open', 'overdue', 'decided'] as const;

const stepSchema = z.object({
  step: z.enum(['filed', 'decided', 'record-corrected', 'record-retracted']),
  at: instant,
  by: z.string().describe('filer for the filing; the deciding user otherwise'),
});

export const objectionSchema = z.object({
  objectionId: z.string(),
  ...petitionFields,
  reason: z.string(),
  decision: z.enum(OBJECTION_DECISIONS).optional(),
  changes: z.record(z.string(), z.unknown()).optional(),
  history: z.array(stepSchema),
});
export type Objection = z.infer<typeof objectionSchema>;

/** The deciding department's view: everything but the filer's tracking code, with `overdue` as of today. */
export const departmentObjectionSchema = objectionSchema
  .omit(INTERNAL_FIELDS)
  .extend({ overdue: z.boolean().describe('Open past dueBy (computed when read)') })
  .describe('An objection to one of the department’s records, with the filer’s contact (never public).');

/** What the filer sees with the tracking code: no contact details, nothing of the record beyond its number. */
export const publicObjectionSchema = z
  .object({ objectionId: z.string(), ...publicPetitionFields, decision: z.enum(OBJECTION_DECISIONS).optional() })
  .describe('An objection as its filer follows it.');

/** A new objection's id (OB…); with an Idempotency-Key, derived from it. */
export const objectionIdFor = (idempotencyKey: string | undefined) => petitionIdFor('OB', idempotencyKey);

export interface ObjectionFiling {
  recordId: string;
  subjectId: string;
  reason: string;
  contact: string;
}

export function fileObjection(
  filing: ObjectionFiling,
  record: { department: string; type: string; documentNo: string; title: string; decidedOn: IsoDate },
  ids: { objectionId: string; trackingCode: string; requestHash: string },
  now: { at: string; today: IsoDate },
  workingDays: number,
  calendar: WorkingCalendar,
): Objection {
  return {
    objectionId: ids.objectionId,
    trackingCode: ids.trackingCode,
    subjectId: filing.subjectId,
    recordId: filing.recordId,
    department: record.department,
    record: { type: record.type, documentNo: record.documentNo, title: record.title, decidedOn: record.decidedOn },
    reason: filing.reason,
    contact: filing.contact,
    filedAt: now.at,
    dueBy: addWorkingDays(now.today, workingDays, calendar),
    status: 'open',
    settled: true,
    history: [{ step: 'filed', at: now.at, by: 'filer' }],
    requestHash: ids.requestHash,
    version: 1,
  };
}

export interface ObjectionRuling {
  decision: ObjectionDecision;
  note: string;
  changes?: Record<string, unknown> | undefined;
}

/**
 * The objection decided, or undefined when it already carries this very decision (a repeat).
 * Another decision of a decided objection is a conflict, for the caller to answer 409.
 */
export function decideObjection(objection: Objection, ruling: ObjectionRuling, stamp: Stamp): Objection | 'conflict' | undefined {
  if (objection.status === 'decided') return objection.decision === ruling.decision ? undefined : 'conflict';
  return {
    ...objection,
    status: 'decided',
    decision: ruling.decision,
    note: ruling.note,
    ...(ruling.decision === 'corrected' ? { changes: ruling.changes ?? {} } : {}),
    ...decisionFields(stamp),
    settled: ruling.decision === 'upheld',
    history: [...objection.history, { step: 'decided', at: stamp.at, by: stamp.sub }],
    version: objection.version + 1,
  };
}

/** The stamp a decision's record change carries: the decision's own, whoever completes it. */
export const decisionStamp = (o: Objection): Stamp => stampOf(o, o.objectionId);

/** The reason the record's history shows for a change an objection made: names the objection. */
export const objectionReason = (o: Objection) => `异议申诉 ${o.objectionId}：${o.note ?? ''}`;

export function settledObjection(o: Objection, at: string): Objection {
  return {
    ...o,
    settled: true,
    history: [...o.history, { step: o.decision === 'retracted' ? 'record-retracted' : 'record-corrected', at, by: o.decidedBy ?? 'system' }],
    version: o.version + 1,
  };
}

export function departmentObjectionView(o: Objection, today: IsoDate): z.infer<typeof departmentObjectionSchema> {
  const { trackingCode: _c, requestHash: _h, version: _v, settled: _s, decidedInRequest: _r, ...shown } = o;
  return { ...shown, overdue: isOverdue(o, today) };
}

export function publicObjectionView(o: Objection): z.infer<typeof publicObjectionSchema> {
  return {
    objectionId: o.objectionId,
    recordId: o.recordId,
    status: o.status,
    filedAt: o.filedAt,
    dueBy: o.dueBy,
    ...(o.decision ? { decision: o.decision } : {}),
    ...(o.note !== undefined ? { note: o.note } : {}),
    ...(o.decidedAt ? { decidedAt: o.decidedAt } : {}),
  };
}
