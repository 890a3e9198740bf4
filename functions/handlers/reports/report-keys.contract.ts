import { z } from 'zod';
import { reportKeySchema } from '#domain/credit-reports.ts';
import { defineContract } from '#http/contract.ts';

export const reportKeysContract = defineContract({
  method: 'GET',
  path: '/v1/public/report-keys',
  capability: 'reports',
  operationId: 'listReportKeys',
  summary: ['The keys that sign credit reports', '信用报告签名公钥'],
  description:
    'No token; rate-limited per client. Every Ed25519 key the deployment has signed reports with, oldest first; a key signs from `from` until `until` (the next key’s `from`). Verifying a report offline trusts this list as obtained out of band (saved from here, or published by the credit office), never a key a report carries.',
  tag: 'Reports',
  roles: 'public',
  rateLimited: true,
  response: {
    schema: z.object({ keys: z.array(reportKeySchema) }).describe('The published report-signing keys.'),
    name: 'ReportKeys',
    statuses: { 200: 'The keys' },
    example: { keys: [{ keyId: 'ed25519-3f9a0c41d27b6e58', algorithm: 'Ed25519', publicKey: 'Hq0f0cXr3m3gk5bqk0m6b3bqQy2h9m7hQ8r3v1u4m8E=', from: '2026-11-30T08:00:00.000Z' }] },
  },
  errors: [429],
});
