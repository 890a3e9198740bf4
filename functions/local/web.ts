import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { LocalConsole } from './console.ts';
import { CATALOGUE_PATH, CONSOLE_PATH, CONTENT_SECURITY_POLICY, NOT_FOUND_PAGE, PACKAGE_FILES, pageFile, siteSettingsFromEnv, webCatalogue } from '../web-pages.ts';

/**
 * The web pages (web/) and the installed packages' files they load (the OpenAPI viewer, the QR encoder) as the local gateway serves them, with the routes
 * and headers CloudFront serves too (both from functions/web-pages.ts).
 */

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
  const relative = pageFile(decoded) ?? decoded.replace(/^\/+/, '');
  if (!relative || relative.includes('\0') || relative.split('/').some((part) => part.startsWith('.'))) return undefined;
  if (!TYPES[extname(relative)]) return undefined;
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

/**
 * The gateway's fallback for requests no API route matches: GET/HEAD of the pages and their assets, and
 * the Chinese 404 page (status 404) for any other path. Anything under /v1 stays with the gateway (a
 * problem+json 404), as does any other method. The footer's settings come from SITE_OWNER and SITE_CONTACT.
 * The workbench's files (`/console`, `/console/<file>`) come from its build, under its own policy.
 */
export function webFallback(webRoot: string, env: Record<string, string | undefined> = process.env, workbench?: LocalConsole) {
  const root = normalize(webRoot);
  const catalogue = JSON.stringify(webCatalogue(siteSettingsFromEnv(env)));
  // A package's directory is resolved on the first request for one of its files, so the rest of the site serves even without it.
  const directories = new Map<string, string>();
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return false;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/v1' || pathname.startsWith('/v1/')) return false;

    let body: Buffer | string | undefined;
    let type = TYPES['.html']!;
    let policy = CONTENT_SECURITY_POLICY;
    const packaged = PACKAGE_FILES.find((p) => pathname.startsWith(p.path));
    const consoleFile = pathname === CONSOLE_PATH ? 'index.html' : pathname.startsWith(`${CONSOLE_PATH}/`) ? pathname.slice(CONSOLE_PATH.length + 1) : undefined;
    if (workbench && consoleFile !== undefined && Object.hasOwn(workbench.files, consoleFile)) {
      body = workbench.files[consoleFile];
      type = TYPES[extname(consoleFile)]!;
      if (consoleFile === 'index.html') policy = workbench.contentSecurityPolicy;
    } else if (pathname === `/${CATALOGUE_PATH}`) {
      body = catalogue;
      type = TYPES['.json']!;
    } else if (packaged) {
      const name = pathname.slice(packaged.path.length);
      if (packaged.files.includes(name)) {
        if (!directories.has(packaged.path)) directories.set(packaged.path, packaged.directory());
        body = await readFile(join(directories.get(packaged.path)!, name));
        type = TYPES[extname(name)]!;
      }
    } else {
      const file = await resolveFile(root, pathname);
      if (file) {
        body = await readFile(file);
        type = TYPES[extname(file)]!;
      }
    }
    const status = body === undefined ? 404 : 200;
    body ??= await readFile(join(root, NOT_FOUND_PAGE));
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-security-policy': policy,
      'content-type': type,
      'content-length': String(Buffer.byteLength(body)),
      // Local development: always revalidate, so an edited page shows at once.
      'cache-control': 'no-cache',
    });
    res.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}
