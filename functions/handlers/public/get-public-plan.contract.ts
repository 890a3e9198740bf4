import { z } from 'zod';
import { planIdField } from '#domain/plans.ts';
import { fullPlanSchema, publicPlanSchema } from '#domain/public-plan.ts';
import { defineContract } from '#http/contract.ts';
import { publicPlanExample } from '../plans/examples.ts';

export const publicPlanAnswer = z
  .union([publicPlanSchema, fullPlanSchema])
  .describe('The public plan document; in a deployment with PUBLIC_PLAN_STRATA=1, the full one.');

export const getPublicPlanContract = defineContract({
  method: 'GET',
  path: '/v1/public/plans/{planId}',
  capability: 'public',
  operationId: 'getPublicPlan',
  summary: ['A published plan, to check its draw', '抽查计划公示（一公开）'],
  description:
    'No token; rate-limited per client (429 with Retry-After). Summary fields only by default: sizes and salted hashes of the strata, the commitment, and once drawn the seed, the sample (no stratum: risk classes are internal) and the results — enough to check the seed against the commitment and every sampled ticket. A deployment with PUBLIC_PLAN_STRATA=1 publishes the full document here. It reflects the draw and each result as soon as the request that recorded it has answered.',
  tag: 'Public',
  roles: 'public',
  rateLimited: true,
  params: z.object({ planId: planIdField }),
  response: { schema: publicPlanAnswer, name: 'PublicPlan', statuses: {
      200: 'The public plan document',
      303: 'A document above PLAN_DOCUMENT_INLINE_BYTES (default 5 MB): Location is the same document as a published file (immutable, gzip-encoded, cached)',
    }, example: publicPlanExample },
  errors: [400, 404, 429],
});
