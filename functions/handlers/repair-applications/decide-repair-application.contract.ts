import { z } from 'zod';
import { departmentRepairApplicationSchema } from '#domain/repair-applications.ts';
import { defineContract } from '#http/contract.ts';
import { applicationIdParam, decideRepairBody } from './schemas.ts';

export const decideRepairApplicationContract = defineContract({
  method: 'POST',
  path: '/v1/repair-applications/{applicationId}/decide',
  capability: 'records',
  operationId: 'decideRepairApplication',
  summary: ['Decide a repair application', '审核信用修复申请'],
  description:
    'Recorder of the department that made the record; an application for another department’s record is 404. `approved` repairs the record as POST /v1/records/{recordId}/repair does (its rules apply first: a record retracted or repaired meanwhile is 409, one not repairable 422), with the application as the reason: it stops counting in checks, classes and the public lookup at once. `rejected` leaves it, `note` says why. The same decision again is 200; another decision is 409.',
  tag: 'Reports',
  roles: ['recorder'],
  params: z.object({ applicationId: applicationIdParam }),
  body: { schema: decideRepairBody, name: 'RepairDecision', example: { decision: 'approved', note: '已纠正失信行为并作出守信承诺，准予修复。' } },
  response: { schema: departmentRepairApplicationSchema, name: 'RepairApplication', statuses: { 200: 'Decided' } },
  errors: [400, 401, 403, 404, 409, 422],
});
