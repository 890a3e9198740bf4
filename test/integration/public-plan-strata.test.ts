import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { verifyPlanDocument } from '#domain/draws.ts';
import { startTestService, type TestService } from '../support/service.ts';

/** A deployment that decided to publish which enterprise sat in which class (DOMAIN.md §6). */
const code = (n: number) => {
  const first17 = `91120000MC${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let svc: TestService;

beforeAll(async () => {
  svc = await startTestService({ env: { PUBLIC_PLAN_STRATA: '1' } });
});

afterAll(async () => {
  delete process.env.PUBLIC_PLAN_STRATA;
  await svc?.close();
});

describe('with PUBLIC_PLAN_STRATA=1', () => {
  it('publishes the full document, so anyone can re-run the whole draw', async () => {
    const recorder = await svc.token('MARKET', ['recorder']);
    const planner = await svc.token('MARKET', ['planner']);
    const ids = Array.from({ length: 6 }, (_, i) => code(i + 1));
    for (const [i, id] of ids.entries()) {
      const res = await svc.call('PUT', `/v1/entities/${id}`, {
        token: recorder,
        body: { kind: 'enterprise', name: `公开分类${i}`, region: '120116', industry: 'C13', status: 'active', establishedOn: i < 4 ? '2025-06-01' : '2010-01-01' },
      });
      expect(res.status).toBe(201);
    }
    for (const id of ['P01', 'P02']) {
      expect((await svc.call('PUT', `/v1/inspectors/${id}`, { token: planner, body: { name: id, certificateNo: `C-${id}`, fields: ['C'], conflicts: [ids[0]] } })).status).toBe(201);
    }
    const seed = 'a deployment that publishes its strata';
    const plan = await svc.call('POST', '/v1/plans', {
      token: planner,
      body: { title: '公开分类抽查', departments: ['MARKET'], ratios: { A: 0, B: 0.5, C: 1, D: 1 }, seedCommitment: sha256(seed) },
    });
    expect(plan.status).toBe(201);
    expect((await svc.call('POST', `/v1/plans/${plan.body.planId}/draw`, { token: planner, body: { seed } })).status).toBe(200);

    const published = await svc.call('GET', `/v1/public/plans/${plan.body.planId}`);
    expect(published.status).toBe(200);
    expect(published.body.strata.B).toEqual(ids.slice(0, 4).sort());
    expect(published.body.exempt).toEqual(ids.slice(4).sort());
    expect(published.body.sample.every((e: { stratum: string }) => e.stratum === 'B')).toBe(true);
    const full = (await svc.call('GET', `/v1/plans/${plan.body.planId}/population`, { token: planner })).body;
    expect(published.body).toEqual(full);
    expect(verifyPlanDocument(published.body)).toMatchObject({ ok: true, level: 'full', sampleSize: 2 });
  });
});
