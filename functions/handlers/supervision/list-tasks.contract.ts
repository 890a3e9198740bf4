import { z } from 'zod';
import { TASK_STATUSES, taskStatusField, taskViewSchema } from '#domain/approvals.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { taskExample } from '../approvals/examples.ts';

export const tasksQuery = z.object({
  status: z
    .enum(TASK_STATUSES)
    .default('open')
    .describe(`Which tasks: open (the default) includes the overdue ones. ${taskStatusField.description}`),
});

export const tasksPageSchema = z.object({
  tasks: z.array(taskViewSchema).describe('Newest first'),
  nextCursor: z.string().optional().describe('Present when more tasks follow: pass it as ?cursor='),
});

export const listTasksContract = defineContract({
  method: 'GET',
  path: '/v1/supervision/tasks',
  capability: 'supervision',
  operationId: 'listSupervisionTasks',
  summary: ["The caller's department's supervision tasks", '本部门的监管任务'],
  description: "Inspector or planner; only the tasks of the token's department, newest first. `open` includes overdue ones. Paginated; with overdue a page may hold fewer than `limit` tasks and still be followed by another.",
  tag: 'Approvals',
  roles: ['inspector', 'planner'],
  query: tasksQuery.extend(pageQuery.shape),
  response: { schema: tasksPageSchema, name: 'TasksPage', statuses: { 200: 'A page of tasks' }, example: { tasks: [taskExample] } },
  errors: [400, 401, 403],
});
