import { z } from 'zod';
import { requireRole, ROLES } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { encodeCursor, parsePage } from '#http/pagination.ts';
import { parseInput } from '#http/parse.ts';
import { freeText, isoDate, validSubjectId } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { COMMITMENT_TYPES } from '#domain/commitments.ts';
import { commitmentToVerify, departmentCommitments, makeCommitment, subjectCommitments, verifyCommitment } from '#use-cases/commitments.ts';
import { matterField } from '../checks/schemas.ts';
import { commitmentCodeParam } from './schemas.ts';

export { commitmentCodeParam };

export const commitmentBody = z
  .object({
    subjectId: validSubjectId,
    type: z.enum(COMMITMENT_TYPES),
    matter: matterField,
    content: freeText,
    dueOn: isoDate,
  })
  .strict();

export const verifyBody = z.object({ outcome: z.enum(['fulfilled', 'partly', 'unfulfilled']), note: freeText }).strict();

export const statusQuery = z.object({ status: z.enum(['open', 'overdue', 'verified']).default('open') });

export const handler = capabilityHandler({
  'POST /v1/commitments': async (request) => {
    const caller = requireRole(request.caller, 'recorder');
    const body = parseInput(commitmentBody, request.body);
    const clock = now();
    const { created, commitment } = await makeCommitment(body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock);
    return json(created ? 201 : 200, commitment);
  },
  'POST /v1/commitments/{code}/verify': async (request) => {
    const caller = requireRole(request.caller, 'recorder');
    const code = parseInput(commitmentCodeParam, request.params.code, 'code');
    const record = await commitmentToVerify(code, caller.dept);
    const body = parseInput(verifyBody, request.body);
    const clock = now();
    const stamp = { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId };
    const { commitment } = await verifyCommitment(code, body.outcome, body.note, stamp, clock, { record });
    return json(200, commitment);
  },
  'GET /v1/commitments': async (request) => {
    const caller = requireRole(request.caller, 'recorder');
    const { status } = parseInput(statusQuery, { status: request.query.status });
    const page = parsePage(request);
    const { commitments, next } = await departmentCommitments(caller.dept, status, page, now());
    const nextCursor = encodeCursor(request, next);
    return json(200, { commitments, ...(nextCursor ? { nextCursor } : {}) });
  },
  'GET /v1/entities/{id}/commitments': async (request) => {
    requireRole(request.caller, ...ROLES);
    const id = parseInput(validSubjectId, request.params.id, 'id');
    return json(200, { commitments: await subjectCommitments(id, now()) });
  },
});
