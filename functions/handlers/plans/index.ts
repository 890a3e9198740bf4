import { requireRole, type Caller } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { now } from '#domain/clock.ts';
import { normaliseId } from '#domain/identifiers.ts';
import { fullPlanDocument } from '#use-cases/plan-documents.ts';
import { authorizeResult, recordResult } from '#use-cases/plan-results.ts';
import { createPlan, drawFrozenPlan, planForDepartment, planForReader, viewPlan, type Actor } from '#use-cases/plans.ts';
import { drawBody, planBody, planIdParam, resultBody } from './schemas.ts';

const actor = (caller: Caller): Actor => ({ sub: caller.sub, department: caller.dept, roles: caller.roles });

/** The subject a result body names, read leniently so that authority is decided before the body is validated. */
function namedSubject(body: unknown): string | undefined {
  const subjectId = typeof body === 'object' && body !== null ? (body as { subjectId?: unknown }).subjectId : undefined;
  return typeof subjectId === 'string' ? normaliseId(subjectId) : undefined;
}

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
    const plan = await planForDepartment(planId, caller.dept);
    const body = parseInput(drawBody, request.body);
    const clock = now();
    return json(200, await drawFrozenPlan(plan, body.seed, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }));
  },
  'POST /v1/plans/{planId}/results': async (request) => {
    const caller = requireRole(request.caller, 'inspector', 'planner');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    const scope = await authorizeResult(planId, actor(caller), namedSubject(request.body));
    const body = parseInput(resultBody, request.body);
    const clock = now();
    const { created, result } = await recordResult(scope, body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock);
    return json(created ? 201 : 200, result);
  },
  'GET /v1/plans/{planId}': async (request) => {
    const caller = requireRole(request.caller, 'planner', 'inspector', 'auditor');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    return json(200, await viewPlan(planId, actor(caller)));
  },
  'GET /v1/plans/{planId}/population': async (request) => {
    const caller = requireRole(request.caller, 'planner', 'inspector', 'auditor');
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    return json(200, await fullPlanDocument(await planForReader(planId, actor(caller))));
  },
});
