import { endpoint, json } from '#http/endpoint.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { departmentTasks } from '#use-cases/approvals.ts';
import { listTasksContract } from './list-tasks.contract.ts';

export const listTasksEndpoint = endpoint(listTasksContract, async ({ query, caller, now, request }) => {
  const { tasks, next } = await departmentTasks(caller.dept, query.status, parsePage(request), now);
  const nextCursor = encodeCursor(request, next);
  return json(200, { tasks, ...(nextCursor ? { nextCursor } : {}) });
});
