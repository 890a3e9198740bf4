import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import lists from '#catalogue/lists.json' with { type: 'json' };
import { OUTCOME_TITLES } from '#domain/inspection-results.ts';

/**
 * The web pages (web/) as the local gateway serves them, and the two things CloudFront must serve the
 * same way: the page routes and the response headers. lib/web-stack.ts imports both from here.
 */

/** Page paths without an extension → the file under web/. CloudFront rewrites these with a function. */
export const PAGE_ROUTES: Readonly<Record<string, string>> = { '/': 'index.html', '/verify': 'verify.html' };

/** The names the pages show for codes (list, department, inspection outcome), built from data/lists.json. */
export const CATALOGUE_PATH = 'catalogue.json';

export function webCatalogue() {
  return {
    lists: Object.fromEntries(lists.lists.map((l) => [l.code, { name: l.name, kind: l.kind }])),
    departments: Object.fromEntries(lists.departments.map((d) => [d.code, d.name])),
    outcomes: { ...OUTCOME_TITLES },
  };
}

/** Only our own origin: scripts, styles and fetches; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file under `root` for a request path, or undefined (traversal, dot-files, unknown types). */
async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const relative = PAGE_ROUTES[decoded] ?? decoded.replace(/^\/+/, '');
  if (!relative || relative.includes('\0') || relative.split('/').some((part) => part.startsWith('.'))) return undefined;
  if (!TYPES[extname(relative)]) return undefined;
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

/**
 * The gateway's fallback for requests no API route matches: GET/HEAD of the pages and their assets.
 * Anything under /v1 stays with the gateway (a problem+json 404), as does anything not found.
 */
export function webFallback(webRoot: string) {
  const root = normalize(webRoot);
  const catalogue = JSON.stringify(webCatalogue());
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return false;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/v1' || pathname.startsWith('/v1/')) return false;

    let body: Buffer | string;
    let type: string;
    if (pathname === `/${CATALOGUE_PATH}`) {
      body = catalogue;
      type = TYPES['.json']!;
    } else {
      const file = await resolveFile(root, pathname);
      if (!file) return false;
      body = await readFile(file);
      type = TYPES[extname(file)]!;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'content-length': String(Buffer.byteLength(body)),
      // Local development: always revalidate, so an edited page shows at once.
      'cache-control': 'no-cache',
    });
    res.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}
