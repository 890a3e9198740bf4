import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { localPath, verifyLocalSignature } from '../data/files.ts';
import { enqueue } from '../jobs/queue.ts';
import { jobForUpload } from '../jobs/messages.ts';

/** Uploads stream to disk: they are not bound by the API's body limit, only by this. */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

function refuse(res: ServerResponse, status: number, detail: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title: status === 403 ? 'Forbidden' : status === 404 ? 'Not found' : 'Bad Request', status, detail, errors: [] }));
}

/**
 * The local stand-in for the files bucket behind CloudFront and S3's pre-signed URLs: GET
 * /files/public/… for anyone (stored gzipped, served with Content-Encoding: gzip and a year's cache),
 * GET /files/private/… and PUT /files/uploads/… only with a valid signature from functions/data/files.ts.
 * A finished upload starts the job its key names, as S3's event notification does in AWS.
 */
export async function serveFiles(root: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (!url.pathname.startsWith('/files/')) return false;
  const method = (req.method ?? 'GET').toUpperCase();
  let key: string;
  let path: string;
  try {
    key = decodeURIComponent(url.pathname.slice('/files/'.length));
    path = localPath(root, key);
  } catch {
    refuse(res, 404, 'No such file');
    return true;
  }
  if (method === 'PUT') {
    if (!key.startsWith('uploads/') || !verifyLocalSignature('PUT', key, url.searchParams)) {
      refuse(res, 403, 'The upload URL is not valid or has expired');
      return true;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) {
      refuse(res, 413, `Uploads are limited to ${MAX_UPLOAD_BYTES} bytes`);
      return true;
    }
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.${Date.now()}.partial`;
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) req.destroy(new Error('upload too large'));
    });
    try {
      await pipeline(req, createWriteStream(partial));
    } catch {
      await rm(partial, { force: true });
      if (!res.headersSent) refuse(res, 400, 'The upload did not complete');
      return true;
    }
    await rename(partial, path);
    const job = jobForUpload(key);
    if (job) await enqueue([job]);
    res.writeHead(200, { 'content-length': '0' });
    res.end();
    return true;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    refuse(res, 400, `${method} is not allowed on files`);
    return true;
  }
  if (!key.startsWith('public/') && !(key.startsWith('private/') && verifyLocalSignature('GET', key, url.searchParams))) {
    refuse(res, key.startsWith('private/') ? 403 : 404, key.startsWith('private/') ? 'The download URL is not valid or has expired' : 'No such file');
    return true;
  }
  const gz = await stat(`${path}.gz`).catch(() => undefined);
  const plain = gz ? undefined : await stat(path).catch(() => undefined);
  const info = gz ?? plain;
  if (!info?.isFile()) {
    refuse(res, 404, 'No such file');
    return true;
  }
  const json = key.endsWith('.json');
  res.writeHead(200, {
    'content-type': json ? 'application/json; charset=utf-8' : key.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
    'content-length': String(info.size),
    ...(gz ? { 'content-encoding': 'gzip' } : {}),
    'cache-control': key.startsWith('public/') ? 'public, max-age=31536000, immutable' : 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  if (method === 'HEAD') res.end();
  else await pipeline(createReadStream(gz ? `${path}.gz` : path), res);
  return true;
}
