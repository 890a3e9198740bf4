import { z } from 'zod';
import { departmentObjectionSchema } from '#domain/objections.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { objectionStatusQuery } from './schemas.ts';

export const listObjectionsContract = defineContract({
  method: 'GET',
  path: '/v1/objections',
  capability: 'records',
  operationId: 'listObjections',
  summary: ['Objections to the department’s records', '本部门信用记录的异议'],
  description:
    'Recorder; only objections to the records of the token’s department, with the filers’ contacts. `open` includes the overdue ones, earliest due first; `overdue` only those past `dueBy` (computed when read: nothing is written when a deadline passes); `decided` latest due first. Paginated. The list is an index that may trail a filing or a decision by a second; each objection itself is read at once.',
  tag: 'Reports',
  roles: ['recorder'],
  query: objectionStatusQuery.extend(pageQuery.shape),
  response: {
    schema: z.object({ objections: z.array(departmentObjectionSchema), nextCursor: z.string().optional() }),
    name: 'ObjectionsPage',
    statuses: { 200: 'A page of objections' },
    example: { objections: [] },
  },
  errors: [400, 401, 403],
});
