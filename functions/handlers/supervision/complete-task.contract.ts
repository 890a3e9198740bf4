import { z } from 'zod';
import { taskIdField, taskOutcome, taskViewSchema } from '#domain/approvals.ts';
import { verificationOutcome } from '#domain/commitments.ts';
import { defineContract } from '#http/contract.ts';
import { freeText } from '#http/schemas.ts';
import { completedTaskExample } from '../approvals/examples.ts';

export const completionBody = z
  .object({
    outcome: taskOutcome,
    findings: freeText.describe('What supervision found'),
    commitmentOutcome: verificationOutcome.optional().describe(`Verifies the commitment the approval relied on, on behalf of its accepting department. ${verificationOutcome.description}`),
  })
  .strict();

export const completeTaskContract = defineContract({
  method: 'POST',
  path: '/v1/supervision/tasks/{taskId}/complete',
  capability: 'supervision',
  operationId: 'completeSupervisionTask',
  summary: ['Complete a supervision task', '反馈监管结果'],
  description:
    'Inspector or planner of the supervising department; another department 403 (decided before the body is read), an unknown task 404. The same completion again is 200, a different one 409. A commitment outcome verifies the linked commitment with the commitment rules (422 if the approval relied on none; a different earlier verification 409); a non-compliant finding is a notice to the approving department.',
  tag: 'Approvals',
  roles: ['inspector', 'planner'],
  params: z.object({ taskId: taskIdField }),
  body: {
    schema: completionBody,
    name: 'CompletionInput',
    example: { outcome: 'non-compliant', findings: '现场核查：经营场所不符合承诺，未提交卫生检测报告', commitmentOutcome: 'unfulfilled' },
  },
  response: { schema: taskViewSchema, name: 'SupervisionTask', statuses: { 200: 'The task, done' }, example: completedTaskExample },
  errors: [400, 401, 403, 404, 409, 422],
});
