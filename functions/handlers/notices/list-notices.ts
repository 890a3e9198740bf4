import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, openCursor } from '#http/pagination.ts';
import { departmentNotices } from '#use-cases/list-notices.ts';
import { listNoticesContract } from './list-notices.contract.ts';

export const listNoticesEndpoint = endpoint(listNoticesContract, async ({ query, caller, request }) => {
  const { notices, next } = await departmentNotices(caller.dept, query.limit, openCursor(request, query.cursor));
  const nextCursor = encodeCursor(request, next);
  return json(200, { notices, ...(nextCursor ? { nextCursor } : {}) });
});
