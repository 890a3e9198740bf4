import { endpoint, json } from '#http/endpoint.ts';
import { issueReport } from '#use-cases/credit-reports.ts';
import { issueReportContract } from './issue-report.contract.ts';

export const issueReportEndpoint = endpoint(issueReportContract, async ({ body, headers, now }) => {
  const { created, report } = await issueReport(body(), headers['Idempotency-Key'], now);
  return json(created ? 201 : 200, report);
});
