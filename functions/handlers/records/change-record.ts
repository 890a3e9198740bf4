import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { isoDate, reason } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { endRecord, repairRecord, retractRecord } from '#use-cases/change-record.ts';
import { recordView } from './record-view.ts';

export const recordIdParam = z.string().regex(/^[0-9a-z]{26}$/, 'is not a record id');

export const retractBody = z.object({ reason }).strict();
export const endBody = z.object({ endedOn: isoDate, reason }).strict();

export const retractRecordHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'recorder');
  const recordId = parseInput(recordIdParam, request.params.recordId, 'recordId');
  const body = parseInput(retractBody, request.body);
  const clock = now();
  const record = await retractRecord(recordId, body.reason, { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId });
  return json(200, recordView(record, clock.today));
};

export const endRecordHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'recorder');
  const recordId = parseInput(recordIdParam, request.params.recordId, 'recordId');
  const body = parseInput(endBody, request.body);
  const clock = now();
  const stamp = { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId };
  const record = await endRecord(recordId, body.endedOn, body.reason, stamp);
  return json(200, recordView(record, clock.today));
};

export const repairBody = z
  .object({
    reason,
    repairCommitment: z.literal(true, { error: 'must be true: repair needs the subject’s repair commitment' }),
    correctedOn: isoDate,
  })
  .strict();

export const repairRecordHandler: ApiHandler = async (request) => {
  const caller = requireRole(request.caller, 'recorder');
  const recordId = parseInput(recordIdParam, request.params.recordId, 'recordId');
  const body = parseInput(repairBody, request.body);
  const clock = now();
  const stamp = { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId };
  const record = await repairRecord(recordId, body.reason, body.correctedOn, stamp, clock.today);
  return json(200, recordView(record, clock.today));
};
