import { z } from 'zod';
import { departmentObjectionSchema } from '#domain/objections.ts';
import { defineContract } from '#http/contract.ts';
import { decideObjectionBody, objectionIdParam } from './schemas.ts';

export const decideObjectionContract = defineContract({
  method: 'POST',
  path: '/v1/objections/{objectionId}/decide',
  capability: 'records',
  operationId: 'decideObjection',
  summary: ['Decide an objection', '处理异议'],
  description:
    'Recorder of the department that made the record; an objection to another department’s record is 404. `upheld`: the record stands, `note` says why; `corrected`: the record is corrected with `changes` as POST /v1/records/{recordId}/correct does (its rules, 400/422/409, apply before anything is decided); `retracted`: the record is retracted. The record’s history names the objection as the reason. The same decision again is 200; another decision is 409.',
  tag: 'Reports',
  roles: ['recorder'],
  params: z.object({ objectionId: objectionIdParam }),
  body: {
    schema: decideObjectionBody,
    name: 'ObjectionDecision',
    example: { decision: 'corrected', note: '罚款金额录入有误，已更正。', changes: { fineAmount: 2000 } },
  },
  response: {
    schema: departmentObjectionSchema,
    name: 'Objection',
    statuses: { 200: 'Decided' },
    example: {
      objectionId: 'OBK7M3Q9X2PAHT4W8N6R',
      subjectId: '91120224064012553U',
      recordId: 'r3c0b1f7d9e2a4c6b8d0e1f2a3',
      department: 'MARKET',
      record: { type: 'penalty', documentNo: '津宝市监罚〔2026〕88号', title: '未按规定公示年度报告', decidedOn: '2026-04-10' },
      reason: '罚款金额应为两千元，公示为两万元。',
      contact: '022-12345678',
      filedAt: '2026-12-07T02:30:00.000Z',
      dueBy: '2026-12-14',
      status: 'decided',
      decision: 'corrected',
      note: '罚款金额录入有误，已更正。',
      changes: { fineAmount: 2000 },
      decidedAt: '2026-12-09T06:00:00.000Z',
      decidedBy: 'clerk-li',
      history: [
        { step: 'filed', at: '2026-12-07T02:30:00.000Z', by: 'filer' },
        { step: 'decided', at: '2026-12-09T06:00:00.000Z', by: 'clerk-li' },
        { step: 'record-corrected', at: '2026-12-09T06:00:00.000Z', by: 'clerk-li' },
      ],
      overdue: false,
    },
  },
  errors: [400, 401, 403, 404, 409, 422],
});
