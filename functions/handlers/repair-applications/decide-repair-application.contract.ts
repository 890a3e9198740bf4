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
  response: {
    schema: departmentRepairApplicationSchema,
    name: 'RepairApplication',
    statuses: { 200: 'Decided' },
    example: {
      applicationId: 'RAK7M3Q9X2PAHT4W8N6R',
      subjectId: '91120224064012553U',
      recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3',
      department: 'MARKET',
      record: { type: 'penalty', documentNo: '津宝市监罚〔2026〕88号', title: '未按规定公示年度报告', decidedOn: '2026-04-10' },
      correctedOn: '2026-06-20',
      application: '我公司已补报2025年度报告并缴清罚款，申请信用修复。',
      commitment: '本公司承诺今后依法按时公示年度报告，如违反承诺，自愿接受相应惩戒。',
      commitmentCode: '12022420261207000001',
      contact: '022-12345678',
      filedAt: '2026-12-07T02:30:00.000Z',
      dueBy: '2026-12-14',
      status: 'decided',
      decision: 'approved',
      note: '已纠正失信行为并作出守信承诺，准予修复。',
      decidedAt: '2026-12-09T06:00:00.000Z',
      decidedBy: 'clerk-zhao',
      history: [
        { step: 'filed', at: '2026-12-07T02:30:00.000Z', by: 'applicant' },
        { step: 'decided', at: '2026-12-09T06:00:00.000Z', by: 'clerk-zhao' },
        { step: 'record-repaired', at: '2026-12-09T06:00:00.000Z', by: 'clerk-zhao' },
      ],
      overdue: false,
    },
  },
  errors: [400, 401, 403, 404, 409, 422],
});
