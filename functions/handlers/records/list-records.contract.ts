import { z } from 'zod';
import { recordViewSchema } from '#domain/records.ts';
import { defineContract } from '#http/contract.ts';
import { subjectIdField } from '#http/schemas.ts';
import { recordExample } from './examples.ts';

export const recordListSchema = z.object({ records: z.array(recordViewSchema).describe('Every record of the subject, newest decision first') });

export const listRecordsContract = defineContract({
  method: 'GET',
  path: '/v1/entities/{id}/records',
  capability: 'records',
  operationId: 'listRecords',
  summary: ['Every record of a subject', '查询主体的全部信用记录'],
  description: 'Any role. Every record, whatever its status (evaluated for today in China Standard Time), each with its history of changes.',
  tag: 'Records',
  roles: 'any',
  params: z.object({ id: subjectIdField }),
  response: { schema: recordListSchema, name: 'RecordList', statuses: { 200: 'The records, each with its status and history' }, example: { records: [recordExample] } },
  errors: [401, 403, 404],
});
