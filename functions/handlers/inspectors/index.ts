import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { capabilityHandler, json } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { boundedArray, subjectIdField, text } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { cstDate } from '#domain/dates.ts';
import { idFamily } from '#domain/identifiers.ts';
import { putInspector } from '#use-cases/put-inspector.ts';

/**
 * A conflict names an enterprise or organization the inspector must recuse from. Only credit codes:
 * the roster goes into the plan document, and a person's identity number must never be published.
 */
export const conflictCode = subjectIdField.refine(
  (id) => idFamily(id, cstDate(new Date())) === 'creditCode',
  'must be a unified social credit code with a valid check character (a resident identity number is not accepted)',
);

export const inspectorBody = z
  .object({
    name: text(100),
    certificateNo: text(64),
    fields: boundedArray(z.string().regex(/^[A-T](\d{1,4})?$/, 'must be a GB/T 4754 industry prefix such as C or C13')).min(1, 'must name at least one field'),
    conflicts: boundedArray(conflictCode).default([]),
  })
  .strict();

export const inspectorId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

export const handler = capabilityHandler({
  'PUT /v1/inspectors/{id}': async (request) => {
    const caller = requireRole(request.caller, 'planner');
    const id = parseInput(inspectorId, request.params.id, 'id');
    const body = parseInput(inspectorBody, request.body);
    const clock = now();
    const { created, inspector } = await putInspector(
      { id, department: caller.dept, ...body, fields: [...new Set(body.fields)].sort(), conflicts: [...new Set(body.conflicts)].sort() },
      { sub: caller.sub, at: clock.at, requestId: request.requestId },
    );
    return json(created ? 201 : 200, inspector);
  },
});
