import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, residentCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const person = (first17: string) => first17 + residentCheckCharacter(first17);

const SHOP = code('91120000MA0001001');
const FIRM = code('91120000MA0001002');
const CROWDED = code('91120000MA0001003');
const P1 = person('11010519700101001');
const P2 = person('11010519800101002');

let svc: TestService;
const t = {} as Record<'market' | 'court' | 'tax' | 'checker' | 'admin' | 'marketAdminless', string>;

const put = (token: string, id: string, body: object) => svc.call('PUT', `/v1/entities/${id}`, { token, body });
const enterprise = (extra: object = {}) => ({ kind: 'enterprise', name: '天津诚信商贸有限公司', region: '120101', industry: 'F51', status: 'active', establishedOn: '2015-01-01', ...extra });
const check = async (subjectId: string) => {
  const res = await svc.call('POST', '/v1/checks', { token: t.checker, body: { subjectId, matter: 'PROCUREMENT' } });
  expect(res.status).toBe(200);
  return res.body;
};
const recordsOf = async (id: string) => (await svc.call('GET', `/v1/entities/${id}/records`, { token: t.checker })).body.records as any[];

beforeAll(async () => {
  svc = await startTestService();
  t.market = await svc.token('MARKET', ['recorder']);
  t.court = await svc.token('COURT', ['recorder']);
  t.tax = await svc.token('TAX', ['recorder']);
  t.checker = await svc.token('FINANCE', ['checker']);
  t.admin = await svc.token('DRC', ['admin']);
  expect((await put(t.market, SHOP, enterprise())).status).toBe(201);
  expect((await put(t.market, FIRM, enterprise({ name: '天津某某建设工程有限公司', legalRepresentativeId: P1 }))).status).toBe(201);
  for (const [id, name] of [[P1, '王某'], [P2, '李某']] as const) {
    expect((await put(t.market, id, { kind: 'person', name, region: '110105', status: 'active' })).status).toBe(201);
  }
});

afterAll(() => svc?.close());

describe('an entity is changed only by the department that registered it, or an admin', () => {
  it('refuses another department with 403, before reading the body, and leaves the entity unchanged', async () => {
    const before = (await svc.call('GET', `/v1/entities/${SHOP}`, { token: t.checker })).body;
    const other = await put(t.tax, SHOP, enterprise({ status: 'revoked' }));
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await put(t.tax, SHOP, { kind: 'nonsense' })).status).toBe(403);
    const after = (await svc.call('GET', `/v1/entities/${SHOP}`, { token: t.checker })).body;
    expect(after).toEqual(before);
    expect(after.registeredBy).toBe('MARKET');
  });

  it('keeps every change in the entity’s history with who, when and the earlier value', async () => {
    const renamed = await put(t.market, SHOP, enterprise({ name: '天津诚信商贸集团有限公司' }));
    expect(renamed.status).toBe(200);
    const byAdmin = await put(t.admin, SHOP, enterprise({ name: '天津诚信商贸集团有限公司', status: 'revoked' }));
    expect(byAdmin.status).toBe(200);
    const view = (await svc.call('GET', `/v1/entities/${SHOP}`, { token: t.checker })).body;
    expect(view.status).toBe('revoked');
    expect(view.registeredBy).toBe('MARKET');
    expect(view.changes).toEqual([
      expect.objectContaining({ department: 'MARKET', by: 'market-tester', fields: { name: { from: '天津诚信商贸有限公司', to: '天津诚信商贸集团有限公司' } } }),
      expect.objectContaining({ department: 'DRC', fields: { status: { from: 'active', to: 'revoked' } } }),
    ]);
    // An identical PUT adds nothing to the history.
    expect((await put(t.market, SHOP, enterprise({ name: '天津诚信商贸集团有限公司', status: 'revoked' }))).status).toBe(200);
    expect((await svc.call('GET', `/v1/entities/${SHOP}`, { token: t.checker })).body.changes).toHaveLength(2);
  });
});

