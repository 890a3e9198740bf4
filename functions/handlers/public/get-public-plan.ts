import { endpoint, json } from '#http/endpoint.ts';
import { publicPlanDocument } from '#use-cases/plan-documents.ts';
import { getPublicPlanContract } from './get-public-plan.contract.ts';

export const getPublicPlanEndpoint = endpoint(getPublicPlanContract, async ({ params }) => json(200, await publicPlanDocument(params.planId)));
