import { requireRole, ROLES } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { subjectIdField } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { viewEntity } from '#use-cases/view-entity.ts';

export const getEntityHandler: ApiHandler = async (request) => {
  requireRole(request.caller, ...ROLES);
  const id = parseInput(subjectIdField, request.params.id, 'id');
  return json(200, await viewEntity(id, now()));
};
