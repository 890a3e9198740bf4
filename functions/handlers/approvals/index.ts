import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { parseInput } from '#http/parse.ts';
import { boundedArray, documentNoText, isoDate, titleText, validSubjectId } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { approvalTrail, departmentApprovals, submitApproval } from '#use-cases/approvals.ts';
import { checkIdParam, matterField } from '../checks/schemas.ts';
import { commitmentCodeParam } from '../commitments/schemas.ts';

export const approvalBody = z
  .object({
    subjectId: validSubjectId,
    matter: matterField,
    licenceNo: documentNoText,
    title: titleText,
    decidedOn: isoDate,
    decision: z.enum(['granted', 'denied']),
    checkId: checkIdParam.optional(),
    commitmentCode: commitmentCodeParam.optional(),
    supervisingDepartments: boundedArray(z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'must be a department code')).min(1, 'must name at least one department').optional(),
  })
  .strict();

export const approvalIdParam = z.string().regex(/^ap[0-9a-f]{22}$/, 'is not an approval id');
export const approvalsQuery = z.object({ status: z.enum(['all', 'late-publication']).default('all') });

export const handler = capabilityHandler({
  'POST /v1/approvals': async (request) => {
    const caller = requireRole(request.caller, 'recorder');
    const body = parseInput(approvalBody, request.body);
    const clock = now();
    const { created, approval } = await submitApproval(body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock);
    return json(created ? 201 : 200, approval);
  },
  'GET /v1/approvals/{approvalId}': async (request) => {
    const caller = requireRole(request.caller, 'recorder', 'checker', 'admin');
    const approvalId = parseInput(approvalIdParam, request.params.approvalId, 'approvalId');
    return json(200, await approvalTrail(approvalId, caller.dept, now()));
  },
  'GET /v1/approvals': async (request) => {
    const caller = requireRole(request.caller, 'recorder', 'checker');
    const { status } = parseInput(approvalsQuery, { status: request.query.status });
    const page = parsePage(request);
    const { approvals, next } = await departmentApprovals(caller.dept, status === 'late-publication', page);
    const nextCursor = encodeCursor(request, next);
    return json(200, { approvals, ...(nextCursor ? { nextCursor } : {}) });
  },
});
