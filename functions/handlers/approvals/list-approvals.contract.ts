import { z } from 'zod';
import { approvalListedSchema } from '#domain/approvals.ts';
import { defineContract } from '#http/contract.ts';
import { pageQuery } from '#http/schemas.ts';
import { approvalExample } from './examples.ts';

export const approvalsQuery = z.object({
  status: z
    .enum(['all', 'late-publication'])
    .default('all')
    .describe('all 全部 (the default): every approval · late-publication 公示超期: only granted approvals whose licence was not public within its 7 working days'),
});

export const approvalsPageSchema = z.object({
  approvals: z.array(approvalListedSchema).describe('Newest decision first'),
  nextCursor: z.string().optional().describe('Present when more approvals follow: pass it as ?cursor='),
});

export const listApprovalsContract = defineContract({
  method: 'GET',
  path: '/v1/approvals',
  capability: 'approvals',
  operationId: 'listApprovals',
  summary: ["The caller's department's approvals", '本部门的审批结果'],
  description: "Recorder or checker; only the token's department's approvals, newest decision first, each with its publication. Paginated; with late-publication a page may hold fewer than `limit` approvals and still be followed by another.",
  tag: 'Approvals',
  roles: ['recorder', 'checker'],
  query: approvalsQuery.extend(pageQuery.shape),
  response: {
    schema: approvalsPageSchema,
    name: 'ApprovalsPage',
    statuses: { 200: 'A page of approvals' },
    example: { approvals: [{ ...approvalExample, publication: { publishBy: '2026-12-02', publishedOn: '2026-11-23', late: false } }] },
  },
  errors: [400, 401, 403],
});
