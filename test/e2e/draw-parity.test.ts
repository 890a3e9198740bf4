import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assignTeams,
  drawSample,
  populationHash,
  sampleSize,
  seedCommitmentOf,
  seedHash,
  strataHash,
  verifyPlanDocument,
  type FullPlan,
  type PublicPlan,
  type SampleEntry,
} from '#domain/draws.ts';
import { ROOT } from '../support/service.ts';

/**
 * The verification page's draw (web/assets/draw.js, Web Crypto + BigInt, written from API.md alone)
 * against the server's (functions/domain/draws.ts, node:crypto): the same tickets, samples, teams and
 * hashes on populations built to hit the edges, and the same verdicts on full and public documents.
 * Runs in Node, which has the same Web Crypto API.
 */
interface BrowserDraw {
  sampleSize(ratio: number, size: number): number;
  populationHash(strata: FullPlan['strata']): Promise<string>;
  strataHash(salt: string, ids: readonly string[]): Promise<string>;
  drawSample(plan: FullPlan): Promise<{ seedHash: string; sample: { subjectId: string; stratum: string; ticket: string }[] }>;
  assignTeams(plan: FullPlan, seedHash: string, sample: unknown[]): Promise<{ subjectId: string; team: string[] | null }[]>;
  verifyPlan(doc: unknown): Promise<{ status: 'match' | 'mismatch' | 'pending'; level: 'full' | 'public'; difference?: string }>;
}

