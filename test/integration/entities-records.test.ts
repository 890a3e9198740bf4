import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';

const ENTERPRISE = '91120224064012553U';
const OTHER_ENTERPRISE = '91110000600037341L';
const PERSON = '11010519491231002X';

let svc: TestService;
let market: string;
let tax: string;
let court: string;
let checker: string;

const enterprise = (extra: object = {}) => ({
  kind: 'enterprise',
  name: '天津宝坻测试商贸有限公司',
  region: '120224',
  industry: 'F51',
  status: 'active',
  establishedOn: '2013-03-20',
  ...extra,
});

beforeAll(async () => {
  svc = await startTestService();
  market = await svc.token('MARKET', ['recorder'], 'officer-li');
  tax = await svc.token('TAX', ['recorder']);
  court = await svc.token('COURT', ['recorder']);
  checker = await svc.token('MARKET', ['checker']);
  expect((await svc.call('PUT', `/v1/entities/${ENTERPRISE}`, { token: market, body: enterprise() })).status).toBe(201);
  expect(
    (await svc.call('PUT', `/v1/entities/${PERSON}`, { token: market, body: { kind: 'person', name: '张某某', region: '110105', status: 'active' } })).status,
  ).toBe(201);
});

afterAll(async () => svc?.close());

describe('health and auth', () => {
  it('answers health without a token', async () => {
    const res = await svc.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses a missing or forged token with 401 problem+json', async () => {
    const missing = await svc.call('GET', `/v1/entities/${ENTERPRISE}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const forged = await svc.call('GET', `/v1/entities/${ENTERPRISE}`, { token: market.slice(0, -4) + 'AAAA' });
    expect(forged.status).toBe(401);
  });

  it('refuses a writer without the recorder role with 403', async () => {
    const res = await svc.call('PUT', `/v1/entities/${OTHER_ENTERPRISE}`, { token: checker, body: enterprise() });
    expect(res.status).toBe(403);
    expect(res.body.requestId).toBeTruthy();
  });
});

describe('entities', () => {
  it('normalises the id and answers 200 with the same entity on an identical PUT', async () => {
    const res = await svc.call('PUT', `/v1/entities/9112-0224 0640 12553u`, { token: market, body: enterprise() });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ENTERPRISE);
    expect(res.body.version).toBe(1);
  });

  it('updates with a new version and stamps who and when', async () => {
    const res = await svc.call('PUT', `/v1/entities/${ENTERPRISE}`, { token: market, body: enterprise({ name: '天津宝坻测试商贸集团有限公司' }) });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.updatedBy).toBe('officer-li');
    expect(res.body.updatedByDepartment).toBe('MARKET');
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it.each([
    ['a wrong check character', '91120224064012553A', enterprise()],
    ['a person id for an enterprise', PERSON, enterprise()],
    ['a credit code for a person', OTHER_ENTERPRISE, { kind: 'person', name: '李某', region: '110105', status: 'active' }],
  ])('rejects %s with 400 naming id', async (_label, id, body) => {
    const res = await svc.call('PUT', `/v1/entities/${id}`, { token: market, body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('id');
  });

  it('names every failing body field', async () => {
    const res = await svc.call('PUT', `/v1/entities/${OTHER_ENTERPRISE}`, {
      token: market,
      body: { kind: 'enterprise', name: '', region: '12', status: 'open', legalRepresentativeId: '110105194912310021' },
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['name', 'region', 'status', 'industry']));
  });

  it('answers malformed JSON with 400', async () => {
    const res = await svc.call('PUT', `/v1/entities/${OTHER_ENTERPRISE}`, { token: market, body: '{"kind":' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('(body)');
  });

  it('answers an unknown entity with 404', async () => {
    const res = await svc.call('GET', `/v1/entities/${OTHER_ENTERPRISE}`, { token: checker });
    expect(res.status).toBe(404);
  });
});

describe('records', () => {
  const penalty = {
    subjectId: ENTERPRISE,
    type: 'penalty',
    documentNo: '津宝市监罚〔2026〕1号',
    decidedOn: '2026-03-01',
    title: '未按规定公示年度报告',
    fineAmount: 20000,
  };

  it('creates a penalty with the general-severity publicity period by default', async () => {
    const res = await svc.call('POST', '/v1/records', { token: market, body: penalty });
    expect(res.status).toBe(201);
    expect(res.body.recordId).toMatch(/^[0-9a-z]{26}$/);
    expect(res.body.severity).toBe('general');
    expect(res.body.publicUntil).toBe('2027-03-01');
    expect(res.body.department).toBe('MARKET');
    expect(res.body.createdBy).toBe('officer-li');
  });

  it('returns the same record for an identical retry, and 409 for different content', async () => {
    const first = await svc.call('POST', '/v1/records', { token: market, body: penalty });
    expect(first.status).toBe(200);
    const conflict = await svc.call('POST', '/v1/records', { token: market, body: { ...penalty, fineAmount: 30000 } });
    expect(conflict.status).toBe(409);
    const list = await svc.call('GET', `/v1/entities/${ENTERPRISE}/records`, { token: checker });
    expect(list.body.records.filter((r: { documentNo: string }) => r.documentNo === penalty.documentNo)).toHaveLength(1);
  });

  it('creates one record for concurrent identical requests', async () => {
    const body = { ...penalty, documentNo: '津宝市监罚〔2026〕2号' };
    const results = await Promise.all(Array.from({ length: 8 }, () => svc.call('POST', '/v1/records', { token: market, body })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.body.recordId)).size).toBe(1);
  });

  it('refuses a publicUntil that lengthens the period, naming the field', async () => {
    const res = await svc.call('POST', '/v1/records', { token: market, body: { ...penalty, documentNo: 'X-3', publicUntil: '2027-03-02' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('publicUntil');
  });

  it('accepts a publicUntil that shortens the period', async () => {
    const res = await svc.call('POST', '/v1/records', { token: market, body: { ...penalty, documentNo: 'X-4', publicUntil: '2026-09-01' } });
    expect(res.status).toBe(201);
    expect(res.body.publicUntil).toBe('2026-09-01');
  });

  it('answers 422 for an unknown subject and for an unknown list', async () => {
    const unknownSubject = await svc.call('POST', '/v1/records', { token: market, body: { ...penalty, subjectId: OTHER_ENTERPRISE } });
    expect(unknownSubject.status).toBe(422);
    expect(unknownSubject.body.errors[0].path).toBe('subjectId');
    const unknownList = await svc.call('POST', '/v1/records', {
      token: market,
      body: { subjectId: ENTERPRISE, type: 'listing', listCode: 'NO_SUCH_LIST', documentNo: 'L-1', decidedOn: '2026-03-01', title: 't' },
    });
    expect(unknownList.status).toBe(422);
    expect(unknownList.body.errors[0].path).toBe('listCode');
  });

  it('answers 422 when the list does not take subjects of that kind', async () => {
    const res = await svc.call('POST', '/v1/records', {
      token: market,
      body: { subjectId: PERSON, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: 'L-2', decidedOn: '2026-03-01', title: 't' },
    });
    expect(res.status).toBe(422);
  });

  it("answers 403 when a department lists on another keeper's list, even for an unknown subject", async () => {
    const res = await svc.call('POST', '/v1/records', {
      token: tax,
      body: { subjectId: OTHER_ENTERPRISE, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: 'L-3', decidedOn: '2026-03-01', title: 't' },
    });
    expect(res.status).toBe(403);
  });

  it('requires listCode for a listing', async () => {
    const res = await svc.call('POST', '/v1/records', {
      token: court,
      body: { subjectId: ENTERPRISE, type: 'listing', documentNo: 'L-4', decidedOn: '2026-03-01', title: 't' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('listCode');
  });

  it('lets only the making department retract, keeps the record and its history', async () => {
    const created = await svc.call('POST', '/v1/records', { token: market, body: { ...penalty, documentNo: 'R-1' } });
    const id = created.body.recordId;
    const foreign = await svc.call('POST', `/v1/records/${id}/retract`, { token: tax, body: { reason: '录入错误' } });
    expect(foreign.status).toBe(403);
    const missingReason = await svc.call('POST', `/v1/records/${id}/retract`, { token: market, body: {} });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors[0].path).toBe('reason');
    const retracted = await svc.call('POST', `/v1/records/${id}/retract`, { token: market, body: { reason: '录入错误' } });
    expect(retracted.status).toBe(200);
    expect(retracted.body.status).toBe('retracted');
    const again = await svc.call('POST', `/v1/records/${id}/retract`, { token: market, body: { reason: '录入错误' } });
    expect(again.status).toBe(200);
    const list = await svc.call('GET', `/v1/entities/${ENTERPRISE}/records`, { token: checker });
    const stored = list.body.records.find((r: { recordId: string }) => r.recordId === id);
    expect(stored.status).toBe('retracted');
    expect(stored.history.map((e: { action: string }) => e.action)).toEqual(['created', 'retracted']);
    expect(stored.history[1]).toMatchObject({ by: 'officer-li', department: 'MARKET', reason: '录入错误' });
  });

  it('ends a listing from endedOn, and the entity leaves the list', async () => {
    const listed = await svc.call('POST', '/v1/records', {
      token: market,
      body: { subjectId: ENTERPRISE, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '异-1', decidedOn: '2026-01-05', title: '列入经营异常名录' },
    });
    expect(listed.status).toBe(201);
    let entity = await svc.call('GET', `/v1/entities/${ENTERPRISE}`, { token: checker });
    expect(entity.body.lists).toEqual(['ABNORMAL_OPERATION']);
    expect(entity.body.riskClass).toBe('C');
    const foreign = await svc.call('POST', `/v1/records/${listed.body.recordId}/end`, { token: court, body: { endedOn: '2026-02-01', reason: 'x' } });
    expect(foreign.status).toBe(403);
    const before = await svc.call('POST', `/v1/records/${listed.body.recordId}/end`, { token: market, body: { endedOn: '2025-12-31', reason: '已改正' } });
    expect(before.status).toBe(400);
    const ended = await svc.call('POST', `/v1/records/${listed.body.recordId}/end`, { token: market, body: { endedOn: '2026-02-01', reason: '已改正' } });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    const different = await svc.call('POST', `/v1/records/${listed.body.recordId}/end`, { token: market, body: { endedOn: '2026-02-02', reason: '已改正' } });
    expect(different.status).toBe(409);
    entity = await svc.call('GET', `/v1/entities/${ENTERPRISE}`, { token: checker });
    expect(entity.body.lists).toEqual([]);
  });

  it('answers 404 for an unknown record and 400 for a malformed id', async () => {
    expect((await svc.call('POST', `/v1/records/${'0'.repeat(26)}/retract`, { token: market, body: { reason: 'x' } })).status).toBe(404);
    expect((await svc.call('POST', `/v1/records/nope/retract`, { token: market, body: { reason: 'x' } })).status).toBe(400);
  });
});
