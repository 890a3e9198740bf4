import { z } from 'zod';
import { cstDate } from '#domain/dates.ts';
import { idFamily } from '#domain/identifiers.ts';
import { inspectorSchema } from '#domain/inspectors.ts';
import { defineContract } from '#http/contract.ts';
import { boundedArray, subjectIdField, text } from '#http/schemas.ts';

export const inspectorIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/**
 * A conflict names an enterprise or organization the inspector must recuse from. Only credit codes:
 * the roster goes into the plan document, and a person's identity number must never be published.
 */
export const conflictCode = subjectIdField.refine(
  (id) => idFamily(id, cstDate(new Date())) === 'creditCode',
  'must be a unified social credit code with a valid check character (a resident identity number is not accepted)',
);

export const inspectorBody = z
  .object({
    name: text(100),
    certificateNo: text(64),
    fields: boundedArray(z.string().regex(/^[A-T](\d{1,4})?$/, 'must be a GB/T 4754 industry prefix such as C or C13'))
      .min(1, 'must name at least one field')
      .describe('Industry prefixes the inspector may inspect; repeats and order do not matter'),
    conflicts: boundedArray(conflictCode).default([]).describe('Subjects the inspector must recuse from (回避)'),
  })
  .strict();

export const putInspectorContract = defineContract({
  method: 'PUT',
  path: '/v1/inspectors/{id}',
  capability: 'inspectors',
  operationId: 'putInspector',
  summary: ['Add or update an inspector', '录入或更新执法检查人员'],
  description:
    "Planner. The inspector belongs to the token's department. An id another department holds is 403 — decided before the body is read, and atomically by one conditional write on the id's claim. `conflicts` take unified social credit codes only: a resident identity number is 400 naming it. An unchanged inspector is 200 with the stored entry.",
  tag: 'Inspections',
  roles: ['planner'],
  params: z.object({ id: inspectorIdParam }),
  body: {
    schema: inspectorBody,
    name: 'InspectorInput',
    example: { name: '张建国', certificateNo: '津市监执字120115001号', fields: ['C13', 'F5'], conflicts: ['91120224064012553U'] },
  },
  response: {
    schema: inspectorSchema,
    name: 'Inspector',
    statuses: { 201: 'Created', 200: 'Updated or unchanged: the inspector' },
    example: {
      id: 'mkt-zhang-01',
      department: 'MARKET',
      name: '张建国',
      certificateNo: '津市监执字120115001号',
      fields: ['C13', 'F5'],
      conflicts: ['91120224064012553U'],
      updatedAt: '2026-03-02T01:30:00.000Z',
      updatedBy: 'market-planner-wang',
      requestId: 'a3f1c2d4-0000-4000-8000-000000000010',
    },
  },
  errors: [400, 401, 403],
});
