import { endpoint, json } from '#http/endpoint.ts';
import { drawOrAccept, planForDepartment } from '#use-cases/plans.ts';
import { drawPlanContract } from './draw-plan.contract.ts';

export const drawPlanEndpoint = endpoint(drawPlanContract, async ({ params, body, caller, stamp }) => {
  const plan = await planForDepartment(params.planId, caller.dept);
  const outcome = await drawOrAccept(plan, body().seed, stamp);
  return 'draw' in outcome ? json(200, outcome.draw) : json(202, { planId: plan.planId, status: 'drawing' as const });
});
