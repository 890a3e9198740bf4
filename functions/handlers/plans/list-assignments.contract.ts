import { z } from 'zod';
import { ASSIGNMENT_STATUSES, assignmentViewSchema } from '#domain/assignments.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { assignmentExample } from './examples.ts';

export const assignmentsQuery = z.object({
  status: z.enum(ASSIGNMENT_STATUSES).default('open').describe('open (the default): no result recorded yet · done: a result is recorded'),
});

export const assignmentsPageSchema = z.object({
  assignments: z.array(assignmentViewSchema).describe('Newest plan first'),
  nextCursor: z.string().optional().describe('Present when more assignments follow: pass it as ?cursor='),
});

export const listAssignmentsContract = defineContract({
  method: 'GET',
  path: '/v1/assignments',
  capability: 'plans',
  operationId: 'listAssignments',
  summary: ["The caller's inspection assignments", '本人的检查任务'],
  description:
    "Inspector. The token's `sub` is the inspector's id (API.md): the sampled subjects of drawn plans whose team includes that inspector as the token's department's, newest plan first — `open` until a result is recorded (by any team member, or a planner on the team's behalf), then `done` with the result. Read at once after the draw and each result. Paginated; a page may hold fewer than `limit` and still be followed by another.",
  tag: 'Inspections',
  roles: ['inspector'],
  query: assignmentsQuery.extend(pageQuery.shape),
  response: {
    schema: assignmentsPageSchema,
    name: 'AssignmentsPage',
    statuses: { 200: 'A page of assignments' },
    example: { assignments: [assignmentExample] },
  },
  errors: [400, 401, 403],
});
