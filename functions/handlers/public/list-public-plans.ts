import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { publishedPlans } from '#use-cases/list-plans.ts';
import { listPublicPlansContract } from './list-public-plans.contract.ts';

export const listPublicPlansEndpoint = endpoint(listPublicPlansContract, async ({ request }) => {
  const { plans, next } = await publishedPlans(parsePage(request));
  const nextCursor = encodeCursor(request, next);
  return json(200, { plans, ...(nextCursor ? { nextCursor } : {}) });
});
