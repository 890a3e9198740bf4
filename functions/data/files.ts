import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { readConfig, type Config } from '#config';

/**
 * Files: what is too large or too static for the table — published plan documents, uploaded import
 * files, reject reports. In AWS an S3 bucket (FILES_BUCKET; `public/` is served by CloudFront at
 * `/files/public/…`, everything else only through pre-signed URLs); locally a folder (FILES_DIR,
 * under DATA_DIR) that the local gateway serves at the same paths, with HMAC-signed URLs standing in
 * for pre-signed ones. Keys are built here and nowhere else:
 *   public/plans/<planId>/<sha256>.json   a public plan document (gzipped, immutable)
 *   private/plans/<planId>/<sha256>.json  a full plan document (gzipped, immutable)
 *   …/plans/<planId>/<sha256>.r<digest>.json  that document with the results whose SHA-256 is <digest>
 *                                         merged in: a pure function of the two, so as immutable
 *   uploads/imports/<importId>            an import file as uploaded
 *   private/imports/<importId>/rejects.csv an import's reject report
 */

export const fileKeys = {
  publicPlanDocument: (planId: string, sha256: string) => `public/plans/${planId}/${sha256}.json`,
  fullPlanDocument: (planId: string, sha256: string) => `private/plans/${planId}/${sha256}.json`,
  /** A plan document with results merged in, named by the document's and the results' digests. */
  withResults: (documentKey: string, resultsDigest: string) => documentKey.replace(/\.json$/, `.r${resultsDigest}.json`),
  importUpload: (importId: string) => `uploads/imports/${importId}`,
  importRejects: (importId: string) => `private/imports/${importId}/rejects.csv`,
  /** The import an uploaded key belongs to, if it is an import upload. */
  importOfUpload: (key: string) => /^uploads\/imports\/([A-Za-z0-9-]{1,64})$/.exec(key)?.[1],
} as const;

export interface StoredFile {
  key: string;
  /** SHA-256 hex of the content (before compression). */
  sha256: string;
  bytes: number;
  /** Bytes as stored (gzipped when compressed). */
  storedBytes: number;
}

export interface PutOptions {
  contentType: string;
  /** Store gzipped with Content-Encoding: gzip (documents); uploads are stored as sent. */
  gzip?: boolean;
  /** Immutable content-addressed files are cached for a year. */
  immutable?: boolean;
}

const ONE_YEAR = 'public, max-age=31536000, immutable';

interface FileStore {
  put(key: string, body: Buffer, options: PutOptions): Promise<number>;
  /** The stored bytes, decompressed; undefined when absent. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  downloadUrl(key: string, seconds: number): Promise<string>;
  uploadUrl(key: string, seconds: number): Promise<string>;
  publicUrl(key: string): string;
}

const sha256Hex = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

/** Writes a content-addressed document once: a file with the same content is never rewritten. */
export async function writeDocument(keyFor: (sha256: string) => string, content: string): Promise<StoredFile> {
  const body = Buffer.from(content, 'utf8');
  const sha256 = sha256Hex(body);
  const key = keyFor(sha256);
  const store = files();
  const storedBytes = (await store.exists(key)) ? -1 : await store.put(key, body, { contentType: 'application/json; charset=utf-8', gzip: true, immutable: true });
  return { key, sha256, bytes: body.length, storedBytes: storedBytes < 0 ? gzipSync(body).length : storedBytes };
}

export const putFile = (key: string, body: Buffer, options: PutOptions) => files().put(key, body, options);
export const readStoredFile = (key: string) => files().get(key);
export const fileExists = (key: string) => files().exists(key);
/** A short-lived URL to read a private file (the full plan document, a reject report). */
export const signedDownloadUrl = (key: string, seconds = 300) => files().downloadUrl(key, seconds);
/** A short-lived URL to PUT a file to (an import upload). */
export const signedUploadUrl = (key: string, seconds = 900) => files().uploadUrl(key, seconds);
/** The URL of a public file (behind CloudFront in AWS, the local gateway locally). */
export const publicFileUrl = (key: string) => files().publicUrl(key);

let store: FileStore | undefined;
/** Read at first use, not at import: the local runtime sets FILES_DIR and the signing key when it starts. */
function files(): FileStore {
  if (!store) {
    const settings = readConfig();
    store = settings.FILES_BUCKET ? s3Store(settings.FILES_BUCKET, settings) : localStore(settings);
  }
  return store;
}

function s3Store(bucket: string, settings: Config): FileStore {
  const s3 = new S3Client({ region: settings.AWS_REGION });
  const base = (settings.FILES_BASE_URL ?? '').replace(/\/+$/, '');
  return {
    async put(key, body, options) {
      const stored = options.gzip ? gzipSync(body) : body;
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: stored,
          ContentType: options.contentType,
          ...(options.gzip ? { ContentEncoding: 'gzip' } : {}),
          ...(options.immutable ? { CacheControl: ONE_YEAR } : {}),
        }),
      );
      return stored.length;
    },
    async get(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const bytes = Buffer.from(await object.Body!.transformToByteArray());
        return object.ContentEncoding === 'gzip' ? gunzipSync(bytes) : bytes;
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if ((error as Error).name === 'NotFound' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
    downloadUrl: (key, seconds) => getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds }),
    uploadUrl: (key, seconds) => getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds }),
    publicUrl: (key) => `${base}/files/${key}`,
  };
}

