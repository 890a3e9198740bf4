import { z } from 'zod';
import { commitmentSchema, commitmentType } from '#domain/commitments.ts';
import { defineContract } from '#http/contract.ts';
import { freeText, isoDate, matterField, validSubjectId } from '#http/schemas.ts';
import { commitmentExample } from './examples.ts';

export const commitmentBody = z
  .object({
    subjectId: validSubjectId,
    type: commitmentType,
    matter: matterField,
    content: freeText.describe('What the subject commits to'),
    dueOn: isoDate,
  })
  .strict();

export const makeCommitmentContract = defineContract({
  method: 'POST',
  path: '/v1/commitments',
  capability: 'commitments',
  operationId: 'makeCommitment',
  summary: ['Accept a credit commitment', '受理信用承诺'],
  description:
    "Recorder; the token's department accepts the commitment and alone verifies it. The subject must be registered (422). A subject with an active serious black listing or an active COMMITMENT_BREACH listing may not make an APPROVAL_REPLACEMENT, MISSING_DOCUMENTS or CERTIFICATE commitment (422 naming the reason). `code` is the subject's region + YYYYMMDD + a serial for that region and day; the same request again on the same day answers the same commitment (200).",
  tag: 'Commitments',
  roles: ['recorder'],
  body: {
    schema: commitmentBody,
    name: 'CommitmentInput',
    description: 'dueOn must not be in the past (400).',
    example: { subjectId: '91120224064012553U', type: 'APPROVAL_REPLACEMENT', matter: 'COMMITMENT_APPROVAL', content: '承诺经营场所符合食品安全要求，60日内补齐卫生检测报告', dueOn: '2027-01-22' },
  },
  response: { schema: commitmentSchema, name: 'Commitment', statuses: { 201: 'Created', 200: 'The same request again' }, example: commitmentExample },
  errors: [400, 401, 403, 422],
});
