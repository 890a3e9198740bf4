import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { departmentApprovals } from '#use-cases/approvals.ts';
import { listApprovalsContract } from './list-approvals.contract.ts';

export const listApprovalsEndpoint = endpoint(listApprovalsContract, async ({ query, caller, request }) => {
  const { approvals, next } = await departmentApprovals(caller.dept, query.status === 'late-publication', parsePage(request));
  const nextCursor = encodeCursor(request, next);
  return json(200, { approvals, ...(nextCursor ? { nextCursor } : {}) });
});
