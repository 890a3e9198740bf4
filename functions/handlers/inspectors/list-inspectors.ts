import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { departmentInspectors } from '#use-cases/list-inspectors.ts';
import { listInspectorsContract } from './list-inspectors.contract.ts';

export const listInspectorsEndpoint = endpoint(listInspectorsContract, async ({ caller, request }) => {
  const { inspectors, next } = await departmentInspectors(caller.dept, parsePage(request));
  const nextCursor = encodeCursor(request, next);
  return json(200, { inspectors, ...(nextCursor ? { nextCursor } : {}) });
});
