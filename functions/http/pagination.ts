import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { config } from '#config';
import { ValidationError } from '#domain/errors.ts';
import type { ApiRequest } from './handler.ts';
import { parseInput } from './parse.ts';
import { CURSOR_MAX, pageQuery } from './schemas.ts';

/**
 * `?limit=` (default 50, max 200) and an opaque `?cursor=` from a previous page's `nextCursor`.
 *
 * A cursor is the store's resume key sealed with AES-256-GCM: the client can neither read nor alter
 * it, and the seal covers the route, its filters and the caller (department and sub), so a cursor is
 * valid only where it was issued. Anything else — forged, edited, from another route, filter or
 * caller, or sealed under another key — is a 400 naming `cursor`.
 */
export { CURSOR_MAX, pageQuery };

const key = config.CURSOR_SECRET ? createHash('sha256').update(`cursor\n${config.CURSOR_SECRET}`).digest() : randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Issued = Pick<ApiRequest, 'route' | 'query' | 'caller'>;

/** What a cursor is bound to: the route, every query parameter but the page's own, and the caller. */
function scope(request: Issued): Buffer {
  const filters = Object.entries(request.query)
    .filter(([name]) => name !== 'cursor' && name !== 'limit')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify([request.route, filters, request.caller?.dept ?? null, request.caller?.sub ?? null]), 'utf8');
}

function seal(request: Issued, resumeKey: Record<string, unknown>): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(scope(request));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(resumeKey), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

function unseal(request: Issued, cursor: string): Record<string, unknown> | undefined {
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64url') !== cursor) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(scope(request));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    const resumeKey = JSON.parse(plain) as unknown;
    return resumeKey && typeof resumeKey === 'object' && !Array.isArray(resumeKey) ? (resumeKey as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The page the request asks for; its cursor opened against the route and caller it must have come from. */
export function parsePage(request: Issued): { limit: number; cursor?: Record<string, unknown> } {
  const { limit, cursor } = parseInput(pageQuery, { limit: request.query.limit, cursor: request.query.cursor });
  if (cursor === undefined) return { limit };
  const resumeKey = unseal(request, cursor);
  if (!resumeKey) throw ValidationError.field('cursor', 'is not a cursor this service issued for this route and caller');
  return { limit, cursor: resumeKey };
}

/** The next page's cursor for this route and caller, or undefined on the last page. */
export const encodeCursor = (request: Issued, resumeKey: Record<string, unknown> | undefined): string | undefined =>
  resumeKey ? seal(request, resumeKey) : undefined;
