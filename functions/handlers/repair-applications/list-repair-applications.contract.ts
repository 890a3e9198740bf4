import { z } from 'zod';
import { departmentRepairApplicationSchema } from '#domain/repair-applications.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { repairStatusQuery } from './schemas.ts';

export const listRepairApplicationsContract = defineContract({
  method: 'GET',
  path: '/v1/repair-applications',
  capability: 'records',
  operationId: 'listRepairApplications',
  summary: ['Repair applications for the department’s records', '本部门信用记录的修复申请'],
  description:
    'Recorder; only applications for the records of the token’s department, with the applicants’ contacts. `open` includes the overdue ones, earliest due first; `overdue` only those past `dueBy` (computed when read); `decided` latest due first. Paginated. The list is an index that may trail a filing or a decision by a second.',
  tag: 'Reports',
  roles: ['recorder'],
  query: repairStatusQuery.extend(pageQuery.shape),
  response: {
    schema: z.object({ applications: z.array(departmentRepairApplicationSchema), nextCursor: z.string().optional() }),
    name: 'RepairApplicationsPage',
    statuses: { 200: 'A page of repair applications' },
    example: { applications: [] },
  },
  errors: [400, 401, 403],
});
