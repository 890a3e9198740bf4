import { endpoint, json, seeOther } from '#http/endpoint.ts';
import { publicPlanDocument } from '#use-cases/plan-documents.ts';
import { getPublicPlanContract } from './get-public-plan.contract.ts';

export const getPublicPlanEndpoint = endpoint(getPublicPlanContract, async ({ params }) => {
  const answered = await publicPlanDocument(params.planId);
  return 'location' in answered ? seeOther(answered.location) : json(200, answered.document);
});
