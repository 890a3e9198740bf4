import { describe, expect, it } from 'vitest';
import { contracts } from '../../functions/contracts.ts';
import { verifyPlanDocument } from '#domain/draws.ts';
import { fullPlanExample, publicPlanExample } from '#handlers/plans/examples.ts';
import { strictly } from '../support/contract-check.ts';

const withBodyExample = contracts.filter((c) => c.body?.example !== undefined).map((c) => [c.operationId, c] as const);
const withResponseExample = contracts.filter((c) => c.response.example !== undefined).map((c) => [c.operationId, c] as const);

describe('the contracts’ examples', () => {
  it.each(withBodyExample)('%s: the request example is a body the endpoint accepts', (_id, contract) => {
    const parsed = contract.body!.schema.safeParse(contract.body!.example);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(withResponseExample)('%s: the response example keeps the response schema, strictly', (_id, contract) => {
    const parsed = strictly(contract.response.schema).safeParse(contract.response.example);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('show a plan whose documents verify: its hashes, tickets and teams recompute', () => {
    expect(verifyPlanDocument(fullPlanExample)).toMatchObject({ ok: true, level: 'full', sampleSize: 3 });
    expect(verifyPlanDocument(publicPlanExample)).toMatchObject({ ok: true, level: 'public', sampleSize: 3 });
  });
});

describe('the public endpoints', () => {
  const publicApi = contracts.filter((c) => c.path.startsWith('/v1/public/'));

  it('are all rate-limited per client and document the 429, and need no token', () => {
    expect(publicApi.length).toBeGreaterThan(0);
    for (const c of publicApi) {
      expect(c.rateLimited, c.operationId).toBe(true);
      expect(c.errors, c.operationId).toContain(429);
      expect(c.roles, c.operationId).toBe('public');
    }
  });

  it('are the only rate-limited ones', () => {
    expect(contracts.filter((c) => c.rateLimited && !c.path.startsWith('/v1/public/'))).toEqual([]);
  });
});
