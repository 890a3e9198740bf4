import { capabilityHandler } from '#http/handler.ts';
import { correctRecordHandler, endRecordHandler, repairRecordHandler, retractRecordHandler } from './change-record.ts';
import { createRecordHandler } from './create-record.ts';
import { listRecordsHandler } from './list-records.ts';

export const handler = capabilityHandler({
  'POST /v1/records': createRecordHandler,
  'GET /v1/entities/{id}/records': listRecordsHandler,
  'POST /v1/records/{recordId}/retract': retractRecordHandler,
  'POST /v1/records/{recordId}/end': endRecordHandler,
  'POST /v1/records/{recordId}/repair': repairRecordHandler,
  'POST /v1/records/{recordId}/correct': correctRecordHandler,
});
