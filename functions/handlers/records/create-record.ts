import { recordView } from '#domain/records.ts';
import { endpoint, json } from '#http/endpoint.ts';
import { createRecord } from '#use-cases/create-record.ts';
import { createRecordContract } from './create-record.contract.ts';

export const createRecordEndpoint = endpoint(createRecordContract, async ({ body, stamp, now }) => {
  const { created, record } = await createRecord(body(), stamp, now.today);
  return json(created ? 201 : 200, recordView(record, now.today));
});
