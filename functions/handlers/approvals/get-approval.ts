import { endpoint, json } from '#http/endpoint.ts';
import { approvalTrail } from '#use-cases/approvals.ts';
import { getApprovalContract } from './get-approval.contract.ts';

export const getApprovalEndpoint = endpoint(getApprovalContract, async ({ params, caller, now }) => json(200, await approvalTrail(params.approvalId, caller.dept, now)));
