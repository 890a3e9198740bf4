import { capabilityHandler, json } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { publicPlan } from '#use-cases/plans.ts';
import { planIdParam } from '../plans/schemas.ts';

/** What anyone may read without a token (一公开). */
export const handler = capabilityHandler({
  'GET /v1/public/plans/{planId}': async (request) => {
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    return json(200, await publicPlan(planId));
  },
});
