import { endpoint, json } from '#http/endpoint.ts';
import { readReport } from '#use-cases/credit-reports.ts';
import { readReportContract } from './read-report.contract.ts';

export const readReportEndpoint = endpoint(readReportContract, async ({ params, query }) => json(200, await readReport(params.reportNo, query.code)));
