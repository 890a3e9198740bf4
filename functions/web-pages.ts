import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import lists from '#catalogue/lists.json' with { type: 'json' };
import { OUTCOME_TITLES } from '#domain/inspection-results.ts';

/**
 * What the pages need served the same way by the local gateway (functions/local/web.ts) and by
 * CloudFront (lib/web-stack.ts): the page routes, the content-security policies, the catalogue of
 * names built at start or synth time, and the OpenAPI viewer's files. No Lambda imports this module.
 */

/** Page paths without an extension → the file under web/. CloudFront rewrites these with a function. */
export const PAGE_ROUTES: Readonly<Record<string, string>> = { '/': 'index.html', '/verify': 'verify.html', '/docs': 'docs.html' };

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

/**
 * The API documentation: web/docs.html renders GET /v1/openapi.json with Swagger UI, whose prebuilt
 * files come from the installed swagger-ui-dist package and are served under VIEWER_PATH, so nothing
 * is fetched from elsewhere. Swagger UI sets styles through the DOM, never as inline markup, so the
 * page runs under the same content-security policy as the others (test/e2e/docs.test.ts watches it).
 */
export const VIEWER_PATH = '/docs/viewer/';
export const VIEWER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-bundle.js.LICENSE.txt'] as const;

/** The installed swagger-ui-dist directory (its package.json is what resolves without an exports map). */
export function viewerDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}
