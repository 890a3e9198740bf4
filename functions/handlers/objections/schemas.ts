import { z } from 'zod';
import { OBJECTION_DECISIONS, OBJECTION_LIST_STATUSES } from '#domain/objections.ts';
import { freeText, text } from '#http/schemas.ts';
import { correctBody } from '../records/change-record.contract.ts';

export const objectionIdParam = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1–32 letters, digits or hyphens');
export const trackingCodeQuery = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1–32 letters, digits or hyphens');

export const objectionBody = z
  .object({
    recordId: z.string().regex(/^[0-9a-z]{26}$/, 'is not a record id').describe('A record the public lookup shows'),
    subjectId: z.string().min(1).max(64).describe('The subject the record is about'),
    reason: freeText.describe('What is wrong with the record'),
    contact: text(200).describe('How the department reaches the filer (phone, e-mail): seen by the deciding department only, never public, never logged'),
  })
  .strict();

export const decideObjectionBody = z
  .object({
    decision: z.enum(OBJECTION_DECISIONS).describe('upheld 维持 (the record stands) · corrected 更正 (with changes) · retracted 撤销'),
    note: freeText.describe('The reason for the decision, told to the filer'),
    changes: correctBody.shape.changes.optional().describe('corrected only: the record’s fields to correct, as POST /v1/records/{recordId}/correct takes them'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'corrected' && !body.changes) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'is required when the decision is corrected' });
    if (body.decision !== 'corrected' && body.changes) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'applies only when the decision is corrected' });
  });

export const objectionStatusQuery = z.object({
  status: z.enum(OBJECTION_LIST_STATUSES).default('open').describe('open (the default) includes the overdue ones; overdue: open past dueBy; decided'),
});