describe('a person’s check follows the enterprise’s current legal representative', () => {
  it('moves a court-defaulter hit from the old representative to the new one with the change', async () => {
    expect((await svc.call('POST', '/v1/records', { token: t.court, body: { subjectId: FIRM, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津01执9号', decidedOn: '2026-03-01', title: '失信被执行人' } })).status).toBe(201);
    expect((await check(P1)).hits).toEqual([expect.objectContaining({ listCode: 'COURT_DEFAULTER', via: 'legalRepresentative', enterpriseId: FIRM })]);
    expect((await check(P2)).hits).toEqual([]);
    expect((await put(t.market, FIRM, enterprise({ name: '天津某某建设工程有限公司', legalRepresentativeId: P2 }))).status).toBe(200);
    expect((await check(P1)).hits).toEqual([]);
    expect((await check(P2)).hits).toEqual([expect.objectContaining({ via: 'legalRepresentative', enterpriseId: FIRM })]);
    expect((await put(t.market, FIRM, enterprise({ name: '天津某某建设工程有限公司' }))).status).toBe(200);
    expect((await check(P2)).hits).toEqual([]);
  });
});

describe('correcting a record', () => {
  let penaltyId: string;
  let listingId: string;

  beforeAll(async () => {
    const penalty = await svc.call('POST', '/v1/records', {
      token: t.market,
      body: { subjectId: SHOP, type: 'penalty', documentNo: '津市监罚〔2026〕501号', decidedOn: '2026-03-10', title: '虚假宣传', fineAmount: 50000, severity: 'general' },
    });
    expect(penalty.status).toBe(201);
    penaltyId = penalty.body.recordId;
    expect(penalty.body.publicUntil).toBe('2027-03-10');
    const listing = await svc.call('POST', '/v1/records', {
      token: t.market,
      body: { subjectId: FIRM, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津市监异〔2026〕502号', decidedOn: '2026-04-01', title: '经营异常' },
    });
    expect(listing.status).toBe(201);
    listingId = listing.body.recordId;
  });

  const correct = (id: string, body: object, token = t.market) => svc.call('POST', `/v1/records/${id}/correct`, { token, body });

  it('changes the fields in place: same id, earlier values in the history, the new ones in the public lookup', async () => {
    const res = await correct(penaltyId, { changes: { fineAmount: 5000, title: '虚假宣传（更正）' }, reason: '罚款金额录入错误' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recordId: penaltyId, fineAmount: 5000, title: '虚假宣传（更正）', documentNo: '津市监罚〔2026〕501号', version: 2 });
    expect(res.body.history.at(-1)).toMatchObject({ action: 'corrected', reason: '罚款金额录入错误', department: 'MARKET', previous: { fineAmount: 50000, title: '虚假宣传' } });
    const stored = (await recordsOf(SHOP)).find((r) => r.recordId === penaltyId);
    expect(stored).toMatchObject({ fineAmount: 5000, version: 2 });
    const lookup = (await svc.call('GET', `/v1/public/entities/${SHOP}`)).body.records;
    expect(lookup).toEqual([expect.objectContaining({ documentNo: '津市监罚〔2026〕501号', title: '虚假宣传（更正）', fineAmount: 5000 })]);
  });

  it('recomputes a defaulted publicity period from a corrected decision date and severity', async () => {
    const res = await correct(penaltyId, { changes: { decidedOn: '2026-02-01', severity: 'serious' }, reason: '决定日期与情节录入错误' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decidedOn: '2026-02-01', severity: 'serious', publicUntil: '2029-02-01' });
    expect(res.body.history.at(-1).previous).toEqual({ decidedOn: '2026-03-10', severity: 'general', publicUntil: '2027-03-10' });
  });

  it('answers a repeated correction with the record, changing nothing', async () => {
    const res = await correct(penaltyId, { changes: { decidedOn: '2026-02-01', severity: 'serious' }, reason: '决定日期与情节录入错误' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(3);
  });

  it('moves a listing’s validity in what checks answer at once', async () => {
    expect((await check(FIRM)).hits).toEqual(expect.arrayContaining([expect.objectContaining({ recordId: listingId })]));
    const res = await correct(listingId, { changes: { validUntil: '2026-05-01' }, reason: '有效期录入错误' });
    expect(res.status).toBe(200);
    expect((await check(FIRM)).hits.filter((h: { recordId: string }) => h.recordId === listingId)).toEqual([]);
    expect((await correct(listingId, { changes: { validUntil: null }, reason: '恢复' })).status).toBe(200);
    expect((await check(FIRM)).hits).toEqual(expect.arrayContaining([expect.objectContaining({ recordId: listingId })]));
  });

  it('refuses other departments (403), fields that are not correctable (400), rule breaks (400) and retracted records (409)', async () => {
    expect((await correct(penaltyId, { changes: { title: 'x' }, reason: 'r' }, t.tax)).status).toBe(403);
    const fixed = await correct(penaltyId, { changes: { documentNo: 'X' }, reason: 'r' });
    expect(fixed.status).toBe(400);
    expect(fixed.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'changes', message: expect.stringContaining('documentNo') })]));
    expect((await correct(penaltyId, { changes: {}, reason: 'r' })).status).toBe(400);
    const longer = await correct(penaltyId, { changes: { publicUntil: '2035-01-01' }, reason: 'r' });
    expect(longer.status).toBe(400);
    expect(longer.body.errors).toEqual([expect.objectContaining({ path: 'changes.publicUntil' })]);
    expect((await correct(listingId, { changes: { fineAmount: 1 }, reason: 'r' })).status).toBe(400);
    const future = await correct(listingId, { changes: { decidedOn: '2999-01-01' }, reason: 'r' });
    expect(future.status).toBe(400);
    expect((await svc.call('POST', `/v1/records/${listingId}/retract`, { token: t.market, body: { reason: '错误录入' } })).status).toBe(200);
    expect((await correct(listingId, { changes: { title: '更正' }, reason: 'r' })).status).toBe(409);
  });
});

describe('a check’s trail', () => {
  it('is read by its department and by an auditor of any department, and by no other checker', async () => {
    const answer = await check(SHOP);
    const auditor = await svc.token('CREDIT_OFFICE', ['auditor']);
    const trail = await svc.call('GET', `/v1/checks/${answer.checkId}`, { token: auditor });
    expect(trail.status).toBe(200);
    expect(trail.body).toMatchObject({ checkId: answer.checkId, department: 'FINANCE', verdict: answer.verdict });
    expect((await svc.call('GET', `/v1/checks/${answer.checkId}`, { token: await svc.token('TAX', ['checker']) })).status).toBe(403);
    // Read-only: an auditor cannot give feedback or check.
    expect((await svc.call('POST', '/v1/checks', { token: auditor, body: { subjectId: SHOP, matter: 'PROCUREMENT' } })).status).toBe(403);
  });
});

describe('a subject with thousands of listings', () => {
  it('keeps taking listings and answering checks, with a bounded answer that still counts every hit', async () => {
    expect((await put(t.market, CROWDED, enterprise({ name: '天津多记录贸易有限公司' }))).status).toBe(201);
    const { buildRecord } = await import('#domain/records.ts');
    const { recordToItem } = await import('#data/records.ts');
    const { putAll } = await import('#data/batch-write.ts');
    const stamp = { sub: 'seed', department: 'MARKET', at: new Date().toISOString(), requestId: 'seed' };
    const items = Array.from({ length: 3000 }, (_, i) =>
      recordToItem(buildRecord({ subjectId: CROWDED, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: `津市监异〔2026〕${10000 + i}号`, decidedOn: '2026-01-01', title: '经营异常（'.padEnd(150, '长') + '）' }, 'enterprise', stamp), { kind: 'enterprise', region: '120000' }),
    );
    await putAll(items, 8);
    const added = await svc.call('POST', '/v1/records', { token: t.market, body: { subjectId: CROWDED, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津市监异〔2026〕9999号', decidedOn: '2026-02-01', title: '经营异常' } });
    expect(added.status).toBe(201);
    const answer = await check(CROWDED);
    expect(answer.hits).toHaveLength(100);
    expect(answer.hitCount).toBe(3001);
    expect(answer.hits[0]).toMatchObject({ recordId: added.body.recordId });
    // A black hit with no mandatory measure for FINANCE's procurement matter: caution, counted over every hit.
    expect(answer.verdict).toBe('caution');
    const trail = await svc.call('GET', `/v1/checks/${answer.checkId}`, { token: t.checker });
    expect(trail.status).toBe(200);
    const ended = await svc.call('POST', `/v1/records/${added.body.recordId}/end`, { token: t.market, body: { endedOn: '2026-03-01', reason: '已改正' } });
    expect(ended.status).toBe(200);
    expect((await check(CROWDED)).hitCount).toBe(3000);
  }, 120_000);
});
