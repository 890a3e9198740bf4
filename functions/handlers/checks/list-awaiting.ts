import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { awaitingDepartment, checksAwaitingFeedback } from '#use-cases/ledger.ts';
import { listAwaitingContract } from './list-awaiting.contract.ts';

export const listAwaitingEndpoint = endpoint(listAwaitingContract, async ({ caller, query, now, request }) => {
  const { checks, next } = await checksAwaitingFeedback(awaitingDepartment(caller, query.department), parsePage(request), now);
  const nextCursor = encodeCursor(request, next);
  return json(200, { checks, ...(nextCursor ? { nextCursor } : {}) });
});
