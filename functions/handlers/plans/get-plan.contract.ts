import { z } from 'zod';
import { pendingPlanViewSchema, planIdField, planViewSchema } from '#domain/plans.ts';
import { defineContract } from '#http/contract.ts';
import { planViewExample } from './examples.ts';

export const getPlanContract = defineContract({
  method: 'GET',
  path: '/v1/plans/{planId}',
  capability: 'plans',
  operationId: 'getPlan',
  summary: ['A plan with its draw and results', '查询抽查计划、抽取结果与检查结果'],
  description: 'A planner or inspector of a plan department (another department 403); an auditor sees every plan. The population counts, the draw once made, every result and the late ones; while a job freezes the population, its status (`freezing`, or `failed` with the reason) and progress.',
  tag: 'Inspections',
  roles: ['planner', 'inspector', 'auditor'],
  params: z.object({ planId: planIdField }),
  response: { schema: z.union([planViewSchema, pendingPlanViewSchema]), name: 'PlanView', statuses: { 200: 'The plan' }, example: planViewExample },
  errors: [400, 401, 403, 404],
});