/** Locally: files under FILES_DIR; `.gz` beside the name marks a gzipped one. */
function localStore(settings: Config): FileStore {
  const root = settings.FILES_DIR;
  if (!root) throw new Error('FILES_DIR (or FILES_BUCKET in AWS) must be set to store files');
  signingKey = settings.FILES_SIGNING_SECRET;
  const base = () => (settings.FILES_BASE_URL ?? '').replace(/\/+$/, '');
  return {
    async put(key, body, options) {
      const path = localPath(root, key);
      const stored = options.gzip ? gzipSync(body) : body;
      await mkdir(dirname(path), { recursive: true });
      const target = options.gzip ? `${path}.gz` : path;
      // Unique per write: a document's job and a read that finds it unpublished may write the same key at the same
      // millisecond; with a shared temporary name one rename found the other's file gone (a 500).
      const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.partial`;
      await writeFile(temporary, stored);
      await rename(temporary, target);
      return stored.length;
    },
    async get(key) {
      const path = localPath(root, key);
      const gz = await readFile(`${path}.gz`).catch(() => undefined);
      if (gz) return gunzipSync(gz);
      return readFile(path).catch(() => undefined);
    },
    async exists(key) {
      const path = localPath(root, key);
      return (await stat(`${path}.gz`).catch(() => undefined)) !== undefined || (await stat(path).catch(() => undefined)) !== undefined;
    },
    downloadUrl: async (key, seconds) => `${base()}/files/${key}?${signLocal('GET', key, seconds)}`,
    uploadUrl: async (key, seconds) => `${base()}/files/${key}?${signLocal('PUT', key, seconds)}`,
    publicUrl: (key) => `${base()}/files/${key}`,
  };
}

/** The file a key names under `root`; a key that would leave it is refused. */
export function localPath(root: string, key: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.split('/').some((part) => part === '' || part.startsWith('.'))) throw new Error(`Not a file key: ${key}`);
  const path = normalize(join(root, key));
  if (!path.startsWith(normalize(root) + sep)) throw new Error(`Not a file key: ${key}`);
  return path;
}

let signingKey: string | undefined;
const localSigningKey = () => {
  signingKey ??= readConfig().FILES_SIGNING_SECRET;
  if (!signingKey) throw new Error('FILES_SIGNING_SECRET must be set to sign local file URLs');
  return signingKey;
};

const signature = (method: string, key: string, expires: number) => createHmac('sha256', localSigningKey()).update(`${method}\n${key}\n${expires}`).digest('base64url');

function signLocal(method: 'GET' | 'PUT', key: string, seconds: number): string {
  const expires = Math.floor(Date.now() / 1000) + seconds;
  return new URLSearchParams({ expires: String(expires), signature: signature(method, key, expires) }).toString();
}

/** Whether a local signed URL's query grants `method` on `key` now (the local gateway asks). */
export function verifyLocalSignature(method: 'GET' | 'PUT', key: string, query: URLSearchParams, nowMs = Date.now()): boolean {
  const expires = Number(query.get('expires'));
  const given = query.get('signature') ?? '';
  if (!Number.isSafeInteger(expires) || expires * 1000 < nowMs) return false;
  const expected = Buffer.from(signature(method, key, expires));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Tests and the local runtime point the module at a new folder. */
export function resetFileStore() {
  store = undefined;
  signingKey = undefined;
}
