import { config } from '#config';
import { TooManyRequestsError } from '#domain/errors.ts';
import { countRequest } from '#data/rate-limits.ts';
import type { ApiRequest } from './handler.ts';

const WINDOW_SECONDS = 60;

/**
 * The viewer's address. Behind TRUSTED_PROXIES proxies (CloudFront in AWS: 1), each of which appends
 * the address it saw to X-Forwarded-For, the client is that many entries from the end; entries
 * before those are the client's own claims and are ignored.
 */
export function clientAddress(sourceIp: string, forwardedFor: string | undefined, trustedProxies = config.TRUSTED_PROXIES): string {
  if (trustedProxies === 0 || !forwardedFor) return sourceIp;
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
  return hops[hops.length - trustedProxies] ?? sourceIp;
}

/**
 * A per-client limit on public endpoints (PUBLIC_RATE_LIMIT requests a minute): a fixed window counted
 * in the store, so it holds across Lambda instances. Counts the request; past the limit, 429 with
 * Retry-After. Endpoints whose contract says `rateLimited` run it before anything else is read.
 */
export async function limitClient(request: Pick<ApiRequest, 'sourceIp' | 'headers'>): Promise<void> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const count = await countRequest(clientAddress(request.sourceIp, request.headers['x-forwarded-for']), windowStart, WINDOW_SECONDS);
  if (count > config.PUBLIC_RATE_LIMIT) {
    const retryAfter = Math.max(1, windowStart + WINDOW_SECONDS - nowSeconds);
    throw new TooManyRequestsError(`At most ${config.PUBLIC_RATE_LIMIT} requests a minute; retry in ${retryAfter} s`, retryAfter);
  }
}
