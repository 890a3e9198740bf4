import { endpoint, json } from '#http/endpoint.ts';
import { drawFrozenPlan, planForDepartment } from '#use-cases/plans.ts';
import { drawPlanContract } from './draw-plan.contract.ts';

export const drawPlanEndpoint = endpoint(drawPlanContract, async ({ params, body, caller, stamp }) => {
  const plan = await planForDepartment(params.planId, caller.dept);
  return json(200, await drawFrozenPlan(plan, body().seed, stamp));
});
