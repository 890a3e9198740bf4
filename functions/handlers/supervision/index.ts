import { serve } from '#http/endpoint.ts';
import { completeTaskEndpoint } from './complete-task.ts';
import { listTasksEndpoint } from './list-tasks.ts';

export const handler = serve(listTasksEndpoint, completeTaskEndpoint);
