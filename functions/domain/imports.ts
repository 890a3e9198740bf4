import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { instant } from './values.ts';

/**
 * An import through the API (API.md, imports): a department's data officer asks for one, uploads the
 * file to the URL it gives, and the import job runs the rules of `npm run import` over it for the
 * department. One item per import holds its request, its status and its counts; the counts are
 * those of the run that holds (or last held) it, so a run again after a crash ends with the
 * counts one uninterrupted run would have.
 */
export const IMPORT_STATUSES = ['waiting', 'running', 'done', 'failed'] as const;
export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;
export const IMPORT_RECORD_TYPES = ['penalty', 'licence'] as const;

export const importIdField = z.string().regex(/^im[0-9a-f]{32}$/, 'is not an import id');

const count = z.number().int().min(0);

export const importCountsSchema = z.object({
  read: count.describe('Rows read from the file (blank lines not counted)'),
  created: count.describe('Records this import created'),
  unchanged: count.describe('Rows whose record was already stored with the same content: nothing written'),
  conflicting: count.describe('Rows whose document the department already entered with other content: rejected, in the reject file'),
  rejected: count.describe('Rows refused by the rules of POST /v1/records: in the reject file'),
  registered: count.describe('Subjects registered provisionally from their rows (registerSubjects)'),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const NO_COUNTS: ImportCounts = { read: 0, created: 0, unchanged: 0, conflicting: 0, rejected: 0, registered: 0 };

export const importSchema = importCountsSchema
  .extend({
    importId: importIdField,
    department: z.string(),
    createdBy: z.string(),
    createdAt: instant,
    requestId: z.string(),
    /** SHA-256 of the request body: a retried request (same Idempotency-Key) must repeat it. */
    requestHash: z.string(),
    fileName: z.string(),
    format: z.enum(IMPORT_FORMATS),
    recordType: z.enum(IMPORT_RECORD_TYPES),
    registerSubjects: z.boolean(),
    status: z.enum(IMPORT_STATUSES),
    /** The run holding the import, and until when its lease lasts (it renews it while it works). */
    attempt: z.string().optional(),
    leaseUntil: instant.optional(),
    startedAt: instant.optional(),
    updatedAt: instant,
    finishedAt: instant.optional(),
    reason: z.string().optional(),
    encoding: z.string().optional(),
    ignoredColumns: z.array(z.string()).optional(),
    rejectLines: count.optional(),
  })
  .describe('An import of a department’s records from an uploaded file.');
export type Import = z.infer<typeof importSchema>;

export interface ImportRequest {
  fileName: string;
  format: (typeof IMPORT_FORMATS)[number];
  recordType: (typeof IMPORT_RECORD_TYPES)[number];
  registerSubjects: boolean;
}

export const importRequestHash = (request: ImportRequest) =>
  createHash('sha256').update(JSON.stringify([request.fileName, request.format, request.recordType, request.registerSubjects])).digest('hex');

/**
 * The id of a new import: from the caller's Idempotency-Key when it sends one (so a retried request
 * names the same import), otherwise fresh.
 */
export function importIdFor(department: string, sub: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return `im${randomBytes(16).toString('hex')}`;
  return `im${createHash('sha256').update(JSON.stringify([department, sub, idempotencyKey])).digest('hex').slice(0, 32)}`;
}

/** An Idempotency-Key as this service accepts it (printable ASCII, no spaces, at most 64 characters). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,64}$/;

/** How long a run's hold on an import lasts without renewal; a run renews it well before. */
export const IMPORT_LEASE_MS = 60_000;
export const IMPORT_HEARTBEAT_MS = 15_000;

export const importViewSchema = importCountsSchema
  .extend({
    importId: importIdField,
    status: z.enum(IMPORT_STATUSES).describe('waiting: no file uploaded yet · running: the job imports it (counts grow as it goes) · done · failed (see reason)'),
    fileName: z.string(),
    format: z.enum(IMPORT_FORMATS),
    recordType: z.enum(IMPORT_RECORD_TYPES).describe('The type of rows that name none'),
    registerSubjects: z.boolean(),
    createdAt: instant,
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
    reason: z.string().optional().describe('Why the import failed: a file that cannot be read, or lacks a column the records need'),
    encoding: z.string().optional().describe('The encoding the file was read in: utf-8, gb18030, utf-16le or utf-16be'),
    ignoredColumns: z.array(z.string()).optional().describe('Columns of the file the importer does not read'),
    rejectsUrl: z.string().url().optional().describe('A short-lived signed URL of the reject file (CSV: row, field, reason), when any row was rejected or conflicting'),
  })
  .describe('An import: its status, what became of its rows and where its reject file is.');
export type ImportView = z.infer<typeof importViewSchema>;

export function importView(item: Import, rejectsUrl: string | undefined): ImportView {
  const { importId, status, fileName, format, recordType, registerSubjects, createdAt, startedAt, finishedAt, reason, encoding, ignoredColumns } = item;
  const { read, created, unchanged, conflicting, rejected, registered } = item;
  return {
    importId, status, fileName, format, recordType, registerSubjects, createdAt,
    read, created, unchanged, conflicting, rejected, registered,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(reason ? { reason } : {}),
    ...(encoding ? { encoding } : {}),
    ...(ignoredColumns && ignoredColumns.length > 0 ? { ignoredColumns } : {}),
    ...(rejectsUrl ? { rejectsUrl } : {}),
  };
}
