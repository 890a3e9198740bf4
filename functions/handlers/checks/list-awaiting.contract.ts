import { z } from 'zod';
import { awaitingCheckSchema } from '#domain/dockets.ts';
import { defineContract } from '#http/contract.ts';
import { codeField, pageQuery } from '#http/schemas.ts';

export const awaitingQuery = z.object({
  awaiting: z.enum(['feedback']).default('feedback').describe('feedback (the default, and the only listing so far): the checks with returned measures that still lack feedback'),
  department: codeField
    .optional()
    .describe("Whose checks (default: the token's department). An auditor or admin may name any department (the ledger's drill-down); a checker only its own, another is 403"),
});

export const awaitingPageSchema = z.object({
  checks: z.array(awaitingCheckSchema).describe('Oldest first'),
  nextCursor: z.string().optional().describe('Present when more checks follow: pass it as ?cursor='),
});

export const listAwaitingContract = defineContract({
  method: 'GET',
  path: '/v1/checks',
  capability: 'checks',
  operationId: 'listChecksAwaitingFeedback',
  summary: ["The caller's department's checks awaiting feedback", '本部门待反馈的核查'],
  description:
    "Checker: the token's department's; an auditor (the city's credit office) or admin: the department named by ?department= (default the token's), read-only. The department's checks that returned measures some of which still lack feedback, oldest first, each with the pending measures (\"<memorandum>/<measure>\", as feedback names them), its due day and whether it is overdue (FEEDBACK_DUE_WORKING_DAYS working days after the check). A check leaves the list with the feedback on its last pending measure. Read from the department's own checks, strongly consistent: a check or a feedback shows as soon as its request has answered. Paginated.",
  tag: 'Checks',
  roles: ['checker', 'auditor', 'admin'],
  query: awaitingQuery.extend(pageQuery.shape),
  response: {
    schema: awaitingPageSchema,
    name: 'ChecksAwaitingFeedback',
    statuses: { 200: 'A page of checks awaiting feedback' },
    example: {
      checks: [
        {
          checkId: '0mp200mko9f31c5e7d2b4a6c8',
          subjectId: '91120224064012553U',
          checkedAt: '2026-05-12T02:15:30.120Z',
          matter: 'COMMITMENT_APPROVAL',
          pending: ['M-COURT-DEFAULTER-2016/CP'],
          dueOn: '2026-05-26',
          overdue: false,
        },
      ],
      nextCursor: 'pX1c7Rk2vL9qTz4mWb8sHn3yDf6gJa0eUo5iCt2rBw',
    },
  },
  errors: [400, 401, 403],
});
