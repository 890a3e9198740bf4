import { z } from 'zod';
import { creditReportSchema } from '#domain/credit-reports.ts';
import { defineContract } from '#http/contract.ts';
import { reportExample } from './examples.ts';

const reportCodeParam = z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1–32 letters, digits or hyphens');

export const readReportContract = defineContract({
  method: 'GET',
  path: '/v1/public/reports/{reportNo}',
  capability: 'reports',
  operationId: 'readReport',
  summary: ['Verify a credit report by number and code', '按报告编号和核验码核验信用报告'],
  description:
    'No token; rate-limited per client. The report exactly as issued, whatever has happened to the records since. Any code other than the report’s verification code is 404, as an unknown number is (letter case and surrounding spaces do not matter).',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  params: z.object({ reportNo: reportCodeParam.describe('The report number (报告编号)') }),
  query: z.object({ code: reportCodeParam.describe('The verification code (核验码) printed on the report') }),
  response: {
    schema: creditReportSchema,
    name: 'CreditReport',
    statuses: { 200: 'The report as issued' },
    example: reportExample,
  },
  errors: [400, 404, 429],
});
