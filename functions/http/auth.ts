import { ForbiddenError, UnauthorizedError } from '#domain/errors.ts';
import { ROLES, type Role } from '#domain/roles.ts';

export { ROLES, type Role };

/** Who is calling: the verified token's claims, as the HTTP API JWT authorizer passes them on. */
export interface Caller {
  sub: string;
  dept: string;
  roles: Role[];
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway flattens array claims to strings such as "[recorder checker]"; the local gateway passes
 * real arrays. Both are accepted, as is a comma-separated string.
 */
function parseRoles(value: Claims[string]): Role[] {
  let items: string[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') items = value.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  else items = [];
  return items.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export function callerFromClaims(claims: Claims | undefined): Caller | undefined {
  if (!claims) return undefined;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  const dept = typeof claims.dept === 'string' ? claims.dept : undefined;
  if (!sub || !dept) return undefined;
  return { sub, dept, roles: parseRoles(claims.roles) };
}

/** The caller, who must hold one of `roles`; 401 without a token, 403 with the wrong role. */
export function requireRole(caller: Caller | undefined, ...roles: Role[]): Caller {
  if (!caller) throw new UnauthorizedError('A bearer token with sub, dept and roles is required');
  if (!roles.some((r) => caller.roles.includes(r))) {
    throw new ForbiddenError(`This action needs one of the roles: ${roles.join(', ')}`);
  }
  return caller;
}
