import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { inspectorAssignments } from '#use-cases/assignments.ts';
import { listAssignmentsContract } from './list-assignments.contract.ts';

export const listAssignmentsEndpoint = endpoint(listAssignmentsContract, async ({ query, caller, request }) => {
  const { assignments, next } = await inspectorAssignments({ sub: caller.sub, department: caller.dept }, query.status, parsePage(request));
  const nextCursor = encodeCursor(request, next);
  return json(200, { assignments, ...(nextCursor ? { nextCursor } : {}) });
});
