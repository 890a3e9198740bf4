import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isResidentId, residentCheckCharacter } from '#domain/identifiers.ts';
import { populationHash, strataHash, verifyPlanDocument } from '#domain/draws.ts';
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
let auditor: string;
/** The joint MARKET + ECOLOGY plan the first describe freezes and draws. */
let jointPlanId: string;

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
  auditor = await svc.token('DRC', ['auditor'], 'credit-office-auditor');
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
    // ids[29] is revoked, so outside every population: the full document leaves it out.
    ['M02', 'MARKET', '王检查', ['C13'], [ids[29]!]],
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

  it('refuse an id another department holds with 403 whatever the body, and keep it unchanged', async () => {
    for (const body of [{ name: '', fields: [] }, 'not an object', { name: 'x', certificateNo: 'y', fields: ['C'], unexpected: true }]) {
      const res = await svc.call('PUT', '/v1/inspectors/M01', { token: ecologyPlanner, body });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
    }
    const doc = await svc.call('PUT', '/v1/inspectors/M01', { token: marketPlanner, body: { name: '张检查', certificateNo: 'CERT-M01', fields: ['C', 'F'], conflicts: [ids[21]] } });
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ department: 'MARKET', name: '张检查', fields: ['C', 'F'] });
  });

  it('take only unified social credit codes as conflicts: a resident identity number is 400 naming it', async () => {
    const person = `11010519491231002`;
    const finance = await svc.token('FINANCE', ['planner']);
    const res = await svc.call('PUT', '/v1/inspectors/F08', {
      token: finance,
      body: { name: '钱检查', certificateNo: 'CERT-F08', fields: ['C'], conflicts: [ids[3], person + residentCheckCharacter(person)] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['conflicts.1']);
    expect(JSON.stringify(res.body)).not.toContain(person);
    // Nothing was stored by the refused request: the id is still free for any department.
    const hrss = await svc.token('HRSS', ['planner']);
    expect((await svc.call('PUT', '/v1/inspectors/F08', { token: hrss, body: { name: '钱检查', certificateNo: 'CERT-F08', fields: ['C'], conflicts: [ids[3]] } })).status).toBe(201);
  });

  it('are claimed atomically: of two departments racing for one id, exactly one holds it', async () => {
    const finance = await svc.token('FINANCE', ['planner']);
    const hrss = await svc.token('HRSS', ['planner']);
    for (let round = 0; round < 5; round++) {
      const id = `RACE-${round}`;
      const body = { name: '抢占测试', certificateNo: `CERT-${id}`, fields: ['C'] };
      const answers = await Promise.all([finance, hrss, finance, hrss].map((token) => svc.call('PUT', `/v1/inspectors/${id}`, { token, body })));
      const winners = new Set(answers.filter((a) => a.status === 200 || a.status === 201).map((a) => a.body.department));
      expect(winners.size, JSON.stringify(answers.map((a) => a.status))).toBe(1);
      const [winner] = [...winners];
      for (const a of answers) {
        if (a.body.department === winner) expect([200, 201]).toContain(a.status);
        else expect(a.status).toBe(403);
      }
      // The loser still cannot take it over afterwards.
      const loser = winner === 'FINANCE' ? hrss : finance;
      expect((await svc.call('PUT', `/v1/inspectors/${id}`, { token: loser, body })).status).toBe(403);
    }
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
    jointPlanId = planId;
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

  it('gives its departments the full document: strata, salt, exempt list, industries and roster', async () => {
    const doc = (await svc.call('GET', `/v1/plans/${planId}/population`, { token: ecologyPlanner })).body;
    expect(doc.strata.B).toEqual(ids.slice(0, 10).sort());
    expect(doc.strata.D).toEqual(ids.slice(25, 28).sort());
    expect(doc.exempt).toHaveLength(11);
    expect(doc.seed).toBeUndefined();
    const lines = ['A', 'B', 'C', 'D'].flatMap((s) => [...doc.strata[s]].sort().map((id: string) => `${s}\t${id}\n`)).join('');
    expect(doc.populationHash).toBe(sha256(lines));
    expect(doc.inspectors.map((i: { id: string }) => i.id)).toEqual(['E01', 'E02', 'M01', 'M02', 'M03', 'M04']);
    expect(doc.industries[ids[0]!]).toBe('F51');
    // Conflicts list only members of the population.
    expect(doc.inspectors.find((i: { id: string }) => i.id === 'M01').conflicts).toEqual([ids[21]]);
    expect(doc.inspectors.find((i: { id: string }) => i.id === 'M02').conflicts).toEqual([]);
    expect(doc.strataSalt).toMatch(/^\S{16,}$/);
    for (const s of ['A', 'B', 'C', 'D'] as const) expect(doc.strataHashes[s]).toBe(sha256(`${doc.strataSalt}\n${[...doc.strata[s]].sort().map((id: string) => `${id}\n`).join('')}`));
  });

  it('publishes, without a token, only sizes and salted hashes of the strata', async () => {
    const res = await svc.call('GET', `/v1/public/plans/${planId}`);
    expect(res.status).toBe(200);
    const doc = res.body;
    const full = (await svc.call('GET', `/v1/plans/${planId}/population`, { token: marketPlanner })).body;
    expect(Object.keys(doc).sort()).toEqual(
      ['planId', 'title', 'departments', 'ratios', 'teamSize', 'mode', 'seedCommitment', 'populationHash', 'strataSizes', 'strataHashes', 'scope'].sort(),
    );
    expect(doc).toMatchObject({ planId, title: '2026年第四季度联合抽查', departments: ['MARKET', 'ECOLOGY'], mode: 'routine', scope: { regionPrefix: '12' }, teamSize: 2 });
    expect(doc.strataSizes).toEqual({ A: 0, B: 10, C: 5, D: 3, exempt: 11 });
    expect(doc.strataHashes).toEqual(full.strataHashes);
    expect(doc.populationHash).toBe(full.populationHash);
    // No subject outside the sample (none is drawn yet), so no enterprise of the store is named.
    for (const id of ids) expect(JSON.stringify(doc)).not.toContain(id);
  });

  it('refuses a wrong seed with 422 and a planner of another department with 403', async () => {
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: marketPlanner, body: { seed: 'not-the-committed-seed-at-all' } })).status).toBe(422);
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: taxPlanner, body: { seed } })).status).toBe(403);
    // Authority before content: another department's malformed draw is still 403.
    expect((await svc.call('POST', `/v1/plans/${planId}/draw`, { token: taxPlanner, body: { seed: 'short' } })).status).toBe(403);
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

  it('can be checked by anyone from the public document, and re-run whole from the full one', async () => {
    const doc = (await svc.call('GET', `/v1/public/plans/${planId}`)).body;
    expect(doc.seed).toBe(seed);
    expect(doc.sample.length).toBe(8);
    for (const entry of doc.sample) expect(Object.keys(entry).sort()).toEqual(['subjectId', 'team', 'ticket']);
    expect(doc.results).toEqual([]);
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: true, level: 'public', sampleSize: doc.sample.length });
    const tampered = structuredClone(doc);
    [tampered.sample[0].subjectId, tampered.sample[1].subjectId] = [tampered.sample[1].subjectId, tampered.sample[0].subjectId];
    expect(verifyPlanDocument(tampered).ok).toBe(false);

    const full = (await svc.call('GET', `/v1/plans/${planId}/population`, { token: marketInspector })).body;
    expect(full.sample.map((e: { stratum: string }) => e.stratum).sort()).toEqual(['B', 'B', 'B', 'B', 'C', 'D', 'D', 'D']);
    expect(verifyPlanDocument(full)).toMatchObject({ ok: true, level: 'full', sampleSize: 8 });
    const swapped = structuredClone(full);
    [swapped.sample[0].team, swapped.sample[1].team] = [swapped.sample[1].team, swapped.sample[0].team];
    expect(verifyPlanDocument(swapped).ok).toBe(false);
  });

  it('records results, lists abnormal outcomes on 经营异常名录, and flags late ones', async () => {
    const plan = (await svc.call('GET', `/v1/plans/${planId}`, { token: marketInspector })).body;
    const sampled = plan.draw.sample.map((s: { subjectId: string }) => s.subjectId) as string[];
    const entry = plan.draw.sample.find((s: { subjectId: string; team: string[] | null }) => ids.indexOf(s.subjectId) < 10 && s.team !== null);
    const target = entry.subjectId as string;
    // The team's MARKET inspector records it: the token's sub is the inspector id.
    const teamInspector = await svc.token('MARKET', ['inspector'], entry.team[0]);
    const res = await svc.call('POST', `/v1/plans/${planId}/results`, {
      token: teamInspector,
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
    // The public sees document numbers people read, the plan's title, and never the findings.
    const year = new Date(Date.parse(plan.draw.drawnAt) + 8 * 3600_000).toISOString().slice(0, 4);
    const number = `抽查〔${year}〕2026年第四季度联合抽查第${sampled.indexOf(target) + 1}号`;
    const shown = (await svc.call('GET', `/v1/public/entities/${target}`)).body.records;
    expect(shown.find((r: { type: string }) => r.type === 'inspection')).toMatchObject({ documentNo: number, outcome: 'UNREACHABLE', planId, planTitle: '2026年第四季度联合抽查' });
    expect(shown.find((r: { type: string }) => r.type === 'listing')).toMatchObject({ documentNo: `${number}（列入经营异常名录）`, listCode: 'ABNORMAL_OPERATION' });
    expect(JSON.stringify(shown)).not.toContain('登记住所无人');
    const check = await svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: target, matter: 'COMMITMENT_APPROVAL' } });
    expect(check.body.verdict).toBe('restrict');

    const retry = await svc.call('POST', `/v1/plans/${planId}/results`, { token: teamInspector, body: { subjectId: target, inspectedOn: '2026-09-01', outcome: 'UNREACHABLE', findings: '登记住所无人' } });
    expect(retry.status).toBe(200);
    const other = await svc.call('POST', `/v1/plans/${planId}/results`, { token: teamInspector, body: { subjectId: target, inspectedOn: '2026-09-01', outcome: 'NO_ISSUE' } });
    expect(other.status).toBe(409);
    const notSampled = ids.slice(0, 10).find((id) => !sampled.includes(id))!;
    // A subject outside the sample has no drawn team: a planner of the plan learns it is not sampled.
    expect((await svc.call('POST', `/v1/plans/${planId}/results`, { token: marketPlanner, body: { subjectId: notSampled, inspectedOn: '2026-09-01', outcome: 'NO_ISSUE' } })).status).toBe(422);

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

interface Entry {
  subjectId: string;
  stratum: string;
  ticket: string;
  team: string[] | null;
}
interface StoredRecord {
  type: string;
  source?: string;
  outcome?: string;
  listCode?: string;
  department: string;
  recordId: string;
}

/** The records a plan wrote on a subject, read back over HTTP. */
async function planRecords(subjectId: string, planId: string): Promise<StoredRecord[]> {
  const res = await svc.call('GET', `/v1/entities/${subjectId}/records`, { token: checker });
  expect(res.status).toBe(200);
  return (res.body.records as StoredRecord[]).filter((r) => r.source === `plan:${planId}`);
}

const result = (token: string, planId: string, body: Record<string, unknown>) => svc.call('POST', `/v1/plans/${planId}/results`, { token, body });

describe('who records a result: the drawn team, or a planner of the plan on its behalf', () => {
  let available: Entry[];
  let subject: Entry;

  beforeAll(async () => {
    const plan = (await svc.call('GET', `/v1/plans/${jointPlanId}`, { token: marketPlanner })).body;
    const done = new Set(plan.results.map((r: { subjectId: string }) => r.subjectId));
    available = (plan.draw.sample as Entry[]).filter((e) => !done.has(e.subjectId));
    subject = available.find((e) => e.team !== null)!;
    expect(subject.team).toHaveLength(2);
  });

  it('refuses any other inspector with 403, before reading the body, and writes nothing', async () => {
    const body = { subjectId: subject.subjectId, inspectedOn: '2026-10-09', outcome: 'NO_ISSUE' };
    const outsider = ['M01', 'M02', 'M03', 'M04'].find((id) => !subject.team!.includes(id))!;
    const notOnTeam = await svc.token('MARKET', ['inspector'], outsider);
    expect((await result(notOnTeam, jointPlanId, body)).status).toBe(403);
    // Forbidden and malformed at once: authority first.
    expect((await result(notOnTeam, jointPlanId, { ...body, outcome: 'BOGUS', inspectedOn: 'yesterday' })).status).toBe(403);
    // An inspector on no team of the plan, with no body worth reading.
    const onNoTeam = await svc.call('POST', `/v1/plans/${jointPlanId}/results`, { token: marketInspector, body: {} });
    expect(onNoTeam.status).toBe(403);
    // The team member's id in a token of the other plan department is not that inspector.
    const impostor = await svc.token('ECOLOGY', ['inspector'], subject.team![0]);
    expect((await result(impostor, jointPlanId, body)).status).toBe(403);
    const otherDepartment = await svc.token('TAX', ['inspector'], subject.team![0]);
    expect((await result(otherDepartment, jointPlanId, body)).status).toBe(403);
    expect((await result(auditor, jointPlanId, body)).status).toBe(403);
    expect(await planRecords(subject.subjectId, jointPlanId)).toEqual([]);
  });

  it('answers a different second result 409 and writes nothing; the same result again is 200', async () => {
    const [marketMember, ecologyMember] = subject.team!;
    const market = await svc.token('MARKET', ['inspector'], marketMember);
    const ecology = await svc.token('ECOLOGY', ['inspector'], ecologyMember);
    const first = await result(market, jointPlanId, { subjectId: subject.subjectId, inspectedOn: '2026-10-09', outcome: 'NO_ISSUE' });
    expect(first.status).toBe(201);
    const before = await svc.call('GET', `/v1/entities/${subject.subjectId}/records`, { token: checker });

    const different = await result(ecology, jointPlanId, { subjectId: subject.subjectId, inspectedOn: '2026-10-09', outcome: 'FALSE_INFO', findings: '年报虚假' });
    expect(different.status).toBe(409);
    expect(different.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // Nothing was written: no second inspection record, no listing, not a byte changed.
    const records = await planRecords(subject.subjectId, jointPlanId);
    expect(records.map((r) => [r.type, r.outcome])).toEqual([['inspection', 'NO_ISSUE']]);
    expect(records[0]!.recordId).toBe(first.body.resultId);
    expect((await svc.call('GET', `/v1/entities/${subject.subjectId}/records`, { token: checker })).body).toEqual(before.body);

    const same = await result(ecology, jointPlanId, { subjectId: subject.subjectId, inspectedOn: '2026-10-09', outcome: 'NO_ISSUE' });
    expect(same.status).toBe(200);
    expect(same.body.resultId).toBe(first.body.resultId);
    const view = (await svc.call('GET', `/v1/plans/${jointPlanId}`, { token: ecologyPlanner })).body;
    expect(view.results.filter((r: { subjectId: string }) => r.subjectId === subject.subjectId).map((r: { outcome: string }) => r.outcome)).toEqual(['NO_ISSUE']);
  });

  it('lets two concurrent different results end with exactly one, the loser writing nothing', async () => {
    const racing = available.filter((e) => e.subjectId !== subject.subjectId);
    expect(racing.length).toBeGreaterThanOrEqual(3);
    for (const entry of racing) {
      const [a, b] = await Promise.all([
        result(marketPlanner, jointPlanId, { subjectId: entry.subjectId, inspectedOn: '2026-10-10', outcome: 'NO_ISSUE' }),
        result(ecologyPlanner, jointPlanId, { subjectId: entry.subjectId, inspectedOn: '2026-10-10', outcome: 'UNREACHABLE', findings: '无法联系' }),
      ]);
      expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([201, 409]);
      const winner = (a.status === 201 ? a : b).body;
      const records = await planRecords(entry.subjectId, jointPlanId);
      expect(records.filter((r) => r.type === 'inspection').map((r) => r.outcome)).toEqual([winner.outcome]);
      expect(records.filter((r) => r.type === 'listing')).toHaveLength(winner.outcome === 'UNREACHABLE' ? 1 : 0);
      // Both documents show the winner at once.
      const published = (await svc.call('GET', `/v1/public/plans/${jointPlanId}`)).body.results.filter((r: { subjectId: string }) => r.subjectId === entry.subjectId);
      expect(published).toEqual([{ subjectId: entry.subjectId, outcome: winner.outcome, inspectedOn: '2026-10-10', recordedAt: winner.recordedAt }]);
      const full = (await svc.call('GET', `/v1/plans/${jointPlanId}/population`, { token: auditor })).body;
      expect(full.results.filter((r: { subjectId: string }) => r.subjectId === entry.subjectId).map((r: { outcome: string }) => r.outcome)).toEqual([winner.outcome]);
    }
  });
});

describe('listing outcomes of a plan that does not include the list keeper', () => {
  // 经营异常名录 is kept by MARKET; this plan is ECOLOGY and TAX only.
  const local = Array.from({ length: 4 }, (_, i) => code(200 + i));
  let planId: string;
  let sample: Entry[];
  let marketChecker: string;

  beforeAll(async () => {
    marketChecker = await svc.token('MARKET', ['checker']);
    for (const [i, id] of local.entries()) {
      const res = await svc.call('PUT', `/v1/entities/${id}`, {
        token: marketRecorder,
        body: { kind: 'enterprise', name: `转交对象${i}`, region: '130102', industry: 'C13', status: 'active', establishedOn: '2025-06-01' },
      });
      expect(res.status).toBe(201);
    }
    for (const id of ['T01', 'T02']) {
      expect((await svc.call('PUT', `/v1/inspectors/${id}`, { token: taxPlanner, body: { name: `税务检查${id}`, certificateNo: `CERT-${id}`, fields: ['C'] } })).status).toBe(201);
    }
    const seed = 'referral-plan-seed-2026-12-01-public';
    const created = await svc.call('POST', '/v1/plans', {
      token: ecologyPlanner,
      body: { title: '生态税务联合抽查', departments: ['ECOLOGY', 'TAX'], scope: { regionPrefix: '1301' }, ratios: { A: 1, B: 1, C: 1, D: 1 }, seedCommitment: sha256(seed) },
    });
    expect(created.status).toBe(201);
    planId = created.body.planId;
    const drawn = await svc.call('POST', `/v1/plans/${planId}/draw`, { token: taxPlanner, body: { seed } });
    expect(drawn.status).toBe(200);
    sample = drawn.body.sample;
    expect(sample.map((e) => e.subjectId).sort()).toEqual([...local].sort());
  });

  const referrals = async () =>
    ((await svc.call('GET', '/v1/notices', { token: marketChecker })).body.notices as { noticeId: string; subjectId: string; reason: string; checkIds: string[]; recordId?: string }[]).filter(
      (n) => n.reason === 'referral',
    );

  it('sends the keeper a referral notice instead of listing in its name, once however often it is retried', async () => {
    const entry = sample.find((e) => e.team !== null)!;
    const taxMember = entry.team!.find((id) => id.startsWith('T'))!;
    const token = await svc.token('TAX', ['inspector'], taxMember);
    const body = { subjectId: entry.subjectId, inspectedOn: '2026-11-02', outcome: 'UNREACHABLE', findings: '登记住所无人' };
    const res = await result(token, planId, body);
    expect(res.status).toBe(201);
    expect(res.body.listingRecordId).toBeUndefined();
    expect(res.body.referralNoticeId).toEqual(expect.any(String));

    const records = await planRecords(entry.subjectId, planId);
    expect(records.map((r) => r.type)).toEqual(['inspection']);
    expect(records[0]!.department).toBe('ECOLOGY');
    expect((await svc.call('GET', `/v1/entities/${entry.subjectId}`, { token: checker })).body.lists).toEqual([]);

    const notices = await referrals();
    expect(notices.filter((n) => n.subjectId === entry.subjectId)).toEqual([
      expect.objectContaining({ noticeId: res.body.referralNoticeId, subjectId: entry.subjectId, reason: 'referral', checkIds: [], recordId: res.body.resultId }),
    ]);
    // The keeper's own plan listed its subject itself, so it has no referral for that one.
    expect(notices.every((n) => local.includes(n.subjectId))).toBe(true);

    expect((await result(token, planId, body)).status).toBe(200);
    expect((await referrals()).filter((n) => n.subjectId === entry.subjectId)).toHaveLength(1);
    // No other department's inbox got it.
    const ecologyChecker = await svc.token('ECOLOGY', ['checker']);
    expect((await svc.call('GET', '/v1/notices', { token: ecologyChecker })).body.notices.filter((n: { reason: string }) => n.reason === 'referral')).toEqual([]);
  });

  it('refers each subject on its own notice, recorded by a planner on the team’s behalf too', async () => {
    const first = sample.find((e) => e.team !== null)!;
    const entry = sample.find((e) => e.subjectId !== first.subjectId)!;
    const res = await result(taxPlanner, planId, { subjectId: entry.subjectId, inspectedOn: '2026-11-03', outcome: 'FALSE_INFO' });
    expect(res.status).toBe(201);
    const notices = await referrals();
    expect(new Set(notices.map((n) => n.noticeId)).size).toBe(notices.length);
    expect(notices.map((n) => n.subjectId)).toContain(entry.subjectId);
    expect((await planRecords(entry.subjectId, planId)).map((r) => r.type)).toEqual(['inspection']);
  });
});

describe('one population per commitment, whatever the concurrency', () => {
  it('commits one population, whose hash matches the chunks it is read from, while the store changes under it', async () => {
    for (let round = 0; round < 3; round++) {
      const seed = `concurrent-freeze-round-${round}-seed-public`;
      const body = { title: `并发冻结${round}`, departments: ['MARKET'], scope: { regionPrefix: '1302' }, ratios: { A: 0, B: 0.5, C: 1, D: 1 }, seedCommitment: sha256(seed) };
      // New enterprises in scope keep arriving while the plans freeze, so attempts see different populations.
      const arrivals = Array.from({ length: 8 }, (_, i) => code(300 + round * 10 + i));
      const [answers] = await Promise.all([
        Promise.all(Array.from({ length: 4 }, () => svc.call('POST', '/v1/plans', { token: marketPlanner, body }))),
        (async () => {
          for (const [i, id] of arrivals.entries()) {
            await svc.call('PUT', `/v1/entities/${id}`, {
              token: marketRecorder,
              body: { kind: 'enterprise', name: `并发对象${round}-${i}`, region: '130201', industry: 'C13', status: 'active', establishedOn: '2025-06-01' },
            });
          }
        })(),
      ]);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 200, 200, 201]);
      const committed = answers.find((a) => a.status === 201)!.body;
      for (const a of answers) expect(a.body).toEqual(committed);

      const full = (await svc.call('GET', `/v1/plans/${committed.planId}/population`, { token: marketPlanner })).body;
      expect(populationHash(full.strata)).toBe(committed.populationHash);
      expect(full.populationHash).toBe(committed.populationHash);
      expect({ A: full.strata.A.length, B: full.strata.B.length, C: full.strata.C.length, D: full.strata.D.length, exempt: full.exempt.length }).toEqual(committed.population);
      const published = (await svc.call('GET', `/v1/public/plans/${committed.planId}`)).body;
      for (const s of ['A', 'B', 'C', 'D'] as const) expect(published.strataHashes[s]).toBe(strataHash(full.strataSalt, full.strata[s]));
      expect(published.strataSizes).toEqual(committed.population);

      expect((await svc.call('POST', `/v1/plans/${committed.planId}/draw`, { token: marketPlanner, body: { seed } })).status).toBe(200);
      const drawn = (await svc.call('GET', `/v1/plans/${committed.planId}/population`, { token: marketPlanner })).body;
      expect(verifyPlanDocument(drawn)).toMatchObject({ ok: true, level: 'full' });
      expect(verifyPlanDocument((await svc.call('GET', `/v1/public/plans/${committed.planId}`)).body)).toMatchObject({ ok: true, level: 'public' });
    }
  });
});

