import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { verifyPublicPlan } from '#domain/draws.ts';
import { startTestService, type TestService } from '../support/service.ts';

const code = (n: number) => {
  const first17 = `91120000MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let svc: TestService;
let marketPlanner: string;
let ecologyPlanner: string;
let marketInspector: string;
let taxPlanner: string;
let marketRecorder: string;
let checker: string;

// 30 enterprises: 0–9 young (B), 10–19 old (A, exempt), 20–24 abnormal (C), 25–27 court defaulters (D), 28 red young (exempt), 29 revoked.
const ids = Array.from({ length: 30 }, (_, i) => code(i + 1));

beforeAll(async () => {
  svc = await startTestService();
  marketPlanner = await svc.token('MARKET', ['planner']);
  ecologyPlanner = await svc.token('ECOLOGY', ['planner']);
  marketInspector = await svc.token('MARKET', ['inspector'], 'inspector-chen');
  taxPlanner = await svc.token('TAX', ['planner', 'recorder']);
  marketRecorder = await svc.token('MARKET', ['recorder']);
  checker = await svc.token('APPROVAL', ['checker']);
  const court = await svc.token('COURT', ['recorder']);
  for (const [i, id] of ids.entries()) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, {
      token: marketRecorder,
      body: {
        kind: 'enterprise',
        name: `抽查对象${i}`,
        region: i % 2 ? '120224' : '120116',
        industry: i % 3 ? 'C13' : 'F51',
        status: i === 29 ? 'revoked' : 'active',
        establishedOn: i >= 10 && i < 20 ? '2010-01-01' : '2025-06-01',
      },
    });
    expect(res.status).toBe(201);
  }
  for (let i = 20; i < 25; i++) {
    await svc.call('POST', '/v1/records', { token: marketRecorder, body: { subjectId: ids[i], type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: `异-${i}`, decidedOn: '2026-01-05', title: '经营异常' } });
  }
  for (let i = 25; i < 28; i++) {
    await svc.call('POST', '/v1/records', { token: court, body: { subjectId: ids[i], type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: `执-${i}`, decidedOn: '2026-01-05', title: '失信被执行人' } });
  }
  await svc.call('POST', '/v1/records', { token: taxPlanner, body: { subjectId: ids[28], type: 'listing', listCode: 'TAX_A_GRADE', documentNo: 'A-28', decidedOn: '2026-01-05', title: 'A级' } });

  const inspectors: [string, string, string, string[], string[]][] = [
    ['M01', 'MARKET', '张检查', ['C', 'F'], [ids[21]!]],
    ['M02', 'MARKET', '王检查', ['C13'], []],
    ['M03', 'MARKET', '刘检查', ['F51'], []],
    ['M04', 'MARKET', '赵检查', ['C', 'F'], []],
    ['E01', 'ECOLOGY', '孙检查', ['C'], []],
    ['E02', 'ECOLOGY', '周检查', ['C', 'F5'], []],
  ];
  for (const [id, dept, name, fields, conflicts] of inspectors) {
    const res = await svc.call('PUT', `/v1/inspectors/${id}`, {
      token: dept === 'MARKET' ? marketPlanner : ecologyPlanner,
      body: { name, certificateNo: `CERT-${id}`, fields, conflicts },
    });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => svc?.close());

describe('inspectors', () => {
  it('belong to the planner’s department and cannot be taken over by another', async () => {
    const again = await svc.call('PUT', '/v1/inspectors/M01', { token: marketPlanner, body: { name: '张检查', certificateNo: 'CERT-M01', fields: ['F', 'C'], conflicts: [ids[21]] } });
    expect(again.status).toBe(200);
    expect(again.body.department).toBe('MARKET');
    const takeover = await svc.call('PUT', '/v1/inspectors/M01', { token: ecologyPlanner, body: { name: 'x', certificateNo: 'y', fields: ['C'] } });
    expect(takeover.status).toBe(403);
    const bad = await svc.call('PUT', '/v1/inspectors/M09', { token: marketPlanner, body: { name: 'x', certificateNo: 'y', fields: ['c13'], conflicts: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['conflicts.0', 'fields.0'].sort());
    expect((await svc.call('PUT', '/v1/inspectors/M09', { token: marketInspector, body: { name: 'x', certificateNo: 'y', fields: ['C'] } })).status).toBe(403);
  });
});

describe('a joint routine plan, drawn and verified', () => {
  const seed = 'public-lottery-2026-11-22-drawn-live';
  let planId: string;

  it('freezes the population by risk class with routine exemptions', async () => {
    const res = await svc.call('POST', '/v1/plans', {
      token: marketPlanner,
      body: { title: '2026年第四季度联合抽查', departments: ['MARKET', 'ECOLOGY'], scope: { regionPrefix: '12' }, ratios: { A: 0.03, B: 0.4, C: 0.2, D: 1 }, seedCommitment: sha256(seed) },
    });
    expect(res.status).toBe(201);
    planId = res.body.planId;
    expect(res.body.status).toBe('frozen');
    // 0–9 young → B; 10–19 established → A (exempt); 20–24 → C; 25–27 → D; 28 red → exempt; 29 revoked → out.
    expect(res.body.population).toEqual({ A: 0, B: 10, C: 5, D: 3, exempt: 11 });
    expect(res.body.teamSize).toBe(2);
    const retry = await svc.call('POST', '/v1/plans', {
      token: marketPlanner,
      body: { title: '2026年第四季度联合抽查', departments: ['MARKET', 'ECOLOGY'], scope: { regionPrefix: '12' }, ratios: { A: 0.03, B: 0.4, C: 0.2, D: 1 }, seedCommitment: sha256(seed) },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.planId).toBe(planId);
  });

  it('publishes everything needed to re-run the draw, without a token', async () => {
    const doc = (await svc.call('GET', `/v1/public/plans/${planId}`)).body;
    expect(doc.strata.B).toEqual(ids.slice(0, 10).sort());
    expect(doc.strata.D).toEqual(ids.slice(25, 28).sort());
    expect(doc.exempt).toHaveLength(11);
    expect(doc.seed).toBeUndefined();
    const lines = ['A', 'B', 'C', 'D'].flatMap((s) => [...doc.strata[s]].sort().map((id: string) => `${s}\t${id}\n`)).join('');
    expect(doc.populationHash).toBe(sha256(lines));
    expect(doc.inspectors.map((i: { id: string }) => i.id)).toEqual(['E01', 'E02', 'M01', 'M02', 'M03', 'M04']);
  });

  it('refuses a wrong seed with 422 and a planner of another department with 403', async () => {
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: marketPlanner, body: { seed: 'not-the-committed-seed-at-all' } })).status).toBe(422);
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: taxPlanner, body: { seed } })).status).toBe(403);
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: marketPlanner, body: { seed: 'short' } })).status).toBe(400);
  });

  it('draws exactly n per stratum, teams one per department first, and a second draw is 409', async () => {
    const res = await svc.call('POST', `/v1/plans/${planId}/draw`, { token: ecologyPlanner, body: { seed } });
    expect(res.status).toBe(200);
    const sample = res.body.sample as { subjectId: string; stratum: string; ticket: string; team: string[] | null }[];
    // 0.4 × 10 = 4 (B), 0.2 × 5 = 1 (C), 1 × 3 = 3 (D)
    expect(sample.filter((s) => s.stratum === 'B')).toHaveLength(4);
    expect(sample.filter((s) => s.stratum === 'C')).toHaveLength(1);
    expect(sample.filter((s) => s.stratum === 'D').map((s) => s.subjectId).sort()).toEqual(ids.slice(25, 28).sort());
    expect([...sample].map((s) => s.ticket)).toEqual([...sample].map((s) => s.ticket).sort());
    for (const s of sample) {
      if (s.team === null) continue;
      expect(s.team).toHaveLength(2);
      expect(s.team[0]!.startsWith('M')).toBe(true);
      expect(s.team[1]!.startsWith('E')).toBe(true);
      expect(s.team).not.toContain(s.subjectId === ids[21] ? 'M01' : '-');
    }
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: marketPlanner, body: { seed } })).status).toBe(409);
  });

  it('can be re-run by anyone from the public document alone', async () => {
    const doc = (await svc.call('GET', `/v1/public/plans/${planId}`)).body;
    expect(doc.seed).toBe(seed);
    expect(verifyPublicPlan(doc)).toMatchObject({ ok: true, sampleSize: doc.sample.length });
    const tampered = structuredClone(doc);
    [tampered.sample[0].subjectId, tampered.sample[1].subjectId] = [tampered.sample[1].subjectId, tampered.sample[0].subjectId];
    expect(verifyPublicPlan(tampered).ok).toBe(false);
  });

  it('records results, lists abnormal outcomes on 经营异常名录, and flags late ones', async () => {
    const plan = (await svc.call('GET', `/v1/plans/${planId}`, { token: marketInspector })).body;
    const sampled = plan.draw.sample.map((s: { subjectId: string }) => s.subjectId) as string[];
    const target = sampled.find((id) => ids.indexOf(id) < 10)!;
    const res = await svc.call('POST', `/v1/plans/${planId}/results`, {
      token: marketInspector,
      body: { subjectId: target, inspectedOn: '2026-09-01', outcome: 'UNREACHABLE', findings: '登记住所无人' },
    });
    expect(res.status).toBe(201);
    // 2026-09-01 is a Tuesday: 20 working days later is Tuesday 2026-09-29.
    expect(res.body).toMatchObject({ subjectId: target, outcome: 'UNREACHABLE', inspectedOn: '2026-09-01', publishBy: '2026-09-29', late: true });
    const entity = (await svc.call('GET', `/v1/entities/${target}`, { token: checker })).body;
    expect(entity.lists).toEqual(['ABNORMAL_OPERATION']);
    expect(entity.riskClass).toBe('C');
    const records = (await svc.call('GET', `/v1/entities/${target}/records`, { token: checker })).body.records;
    expect(records.map((r: { type: string }) => r.type).sort()).toEqual(['inspection', 'listing']);
    const check = await svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: target, matter: 'COMMITMENT_APPROVAL' } });
    expect(check.body.verdict).toBe('restrict');

    const retry = await svc.call('POST', `/v1/plans/${planId}/results`, { token: marketInspector, body: { subjectId: target, inspectedOn: '2026-09-01', outcome: 'UNREACHABLE', findings: '登记住所无人' } });
    expect(retry.status).toBe(200);
    const other = await svc.call('POST', `/v1/plans/${planId}/results`, { token: marketInspector, body: { subjectId: target, inspectedOn: '2026-09-01', outcome: 'NO_ISSUE' } });
    expect(other.status).toBe(409);
    const notSampled = ids.slice(0, 10).find((id) => !sampled.includes(id))!;
    expect((await svc.call('POST', `/v1/plans/${planId}/results`, { token: marketInspector, body: { subjectId: notSampled, inspectedOn: '2026-09-01', outcome: 'NO_ISSUE' } })).status).toBe(422);

    const view = (await svc.call('GET', `/v1/plans/${planId}`, { token: marketPlanner })).body;
    expect(view.results).toHaveLength(1);
    expect(view.lateResults.map((r: { subjectId: string }) => r.subjectId)).toEqual([target]);
    expect((await svc.call('GET', `/v1/plans/${planId}`, { token: taxPlanner })).status).toBe(403);
  });
});

describe('plan validation', () => {
  it('names every bad field, and refuses a planner outside the plan departments', async () => {
    const bad = await svc.call('POST', '/v1/plans', {
      token: marketPlanner,
      body: { title: 'x', departments: ['MARKET', 'ECOLOGY', 'TAX'], ratios: { A: 0.12345, B: 2, C: 0.1, D: 1 }, teamSize: 2, seedCommitment: 'abc' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['ratios.A', 'ratios.B', 'seedCommitment']));
    const tooSmall = await svc.call('POST', '/v1/plans', {
      token: marketPlanner,
      body: { title: 'x', departments: ['MARKET', 'ECOLOGY', 'TAX'], ratios: { A: 0, B: 0, C: 0, D: 1 }, teamSize: 2, seedCommitment: sha256('another-seed-of-twenty-chars') },
    });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.errors[0].path).toBe('teamSize');
    const outside = await svc.call('POST', '/v1/plans', {
      token: taxPlanner,
      body: { title: 'x', departments: ['MARKET'], ratios: { A: 0, B: 0, C: 0, D: 1 }, seedCommitment: sha256('yet-another-seed-twenty') },
    });
    expect(outside.status).toBe(403);
  });

  it('in key-item mode exempts nobody', async () => {
    const res = await svc.call('POST', '/v1/plans', {
      token: marketPlanner,
      body: { title: '重点检查', departments: ['MARKET'], mode: 'key-item', ratios: { A: 0.5, B: 0, C: 0, D: 0 }, seedCommitment: sha256('key-item-seed-twenty-chars') },
    });
    expect(res.status).toBe(201);
    // The red-listed young enterprise is class A; one B enterprise became C when found unreachable above.
    expect(res.body.population).toEqual({ A: 11, B: 9, C: 6, D: 3, exempt: 0 });
  });
});
