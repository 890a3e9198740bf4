import { endpoint, json, seeOther } from '#http/endpoint.ts';
import { fullPlanDocument } from '#use-cases/plan-documents.ts';
import { planForReader } from '#use-cases/plans.ts';
import { getPlanPopulationContract } from './get-plan-population.contract.ts';

export const getPlanPopulationEndpoint = endpoint(getPlanPopulationContract, async ({ params, caller, stamp }) => {
  const answered = await fullPlanDocument(await planForReader(params.planId, { ...stamp, roles: caller.roles }));
  return 'location' in answered ? seeOther(answered.location) : json(200, answered.document);
});
