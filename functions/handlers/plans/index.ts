import { serve } from '#http/endpoint.ts';
import { createPlanEndpoint } from './create-plan.ts';
import { drawPlanEndpoint } from './draw-plan.ts';
import { getPlanPopulationEndpoint } from './get-plan-population.ts';
import { getPlanEndpoint } from './get-plan.ts';
import { listAssignmentsEndpoint } from './list-assignments.ts';
import { listPlansEndpoint } from './list-plans.ts';
import { recordResultEndpoint } from './record-result.ts';

export const handler = serve(createPlanEndpoint, drawPlanEndpoint, recordResultEndpoint, getPlanEndpoint, getPlanPopulationEndpoint, listPlansEndpoint, listAssignmentsEndpoint);
