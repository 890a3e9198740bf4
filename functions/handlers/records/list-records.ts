import { requireRole, ROLES } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { subjectIdField } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { listRecords } from '#use-cases/list-records.ts';

export const listRecordsHandler: ApiHandler = async (request) => {
  requireRole(request.caller, ...ROLES);
  const id = parseInput(subjectIdField, request.params.id, 'id');
  const records = await listRecords(id, now());
  return json(200, { records: records.map(({ contentHash: _h, ...r }) => r) });
};
