import type { Now } from '#domain/clock.ts';
import { ConflictError, NotFoundError } from '#domain/errors.ts';
import { importIdFor, importRequestHash, importView, NO_COUNTS, type Import, type ImportRequest, type ImportView } from '#domain/imports.ts';
import type { Stamp } from '#domain/records.ts';
import { fileKeys, signedDownloadUrl, signedUploadUrl } from '#data/files.ts';
import { createImport, getImport } from '#data/imports.ts';

/** How long an upload URL stays valid; the reject file's download URL lasts less. */
export const UPLOAD_URL_SECONDS = 900;
export const REJECTS_URL_SECONDS = 300;

/**
 * Opens an import for the caller's department (POST /v1/imports).
 * Steps: the import id, from the caller's Idempotency-Key (checked by the contract) or new → the import item created as `waiting` unless it exists → an existing one (a retried request)
 * must carry the same body (409 otherwise) → a pre-signed URL to upload its file to, whose arrival
 * starts the job (S3's event in AWS, the local gateway's PUT locally).
 */
export async function openImport(request: ImportRequest, idempotencyKey: string | undefined, stamp: Stamp, now: Now) {
  const requestHash = importRequestHash(request);
  const item: Import = {
    importId: importIdFor(stamp.department, stamp.sub, idempotencyKey),
    department: stamp.department,
    createdBy: stamp.sub,
    createdAt: stamp.at,
    requestId: stamp.requestId,
    requestHash,
    ...request,
    status: 'waiting',
    updatedAt: stamp.at,
    ...NO_COUNTS,
  };
  const { created, stored } = await createImport(item);
  if (stored.requestHash !== requestHash) {
    throw new ConflictError(`Idempotency-Key ${idempotencyKey} was used for another import request (${stored.importId})`);
  }
  const uploadUrl = await signedUploadUrl(fileKeys.importUpload(stored.importId), UPLOAD_URL_SECONDS);
  const expiresAt = new Date(Date.parse(now.at) + UPLOAD_URL_SECONDS * 1000).toISOString();
  return { created, opened: { importId: stored.importId, status: stored.status, uploadUrl, expiresAt } };
}

/**
 * An import as its department sees it (GET /v1/imports/{importId}).
 * Steps: the item → another department's, or none, is 404 (its existence does not show) → the view,
 * with a short-lived URL to the reject file when any row was refused.
 */
export async function viewImport(importId: string, department: string): Promise<ImportView> {
  const item = await getImport(importId);
  if (!item || item.department !== department) throw new NotFoundError(`No import ${importId}`);
  const rejectsUrl = item.status === 'done' && (item.rejectLines ?? 0) > 0 ? await signedDownloadUrl(fileKeys.importRejects(importId), REJECTS_URL_SECONDS) : undefined;
  return importView(item, rejectsUrl);
}
