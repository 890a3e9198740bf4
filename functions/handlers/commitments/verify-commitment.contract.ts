import { z } from 'zod';
import { commitmentCodeField, commitmentSchema, verificationOutcome } from '#domain/commitments.ts';
import { defineContract } from '#http/contract.ts';
import { freeText } from '#http/schemas.ts';
import { verifiedCommitmentExample } from './examples.ts';

export const verifyBody = z.object({ outcome: verificationOutcome, note: freeText.describe('What the verification found') }).strict();

export const verifyCommitmentContract = defineContract({
  method: 'POST',
  path: '/v1/commitments/{code}/verify',
  capability: 'commitments',
  operationId: 'verifyCommitment',
  summary: ['Verify a commitment', '核查信用承诺履行情况'],
  description:
    'Recorder of the accepting department; another department 403 (decided before the body is read), an unknown code 404. The same outcome again changes nothing (200); a different one is 409. partly or unfulfilled lists the subject on COMMITMENT_BREACH in the same request.',
  tag: 'Commitments',
  roles: ['recorder'],
  params: z.object({ code: commitmentCodeField }),
  body: { schema: verifyBody, name: 'VerifyInput', example: { outcome: 'unfulfilled', note: '现场核查：未提交卫生检测报告' } },
  response: { schema: commitmentSchema, name: 'Commitment', statuses: { 200: 'The commitment, verified' }, example: verifiedCommitmentExample },
  errors: [400, 401, 403, 404, 409],
});
