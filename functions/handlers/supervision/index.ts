import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { parseInput } from '#http/parse.ts';
import { freeText } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { completeSupervisionTask, departmentTasks, supervisedTask } from '#use-cases/approvals.ts';

export const tasksQuery = z.object({ status: z.enum(['open', 'overdue', 'done']).default('open') });
export const completionBody = z
  .object({
    outcome: z.enum(['compliant', 'non-compliant']),
    findings: freeText,
    commitmentOutcome: z.enum(['fulfilled', 'partly', 'unfulfilled']).optional(),
  })
  .strict();
export const taskIdParam = z.string().regex(/^tk[0-9a-f]{22}$/, 'is not a task id');

export const handler = capabilityHandler({
  'GET /v1/supervision/tasks': async (request) => {
    const caller = requireRole(request.caller, 'inspector', 'planner');
    const { status } = parseInput(tasksQuery, { status: request.query.status });
    const page = parsePage(request);
    const { tasks, next } = await departmentTasks(caller.dept, status, page, now());
    const nextCursor = encodeCursor(request, next);
    return json(200, { tasks, ...(nextCursor ? { nextCursor } : {}) });
  },
  'POST /v1/supervision/tasks/{taskId}/complete': async (request) => {
    const caller = requireRole(request.caller, 'inspector', 'planner');
    const taskId = parseInput(taskIdParam, request.params.taskId, 'taskId');
    const task = await supervisedTask(taskId, caller.dept);
    const body = parseInput(completionBody, request.body);
    const clock = now();
    return json(200, await completeSupervisionTask(task, body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock));
  },
});
