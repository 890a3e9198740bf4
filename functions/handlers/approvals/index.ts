import { serve } from '#http/endpoint.ts';
import { getApprovalEndpoint } from './get-approval.ts';
import { listApprovalsEndpoint } from './list-approvals.ts';
import { submitApprovalEndpoint } from './submit-approval.ts';

export const handler = serve(submitApprovalEndpoint, getApprovalEndpoint, listApprovalsEndpoint);
