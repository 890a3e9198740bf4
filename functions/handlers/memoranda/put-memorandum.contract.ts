import { z } from 'zod';
import { isObjectPropertyName } from '#domain/reference.ts';
import { measureForce, measureKind, memorandumSchema } from '#domain/memoranda.ts';
import { defineContract } from '#http/contract.ts';
import { boundedArray, BOUNDS, isoDate, text, titleText } from '#http/schemas.ts';
import { memorandumContentExample, memorandumExample } from './examples.ts';

const code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -');

export const codeParam = code.refine((c) => !isObjectPropertyName(c), 'is a reserved name, not a memorandum code');

export const measureBody = z
  .object({
    code,
    kind: measureKind,
    force: measureForce,
    departments: boundedArray(code).min(1, 'must name at least one department').describe('Department codes (data/lists.json) that implement the measure'),
    matters: boundedArray(code).min(1, 'must name at least one matter').describe('Matter codes (data/lists.json) the measure applies to'),
    content: text(2000),
    legalBasis: text(1000),
  })
  .strict();

export const memorandumBody = z
  .object({
    code: code.optional().describe('When given, the path’s code'),
    title: titleText,
    documentNo: z.string().max(BOUNDS.documentNo, `must be at most ${BOUNDS.documentNo} characters`).nullable(),
    issuedOn: isoDate,
    leadDepartment: code,
    targetLists: boundedArray(code).min(1, 'must name at least one list').describe('List codes (data/lists.json) whose members the memorandum targets'),
    measures: boundedArray(measureBody)
      .min(1, 'must hold at least one measure')
      .refine((ms) => new Set(ms.map((m) => m.code)).size === ms.length, 'measure codes must be unique'),
  })
  .strict();

export const putMemorandumContract = defineContract({
  method: 'PUT',
  path: '/v1/memoranda/{code}',
  capability: 'memoranda',
  operationId: 'putMemorandum',
  summary: ['Publish a memorandum', '发布或修订联合奖惩备忘录'],
  description:
    'Admin only (403 for any other role, decided before the body is read). Every change publishes a new version of the memorandum and a new catalogue version; earlier versions stay as they were. Checks use the new catalogue within a few seconds (a warm check function re-reads the catalogue version every CATALOGUE_REFRESH_MS, default 5 s), and every check reports the catalogue version that decided it. An unchanged body changes nothing (200). Concurrent changes each get their own version, or 409 when the catalogue changes too often to claim one (retry).',
  tag: 'Memoranda',
  roles: ['admin'],
  params: z.object({ code: codeParam }),
  body: {
    schema: memorandumBody,
    name: 'MemorandumInput',
    description: 'code, when given, must match the path (400); measure codes must be unique (400); targetLists, leadDepartment and each measure’s departments and matters must be known codes (422).',
    example: memorandumContentExample,
  },
  response: {
    schema: memorandumSchema,
    name: 'Memorandum',
    statuses: { 201: 'Created: version 1', 200: 'Updated (a new version) or unchanged: the memorandum' },
    example: memorandumExample,
  },
  errors: [400, 401, 403, 409, 422],
});
