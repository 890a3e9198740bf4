import { endpoint, json } from '#http/endpoint.ts';
import { runBatchCheck, runCheck } from '#use-cases/run-check.ts';
import { runBatchCheckContract, runCheckContract } from './run-check.contract.ts';

export const runCheckEndpoint = endpoint(runCheckContract, async ({ body, stamp }) => json(200, await runCheck(body(), stamp, new Date(stamp.at))));

export const runBatchCheckEndpoint = endpoint(runBatchCheckContract, async ({ body, stamp }) => {
  const { matter, subjectIds } = body();
  return json(200, { results: await runBatchCheck(matter, subjectIds, stamp, new Date(stamp.at)) });
});
