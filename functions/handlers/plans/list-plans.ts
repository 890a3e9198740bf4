import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { readablePlans } from '#use-cases/list-plans.ts';
import { listPlansContract } from './list-plans.contract.ts';

export const listPlansEndpoint = endpoint(listPlansContract, async ({ query, caller, request }) => {
  const { plans, next } = await readablePlans({ department: caller.dept, roles: caller.roles }, query.status, parsePage(request));
  const nextCursor = encodeCursor(request, next);
  return json(200, { plans, ...(nextCursor ? { nextCursor } : {}) });
});
