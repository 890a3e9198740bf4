import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

const code = (n: number) => {
  const first17 = `91310000MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const HUAWEI = code(1);
const HUAWEI_CLOUD = code(2);
const SHENZHEN_HUAWEI = code(3);
const EXACT = code(4);
const PERSON = '11010519491231002X';

let svc: TestService;
let market: string;
let tax: string;

async function entity(id: string, name: string, extra: object = {}) {
  const res = await svc.call('PUT', `/v1/entities/${id}`, {
    token: market,
    body: { kind: 'enterprise', name, region: '310000', industry: 'I65', status: 'active', establishedOn: '2000-01-01', ...extra },
  });
  expect([200, 201]).toContain(res.status);
}

async function record(body: object, token = market) {
  const res = await svc.call('POST', '/v1/records', { token, body });
  expect(res.status).toBe(201);
  return res.body.recordId as string;
}

beforeAll(async () => {
  svc = await startTestService();
  market = await svc.token('MARKET', ['recorder']);
  tax = await svc.token('TAX', ['recorder']);
  await entity(HUAWEI, '华为技术有限公司');
  await entity(HUAWEI_CLOUD, '华为云计算技术有限公司');
  await entity(SHENZHEN_HUAWEI, '深圳市华为投资控股有限公司');
  await entity(EXACT, '华为');
  await svc.call('PUT', `/v1/entities/${PERSON}`, { token: market, body: { kind: 'person', name: '张某某', region: '110105', status: 'active' } });
  // A person is public only through a public record (API.md, Public).
  await record({ subjectId: PERSON, type: 'penalty', title: '违法行为', decidedOn: '2026-03-01', documentNo: 'P-person' });

  const base = { subjectId: HUAWEI, type: 'penalty', title: '违法行为', decidedOn: '2026-03-01' };
  await record({ ...base, documentNo: 'P-visible', fineAmount: 5000, legalBasis: '《中华人民共和国广告法》第五十五条', content: '罚款五千元' });
  await record({ ...base, documentNo: 'P-minor', severity: 'minor' });
  await record({ ...base, documentNo: 'P-warning', warningOnly: true });
  await record({ ...base, documentNo: 'P-expired', decidedOn: '2024-01-10' });
  const retracted = await record({ ...base, documentNo: 'P-retracted' });
  await svc.call('POST', `/v1/records/${retracted}/retract`, { token: market, body: { reason: '录入错误' } });
  const ended = await record({ subjectId: HUAWEI, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: 'L-ended', decidedOn: '2026-01-05', title: '经营异常' });
  await svc.call('POST', `/v1/records/${ended}/end`, { token: market, body: { endedOn: '2026-02-01', reason: '已改正' } });
  await record({ subjectId: HUAWEI, type: 'listing', listCode: 'TAX_A_GRADE', documentNo: 'L-red', decidedOn: '2026-04-01', title: 'A级纳税人' }, tax);
  await record({ subjectId: HUAWEI, type: 'licence', documentNo: 'LIC-1', decidedOn: '2025-05-01', title: '增值电信业务经营许可证', validUntil: '2030-05-01' });
});

afterAll(async () => svc?.close());

describe('the public credit report', () => {
  it('shows only publishable records inside their period, without a token', async () => {
    const res = await svc.call('GET', `/v1/public/entities/${HUAWEI}`);
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: { documentNo: string }) => r.documentNo).sort()).toEqual(['L-red', 'LIC-1', 'P-visible']);
    expect(res.body).toMatchObject({ id: HUAWEI, name: '华为技术有限公司', kind: 'enterprise', status: 'active' });
    expect(Date.parse(res.body.dataAsOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shows a penalty’s legal basis and content (处罚依据, 处罚内容), as 双公示 publishes them', async () => {
    const res = await svc.call('GET', `/v1/public/entities/${HUAWEI}`);
    const penalty = res.body.records.find((r: { documentNo: string }) => r.documentNo === 'P-visible');
    expect(penalty).toMatchObject({ type: 'penalty', fineAmount: 5000, legalBasis: '《中华人民共和国广告法》第五十五条', content: '罚款五千元' });
  });

  it.each([
    ['a minor penalty', 'P-minor'],
    ['a warning-only penalty', 'P-warning'],
    ['a penalty past its publicity period', 'P-expired'],
    ['a retracted record', 'P-retracted'],
    ['an ended listing', 'L-ended'],
  ])('hides %s', async (_label, documentNo) => {
    const res = await svc.call('GET', `/v1/public/entities/${HUAWEI}`);
    expect(JSON.stringify(res.body)).not.toContain(documentNo);
  });

  it('never shows the risk class or internal stamps', async () => {
    const body = JSON.stringify((await svc.call('GET', `/v1/public/entities/${HUAWEI}`)).body);
    for (const word of ['riskClass', 'createdBy', 'requestId', 'history', 'contentHash']) expect(body).not.toContain(word);
  });

  it("masks a person's identity number", async () => {
    const res = await svc.call('GET', `/v1/public/entities/${PERSON}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('110105********002X');
    expect(JSON.stringify(res.body)).not.toContain(PERSON);
  });

  it('answers 404 for an unknown subject and 400 for a malformed id', async () => {
    expect((await svc.call('GET', `/v1/public/entities/${code(99)}`)).status).toBe(404);
    const bad = await svc.call('GET', '/v1/public/entities/123');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('id');
  });
});

describe('public search', () => {
  it('finds by a name fragment, exact > prefix > contains, shorter first', async () => {
    const res = await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('华为')}`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { name: string }) => r.name)).toEqual(['华为', '华为技术有限公司', '华为云计算技术有限公司', '深圳市华为投资控股有限公司']);
  });

  it('finds by a fragment from the middle of the name', async () => {
    const res = await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('投资控股')}`);
    expect(res.body.results).toEqual([{ id: SHENZHEN_HUAWEI, name: '深圳市华为投资控股有限公司', kind: 'enterprise' }]);
  });

  it('follows a rename', async () => {
    await entity(HUAWEI_CLOUD, '华为云计算有限公司');
    const old = await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('云计算技术')}`);
    expect(old.body.results).toEqual([]);
    const renamed = await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('云计算有限')}`);
    expect(renamed.body.results.map((r: { id: string }) => r.id)).toEqual([HUAWEI_CLOUD]);
  });

  it('finds by a full code, and a person only by the full identity number, masked', async () => {
    expect((await svc.call('GET', `/v1/public/search?q=${HUAWEI.toLowerCase()}`)).body.results).toEqual([{ id: HUAWEI, name: '华为技术有限公司', kind: 'enterprise' }]);
    expect((await svc.call('GET', `/v1/public/search?q=${PERSON}`)).body.results).toEqual([{ id: '110105********002X', name: '张某某', kind: 'person' }]);
    expect((await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('张某')}`)).body.results).toEqual([]);
  });

  it('refuses a query shorter than two characters, naming q', async () => {
    for (const q of ['', '华', '%20华%20']) {
      const res = await svc.call('GET', `/v1/public/search?q=${q}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('q');
    }
    expect((await svc.call('GET', '/v1/public/search')).status).toBe(400);
  });

  it('returns at most 20 results', async () => {
    for (let i = 10; i < 35; i++) await entity(code(i), `上海示范贸易有限公司第${i}分公司`);
    const res = await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('示范贸易')}`);
    expect(res.body.results).toHaveLength(20);
  });
});
