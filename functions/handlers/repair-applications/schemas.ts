import { z } from 'zod';
import { REPAIR_DECISIONS, REPAIR_LIST_STATUSES } from '#domain/repair-applications.ts';
import { freeText, isoDate, text } from '#http/schemas.ts';

export const applicationIdParam = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1–32 letters, digits or hyphens');

export const repairApplicationBody = z
  .object({
    recordId: z.string().regex(/^[0-9a-z]{26}$/, 'is not a record id').describe('The record to repair: a penalty or a black listing (not COURT_DEFAULTER or MAJOR_TAX_VIOLATION) past its minimum period'),
    subjectId: z.string().min(1).max(64).describe('The subject the record is about'),
    correctedOn: isoDate.describe('When the conduct was corrected (纠正失信行为); not after today, not before the decision'),
    application: freeText.describe('The application (申请书)'),
    commitment: freeText.describe('The 守信承诺书: recorded as the subject’s CREDIT_REPAIR commitment, accepted by the deciding department'),
    contact: text(200).describe('How the department reaches the applicant: seen by the deciding department only, never public, never logged'),
  })
  .strict();

export const decideRepairBody = z
  .object({
    decision: z.enum(REPAIR_DECISIONS).describe('approved 准予修复 (the record is repaired) · rejected 不予修复'),
    note: freeText.describe('The reason, told to the applicant'),
  })
  .strict();

export const repairStatusQuery = z.object({
  status: z.enum(REPAIR_LIST_STATUSES).default('open').describe('open (the default) includes the overdue ones; overdue: open past dueBy; decided'),
});
