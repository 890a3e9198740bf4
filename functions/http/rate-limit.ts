import { config } from '#config';
import { TooManyRequestsError } from '#domain/errors.ts';
import { countRequest } from '#data/rate-limits.ts';
import type { ApiHandler } from './handler.ts';

const WINDOW_SECONDS = 60;

/**
 * A per-client limit on public endpoints (PUBLIC_RATE_LIMIT requests a minute): a fixed window counted
 * in the store, so it holds across Lambda instances. Past the limit: 429 with Retry-After.
 */
export function rateLimited(handler: ApiHandler): ApiHandler {
  return async (request) => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
    const count = await countRequest(request.sourceIp, windowStart, WINDOW_SECONDS);
    if (count > config.PUBLIC_RATE_LIMIT) {
      const retryAfter = Math.max(1, windowStart + WINDOW_SECONDS - nowSeconds);
      throw new TooManyRequestsError(`At most ${config.PUBLIC_RATE_LIMIT} requests a minute; retry in ${retryAfter} s`, retryAfter);
    }
    return handler(request);
  };
}
