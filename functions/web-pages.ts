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
export const PAGE_ROUTES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/verify': 'verify.html',
  '/docs': 'docs.html',
  '/plans': 'plans.html',
  '/report': 'report.html',
  '/track': 'track.html',
  '/console': 'console/index.html',
};

/**
 * Page paths with one parameter segment (`/plans/{planId}`, `/report/{reportNo}`) → the file under web/ that
 * reads it from its address.
 */
export const PAGE_PREFIXES: Readonly<Record<string, string>> = { '/plans/': 'plans.html', '/report/': 'report.html' };

/** What a page request for a path no page or file answers gets: a Chinese page, status 404 (under /v1, problem+json). */
export const NOT_FOUND_PAGE = '404.html';

/** The file under web/ a page path is served from, or undefined (assets are served by their own paths). */
export function pageFile(path: string): string | undefined {
  if (Object.hasOwn(PAGE_ROUTES, path)) return PAGE_ROUTES[path];
  for (const [prefix, file] of Object.entries(PAGE_PREFIXES)) {
    const rest = path.slice(prefix.length);
    if (path.startsWith(prefix) && rest.length > 0 && !rest.includes('/')) return file;
  }
  return undefined;
}

/** The names the pages show for codes (list, department, inspection outcome), built from data/lists.json. */
export const CATALOGUE_PATH = 'catalogue.json';

/**
 * What the pages show of the deployment itself: the hosting authority (主办单位) and a contact in every
 * footer, and how a page with a parameter is linked — `path` (/plans/{planId}, /report/{reportNo}?code=…,
 * where CloudFront Functions or the local gateway map it) or `query` (/plans?plan={planId},
 * /report?no={reportNo}&code=…: the China regions, which have no CloudFront Functions).
 */
export interface SiteSettings {
  owner?: string | undefined;
  contact?: string | undefined;
  planLinks: 'path' | 'query';
}

/** Longest 主办单位 or contact line the footer takes. */
export const SITE_TEXT_MAX = 200;

/** The local settings: SITE_OWNER and SITE_CONTACT from the environment. */
export function siteSettingsFromEnv(env: Record<string, string | undefined>): SiteSettings {
  return { owner: siteText('SITE_OWNER', env.SITE_OWNER), contact: siteText('SITE_CONTACT', env.SITE_CONTACT), planLinks: 'path' };
}

/** A footer text, trimmed; empty is unset; longer than SITE_TEXT_MAX is refused at start (or synth) time. */
export function siteText(name: string, value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if ([...text].length > SITE_TEXT_MAX) throw new Error(`${name} is longer than ${SITE_TEXT_MAX} characters`);
  return text;
}

export function webCatalogue(site: SiteSettings = { planLinks: 'path' }) {
  return {
    lists: Object.fromEntries(lists.lists.map((l) => [l.code, { name: l.name, kind: l.kind, severity: l.severity ?? null }])),
    departments: Object.fromEntries(lists.departments.map((d) => [d.code, d.name])),
    outcomes: { ...OUTCOME_TITLES },
    site: { ...(site.owner ? { owner: site.owner } : {}), ...(site.contact ? { contact: site.contact } : {}), planLinks: site.planLinks },
  };
}

/** The policy with these origins admitted to fetches besides our own. */
function policy(connect: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Only our own origin: scripts, styles and fetches; no inline code, no framing. */
export const CONTENT_SECURITY_POLICY = policy([]);

/**
 * The department workbench (/console, built from console/ by console/build.ts): its files live under
 * console/ of the pages (bucket), `/console` is its page, and `config.json` beside it says how to sign in.
 */
export const CONSOLE_PATH = '/console';
export const CONSOLE_CONFIG = 'config.json';
export const CONSOLE_FILES = ['index.html', 'console.js', 'console.css', CONSOLE_CONFIG] as const;

/** How the console signs in (console/src/config.ts reads it): the local development sign-in, an OIDC provider, or not configured. */
export type ConsoleSignIn =
  | { signIn: 'dev'; signInUrl: string }
  | { signIn: 'oidc'; issuer: string; clientId: string; scope?: string }
  | { signIn: 'none'; reason?: string };

/**
 * The console's policy: the pages' one, with fetches to the OIDC provider's origin (discovery and the token
 * exchange) and, in AWS, to the files bucket, where an import's file is PUT and a large plan document is read
 * through pre-signed URLs (locally both are served by the gateway itself, so `filesOrigin` is absent).
 */
export function consoleContentSecurityPolicy(signIn: ConsoleSignIn, filesOrigin?: string): string {
  return policy([...(signIn.signIn === 'oidc' ? [new URL(signIn.issuer).origin] : []), ...(filesOrigin ? [filesOrigin] : [])]);
}

/**
 * The local console's sign-in: the development sign-in (functions/local/dev-sign-in.ts), or, with
 * CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID (both or neither), that OIDC provider.
 */
export function consoleSignInFromEnv(env: Record<string, string | undefined>, devSignInUrl: string): ConsoleSignIn {
  const issuer = env.CONSOLE_OIDC_ISSUER?.trim();
  const clientId = env.CONSOLE_OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return { signIn: 'dev', signInUrl: devSignInUrl };
  if (!issuer || !clientId) throw new Error('CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID go together: set both or neither');
  if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol)) throw new Error(`CONSOLE_OIDC_ISSUER must be an http(s) URL, got ${issuer}`);
  return { signIn: 'oidc', issuer, clientId };
}

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

/**
 * The QR code encoder of the credit report page (/report/{reportNo}): the installed `qr` package's one
 * self-contained ES module, served as it is under QR_PATH, so the page draws its verification URL's code in
 * the browser with nothing fetched from elsewhere.
 */
export const QR_PATH = '/assets/qr/';
export const QR_FILES = ['index.js'] as const;

/** The installed qr directory (its exports map names index.js, not package.json). */
export function qrDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('qr'));
}

/** Files of installed packages the pages load: served from node_modules locally, copied into the pages bucket at synth time. */
export interface PackageFiles {
  /** Where the pages load them, ending in `/`. */
  path: string;
  files: readonly string[];
  directory(): string;
}

export const PACKAGE_FILES: readonly PackageFiles[] = [
  { path: VIEWER_PATH, files: VIEWER_FILES, directory: viewerDirectory },
  { path: QR_PATH, files: QR_FILES, directory: qrDirectory },
];
