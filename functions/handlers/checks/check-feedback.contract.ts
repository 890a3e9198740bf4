import { z } from 'zod';
import { checkAnswerSchema, checkRequestSchema } from '#domain/checks.ts';
import { feedbackOutcome, feedbackViewSchema } from '#domain/feedback.ts';
import { defineContract } from '#http/contract.ts';
import { BOUNDS, checkIdParam, freeText } from '#http/schemas.ts';
import { checkAnswerExample, feedbackExample, feedbackInputExample } from './examples.ts';

const params = z.object({ checkId: checkIdParam });

export const feedbackBody = z
  .object({
    measure: z
      .string()
      .max(2 * BOUNDS.code + 1, `must be at most ${2 * BOUNDS.code + 1} characters`)
      .regex(/^[^/]+\/[^/]+$/, 'must be "<memorandum>/<measure>"')
      .describe('"<memorandum>/<measure>": the memorandum code and the measure code of one of the check’s measures, e.g. "M-COURT-DEFAULTER-2016/CP"'),
    outcome: feedbackOutcome,
    note: freeText.optional().describe('Why the measure was not applied (required then), or how it was'),
  })
  .strict()
  .refine((b) => b.outcome !== 'not-applied' || b.note !== undefined, {
    path: ['note'],
    message: 'is required when the measure was not applied',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export const feedbackReceiptSchema = feedbackViewSchema.extend({ checkId: z.string() }).describe('Feedback recorded on a check (反馈).');

export const checkTrailSchema = checkAnswerSchema
  .extend({
    checkedBy: z.string().describe("The token's sub of whoever made the check"),
    requestId: z.string().describe('The request that made the check'),
    request: checkRequestSchema.describe('What the check was asked'),
    feedback: z.array(feedbackViewSchema).describe('Every feedback given on the check’s measures'),
  })
  .describe('A check as it was answered, with its request and every feedback given on it (查询 → 推送 → 受理 → 办结).');

export const giveFeedbackContract = defineContract({
  method: 'POST',
  path: '/v1/checks/{checkId}/feedback',
  capability: 'checks',
  operationId: 'giveFeedback',
  summary: ['Feedback on a measure of a check', '核查结果反馈'],
  description:
    'Checker of the department that made the check (another department 403, an unknown check 404, both decided before the body is read). One feedback per measure: name it "<memorandum>/<measure>" as the check returned it (its `memorandum` and `measure` fields); a measure the check did not return is 422. applied or not-applied, a note required for not-applied. The same feedback again is 200 with the stored one; a different one for the same measure is 409.',
  tag: 'Checks',
  roles: ['checker'],
  params,
  body: { schema: feedbackBody, name: 'FeedbackInput', description: 'note is required when outcome is not-applied.', example: feedbackInputExample },
  response: {
    schema: feedbackReceiptSchema,
    name: 'FeedbackReceipt',
    statuses: { 201: 'Recorded', 200: 'The same feedback again: the stored one' },
    example: { checkId: checkAnswerExample.checkId, ...feedbackExample },
  },
  errors: [400, 401, 403, 404, 409, 422],
});

export const getCheckContract = defineContract({
  method: 'GET',
  path: '/v1/checks/{checkId}',
  capability: 'checks',
  operationId: 'getCheck',
  summary: ['A check with its feedback', '查询核查记录及反馈'],
  description: 'A checker of the department that made the check; an auditor (the city’s credit office, read-only) or an admin reads any department’s. Another department’s checker 403, an unknown check 404. The answer is the one given, under the catalogue version it used.',
  tag: 'Checks',
  roles: ['checker', 'admin', 'auditor'],
  params,
  response: {
    schema: checkTrailSchema,
    name: 'CheckTrail',
    statuses: { 200: 'The check' },
    example: {
      ...checkAnswerExample,
      checkedBy: 'approval-clerk-wang',
      requestId: 'a3f1c2d4-0000-4000-8000-000000000003',
      request: { subjectId: '91120224064012553U', matter: 'COMMITMENT_APPROVAL' },
      feedback: [feedbackExample],
    },
  },
  errors: [400, 401, 403, 404],
});
