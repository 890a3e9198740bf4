import { endpoint, json } from '#http/endpoint.ts';
import { publicReport } from '#use-cases/public-lookup.ts';
import { getPublicReportContract } from './get-public-report.contract.ts';

export const getPublicReportEndpoint = endpoint(getPublicReportContract, async ({ params, now }) => json(200, await publicReport(params.id, now)));
