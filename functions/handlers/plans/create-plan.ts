import { isPending, planCreated } from '#domain/plans.ts';
import { endpoint, json } from '#http/endpoint.ts';
import { createPlan } from '#use-cases/plans.ts';
import { createPlanContract } from './create-plan.contract.ts';

export const createPlanEndpoint = endpoint(createPlanContract, async ({ body, stamp, now }) => {
  const { created, plan } = await createPlan(body(), stamp, now);
  if (isPending(plan)) return json(202, { planId: plan.planId, status: 'freezing' as const });
  return json(created ? 201 : 200, planCreated(plan));
});
