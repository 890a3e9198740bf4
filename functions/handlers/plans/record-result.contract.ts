import { z } from 'zod';
import { outcomeField, planResultSchema } from '#domain/inspection-results.ts';
import { planIdField } from '#domain/plans.ts';
import { defineContract } from '#http/contract.ts';
import { freeText, isoDate, subjectIdField } from '#http/schemas.ts';
import { resultExample, resultRequestExample } from './examples.ts';

export const resultBody = z
  .object({
    subjectId: subjectIdField.describe("A subject of the plan's sample"),
    inspectedOn: isoDate,
    outcome: outcomeField,
    findings: freeText.optional(),
  })
  .strict();

export const recordResultContract = defineContract({
  method: 'POST',
  path: '/v1/plans/{planId}/results',
  capability: 'plans',
  operationId: 'recordResult',
  summary: ['Record an inspection result', '录入抽查结果'],
  description:
    "An inspector on the subject's drawn team (the token's sub is the inspector id), or a planner of a plan department on the team's behalf; any other inspector is 403, decided before the body is validated. Before the draw 409; the subject must be in the sample (422). The same result again is 200; a different result for a subject that has one is 409 and writes nothing. The result is published at once as an inspection record on the subject; NOT_PUBLISHED, FALSE_INFO and UNREACHABLE also list the subject on ABNORMAL_OPERATION on behalf of its keeper when the keeper is a plan department; otherwise the keeper gets a notice with reason `referral`.",
  tag: 'Inspections',
  roles: ['inspector', 'planner'],
  params: z.object({ planId: planIdField }),
  body: { schema: resultBody, name: 'ResultInput', description: 'inspectedOn must not be in the future.', example: resultRequestExample },
  response: { schema: planResultSchema, name: 'InspectionResult', statuses: { 201: 'Recorded', 200: 'The same result again' }, example: resultExample },
  errors: [400, 401, 403, 404, 409, 422],
});
