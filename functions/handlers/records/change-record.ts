import { recordView } from '#domain/records.ts';
import { endpoint, json } from '#http/endpoint.ts';
import { correctRecordFields, endRecord, ownRecord, repairRecord, retractRecord } from '#use-cases/change-record.ts';
import { correctRecordContract, endRecordContract, repairRecordContract, retractRecordContract } from './change-record.contract.ts';

// Each reads its body only once the record is known to be the caller's department's (403 before 400).

export const retractRecordEndpoint = endpoint(retractRecordContract, async ({ params, body, caller, stamp, now }) => {
  const record = await ownRecord(params.recordId, caller.dept);
  return json(200, recordView(await retractRecord(record, body().reason, stamp), now.today));
});

export const endRecordEndpoint = endpoint(endRecordContract, async ({ params, body, caller, stamp, now }) => {
  const record = await ownRecord(params.recordId, caller.dept);
  const { endedOn, reason } = body();
  return json(200, recordView(await endRecord(record, endedOn, reason, stamp), now.today));
});

export const repairRecordEndpoint = endpoint(repairRecordContract, async ({ params, body, caller, stamp, now }) => {
  const record = await ownRecord(params.recordId, caller.dept);
  const { reason, correctedOn } = body();
  return json(200, recordView(await repairRecord(record, reason, correctedOn, stamp, now.today), now.today));
});

export const correctRecordEndpoint = endpoint(correctRecordContract, async ({ params, body, caller, stamp, now }) => {
  const record = await ownRecord(params.recordId, caller.dept);
  const { changes, reason } = body();
  return json(200, recordView(await correctRecordFields(record, changes, reason, stamp, now.today), now.today));
});
