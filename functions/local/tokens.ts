import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Local tokens: HS256, signed with a secret kept under DATA_DIR (or TOKEN_SECRET). `npm run token`
 * and a local server started with the same environment share it; in AWS the JWT authorizer does this.
 */
export const LOCAL_ISSUER = 'credit-service-local';
export const LOCAL_AUDIENCE = 'credit-service';

export function localSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  if (env.TOKEN_SECRET) return new TextEncoder().encode(env.TOKEN_SECRET);
  const file = join(dataDir, '.token-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export async function signToken(secret: Uint8Array, claims: { sub: string; dept: string; roles: string[] }, ttlSeconds = 12 * 3600) {
  return new SignJWT({ dept: claims.dept, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

export async function verifyToken(secret: Uint8Array, token: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['HS256'] });
    return payload as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
