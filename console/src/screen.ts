import type { Api } from './api.ts';
import type { Catalogue } from './catalogue.ts';
import type { Child } from './dom.ts';
import type { Role, Session } from './session.ts';

/**
 * What a screen is and what it is given. A screen is one module under screens/ exporting its render
 * function; the registry (screens.ts) names its route, Chinese title and the roles that see it.
 */

export type Tone = 'info' | 'success' | 'error';

export interface ScreenContext {
  session: Session;
  api: Api;
  catalogue: Catalogue;
  /** Route parameters (`checks/:checkId` → { checkId }). */
  params: Record<string, string>;
  /** The query part of the hash (`#/awaiting?department=TAX`). */
  query: URLSearchParams;
  /** The screen's container, below its heading. */
  root: HTMLElement;
  /** The screen's h1 (the shell focuses it on navigation); a screen may change its text. */
  heading: HTMLHeadingElement;
  /** Aborted when the user leaves the screen: late answers must not draw over the next one. */
  signal: AbortSignal;
  /** Says something in the live region (role=status). */
  announce(message: Child, tone?: Tone): void;
  /** Shows a failure: field errors beside the fields of `scope`, the rest in the live region. */
  problem(error: unknown, scope?: Element): void;
  /** Goes to a console route (`check`, `checks/<id>`), as a link would. */
  navigate(route: string): void;
  /** Whether the session holds any of these roles. */
  can(...roles: Role[]): boolean;
}

export type Render = (ctx: ScreenContext) => void | Promise<void>;

export interface ScreenEntry {
  /** The hash route without `#/`; `:name` segments are parameters; '' is the start screen. */
  route: string;
  /** The Chinese title: the nav entry, the heading and the document title. */
  title: string;
  /** Who sees it: in the nav, and allowed to open it ('any': every signed-in user). */
  roles: readonly Role[] | 'any';
  /** Listed in the nav (default true; a screen with parameters never is). */
  nav?: boolean;
  render: Render;
}

/** The route for a hash path, or undefined. */
export function matchRoute(entries: readonly ScreenEntry[], path: string): { entry: ScreenEntry; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const entry of entries) {
    const pattern = entry.route.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        try {
          params[p.slice(1)] = decodeURIComponent(parts[i]!);
          return true;
        } catch {
          return false;
        }
      }
      return p === parts[i];
    });
    if (ok) return { entry, params };
  }
  return undefined;
}

/** `#/<route>`, with parameters encoded. */
export const href = (route: string, query?: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined)).toString();
  return `#/${route}${q ? `?${q}` : ''}`;
};
