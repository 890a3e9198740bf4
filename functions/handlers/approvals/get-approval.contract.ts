import { z } from 'zod';
import { approvalIdField, approvalTrailSchema } from '#domain/approvals.ts';
import { defineContract } from '#http/contract.ts';
import { approvalExample, completedTaskExample } from './examples.ts';

export const getApprovalContract = defineContract({
  method: 'GET',
  path: '/v1/approvals/{approvalId}',
  capability: 'approvals',
  operationId: 'getApproval',
  summary: ['An approval traced both ways', '查询审批及其核查、监管任务与推送'],
  description: 'The approving department only (recorder, checker or admin of it; another department 403). The approval with the credit check it relied on and the feedback given on that check, its supervision tasks with their outcomes, and the notices their findings sent.',
  tag: 'Approvals',
  roles: ['recorder', 'checker', 'admin'],
  params: z.object({ approvalId: approvalIdField }),
  response: {
    schema: approvalTrailSchema,
    name: 'ApprovalTrail',
    statuses: { 200: 'The approval' },
    example: {
      ...approvalExample,
      publication: { publishBy: '2026-12-02', publishedOn: '2026-11-23', late: false },
      check: { checkId: '0mwsm5deoa1b2c3d4e5f60718', checkedAt: '2026-11-23T01:55:00.000Z', verdict: 'clear', catalogueVersion: 3, measures: [], feedback: [] },
      tasks: [completedTaskExample],
      notices: [
        {
          noticeId: '5d0c8e7b1a2f4c6e9b3a7d10',
          department: 'APPROVAL',
          subjectId: '91120224064012553U',
          taskId: 'tk631acc37c097f41376fbac',
          at: '2027-01-20T06:30:00.000Z',
          reason: 'non-compliant: 现场核查：经营场所不符合承诺，未提交卫生检测报告',
        },
      ],
    },
  },
  errors: [400, 401, 403, 404],
});
