import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { ROOT, startTestService, type TestService } from '../support/service.ts';

/** The lists the pages need (API.md, Lists and catalogue): the catalogue, plans, the public plans, inspectors, assignments. */
const code = (n: number) => {
  const first17 = `91120115MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const ids = Array.from({ length: 6 }, (_, i) => code(i + 1));

let svc: TestService;
const t = {} as Record<'marketPlanner' | 'ecologyPlanner' | 'taxPlanner' | 'auditor' | 'checker' | 'm01' | 'm01Elsewhere' | 'e01' | 'recorder', string>;

const JOINT_SEED = '2026-07-01 联合抽查 现场摇号 种子 0001';
const TAX_SEED = '2026-07-02 税务抽查 现场摇号 种子 0002';
const LATER_SEED = '2026-07-03 市场抽查 现场摇号 种子 0003';
let joint: string;
let tax: string;
let later: string;

async function createPlan(token: string, title: string, departments: string[], seed: string): Promise<string> {
  const res = await svc.call('POST', '/v1/plans', {
    token,
    body: { title, departments, scope: { regionPrefix: '120115' }, ratios: { A: 0, B: 1, C: 1, D: 1 }, teamSize: 2, mode: 'routine', seedCommitment: sha256(seed) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.planId as string;
}

/** Every item of a paginated route, walked with `limit`, and how many pages it took. */
async function walk(path: string, token: string | undefined, key: string, limit: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await svc.call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token ? { token } : {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body[key]);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
}

beforeAll(async () => {
  svc = await startTestService();
  t.marketPlanner = await svc.token('MARKET', ['planner']);
  t.ecologyPlanner = await svc.token('ECOLOGY', ['planner']);
  t.taxPlanner = await svc.token('TAX', ['planner']);
  t.auditor = await svc.token('DRC', ['auditor']);
  t.checker = await svc.token('APPROVAL', ['checker']);
  t.recorder = await svc.token('MARKET', ['recorder']);
  // An inspector's token names the inspector it acts as: its sub is the inspector's id.
  t.m01 = await svc.token('MARKET', ['inspector'], 'M01');
  t.m01Elsewhere = await svc.token('ECOLOGY', ['inspector'], 'M01');
  t.e01 = await svc.token('ECOLOGY', ['inspector'], 'E01');
  for (const [i, id] of ids.entries()) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, {
      token: t.recorder,
      body: { kind: 'enterprise', name: `列表测试企业${i}`, region: '120115', industry: 'C13', status: 'active', establishedOn: '2025-06-01' },
    });
    expect(res.status).toBe(201);
  }
  for (const [id, token, name] of [
    ['M01', t.marketPlanner, '张检查'],
    ['M02', t.marketPlanner, '王检查'],
    ['M03', t.marketPlanner, '李检查'],
    ['E01', t.ecologyPlanner, '孙检查'],
    ['E02', t.ecologyPlanner, '周检查'],
  ] as const) {
    expect((await svc.call('PUT', `/v1/inspectors/${id}`, { token, body: { name, certificateNo: `CERT-${id}`, fields: ['C'] } })).status).toBe(201);
  }
  joint = await createPlan(t.marketPlanner, '2026年第三季度市场监管与生态环境联合抽查', ['MARKET', 'ECOLOGY'], JOINT_SEED);
  tax = await createPlan(t.taxPlanner, '2026年第三季度税务抽查', ['TAX'], TAX_SEED);
  later = await createPlan(t.marketPlanner, '2026年第三季度市场监管专项抽查', ['MARKET'], LATER_SEED);
  const drawn = await svc.call('POST', `/v1/plans/${joint}/draw`, { token: t.marketPlanner, body: { seed: JOINT_SEED } });
  expect(drawn.status).toBe(200);
});

afterAll(async () => svc?.close());

describe('GET /v1/catalogue', () => {
  it('answers any role with the lists, departments and matters and their Chinese names, as data/lists.json holds them', async () => {
    const reference = JSON.parse(readFileSync(join(ROOT, 'data/lists.json'), 'utf8'));
    for (const token of [t.checker, t.auditor, t.m01]) {
      const res = await svc.call('GET', '/v1/catalogue', { token });
      expect(res.status).toBe(200);
      expect(res.body.departments).toEqual(reference.departments);
      expect(res.body.matters).toEqual(reference.matters);
      expect(res.body.lists).toEqual(reference.lists);
    }
    const lists = (await svc.call('GET', '/v1/catalogue', { token: t.checker })).body.lists;
    expect(lists.find((l: { code: string }) => l.code === 'COURT_DEFAULTER')).toMatchObject({ name: '失信被执行人', kind: 'black', severity: 'serious', keeper: 'COURT' });
    expect(lists.find((l: { code: string }) => l.code === 'TAX_A_GRADE')).toMatchObject({ kind: 'red', severity: null });
  });

  it('needs a token', async () => {
    expect((await svc.call('GET', '/v1/catalogue')).status).toBe(401);
  });
});

describe('GET /v1/inspectors', () => {
  it("lists the planner's own department's library only, by id, page by page", async () => {
    const whole = await svc.call('GET', '/v1/inspectors', { token: t.marketPlanner });
    expect(whole.status).toBe(200);
    expect(whole.body.inspectors.map((i: { id: string }) => i.id)).toEqual(['M01', 'M02', 'M03']);
    expect(whole.body.inspectors[0]).toMatchObject({ id: 'M01', department: 'MARKET', name: '张检查', certificateNo: 'CERT-M01', fields: ['C'], conflicts: [] });
    const { items, pages } = await walk('/v1/inspectors', t.marketPlanner, 'inspectors', 2);
    expect(items).toEqual(whole.body.inspectors);
    expect(pages).toBeGreaterThanOrEqual(2);
    const ecology = await svc.call('GET', '/v1/inspectors', { token: t.ecologyPlanner });
    expect(ecology.body.inspectors.map((i: { id: string }) => i.id)).toEqual(['E01', 'E02']);
    expect((await svc.call('GET', '/v1/inspectors', { token: t.taxPlanner })).body.inspectors).toEqual([]);
  });

  it('is for planners: 401 without a token, 403 for another role, 400 for a cursor of another department', async () => {
    expect((await svc.call('GET', '/v1/inspectors')).status).toBe(401);
    expect((await svc.call('GET', '/v1/inspectors', { token: t.m01 })).status).toBe(403);
    expect((await svc.call('GET', '/v1/inspectors', { token: t.auditor })).status).toBe(403);
    const first = await svc.call('GET', '/v1/inspectors?limit=1', { token: t.marketPlanner });
    const foreign = await svc.call('GET', `/v1/inspectors?limit=1&cursor=${first.body.nextCursor}`, { token: t.ecologyPlanner });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });
});

describe('GET /v1/plans', () => {
  it('shows a planner or inspector the plans its department takes part in, newest first, with their counts', async () => {
    const market = await svc.call('GET', '/v1/plans', { token: t.marketPlanner });
    expect(market.status).toBe(200);
    expect(market.body.plans.map((p: { planId: string }) => p.planId)).toEqual([later, joint]);
    const [laterEntry, jointEntry] = market.body.plans;
    expect(laterEntry).toEqual({
      planId: later,
      title: '2026年第三季度市场监管专项抽查',
      departments: ['MARKET'],
      status: 'frozen',
      createdAt: expect.any(String),
      strataSizes: { A: 0, B: 6, C: 0, D: 0, exempt: 0 },
      sampleSize: null,
      resultCount: 0,
    });
    expect(jointEntry).toMatchObject({ status: 'drawn', drawnAt: expect.any(String), strataSizes: { B: 6 }, sampleSize: 6, resultCount: 0 });
    const ecologyInspector = await svc.call('GET', '/v1/plans', { token: t.e01 });
    expect(ecologyInspector.body.plans.map((p: { planId: string }) => p.planId)).toEqual([joint]);
    const taxPlans = await svc.call('GET', '/v1/plans', { token: t.taxPlanner });
    expect(taxPlans.body.plans.map((p: { planId: string }) => p.planId)).toEqual([tax]);
  });

  it('shows an auditor every plan, filters by status and pages newest first', async () => {
    const all = await svc.call('GET', '/v1/plans', { token: t.auditor });
    expect(all.body.plans.map((p: { planId: string }) => p.planId)).toEqual([later, tax, joint]);
    const drawn = await svc.call('GET', '/v1/plans?status=drawn', { token: t.auditor });
    expect(drawn.body.plans.map((p: { planId: string }) => p.planId)).toEqual([joint]);
    const frozen = await svc.call('GET', '/v1/plans?status=frozen', { token: t.auditor });
    expect(frozen.body.plans.map((p: { planId: string }) => p.planId)).toEqual([later, tax]);
    expect((await svc.call('GET', '/v1/plans?status=failed', { token: t.auditor })).body.plans).toEqual([]);
    const { items, pages } = await walk('/v1/plans', t.auditor, 'plans', 1);
    expect(items).toEqual(all.body.plans);
    expect(pages).toBe(3);
    // A department's page is full as long as more of its plans follow, however many others lie between.
    const marketPage = await svc.call('GET', '/v1/plans?limit=1', { token: t.marketPlanner });
    expect(marketPage.body.plans.map((p: { planId: string }) => p.planId)).toEqual([later]);
    const marketNext = await svc.call('GET', `/v1/plans?limit=1&cursor=${marketPage.body.nextCursor}`, { token: t.marketPlanner });
    expect(marketNext.body.plans.map((p: { planId: string }) => p.planId)).toEqual([joint]);
  });

  it('counts results as they are recorded', async () => {
    const plan = (await svc.call('GET', `/v1/plans/${joint}`, { token: t.marketPlanner })).body;
    const subjectId = plan.draw.sample[0].subjectId;
    const res = await svc.call('POST', `/v1/plans/${joint}/results`, { token: t.marketPlanner, body: { subjectId, inspectedOn: '2026-07-10', outcome: 'NO_ISSUE' } });
    expect(res.status).toBe(201);
    const entry = (await svc.call('GET', '/v1/plans?status=drawn', { token: t.auditor })).body.plans[0];
    expect(entry).toMatchObject({ planId: joint, resultCount: 1 });
  });

  it('is for planners, inspectors and auditors: 401, 403, and 400 for an unknown status', async () => {
    expect((await svc.call('GET', '/v1/plans')).status).toBe(401);
    expect((await svc.call('GET', '/v1/plans', { token: t.checker })).status).toBe(403);
    const bad = await svc.call('GET', '/v1/plans?status=lost', { token: t.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['status']);
  });
});

describe('GET /v1/public/plans', () => {
  it('lists every frozen or drawn plan without a token, newest first, page by page', async () => {
    const res = await svc.call('GET', '/v1/public/plans');
    expect(res.status).toBe(200);
    expect(res.body.plans.map((p: { planId: string }) => p.planId)).toEqual([later, tax, joint]);
    expect(res.body.plans[2]).toMatchObject({ planId: joint, departments: ['MARKET', 'ECOLOGY'], strataSizes: { A: 0, B: 6, C: 0, D: 0, exempt: 0 }, sampleSize: 6 });
    const { items } = await walk('/v1/public/plans', undefined, 'plans', 2);
    expect(items).toEqual(res.body.plans);
  });

  it('leaves out a plan whose population a job has not frozen', async () => {
    const { claimPlan } = await import('#data/plans.ts');
    const { planIdFor } = await import('#domain/plans.ts');
    const seedCommitment = sha256('pending plan seed, never frozen 0004');
    const planId = planIdFor(seedCommitment);
    const at = new Date().toISOString();
    expect(
      await claimPlan({
        planId, title: '冻结中的计划', departments: ['MARKET'], scope: {}, ratios: { A: 0, B: 1, C: 1, D: 1 }, teamSize: 2, mode: 'routine', seedCommitment,
        strataSalt: 'salt', freezeId: 'f1', requestHash: 'h', createdAt: at, createdBy: 'x', createdByDepartment: 'MARKET', requestId: 'r', status: 'freezing', asOf: at, segments: 32, frozenSegments: {},
      }),
    ).toBe(true);
    expect((await svc.call('GET', '/v1/public/plans')).body.plans.map((p: { planId: string }) => p.planId)).not.toContain(planId);
    const freezing = (await svc.call('GET', '/v1/plans?status=freezing', { token: t.marketPlanner })).body.plans;
    expect(freezing).toEqual([{ planId, title: '冻结中的计划', departments: ['MARKET'], status: 'freezing', createdAt: at, strataSizes: null, sampleSize: null, resultCount: 0 }]);
  });

  it('refuses a cursor issued to the department route', async () => {
    const page = await svc.call('GET', '/v1/plans?limit=1', { token: t.auditor });
    expect((await svc.call('GET', `/v1/public/plans?limit=1&cursor=${page.body.nextCursor}`)).status).toBe(400);
  });
});

describe('GET /v1/assignments', () => {
  it("shows an inspector the sampled subjects whose team includes it, open until a result is recorded", async () => {
    const plan = (await svc.call('GET', `/v1/plans/${joint}`, { token: t.marketPlanner })).body;
    const mine = plan.draw.sample.filter((s: { team: string[] | null }) => s.team?.includes('M01'));
    expect(mine.length).toBeGreaterThan(0);
    const done = (await svc.call('GET', '/v1/assignments?status=done', { token: t.m01 })).body.assignments;
    const open = (await svc.call('GET', '/v1/assignments', { token: t.m01 })).body.assignments;
    expect([...open, ...done].map((a: { subjectId: string }) => a.subjectId).sort()).toEqual(mine.map((s: { subjectId: string }) => s.subjectId).sort());
    expect(open[0]).toEqual({
      planId: joint,
      planTitle: '2026年第三季度市场监管与生态环境联合抽查',
      subjectId: open[0].subjectId,
      subjectName: `列表测试企业${ids.indexOf(open[0].subjectId)}`,
      team: mine.find((s: { subjectId: string }) => s.subjectId === open[0].subjectId).team,
    });

    const subjectId = open[0].subjectId;
    const recorded = await svc.call('POST', `/v1/plans/${joint}/results`, { token: t.m01, body: { subjectId, inspectedOn: '2026-07-11', outcome: 'NO_ISSUE' } });
    expect(recorded.status).toBe(201);
    const openAfter = (await svc.call('GET', '/v1/assignments?status=open', { token: t.m01 })).body.assignments;
    expect(openAfter.map((a: { subjectId: string }) => a.subjectId)).not.toContain(subjectId);
    const doneAfter = (await svc.call('GET', '/v1/assignments?status=done', { token: t.m01 })).body.assignments;
    expect(doneAfter.find((a: { subjectId: string }) => a.subjectId === subjectId)).toMatchObject({ result: { subjectId, outcome: 'NO_ISSUE', inspectedOn: '2026-07-11', recordedBy: 'M01' } });
    const { items } = await walk('/v1/assignments', t.m01, 'assignments', 1);
    expect(items).toEqual(openAfter);
  });

  it("shows nothing for an inspector id of another department's token, nor of an undrawn plan", async () => {
    expect((await svc.call('GET', '/v1/assignments', { token: t.m01Elsewhere })).body.assignments).toEqual([]);
    const nobody = await svc.token('MARKET', ['inspector'], 'M03-never-drawn');
    expect((await svc.call('GET', '/v1/assignments', { token: nobody })).body.assignments).toEqual([]);
  });

  it('is for inspectors: 401, 403, 400 for an unknown status', async () => {
    expect((await svc.call('GET', '/v1/assignments')).status).toBe(401);
    expect((await svc.call('GET', '/v1/assignments', { token: t.marketPlanner })).status).toBe(403);
    expect((await svc.call('GET', '/v1/assignments?status=late', { token: t.m01 })).status).toBe(400);
  });
});
