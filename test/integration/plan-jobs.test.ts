import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { populationHash, verifyPlanDocument } from '#domain/draws.ts';
import type { JobMessage } from '#jobs/messages.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * Freezing and drawing as jobs (API.md, Plans): with PLAN_INLINE_POPULATION set low, every plan here
 * is larger than a request may freeze, so it is claimed (202), frozen segment by segment by the job
 * runner and committed once — and must end with the population an inline freeze of the same city has.
 */
const code = (n: number) => {
  const first17 = `91120000MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let svc: TestService;
let planner: string;
let recorder: string;
let court: string;
const ids = Array.from({ length: 80 }, (_, i) => code(500 + i));
const REGIONS = ['120101', '120102', '120116', '120224'];

function planBody(seed: string, scope: Record<string, string> = {}) {
  return { title: `作业冻结 ${seed.slice(0, 8)}`, departments: ['MARKET'], scope, ratios: { A: 0.1, B: 0.2, C: 0.5, D: 1 }, seedCommitment: sha256(seed) };
}

async function waitForJobs() {
  await svc.service.jobs.idle();
}

async function withInlineBudget<T>(budget: number, work: () => Promise<T>): Promise<T> {
  const before = process.env.PLAN_INLINE_POPULATION;
  process.env.PLAN_INLINE_POPULATION = String(budget);
  try {
    return await work();
  } finally {
    process.env.PLAN_INLINE_POPULATION = before;
  }
}

beforeAll(async () => {
  process.env.PLAN_INLINE_POPULATION = '10';
  svc = await startTestService();
  planner = await svc.token('MARKET', ['planner']);
  recorder = await svc.token('MARKET', ['recorder']);
  court = await svc.token('COURT', ['recorder']);
  for (const [i, id] of ids.entries()) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, {
      token: recorder,
      body: { kind: 'enterprise', name: `作业对象${i}`, region: REGIONS[i % 4], industry: i % 3 ? 'C13' : 'F51', status: 'active', establishedOn: i % 2 ? '2010-01-01' : '2025-06-01' },
    });
    expect(res.status).toBe(201);
  }
  for (let i = 0; i < 12; i++) {
    const res = await svc.call('POST', '/v1/records', { token: recorder, body: { subjectId: ids[i * 5], type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: `作业异-${i}`, decidedOn: '2026-01-05', title: '经营异常' } });
    expect(res.status).toBe(201);
  }
  for (let i = 0; i < 6; i++) {
    const res = await svc.call('POST', '/v1/records', { token: court, body: { subjectId: ids[i * 7 + 1], type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: `作业执-${i}`, decidedOn: '2026-01-05', title: '失信被执行人' } });
    expect(res.status).toBe(201);
  }
  for (let i = 0; i < 10; i++) {
    const res = await svc.call('POST', '/v1/records', { token: recorder, body: { subjectId: ids[i * 3 + 2], type: 'penalty', documentNo: `作业罚-${i}`, decidedOn: '2026-03-01', title: '违法行为', severity: 'general', fineAmount: 5000 } });
    expect(res.status).toBe(201);
  }
  await svc.call('PUT', '/v1/inspectors/J01', { token: planner, body: { name: '甲检查', certificateNo: 'J-1', fields: ['C', 'F'], conflicts: [] } });
  await svc.call('PUT', '/v1/inspectors/J02', { token: planner, body: { name: '乙检查', certificateNo: 'J-2', fields: ['C', 'F'], conflicts: [ids[3]!] } });
});

afterAll(async () => {
  delete process.env.PLAN_INLINE_POPULATION;
  await svc?.close();
});

/** The population an inline freeze of the same scope commits: the reference the job must equal. */
async function inlineFreeze(scope: Record<string, string> = {}) {
  return withInlineBudget(100_000, async () => {
    const res = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(`inline-reference-${JSON.stringify(scope)}-seed`, scope) });
    // Asked again by a later test: the same plan (200).
    expect([200, 201]).toContain(res.status);
    return res.body as { planId: string; population: Record<string, number>; populationHash: string };
  });
}

describe('a plan larger than a request may freeze', () => {
  it('answers 202 at once, shows its progress, and is frozen by the job to the population an inline freeze commits', async () => {
    const seed = 'job-path-seed-for-the-whole-city-0001';
    const created = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(seed) });
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ planId: expect.stringMatching(/^pl/), status: 'freezing' });
    const planId = created.body.planId as string;

    const during = await svc.call('GET', `/v1/plans/${planId}`, { token: planner });
    expect(during.status).toBe(200);
    if (during.body.status === 'freezing') expect(during.body.progress).toMatchObject({ segments: 32 });
    // Nothing public until it is frozen.
    if (during.body.status === 'freezing') expect((await svc.call('GET', `/v1/public/plans/${planId}`)).status).toBe(404);

    await waitForJobs();
    const done = await svc.call('GET', `/v1/plans/${planId}`, { token: planner });
    expect(done.body.status).toBe('frozen');
    const reference = await inlineFreeze();
    expect(done.body.populationHash).toBe(reference.populationHash);
    expect(done.body.population).toEqual(reference.population);
    expect(done.body.population.A + done.body.population.B + done.body.population.C + done.body.population.D + done.body.population.exempt).toBe(ids.length);

    // The same request again is the same plan, now frozen.
    const again = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(seed) });
    expect(again.status).toBe(200);
    expect(again.body.populationHash).toBe(reference.populationHash);

    // The draw of a population this large is a job too, and draws exactly what the algorithm says.
    const draw = await svc.call('POST', `/v1/plans/${planId}/draw`, { token: planner, body: { seed } });
    expect(draw.status).toBe(202);
    expect(draw.body).toEqual({ planId, status: 'drawing' });
    await waitForJobs();
    const drawn = await svc.call('GET', `/v1/plans/${planId}`, { token: planner });
    expect(drawn.body.status).toBe('drawn');
    expect(drawn.body.draw.sample.length).toBeGreaterThan(0);
    const full = await svc.call('GET', `/v1/plans/${planId}/population`, { token: planner });
    expect(full.status).toBe(200);
    expect(populationHash(full.body.strata)).toBe(reference.populationHash);
    expect(verifyPlanDocument(full.body)).toMatchObject({ ok: true });
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: planner, body: { seed } })).status).toBe(409);
  });

  it('freezes a district by reading that district only', async () => {
    const { streamShard } = await import('#data/population.ts');
    const { POPULATION_SHARDS } = await import('#data/keys.ts');
    let cityItems = 0;
    let districtItems = 0;
    const districtSubjects = new Set<string>();
    for (let shard = 0; shard < POPULATION_SHARDS; shard++) {
      cityItems += (await streamShard(shard, '', () => {})).items;
      districtItems += (await streamShard(shard, '120101', (entity) => districtSubjects.add(entity.id))).items;
    }
    const inDistrict = ids.filter((_, i) => REGIONS[i % 4] === '120101');
    expect([...districtSubjects].sort()).toEqual([...inDistrict].sort());
    // Every item read belongs to the district: its profiles and their class records, nothing else.
    expect(districtItems).toBeGreaterThanOrEqual(inDistrict.length);
    expect(districtItems).toBeLessThan(cityItems / 2);

    const created = await svc.call('POST', '/v1/plans', { token: planner, body: planBody('district-job-seed-120101-xxxx', { regionPrefix: '120101' }) });
    expect(created.status).toBe(202);
    await waitForJobs();
    const plan = await svc.call('GET', `/v1/plans/${created.body.planId}`, { token: planner });
    const reference = await inlineFreeze({ regionPrefix: '120101' });
    expect(plan.body.populationHash).toBe(reference.populationHash);
    const p = plan.body.population;
    expect(p.A + p.B + p.C + p.D + p.exempt).toBe(inDistrict.length);
  });
});

describe('an interrupted freeze', () => {
  it('resumes to one population: lost messages, duplicated and concurrent segments, then the request retried', async () => {
    const { useLocalRunner } = await import('#jobs/queue.ts');
    const { runJob } = await import('#jobs/run.ts');
    const captured: JobMessage[] = [];
    // The queue loses everything: the process died right after claiming the plan.
    useLocalRunner({ submit: (messages) => void captured.push(...messages) });
    const seed = 'interrupted-freeze-seed-0002-abcdef';
    const created = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(seed) });
    expect(created.status).toBe(202);
    const planId = created.body.planId as string;
    expect(captured).toHaveLength(32);

    // A third of the segments ran, some twice at once (a redelivery racing the first delivery).
    const some = captured.slice(0, 11);
    await Promise.all([...some, ...some.slice(0, 4)].map((m) => runJob(m)));
    const partial = await svc.call('GET', `/v1/plans/${planId}`, { token: planner });
    expect(partial.body).toMatchObject({ status: 'freezing', progress: { segments: 32, segmentsFrozen: 11 } });

    // The retried request queues only what is missing; the real runner finishes it.
    captured.length = 0;
    const retry = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(seed) });
    expect(retry.status).toBe(202);
    expect(captured.map((m) => (m.kind === 'freeze-segment' ? m.segment : -1)).sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i + 11));
    // Every message again, twice, and the old ones once more: one population whatever arrives.
    await Promise.all([...captured, ...captured, ...some].map((m) => runJob(m)));
    const done = await svc.call('GET', `/v1/plans/${planId}`, { token: planner });
    expect(done.body.status).toBe('frozen');
    const reference = await inlineFreeze();
    expect(done.body.populationHash).toBe(reference.populationHash);
    // A message of the committed freeze arriving late changes nothing.
    await runJob({ kind: 'freeze-commit', planId, freezeId: (captured[0] as { freezeId: string }).freezeId });
    expect((await svc.call('GET', `/v1/plans/${planId}`, { token: planner })).body.populationHash).toBe(reference.populationHash);
    restoreRunner();
  });

  it('commits once when the last step runs several times at once: the losers find the plan committed, not an error', async () => {
    const { useLocalRunner } = await import('#jobs/queue.ts');
    const { runJob } = await import('#jobs/run.ts');
    const captured: JobMessage[] = [];
    useLocalRunner({ submit: (messages) => void captured.push(...messages) });
    const created = await svc.call('POST', '/v1/plans', { token: planner, body: planBody('twin-commit-seed-0005-abcdefghij') });
    expect(created.status).toBe(202);
    const planId = created.body.planId as string;
    const freezeId = (captured[0] as { freezeId: string }).freezeId;
    // Every segment recorded but the last; then the last segment delivered twice, and commits arriving
    // every few milliseconds meanwhile: whichever commit wins discards the parts it merged while others
    // may still be reading them.
    const segments = captured.splice(0);
    await Promise.all(segments.slice(0, -1).map((m) => runJob(m)));
    const last = segments.at(-1)!;
    const commit = { kind: 'freeze-commit' as const, planId, freezeId };
    const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => runJob(commit));
    const outcomes = await Promise.allSettled([runJob(last), runJob(last), ...Array.from({ length: 60 }, (_, i) => later(i * 4))]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const plan = await svc.call('GET', `/v1/plans/${planId}`, { token: planner });
    expect(plan.body.status).toBe('frozen');
    expect(plan.body.populationHash).toBe((await inlineFreeze()).populationHash);
    restoreRunner();
  });

  it('is resumed at start-up, as a restart finds it', async () => {
    const { useLocalRunner } = await import('#jobs/queue.ts');
    const captured: JobMessage[] = [];
    useLocalRunner({ submit: (messages) => void captured.push(...messages) });
    const created = await svc.call('POST', '/v1/plans', { token: planner, body: planBody('restart-resumed-seed-0003-abcdef') });
    expect(created.status).toBe(202);
    restoreRunner();
    const { resumePlanJobs } = await import('#use-cases/freeze-job.ts');
    const { now } = await import('#domain/clock.ts');
    expect(await resumePlanJobs(now())).toBeGreaterThanOrEqual(1);
    await waitForJobs();
    const plan = await svc.call('GET', `/v1/plans/${created.body.planId}`, { token: planner });
    expect(plan.body.status).toBe('frozen');
    expect(plan.body.populationHash).toBe((await inlineFreeze()).populationHash);
  });

  it('shows failed with the reason when its job gives up, and the same request re-runs it', async () => {
    const { useLocalRunner } = await import('#jobs/queue.ts');
    const { giveUpJob } = await import('#jobs/run.ts');
    const captured: JobMessage[] = [];
    useLocalRunner({ submit: (messages) => void captured.push(...messages) });
    const seed = 'failing-freeze-seed-0004-abcdefgh';
    const created = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(seed) });
    expect(created.status).toBe(202);
    await giveUpJob(captured[0]!, new Error('the store refused the segment'));
    const failed = await svc.call('GET', `/v1/plans/${created.body.planId}`, { token: planner });
    expect(failed.body).toMatchObject({ status: 'failed', failure: 'the store refused the segment' });
    expect((await svc.call('GET', `/v1/plans/${created.body.planId}/population`, { token: planner })).status).toBe(409);
    restoreRunner();

    const rerun = await svc.call('POST', '/v1/plans', { token: planner, body: planBody(seed) });
    expect(rerun.status).toBe(202);
    await waitForJobs();
    // The failed freeze's messages, delivered late, cannot commit a second population.
    const { runJob } = await import('#jobs/run.ts');
    await Promise.all(captured.map((m) => runJob(m)));
    const plan = await svc.call('GET', `/v1/plans/${created.body.planId}`, { token: planner });
    expect(plan.body.status).toBe('frozen');
    expect(plan.body.populationHash).toBe((await inlineFreeze()).populationHash);
  });
});

describe('the population index', () => {
  it('follows an enterprise that moves district, with the records its class depends on', async () => {
    const mover = ids[1]!; // a court defaulter (class D), in 120102
    const moved = await svc.call('PUT', `/v1/entities/${mover}`, {
      token: recorder,
      body: { kind: 'enterprise', name: '作业对象1', region: '120119', industry: 'C13', status: 'active', establishedOn: '2010-01-01' },
    });
    expect(moved.status).toBe(200);
    const created = await withInlineBudget(100_000, () => svc.call('POST', '/v1/plans', { token: planner, body: planBody('moved-district-seed-0005-abcdef', { regionPrefix: '120119' }) }));
    expect(created.status).toBe(201);
    expect(created.body.population).toEqual({ A: 0, B: 0, C: 0, D: 1, exempt: 0 });
  });
});

/** Puts the service's own runner back (startLocalJobs registered it; its idle() keeps working). */
function restoreRunner() {
  svc.service.jobs.reattach();
}
