/**
 * The signed-in session: the bearer token and what the shell reads of its claims (`sub`, `dept`, `roles`).
 * The token lives in sessionStorage only (gone with the tab), never in a URL; the API decides what it
 * allows, the shell only chooses what to offer.
 */

export const ROLES = ['recorder', 'checker', 'planner', 'inspector', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  token: string;
  sub: string;
  dept: string;
  roles: Role[];
  /** Seconds since the epoch, when the token says. */
  exp?: number;
}

const TOKEN_KEY = 'credit-console-token';

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** A JWT's payload, unverified (the API verifies it). */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(base64UrlDecode(part)) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The session a token makes, or undefined when it is unreadable or expired. */
export function sessionOf(token: string, nowSeconds = Date.now() / 1000): Session | undefined {
  const claims = claimsOf(token);
  if (!claims || typeof claims.sub !== 'string' || typeof claims.dept !== 'string') return undefined;
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (exp !== undefined && exp <= nowSeconds) return undefined;
  const raw = Array.isArray(claims.roles) ? claims.roles : typeof claims.roles === 'string' ? claims.roles.split(/[ ,]+/) : [];
  const roles = ROLES.filter((r) => raw.includes(r));
  return { token, sub: claims.sub, dept: claims.dept, roles, ...(exp !== undefined ? { exp } : {}) };
}

export function loadSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const session = token ? sessionOf(token) : undefined;
  if (token && !session) sessionStorage.removeItem(TOKEN_KEY);
  return session;
}

export function storeToken(token: string): Session | undefined {
  const session = sessionOf(token);
  if (session) sessionStorage.setItem(TOKEN_KEY, token);
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export const hasAnyRole = (session: Session, roles: readonly Role[]) => roles.some((r) => session.roles.includes(r));
