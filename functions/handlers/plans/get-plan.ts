import { endpoint, json } from '#http/endpoint.ts';
import { viewPlan } from '#use-cases/plans.ts';
import { getPlanContract } from './get-plan.contract.ts';

export const getPlanEndpoint = endpoint(getPlanContract, async ({ params, caller, stamp }) =>
  json(200, await viewPlan(params.planId, { ...stamp, roles: caller.roles })),
);
