import { z } from 'zod';
import { IDEMPOTENCY_KEY } from '#domain/imports.ts';
import { calendarDate } from '#domain/values.ts';
import { defineContract } from '#http/contract.ts';
import { objectionBody } from './schemas.ts';

export const fileObjectionContract = defineContract({
  method: 'POST',
  path: '/v1/public/objections',
  capability: 'reports',
  operationId: 'fileObjection',
  summary: ['Object to a public record (异议申诉)', '对公示信息提出异议'],
  description:
    'No token; rate-limited per client. Anyone may object to a record the public lookup shows (any other record is 422, naming recordId). The department that made the record decides by `dueBy` (OBJECTION_WORKING_DAYS working days, default 5; holidays and make-up working days as configured); meanwhile the public lookup marks the record `underObjection` (异议处理中). Keep `trackingCode`: with it, `GET /v1/public/objections/{objectionId}?code=` follows the objection. `contact` is seen only by the deciding department. With an `Idempotency-Key` header the same request again answers 200 with the same objection, and another body under the key is 409.',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  headers: z.object({
    'Idempotency-Key': z.string().regex(IDEMPOTENCY_KEY, 'must be 1–64 printable ASCII characters without spaces').optional().describe('The same key again names the same objection'),
  }),
  body: {
    schema: objectionBody,
    name: 'ObjectionInput',
    example: { recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3', subjectId: '91120224064012553U', reason: '该处罚已于2026年5月经行政复议撤销，请核实。', contact: '022-12345678' },
  },
  response: {
    schema: z.object({ objectionId: z.string(), trackingCode: z.string().describe('Shown once: keep it to follow the objection'), dueBy: calendarDate }).describe('A filed objection.'),
    name: 'ObjectionFiled',
    statuses: { 201: 'Filed', 200: 'The same request again (same Idempotency-Key)' },
    example: { objectionId: 'OBK7M3Q9X2PAHT4W8N6R', trackingCode: 'H4KQ8M2XRT6P', dueBy: '2026-12-14' },
  },
  errors: [400, 409, 422, 429],
});
