import { z } from 'zod';
import { approvalDecision, approvalReceiptSchema } from '#domain/approvals.ts';
import { checkIdParam } from '#domain/check-ids.ts';
import { commitmentCodeField } from '#domain/commitments.ts';
import { defineContract } from '#http/contract.ts';
import { boundedArray, documentNoText, isoDate, matterField, titleText, validSubjectId } from '#http/schemas.ts';
import { approvalExample } from './examples.ts';

export const approvalBody = z
  .object({
    subjectId: validSubjectId,
    matter: matterField,
    licenceNo: documentNoText.describe('The licence (or decision) number; the same department and licenceNo again is the same approval'),
    title: titleText,
    decidedOn: isoDate,
    decision: approvalDecision,
    checkId: checkIdParam.optional().describe("The credit check the approval relied on: the approving department's check of this subject"),
    commitmentCode: commitmentCodeField.optional().describe('The commitment the approval relied on: one the approving department accepted from this subject'),
    supervisingDepartments: boundedArray(z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'must be a department code'))
      .min(1, 'must name at least one department')
      .optional()
      .describe("Default: the matter's configured supervisors (data/supervision.json)"),
  })
  .strict();

export const submitApprovalContract = defineContract({
  method: 'POST',
  path: '/v1/approvals',
  capability: 'approvals',
  operationId: 'submitApproval',
  summary: ['Record an approval result', '推送审批结果'],
  description:
    "Recorder of the approving department (the token's). The same department and licenceNo again returns the stored approval (200), whatever the body. A granted approval creates the licence record (public within 7 working days, 双公示; `licenceRecordId`) and one supervision task per supervising department (default: the matter's configured supervisors), answered in `tasks` with each task's department and due date. 422: the subject is not registered; the check is not the approving department's check of this subject; the commitment is unknown, accepted by another department or made by another subject; a supervising department is unknown, or none is configured for a granted matter.",
  tag: 'Approvals',
  roles: ['recorder'],
  body: {
    schema: approvalBody,
    name: 'ApprovalInput',
    description: 'decidedOn must not be in the future (400).',
    example: {
      subjectId: '91120224064012553U',
      matter: 'COMMITMENT_APPROVAL',
      licenceNo: '津宝审批食经〔2026〕0188号',
      title: '食品经营许可证',
      decidedOn: '2026-11-23',
      decision: 'granted',
      checkId: '0mwsm5deoa1b2c3d4e5f60718',
      commitmentCode: '12011520261123000001',
    },
  },
  response: {
    schema: approvalReceiptSchema,
    name: 'Approval',
    statuses: { 201: 'Recorded', 200: 'The same licence again: the approval as stored' },
    example: { ...approvalExample, tasks: [{ taskId: 'tk631acc37c097f41376fbac', department: 'MARKET', dueOn: '2027-01-22' }] },
  },
  errors: [400, 401, 403, 422],
});