let web: BrowserDraw;
beforeAll(async () => {
  web = await import(pathToFileURL(join(ROOT, 'web/assets/draw.js')).href);
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

function planFor(n: number): FullPlan {
  const rnd = random(n + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const strata = { A: [] as string[], B: [] as string[], C: [] as string[], D: [] as string[] };
  const industries: Record<string, string> = {};
  const size = Math.floor(rnd() * 60);
  for (let i = 0; i < size; i += 1) {
    const id = `9112${String(n).padStart(4, '0')}MA${String(i).padStart(6, '0')}`;
    strata[pick(['A', 'B', 'C', 'D'] as const)].push(id);
    if (rnd() > 0.05) industries[id] = pick(['C13', 'C39', 'F51', 'F52', 'I65', 'E47']);
  }
  for (const s of Object.values(strata)) s.sort();
  const departments = pick([['MARKET'], ['MARKET', 'ECOLOGY'], ['ECOLOGY', 'MARKET', 'TAX']]);
  const all = [...strata.A, ...strata.B, ...strata.C, ...strata.D];
  const inspectors = Array.from({ length: 2 + Math.floor(rnd() * 14) }, (_, i) => ({
    id: `I${String(i).padStart(2, '0')}`,
    department: pick(['MARKET', 'ECOLOGY', 'TAX', 'COURT']),
    fields: [pick(['C', 'C1', 'C13', 'F', 'F5', 'I', 'E'])],
    conflicts: all.filter(() => rnd() < 0.1),
  }));
  const ratio = () => pick([0, 0.03, 0.05, 0.2, 0.4, 1, Math.round(rnd() * 10000) / 10000]);
  const seed = `seed-${n}-${Math.floor(rnd() * 1e9)}-public`;
  return {
    planId: `pl${n.toString(16).padStart(6, '0')}`,
    ratios: { A: ratio(), B: ratio(), C: ratio(), D: ratio() },
    teamSize: Math.max(2, departments.length) + pick([0, 0, 1]),
    departments,
    seedCommitment: seedCommitmentOf(seed),
    strata,
    strataSalt: `salt-${n}-${Math.floor(rnd() * 1e9)}`,
    exempt: [],
    industries,
    inspectors,
    populationHash: populationHash(strata),
    seed,
  };
}

/** The public document of a drawn full one, as the service publishes it: sizes and salted hashes, no strata. */
function publicOf(plan: FullPlan, sample: SampleEntry[]): PublicPlan {
  const { strata, strataSalt, exempt: _e, industries: _i, inspectors: _r, ...rest } = plan;
  return {
    ...rest,
    strataSizes: { A: strata.A.length, B: strata.B.length, C: strata.C.length, D: strata.D.length, exempt: 0 },
    strataHashes: { A: strataHash(strataSalt, strata.A), B: strataHash(strataSalt, strata.B), C: strataHash(strataSalt, strata.C), D: strataHash(strataSalt, strata.D) },
    sample: sample.map(({ subjectId, ticket, team }) => ({ subjectId, ticket, team })),
  };
}

const seen = { sampled: 0, teams: 0, unassigned: 0 };

describe('the verification page’s draw agrees with the server’s', () => {
  it.each([
    [0.4, 15, 6],
    [0.03, 100, 3],
    [0.03, 101, 4],
    [0.0001, 1, 1],
    [0, 50, 0],
    [1, 7, 7],
    [0.2, 5, 1],
  ])('sample size of ratio %s over %s members is %s, in integers', (ratio, size, n) => {
    expect(web.sampleSize(ratio, size)).toBe(n);
    expect(sampleSize(ratio, size)).toBe(n);
  });

  it.each(Array.from({ length: 40 }, (_, i) => [i]))('random plan #%s: same hash, sample and teams', async (n) => {
    const plan = planFor(n);
    expect(await web.populationHash(plan.strata)).toBe(plan.populationHash);
    const server = assignTeams(drawSample({ ...plan, seed: plan.seed! }), plan, seedHash(plan.planId, plan.seed!));
    const { seedHash: browserSeedHash, sample } = await web.drawSample(plan);
    expect(browserSeedHash).toBe(seedHash(plan.planId, plan.seed!));
    expect(sample).toEqual(server.map(({ subjectId, stratum, ticket }) => ({ subjectId, stratum, ticket })));
    const teams = await web.assignTeams(plan, browserSeedHash, sample);
    expect(teams.map((t) => t.team)).toEqual(server.map((s) => s.team));
    seen.sampled += server.length;
    seen.teams += server.filter((s) => s.team).length;
    seen.unassigned += server.filter((s) => !s.team).length;

    for (const s of ['A', 'B', 'C', 'D'] as const) expect(await web.strataHash(plan.strataSalt, plan.strata[s])).toBe(strataHash(plan.strataSalt, plan.strata[s]));
    const doc = { ...plan, sample: server };
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: true, level: 'full' });
    await expect(web.verifyPlan(doc)).resolves.toMatchObject({ status: 'match', level: 'full' });
    const published = publicOf(plan, server);
    expect(verifyPlanDocument(published)).toMatchObject({ ok: true, level: 'public', sampleSize: server.length });
    await expect(web.verifyPlan(published)).resolves.toMatchObject({ status: 'match', level: 'public' });
  });

  it('covered samples with teams and without (the random plans reach both branches)', () => {
    expect(seen.teams).toBeGreaterThan(20);
    expect(seen.unassigned).toBeGreaterThan(20);
  });

  it('both find the same first difference class in a tampered document', async () => {
    const plan = planFor(7);
    const server = assignTeams(drawSample({ ...plan, seed: plan.seed! }), plan, seedHash(plan.planId, plan.seed!));
    expect(server.length).toBeGreaterThan(1);
    const swapped = { ...plan, sample: [server[1], server[0], ...server.slice(2)] };
    expect(verifyPlanDocument(swapped)).toMatchObject({ ok: false, difference: expect.stringContaining('sample[0].subjectId') });
    await expect(web.verifyPlan(swapped)).resolves.toMatchObject({ status: 'mismatch', difference: expect.stringContaining('sample[0]') });
    const reseeded = { ...plan, seed: `${plan.seed}x`, sample: server };
    expect(verifyPlanDocument(reseeded)).toMatchObject({ ok: false, difference: expect.stringContaining('seedCommitment') });
    await expect(web.verifyPlan(reseeded)).resolves.toMatchObject({ status: 'mismatch', difference: expect.stringContaining('seedCommitment') });
    const resalted = { ...plan, strataSalt: 'guessed', strataHashes: publicOf(plan, server).strataHashes, sample: server };
    expect(verifyPlanDocument(resalted)).toMatchObject({ ok: false, difference: expect.stringMatching(/^strataHashes\.A/) });
    await expect(web.verifyPlan(resalted)).resolves.toMatchObject({ status: 'mismatch', difference: expect.stringContaining('strataHashes.A') });
  });

  it('both check a public document the same way: tickets, order, size', async () => {
    const plan = planFor(7);
    const server = assignTeams(drawSample({ ...plan, seed: plan.seed! }), plan, seedHash(plan.planId, plan.seed!));
    const published = publicOf(plan, server);
    const cases: [string, PublicPlan, RegExp][] = [
      ['a changed ticket', { ...published, sample: published.sample!.map((e, i) => (i === 1 ? { ...e, ticket: '0.5' } : e)) }, /sample\[1\]/],
      ['two swapped entries', { ...published, sample: [published.sample![1]!, published.sample![0]!, ...published.sample!.slice(2)] }, /sample\[1\]/],
      ['a dropped entry', { ...published, sample: published.sample!.slice(1) }, /sample|样本量/],
      ['a changed seed', { ...published, seed: `${plan.seed}x` }, /seedCommitment/],
    ];
    for (const [what, doc, where] of cases) {
      const server = verifyPlanDocument(doc);
      expect(server.ok, what).toBe(false);
      expect(!server.ok && server.difference, what).toMatch(where);
      const browser = await web.verifyPlan(doc);
      expect(browser.status, what).toBe('mismatch');
      expect(browser.difference, what).toMatch(where);
    }
  });
});
