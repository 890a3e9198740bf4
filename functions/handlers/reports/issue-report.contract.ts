import { z } from 'zod';
import { creditReportSchema } from '#domain/credit-reports.ts';
import { IDEMPOTENCY_KEY } from '#domain/imports.ts';
import { defineContract } from '#http/contract.ts';
import { validSubjectId } from '#http/schemas.ts';
import { calendarDate } from '#domain/values.ts';
import { reportExample } from './examples.ts';

export const reportRequestBody = z
  .object({
    subjectId: validSubjectId.describe('Unified social credit code, or a resident identity number (a person with public records only)'),
    from: calendarDate.optional().describe('First day of the period (inclusive); default the day after the same date three years before `to`'),
    to: calendarDate.optional().describe('Last day of the period (inclusive); default today; never after today'),
  })
  .strict();

export const issueReportContract = defineContract({
  method: 'POST',
  path: '/v1/public/reports',
  capability: 'reports',
  operationId: 'issueReport',
  summary: ['Issue a credit report (专项信用报告)', '出具专项信用报告'],
  description:
    'No token; rate-limited per client like every /v1/public/ route (429 with Retry-After). The report covers the period (both ends inclusive; default the last three years to today): penalties that were publishable (not minor, not warning-only), memberships of serious black lists, of ABNORMAL_OPERATION and of COMMITMENT_BREACH, and adverse inspection results, each decided in the period and neither retracted nor repaired at issue — by category with counts, `clean` when there is none (无违法违规记录). The issued report is stored as it is and never changes: `GET /v1/public/reports/{reportNo}?code=` reads it back byte for byte; `fingerprint` is the SHA-256 of its canonical JSON (RFC 8785) without fingerprint, signature and keyId, and `signature` the Ed25519 signature of those 32 bytes by the key `keyId` of `GET /v1/public/report-keys`, so `npm run verify-report` checks it offline. A natural person’s id is masked; a person with no public record is 404, as in the public lookup. With an `Idempotency-Key` header the same request again answers 200 with the same report, and another body under the key is 409.',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  headers: z.object({
    'Idempotency-Key': z
      .string()
      .regex(IDEMPOTENCY_KEY, 'must be 1–64 printable ASCII characters without spaces')
      .optional()
      .describe('The same key again names the same report: a retried request answers 200 with it; another body under the key is 409'),
  }),
  body: {
    schema: reportRequestBody,
    name: 'ReportRequest',
    description: 'from and to default to the last three years up to today.',
    example: { subjectId: '91120224064012553U' },
  },
  response: {
    schema: creditReportSchema,
    name: 'CreditReport',
    statuses: { 201: 'Issued', 200: 'The same request again (same Idempotency-Key)' },
    example: reportExample,
  },
  errors: [400, 404, 409, 429],
});
