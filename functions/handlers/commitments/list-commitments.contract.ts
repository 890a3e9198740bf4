import { z } from 'zod';
import { COMMITMENT_STATUSES, commitmentSchema, commitmentStatusField } from '#domain/commitments.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery, validSubjectId } from '#http/schemas.ts';
import { commitmentExample, verifiedCommitmentExample } from './examples.ts';

export const commitmentListSchema = z.object({ commitments: z.array(commitmentSchema) });

export const commitmentsPageSchema = commitmentListSchema.extend({
  nextCursor: z.string().optional().describe('Present when more commitments follow: pass it as ?cursor='),
});

export const statusQuery = z.object({
  status: z
    .enum(COMMITMENT_STATUSES)
    .default('open')
    .describe(`Which commitments: open (the default) includes the overdue ones. ${commitmentStatusField.description}`),
});

export const listCommitmentsContract = defineContract({
  method: 'GET',
  path: '/v1/commitments',
  capability: 'commitments',
  operationId: 'listCommitments',
  summary: ["The caller's department's commitments", '本部门受理的信用承诺'],
  description: "Recorder; only the commitments the token's department accepted. `open` includes overdue ones, earliest due first; `verified` latest due first. Paginated.",
  tag: 'Commitments',
  roles: ['recorder'],
  query: statusQuery.extend(pageQuery.shape),
  response: {
    schema: commitmentsPageSchema,
    name: 'CommitmentsPage',
    statuses: { 200: 'A page of commitments' },
    example: { commitments: [commitmentExample], nextCursor: 'm0Zt6xVQ2bq1dC8pYk3wHn5sLr7eJa9uTf4gXo2iBy0' },
  },
  errors: [400, 401, 403],
});

export const listSubjectCommitmentsContract = defineContract({
  method: 'GET',
  path: '/v1/entities/{id}/commitments',
  capability: 'commitments',
  operationId: 'listSubjectCommitments',
  summary: ["A subject's commitments", '查询主体的信用承诺'],
  description: 'Any role. Every commitment the subject made, to any department, each with its status today; an unknown subject is 404.',
  tag: 'Commitments',
  roles: 'any',
  params: z.object({ id: validSubjectId }),
  response: { schema: commitmentListSchema, name: 'CommitmentList', statuses: { 200: 'The commitments' }, example: { commitments: [verifiedCommitmentExample] } },
  errors: [400, 401, 403, 404],
});
