import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { isoDate, subjectIdField, text } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { cstDate } from '#domain/dates.ts';
import { isResidentId } from '#domain/identifiers.ts';
import { entityToChange, putEntity } from '#use-cases/put-entity.ts';

export const entityBody = z
  .object({
    kind: z.enum(['enterprise', 'organization', 'person']),
    name: text(200),
    region: z.string().regex(/^\d{6}$/, 'must be a 6-digit region code (GB/T 2260)'),
    industry: z.string().regex(/^[A-T](\d{2,4})?$/, 'must be a GB/T 4754 code such as C13 or I65').optional(),
    status: z.enum(['active', 'revoked', 'cancelled']),
    establishedOn: isoDate.optional(),
    legalRepresentativeId: subjectIdField
      .refine((id) => isResidentId(id, cstDate(new Date())), 'must be a valid resident identity number')
      .optional(),
  })
  .refine((b) => b.kind === 'person' || b.industry !== undefined, {
    path: ['industry'],
    message: 'is required unless kind is person',
    // Report it together with the other field errors, not only once they are fixed.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });

export const putEntityHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'recorder', 'admin');
  const id = parseInput(subjectIdField, request.params.id, 'id');
  const stored = await entityToChange(id, caller.dept, caller.roles.includes('admin'));
  const body = parseInput(entityBody, request.body);
  const clock = now();
  const { created, entity } = await putEntity(id, stored, body, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId }, clock.today);
  return json(created ? 201 : 200, entity);
};
