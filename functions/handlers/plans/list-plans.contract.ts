import { z } from 'zod';
import { PLAN_LIST_STATUSES, planListEntrySchema } from '#domain/plans.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { planListEntryExample } from './examples.ts';

export const plansQuery = z.object({
  status: z
    .enum(PLAN_LIST_STATUSES)
    .default('all')
    .describe('Which plans: all (the default) · freezing · frozen · drawing · drawn · failed'),
});

export const plansPageSchema = z.object({
  plans: z.array(planListEntrySchema).describe('Newest first'),
  nextCursor: z.string().optional().describe('Present when more plans follow: pass it as ?cursor='),
});

export const listPlansContract = defineContract({
  method: 'GET',
  path: '/v1/plans',
  capability: 'plans',
  operationId: 'listPlans',
  summary: ["The plans the caller's department takes part in", '本部门参与的抽查计划'],
  description:
    "A planner or inspector: the plans the token's department is one of the departments of; an auditor: every plan. Newest first, of one status or all, each with its strata sizes once frozen, its sample size once drawn and how many results are recorded. Read from the list of plans, an index: a plan created a moment ago may show a moment later (GET /v1/plans/{planId} shows it at once). Paginated.",
  tag: 'Inspections',
  roles: ['planner', 'inspector', 'auditor'],
  query: plansQuery.extend(pageQuery.shape),
  response: {
    schema: plansPageSchema,
    name: 'PlansPage',
    statuses: { 200: 'A page of plans' },
    example: { plans: [planListEntryExample], nextCursor: 'c4Nw8Pq1Rz6kTb3mXv9sHd2yLf5gJa7eUo0iCt2rBw' },
  },
  errors: [400, 401, 403],
});
