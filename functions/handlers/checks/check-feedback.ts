import { endpoint, json } from '#http/endpoint.ts';
import { checkTrail, giveFeedback, ownCheck } from '#use-cases/check-feedback.ts';
import { getCheckContract, giveFeedbackContract } from './check-feedback.contract.ts';

export const giveFeedbackEndpoint = endpoint(giveFeedbackContract, async ({ params, body, caller, stamp }) => {
  const check = await ownCheck(params.checkId, caller.dept);
  const { created, receipt } = await giveFeedback(check, body(), stamp);
  return json(created ? 201 : 200, receipt);
});

export const getCheckEndpoint = endpoint(getCheckContract, async ({ params, caller }) => json(200, await checkTrail(params.checkId, caller.dept, caller.roles)));
