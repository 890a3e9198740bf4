import { z } from 'zod';
import { parseInput } from './parse.ts';

/** `?limit=` (default 50, max 200) and an opaque `?cursor=` from a previous page's `nextCursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z
    .string()
    .optional()
    .transform((c, ctx) => {
      if (c === undefined) return undefined;
      try {
        const key = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
        if (key && typeof key === 'object' && !Array.isArray(key)) return key as Record<string, unknown>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'is not a cursor this service issued' });
      return z.NEVER;
    }),
});

export function parsePage(query: Record<string, string>) {
  return parseInput(pageQuery, { limit: query.limit, cursor: query.cursor });
}

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
