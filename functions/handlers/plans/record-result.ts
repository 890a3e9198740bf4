import { endpoint, json } from '#http/endpoint.ts';
import { authorizeResult, recordResult } from '#use-cases/plan-results.ts';
import { recordResultContract } from './record-result.contract.ts';

// Who may record is decided from the raw body's subject, before the body is validated (403 before 400).
export const recordResultEndpoint = endpoint(recordResultContract, async ({ params, body, caller, stamp, now, request }) => {
  const scope = await authorizeResult(params.planId, { ...stamp, roles: caller.roles }, request.body);
  const { created, result } = await recordResult(scope, body(), stamp, now);
  return json(created ? 201 : 200, result);
});
