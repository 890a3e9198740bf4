import { z } from 'zod';
import { drawSchema, planIdField, planJobAcceptedSchema } from '#domain/plans.ts';
import { defineContract } from '#http/contract.ts';
import { drawExample } from './examples.ts';

export const drawBody = z.object({ seed: z.string().min(20, 'must be at least 20 characters').max(1000).describe('The seed whose SHA-256 is the plan’s seedCommitment') }).strict();

export const drawPlanContract = defineContract({
  method: 'POST',
  path: '/v1/plans/{planId}/draw',
  capability: 'plans',
  operationId: 'drawPlan',
  summary: ['Draw the sample with the committed seed', '摇号抽取检查对象与检查人员'],
  description:
    "Planner of a plan department (another department 403, decided before the body is read). Draws each risk class's sample from the frozen population and a team for each sampled subject from the frozen roster, by the normative draw algorithm (API.md). 422 if SHA-256(seed) is not the commitment; 409 if already drawn (or still freezing). A population of more than PLAN_INLINE_POPULATION members is drawn by a job: 202 with status `drawing`, then GET /v1/plans/{planId} shows `drawn` and the draw.",
  tag: 'Inspections',
  roles: ['planner'],
  params: z.object({ planId: planIdField }),
  body: { schema: drawBody, name: 'DrawInput', example: { seed: drawExample.seed } },
  response: { schema: z.union([drawSchema, planJobAcceptedSchema]), name: 'Draw', statuses: { 200: 'The sample with teams', 202: 'Accepted: a job is drawing (PlanJobAccepted)' }, example: drawExample },
  errors: [400, 401, 403, 404, 409, 422],
});
