import lists from '#catalogue/lists.json' with { type: 'json' };
import { OUTCOME_TITLES } from '#domain/plans.ts';

/**
 * What the pages need served the same way by the local gateway (functions/local/web.ts) and by
 * CloudFront (lib/web-stack.ts): the page routes, the content-security policy and the catalogue of
 * names built at start or synth time. No Lambda imports this module.
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
