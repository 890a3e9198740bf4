import { requireRole } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { now } from '#domain/clock.ts';
import { createPlan, drawPlan, planForDepartment, publicPlanDocument, recordResult, viewPlan } from '#use-cases/plans.ts';
import { drawBody, planBody, planIdParam, resultBody } from './schemas.ts';

export const handler = capabilityHandler({
  'POST /v1/plans': async (request) => {
    const caller = requireRole(request.caller, 'planner');
    const body = parseInput(planBody, request.body);
    const clock = now();
    const { created, plan } = await createPlan(body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock);
    const { planId, status, population, populationHash, title, departments, ratios, teamSize, mode, scope, seedCommitment } = plan;
    return json(created ? 201 : 200, { planId, status, population, populationHash, title, departments, scope, ratios, teamSize, mode, seedCommitment });
  },
  'POST /v1/plans/{planId}/draw': async (request) => {
    const caller = requireRole(request.caller, 'planner');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    const body = parseInput(drawBody, request.body);
    const clock = now();
    return json(200, await drawPlan(planId, body.seed, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }));
  },
  'POST /v1/plans/{planId}/results': async (request) => {
    const caller = requireRole(request.caller, 'inspector', 'planner');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    const body = parseInput(resultBody, request.body);
    const clock = now();
    const { created, result } = await recordResult(planId, body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock);
    return json(created ? 201 : 200, result);
  },
  'GET /v1/plans/{planId}': async (request) => {
    const caller = requireRole(request.caller, 'planner', 'inspector');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    return json(200, await viewPlan(planId, caller.dept));
  },
  'GET /v1/plans/{planId}/population': async (request) => {
    const caller = requireRole(request.caller, 'planner', 'inspector');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    return json(200, await publicPlanDocument(await planForDepartment(planId, caller.dept)));
  },
});
