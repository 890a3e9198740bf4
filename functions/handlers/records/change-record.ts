import { z } from 'zod';
import { requireRole } from '#http/auth.ts';
import { json, type ApiHandler, type ApiRequest } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { isoDate, reason, text } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { correctRecordFields, endRecord, ownRecord, repairRecord, retractRecord } from '#use-cases/change-record.ts';
import { recordView } from './record-view.ts';

export const recordIdParam = z.string().regex(/^[0-9a-z]{26}$/, 'is not a record id');

export const retractBody = z.object({ reason }).strict();
export const endBody = z.object({ endedOn: isoDate, reason }).strict();

export const repairBody = z
  .object({
    reason,
    repairCommitment: z.literal(true, { error: 'must be true: repair needs the subject’s repair commitment' }),
    correctedOn: isoDate,
  })
  .strict();

export const correctBody = z
  .object({
    changes: z
      .object({
        title: text(200).optional(),
        content: text(4000).nullable().optional(),
        legalBasis: text(1000).nullable().optional(),
        fineAmount: z.number().nonnegative('must not be negative').max(1e12).nullable().optional(),
        severity: z.enum(['minor', 'general', 'serious']).optional(),
        warningOnly: z.boolean().nullable().optional(),
        decidedOn: isoDate.optional(),
        publicUntil: isoDate.nullable().optional(),
        validUntil: isoDate.nullable().optional(),
      })
      .strict()
      .refine((c) => Object.keys(c).length > 0, 'must name at least one field to correct'),
    reason,
  })
  .strict();

/**
 * The order every change of a record follows: the role (403) → the record id (400) → the record is
 * the caller's department's (404/403) → the body (400) → the use case (422, 409).
 */
async function ownedRecordRequest(request: ApiRequest) {
  const caller = requireRole(request.caller, 'recorder');
  const recordId = parseInput(recordIdParam, request.params.recordId, 'recordId');
  const record = await ownRecord(recordId, caller.dept);
  const clock = now();
  return { record, clock, stamp: { sub: caller.sub, department: caller.dept, at: clock.at, requestId: request.requestId } };
}

export const retractRecordHandler: ApiHandler = async (request) => {
  const { record, clock, stamp } = await ownedRecordRequest(request);
  const body = parseInput(retractBody, request.body);
  return json(200, recordView(await retractRecord(record, body.reason, stamp), clock.today));
};

export const endRecordHandler: ApiHandler = async (request) => {
  const { record, clock, stamp } = await ownedRecordRequest(request);
  const body = parseInput(endBody, request.body);
  return json(200, recordView(await endRecord(record, body.endedOn, body.reason, stamp), clock.today));
};

export const repairRecordHandler: ApiHandler = async (request) => {
  const { record, clock, stamp } = await ownedRecordRequest(request);
  const body = parseInput(repairBody, request.body);
  return json(200, recordView(await repairRecord(record, body.reason, body.correctedOn, stamp, clock.today), clock.today));
};

export const correctRecordHandler: ApiHandler = async (request) => {
  const { record, clock, stamp } = await ownedRecordRequest(request);
  const body = parseInput(correctBody, request.body);
  return json(200, recordView(await correctRecordFields(record, body.changes, body.reason, stamp, clock.today), clock.today));
};