describe('auditors', () => {
  it('read any plan and its full document, city-wide', async () => {
    const view = await svc.call('GET', `/v1/plans/${jointPlanId}`, { token: auditor });
    expect(view.status).toBe(200);
    expect(view.body.results.length).toBeGreaterThan(0);
    expect(view.body).not.toHaveProperty('strataSalt');
    const full = await svc.call('GET', `/v1/plans/${jointPlanId}/population`, { token: auditor });
    expect(full.status).toBe(200);
    expect(verifyPlanDocument(full.body)).toMatchObject({ ok: true, level: 'full' });
    expect((await svc.call('GET', `/v1/plans/pl${'0'.repeat(22)}`, { token: auditor })).status).toBe(404);
    // A planner of a department outside the plan is no auditor.
    expect((await svc.call('GET', `/v1/plans/${jointPlanId}/population`, { token: taxPlanner })).status).toBe(403);
  });

  it('write nothing: every plan and inspector write is 403', async () => {
    const seed = 'auditor-may-not-create-this-plan';
    const plan = { title: '审计不可建', departments: ['DRC'], ratios: { A: 0, B: 0, C: 0, D: 1 }, seedCommitment: sha256(seed) };
    expect((await svc.call('POST', '/v1/plans', { token: auditor, body: plan })).status).toBe(403);
    expect((await svc.call('POST', `/v1/plans/${jointPlanId}/draw`, { token: auditor, body: { seed: 'public-lottery-2026-11-22-drawn-live' } })).status).toBe(403);
    expect((await svc.call('PUT', '/v1/inspectors/D01', { token: auditor, body: { name: '审计', certificateNo: 'CERT-D01', fields: ['C'] } })).status).toBe(403);
    expect((await svc.call('POST', '/v1/records', { token: auditor, body: {} })).status).toBe(403);
  });
});

describe('the public plan document discloses no risk class and no identity number', () => {
  it('names only sampled subjects, without strata, and results without findings', async () => {
    const doc = (await svc.call('GET', `/v1/public/plans/${jointPlanId}`)).body;
    for (const field of ['strata', 'strataSalt', 'exempt', 'industries', 'inspectors']) expect(doc).not.toHaveProperty(field);
    const text = JSON.stringify(doc);
    const sampled = new Set(doc.sample.map((e: { subjectId: string }) => e.subjectId));
    for (const id of ids) if (!sampled.has(id)) expect(text).not.toContain(id);
    for (const entry of doc.sample) expect(entry).not.toHaveProperty('stratum');
    expect(doc.results.length).toBeGreaterThan(0);
    for (const r of doc.results) expect(Object.keys(r).sort()).toEqual(['inspectedOn', 'outcome', 'recordedAt', 'subjectId']);
    expect(text).not.toContain('登记住所无人');
    for (const candidate of text.match(/\d{17}[\dX]/g) ?? []) expect(isResidentId(candidate, '2026-12-31')).toBe(false);
    expect(verifyPlanDocument(doc)).toMatchObject({ ok: true, level: 'public' });
  });
});
