import { z } from 'zod';
import { IDEMPOTENCY_KEY, IMPORT_FORMATS, IMPORT_RECORD_TYPES, IMPORT_STATUSES, importIdField } from '#domain/imports.ts';
import { defineContract } from '#http/contract.ts';
import { text } from '#http/schemas.ts';

export const importBody = z
  .object({
    fileName: text(200).describe('The file’s name, as the department knows it (shown back; the format is `format`)'),
    format: z.enum(IMPORT_FORMATS).describe('csv: a 双公示 export (UTF-8 with or without BOM, or GB18030/GBK) · jsonl: one POST /v1/records body per line'),
    recordType: z.enum(IMPORT_RECORD_TYPES).default('penalty').describe('The type of rows that name none; a licence file is recognised by its columns'),
    registerSubjects: z
      .boolean()
      .default(false)
      .describe('Register a subject the service does not hold from its row’s name (行政相对人名称, or subjectName in JSONL) and code as a provisional entity; false: such rows are rejected'),
  })
  .strict();

export const importOpenedSchema = z
  .object({
    importId: importIdField,
    status: z.enum(IMPORT_STATUSES).describe('waiting until the file is uploaded; a retried request shows how far the import has come'),
    uploadUrl: z.string().url().describe('PUT the file here (any content type, no Authorization header) before expiresAt'),
    expiresAt: z.iso.datetime().describe('When uploadUrl stops accepting the file'),
  })
  .describe('An import waiting for its file.');

export const openImportContract = defineContract({
  method: 'POST',
  path: '/v1/imports',
  capability: 'imports',
  operationId: 'openImport',
  summary: ['Open an import and get its upload URL', '创建批量导入并获取上传地址'],
  description:
    'Recorder; the records are entered for the token’s department, by the token’s sub. Uploading the file to `uploadUrl` (HTTP PUT, pre-signed until `expiresAt`; not bound by the API’s request size) starts the import job, which applies the rules of POST /v1/records and `npm run import` to every row: valid rows are written in batches, the rest are listed in a reject file (row, field, reason), and a row whose record is already stored is `unchanged` — importing the same file again creates nothing. `GET /v1/imports/{importId}` shows its progress. With an `Idempotency-Key` header (1–64 printable characters), the same request again answers 200 with the same import and a fresh upload URL, and a different body with the same key is 409; without one every request opens a new import. An upload after the import has run is not imported again: open a new import for a new file.',
  tag: 'Imports',
  roles: ['recorder'],
  headers: z.object({
    'Idempotency-Key': z
      .string()
      .regex(IDEMPOTENCY_KEY, 'must be 1–64 printable ASCII characters without spaces')
      .optional()
      .describe('The same key again (same caller) names the same import: a retried request answers 200 with it; another body under the key is 409'),
  }),
  body: {
    schema: importBody,
    name: 'ImportInput',
    description: 'recordType defaults to penalty; registerSubjects to false.',
    example: { fileName: '2026年6月行政处罚.csv', format: 'csv', recordType: 'penalty', registerSubjects: true },
  },
  response: {
    schema: importOpenedSchema,
    name: 'ImportOpened',
    statuses: { 201: 'Opened: upload the file', 200: 'The same request again (same Idempotency-Key)' },
    example: {
      importId: 'im5f0c2a9e4b7d41c8a3e6f1b2c4d5e6f7',
      status: 'waiting',
      uploadUrl: 'https://files.example.gov.cn/uploads/imports/im5f0c2a9e4b7d41c8a3e6f1b2c4d5e6f7?X-Amz-Signature=…',
      expiresAt: '2026-06-30T02:15:00.000Z',
    },
  },
  errors: [400, 401, 403, 409],
});
