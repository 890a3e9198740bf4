import { z } from 'zod';
import { ledgerMonth, ledgerRowSchema } from '#domain/ledger.ts';
import { defineContract } from '#http/contract.ts';

export const ledgerQuery = z.object({
  from: ledgerMonth.optional().describe('The first month, YYYY-MM (default: eleven months before `to`)'),
  to: ledgerMonth.optional().describe('The last month, YYYY-MM, at most 36 months after `from` (default: this month, China Standard Time)'),
});

export const ledgerSchema = z
  .object({ rows: z.array(ledgerRowSchema).describe('One row per department and month with checks, by month then department') })
  .describe('The feedback ledger (反馈台账).');

export const readLedgerContract = defineContract({
  method: 'GET',
  path: '/v1/ledger',
  capability: 'checks',
  operationId: 'readLedger',
  summary: ['The feedback ledger: measures returned and fed back, per department and month', '联合奖惩反馈台账'],
  description:
    "An auditor (the city's credit office) or an admin reads every department; a checker its own. Per department and month of the check (China Standard Time): checks, checks that returned measures, measures returned, applied, not applied, awaiting feedback and overdue — awaiting past FEEDBACK_DUE_WORKING_DAYS (default 10) working days after the check, counted when read — and the feedback rate. A projection of the check logs and their feedback, each counted exactly once: a row reflects a check or a feedback as soon as its request has answered (after a crash, within seconds, once the sweep or the table's stream completes it); the city-wide rows are read from an index and may lag by a second more. A month without checks has no row.",
  tag: 'Checks',
  roles: ['checker', 'auditor', 'admin'],
  query: ledgerQuery,
  response: {
    schema: ledgerSchema,
    name: 'Ledger',
    statuses: { 200: 'The rows' },
    example: {
      rows: [
        { department: 'APPROVAL', month: '2026-05', checks: 1240, checksWithMeasures: 37, measuresReturned: 41, applied: 30, notApplied: 4, awaiting: 7, overdue: 2, feedbackRate: 0.8292682926829268 },
        { department: 'FINANCE', month: '2026-05', checks: 310, checksWithMeasures: 0, measuresReturned: 0, applied: 0, notApplied: 0, awaiting: 0, overdue: 0, feedbackRate: null },
      ],
    },
  },
  errors: [400, 401, 403],
});
