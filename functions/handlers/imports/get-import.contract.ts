import { z } from 'zod';
import { importIdField, importViewSchema } from '#domain/imports.ts';
import { defineContract } from '#http/contract.ts';

export const getImportContract = defineContract({
  method: 'GET',
  path: '/v1/imports/{importId}',
  capability: 'imports',
  operationId: 'getImport',
  summary: ['An import’s status, counts and reject file', '查询批量导入进度与结果'],
  description:
    'Recorder of the department that opened the import; another department’s import is 404, as is an unknown one. While the job runs, the counts grow as rows are decided; once done, `rejectsUrl` (a signed URL valid for 5 minutes: ask again for a new one) leads to the reject file when any row was rejected or conflicting. `failed` carries the reason: a file that cannot be read, or lacks a column every record needs.',
  tag: 'Imports',
  roles: ['recorder'],
  params: z.object({ importId: importIdField }),
  response: {
    schema: importViewSchema,
    name: 'ImportView',
    statuses: { 200: 'The import' },
    example: {
      importId: 'im5f0c2a9e4b7d41c8a3e6f1b2c4d5e6f7',
      status: 'done',
      fileName: '2026年6月行政处罚.csv',
      format: 'csv',
      recordType: 'penalty',
      registerSubjects: true,
      createdAt: '2026-06-30T02:00:00.000Z',
      startedAt: '2026-06-30T02:01:10.000Z',
      finishedAt: '2026-06-30T02:01:14.000Z',
      read: 1200,
      created: 1180,
      unchanged: 4,
      conflicting: 1,
      rejected: 15,
      registered: 37,
      encoding: 'gb18030',
      rejectsUrl: 'https://files.example.gov.cn/private/imports/im5f0c2a9e4b7d41c8a3e6f1b2c4d5e6f7/rejects.csv?X-Amz-Signature=…',
    },
  },
  errors: [400, 401, 403, 404],
});
