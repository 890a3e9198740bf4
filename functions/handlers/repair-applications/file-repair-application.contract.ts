import { z } from 'zod';
import { IDEMPOTENCY_KEY } from '#domain/imports.ts';
import { calendarDate } from '#domain/values.ts';
import { defineContract } from '#http/contract.ts';
import { repairApplicationBody } from './schemas.ts';

export const fileRepairApplicationContract = defineContract({
  method: 'POST',
  path: '/v1/public/repair-applications',
  capability: 'reports',
  operationId: 'fileRepairApplication',
  summary: ['Apply for credit repair (信用修复申请)', '申请信用修复'],
  description:
    'No token; rate-limited per client. For a record in effect that is repairable — a penalty, or a listing on a black list other than COURT_DEFAULTER and MAJOR_TAX_VIOLATION — once its minimum period has passed (the public lookup shows the first day as `repairableFrom`); otherwise 422 naming recordId and the rule, with that day. The `commitment` (守信承诺书) is recorded as the subject’s CREDIT_REPAIR commitment (matter CREDIT_REPAIR, due a year later) accepted by the record’s department, which decides by `dueBy` (REPAIR_WORKING_DAYS working days, default 5). Keep `trackingCode` to follow it. `contact` is seen only by the deciding department. With an `Idempotency-Key` header the same request again answers 200 with the same application; another body under the key is 409.',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  headers: z.object({
    'Idempotency-Key': z.string().regex(IDEMPOTENCY_KEY, 'must be 1–64 printable ASCII characters without spaces').optional().describe('The same key again names the same application'),
  }),
  body: {
    schema: repairApplicationBody,
    name: 'RepairApplicationInput',
    example: {
      recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3',
      subjectId: '91120224064012553U',
      correctedOn: '2026-06-20',
      application: '我公司已补报2025年度报告并缴清罚款，申请信用修复。',
      commitment: '本公司承诺今后依法按时公示年度报告，如违反承诺，自愿接受相应惩戒。',
      contact: '022-12345678',
    },
  },
  response: {
    schema: z
      .object({ applicationId: z.string(), trackingCode: z.string().describe('Shown once: keep it to follow the application'), dueBy: calendarDate, commitmentCode: z.string().describe('The CREDIT_REPAIR commitment recorded') })
      .describe('A filed repair application.'),
    name: 'RepairApplicationFiled',
    statuses: { 201: 'Filed', 200: 'The same request again (same Idempotency-Key)' },
    example: { applicationId: 'RAK7M3Q9X2PAHT4W8N6R', trackingCode: 'H4KQ8M2XRT6P', dueBy: '2026-12-14', commitmentCode: '12022420261207000001' },
  },
  errors: [400, 409, 422, 429],
});
