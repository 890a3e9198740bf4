import { z } from 'zod';
import { planListEntrySchema } from '#domain/plans.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { planListEntryExample } from '../plans/examples.ts';

export const publicPlansPageSchema = z.object({
  plans: z.array(planListEntrySchema).describe('Newest first'),
  nextCursor: z.string().optional().describe('Present when more plans follow: pass it as ?cursor='),
});

export const listPublicPlansContract = defineContract({
  method: 'GET',
  path: '/v1/public/plans',
  capability: 'public',
  operationId: 'listPublicPlans',
  summary: ['Published inspection plans', '抽查计划公示列表（一公开）'],
  description:
    'No token; rate-limited per client (429 with Retry-After). Every plan whose population is frozen (frozen, drawing, drawn — nothing is published before), newest first, with its departments, strata sizes, sample size once drawn and how many results are recorded; GET /v1/public/plans/{planId} has the document to check its draw. Read from the list of plans, an index: a plan frozen a moment ago may show a moment later. Paginated.',
  tag: 'Public',
  roles: 'public',
  rateLimited: true,
  query: pageQuery,
  response: {
    schema: publicPlansPageSchema,
    name: 'PublicPlansPage',
    statuses: { 200: 'A page of published plans' },
    example: { plans: [planListEntryExample] },
  },
  errors: [400, 429],
});
