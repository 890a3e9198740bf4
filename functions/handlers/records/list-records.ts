import { recordView } from '#domain/records.ts';
import { endpoint, json } from '#http/endpoint.ts';
import { listRecords } from '#use-cases/list-records.ts';
import { listRecordsContract } from './list-records.contract.ts';

export const listRecordsEndpoint = endpoint(listRecordsContract, async ({ params, now }) =>
  json(200, { records: (await listRecords(params.id, now)).map((r) => recordView(r, now.today)) }),
);
