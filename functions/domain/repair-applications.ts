import { z } from 'zod';
import { addWorkingDays, type IsoDate, type WorkingCalendar } from './dates.ts';
import { decisionFields, decisionStamp as stampOf, INTERNAL_FIELDS, isOverdue, petitionFields, petitionIdFor, publicPetitionFields } from './petitions.ts';
import type { Stamp } from './records.ts';
import { calendarDate, instant } from './values.ts';

/**
 * Repair applications (信用修复申请, DOMAIN.md §3, §9): the subject applies to the department that made a
 * repairable record (谁认定、谁修复) once its minimum period has passed, with an application (申请书) and a
 * 守信承诺书, which is recorded as its CREDIT_REPAIR commitment accepted by that department; the department
 * approves — the record is repaired as POST /v1/records/{recordId}/repair does — or rejects, with a reason,
 * within a number of working days. Shaped as an objection is (functions/domain/petitions.ts). Pure.
 */
export const REPAIR_DECISIONS = ['approved', 'rejected'] as const;
export type RepairDecision = (typeof REPAIR_DECISIONS)[number];
export const REPAIR_LIST_STATUSES = ['open', 'overdue', 'decided'] as const;

/** The matter a repair commitment is made for: the repair itself, not an approval. */
export const REPAIR_COMMITMENT_MATTER = 'CREDIT_REPAIR';
/** How long the 守信承诺书 runs: the department checks it was kept within a year of the application. */
export const REPAIR_COMMITMENT_MONTHS = 12;

const stepSchema = z.object({ step: z.enum(['filed', 'decided', 'record-repaired']), at: instant, by: z.string() });

export const repairApplicationSchema = z.object({
  applicationId: z.string(),
  ...petitionFields,
  correctedOn: calendarDate.describe('When the subject corrected the conduct (纠正失信行为)'),
  application: z.string().describe('The application (申请书)'),
  commitment: z.string().describe('The 守信承诺书 text'),
  commitmentCode: z.string().describe('The CREDIT_REPAIR commitment it was recorded as'),
  decision: z.enum(REPAIR_DECISIONS).optional(),
  history: z.array(stepSchema),
});
export type RepairApplication = z.infer<typeof repairApplicationSchema>;

export const departmentRepairApplicationSchema = repairApplicationSchema
  .omit(INTERNAL_FIELDS)
  .extend({ overdue: z.boolean().describe('Open past dueBy (computed when read)') })
  .describe('A repair application for one of the department’s records, with the applicant’s contact (never public).');

export const publicRepairApplicationSchema = z
  .object({ applicationId: z.string(), ...publicPetitionFields, commitmentCode: z.string(), decision: z.enum(REPAIR_DECISIONS).optional() })
  .describe('A repair application as its applicant follows it.');

export const applicationIdFor = (idempotencyKey: string | undefined) => petitionIdFor('RA', idempotencyKey);

export interface RepairFiling {
  recordId: string;
  subjectId: string;
  correctedOn: IsoDate;
  application: string;
  commitment: string;
  contact: string;
}

export function fileRepairApplication(
  filing: RepairFiling,
  record: { department: string; type: string; documentNo: string; title: string; decidedOn: IsoDate },
  ids: { applicationId: string; trackingCode: string; requestHash: string; commitmentCode: string },
  now: { at: string; today: IsoDate },
  workingDays: number,
  calendar: WorkingCalendar,
): RepairApplication {
  return {
    applicationId: ids.applicationId,
    trackingCode: ids.trackingCode,
    subjectId: filing.subjectId,
    recordId: filing.recordId,
    department: record.department,
    record: { type: record.type, documentNo: record.documentNo, title: record.title, decidedOn: record.decidedOn },
    correctedOn: filing.correctedOn,
    application: filing.application,
    commitment: filing.commitment,
    commitmentCode: ids.commitmentCode,
    contact: filing.contact,
    filedAt: now.at,
    dueBy: addWorkingDays(now.today, workingDays, calendar),
    status: 'open',
    settled: true,
    history: [{ step: 'filed', at: now.at, by: 'applicant' }],
    requestHash: ids.requestHash,
    version: 1,
  };
}

/** The application decided, undefined for a repeat of its decision, 'conflict' for another decision. */
export function decideRepairApplication(a: RepairApplication, ruling: { decision: RepairDecision; note: string }, stamp: Stamp): RepairApplication | 'conflict' | undefined {
  if (a.status === 'decided') return a.decision === ruling.decision ? undefined : 'conflict';
  return {
    ...a,
    status: 'decided',
    decision: ruling.decision,
    note: ruling.note,
    ...decisionFields(stamp),
    settled: ruling.decision === 'rejected',
    history: [...a.history, { step: 'decided', at: stamp.at, by: stamp.sub }],
    version: a.version + 1,
  };
}

export const repairDecisionStamp = (a: RepairApplication): Stamp => stampOf(a, a.applicationId);

/** The reason the record's history shows for a repair an application made: names the application. */
export const repairReason = (a: RepairApplication) => `信用修复申请 ${a.applicationId}：${a.note ?? ''}`;

export function settledRepairApplication(a: RepairApplication, at: string): RepairApplication {
  return { ...a, settled: true, history: [...a.history, { step: 'record-repaired', at, by: a.decidedBy ?? 'system' }], version: a.version + 1 };
}

export function departmentRepairApplicationView(a: RepairApplication, today: IsoDate): z.infer<typeof departmentRepairApplicationSchema> {
  const { trackingCode: _c, requestHash: _h, version: _v, settled: _s, decidedInRequest: _r, ...shown } = a;
  return { ...shown, overdue: isOverdue(a, today) };
}

export function publicRepairApplicationView(a: RepairApplication): z.infer<typeof publicRepairApplicationSchema> {
  return {
    applicationId: a.applicationId,
    recordId: a.recordId,
    status: a.status,
    filedAt: a.filedAt,
    dueBy: a.dueBy,
    commitmentCode: a.commitmentCode,
    ...(a.decision ? { decision: a.decision } : {}),
    ...(a.note !== undefined ? { note: a.note } : {}),
    ...(a.decidedAt ? { decidedAt: a.decidedAt } : {}),
  };
}
