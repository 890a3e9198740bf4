import { endpoint, json } from '#http/endpoint.ts';
import { submitApproval } from '#use-cases/approvals.ts';
import { submitApprovalContract } from './submit-approval.contract.ts';

export const submitApprovalEndpoint = endpoint(submitApprovalContract, async ({ body, stamp, now }) => {
  const { created, approval } = await submitApproval(body(), stamp, now);
  return json(created ? 201 : 200, approval);
});
