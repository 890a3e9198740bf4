import { z } from 'zod';
import { planIdField } from '#domain/plans.ts';
import { fullPlanSchema } from '#domain/public-plan.ts';
import { defineContract } from '#http/contract.ts';
import { fullPlanExample } from './examples.ts';

export const getPlanPopulationContract = defineContract({
  method: 'GET',
  path: '/v1/plans/{planId}/population',
  capability: 'plans',
  operationId: 'getPlanPopulation',
  summary: ['The full plan document, to re-run the whole draw', '查询抽查计划完整文档（冻结名录与检查人员名录）'],
  description:
    'A planner or inspector of a plan department (another department 403); an auditor sees every plan. Everything needed to re-run the draw: the frozen strata (ids sorted), the salt of the public per-stratum hashes, the exempt list, the industries and the frozen roster; seed, sample and results once drawn.',
  tag: 'Inspections',
  roles: ['planner', 'inspector', 'auditor'],
  params: z.object({ planId: planIdField }),
  response: { schema: fullPlanSchema, name: 'PlanPopulation', statuses: {
      200: 'Everything needed to re-run the draw',
      303: 'A document above PLAN_DOCUMENT_INLINE_BYTES (default 5 MB): Location is a short-lived signed URL (5 minutes) to the same document as a file',
    }, example: fullPlanExample },
  errors: [400, 401, 403, 404, 409],
});
