import { z } from 'zod';
import { capabilityHandler, json } from '#http/handler.ts';
import { parseInput } from '#http/parse.ts';
import { rateLimited } from '#http/rate-limit.ts';
import { validSubjectId } from '#http/schemas.ts';
import { now } from '#domain/clock.ts';
import { idFamily, normaliseId } from '#domain/identifiers.ts';
import { publicPlanDocument } from '#use-cases/plan-documents.ts';
import { publicReport, searchSubjects } from '#use-cases/public-lookup.ts';
import { planIdParam } from '../plans/schemas.ts';

export const searchQuery = z.object({
  q: z
    .string({ error: 'is required' })
    .trim()
    .max(50, 'must be at most 50 characters')
    .refine((q) => [...q.replace(/\s+/g, '')].length >= 2, 'must be at least 2 characters, or a full code'),
});

/** What anyone may read without a token (信息公示、一公开), each route rate-limited per client. */
export const handler = capabilityHandler({
  'GET /v1/public/entities/{id}': rateLimited(async (request) => {
    const id = parseInput(validSubjectId, request.params.id, 'id');
    return json(200, await publicReport(id, now()));
  }),
  'GET /v1/public/search': rateLimited(async (request) => {
    const { q } = parseInput(searchQuery, { q: request.query.q });
    const clock = now();
    const code = normaliseId(q);
    const fullCode = idFamily(code, clock.today) ? code : undefined;
    return json(200, { results: await searchSubjects(q, fullCode, clock.today) });
  }),
  'GET /v1/public/plans/{planId}': rateLimited(async (request) => {
    const planId = parseInput(planIdParam, request.params.planId, 'planId');
    return json(200, await publicPlanDocument(planId));
  }),
});
