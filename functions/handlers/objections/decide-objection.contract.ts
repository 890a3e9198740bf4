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
  },
  errors: [400, 401, 403, 404, 409, 422],
});
