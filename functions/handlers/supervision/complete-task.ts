import { endpoint, json } from '#http/endpoint.ts';
import { completeSupervisionTask, supervisedTask } from '#use-cases/approvals.ts';
import { completeTaskContract } from './complete-task.contract.ts';

// The body is read only once the task is known to be the caller's department's (403 before 400).
export const completeTaskEndpoint = endpoint(completeTaskContract, async ({ params, body, caller, stamp, now }) => {
  const task = await supervisedTask(params.taskId, caller.dept);
  return json(200, await completeSupervisionTask(task, body(), stamp, now));
});
