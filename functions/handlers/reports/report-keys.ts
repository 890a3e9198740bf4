import { endpoint, json } from '#http/endpoint.ts';
import { reportKeys } from '#use-cases/credit-reports.ts';
import { reportKeysContract } from './report-keys.contract.ts';

export const reportKeysEndpoint = endpoint(reportKeysContract, async () => json(200, { keys: await reportKeys() }));
