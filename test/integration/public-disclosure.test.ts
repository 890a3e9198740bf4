import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, residentCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * No name is ever disclosed by an identity number alone (API.md, Public): a natural person is 404 in
 * the public lookup, and not found by the public search, unless they have a public record.
 */
const person = (first17: string) => first17 + residentCheckCharacter(first17);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const NOTHING = person('11010519800101001');
const HIDDEN = person('11010519800101002');
const PUBLIC = person('11010519800101003');
const UNREGISTERED = person('11010519800101004');
const first17 = '91110105MA0000D01';
const QUIET_FIRM = first17 + creditCodeCheckCharacter(first17);

let svc: TestService;
let market: string;

async function register(id: string, name: string) {
  const res = await svc.call('PUT', `/v1/entities/${id}`, { token: market, body: { kind: 'person', name, region: '110105', status: 'active' } });
  expect(res.status).toBe(201);
}

async function penalty(subjectId: string, documentNo: string, extra: object = {}) {
  const res = await svc.call('POST', '/v1/records', { token: market, body: { subjectId, type: 'penalty', documentNo, decidedOn: '2026-06-01', title: '违法行为', ...extra } });
  expect(res.status).toBe(201);
  return res.body.recordId as string;
}

const lookup = (id: string) => svc.call('GET', `/v1/public/entities/${id}`);
const search = async (q: string) => (await svc.call('GET', `/v1/public/search?q=${encodeURIComponent(q)}`)).body.results;

/** What a 404 tells: everything but the request id, with the id asked for taken out. */
const tells = (res: Awaited<ReturnType<typeof lookup>>, id: string) => {
  const { requestId: _r, ...rest } = res.body;
  return JSON.parse(JSON.stringify(rest).replaceAll(id, '<id>'));
};

beforeAll(async () => {
  svc = await startTestService();
  market = await svc.token('MARKET', ['recorder']);
  await register(NOTHING, '李某某');
  await register(HIDDEN, '王某某');
  await register(PUBLIC, '赵某某');
  await penalty(HIDDEN, 'P-minor', { severity: 'minor' });
  await penalty(HIDDEN, 'P-warning', { warningOnly: true });
  const retracted = await penalty(HIDDEN, 'P-retracted');
  expect((await svc.call('POST', `/v1/records/${retracted}/retract`, { token: market, body: { reason: '录入错误' } })).status).toBe(200);
  await penalty(PUBLIC, 'P-public', { fineAmount: 2000 });
  const firm = await svc.call('PUT', `/v1/entities/${QUIET_FIRM}`, {
    token: market,
    body: { kind: 'enterprise', name: '北京无记录测试有限公司', region: '110105', industry: 'I65', status: 'active', establishedOn: '2010-01-01' },
  });
  expect(firm.status).toBe(201);
});

afterAll(async () => svc?.close());

describe('a natural person in the public lookup', () => {
  it('with no record at all is 404, told exactly as an unregistered number', async () => {
    const registered = await lookup(NOTHING);
    const unknown = await lookup(UNREGISTERED);
    expect(registered.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(tells(registered, NOTHING)).toEqual(tells(unknown, UNREGISTERED));
    expect(JSON.stringify(registered.body)).not.toContain('李某某');
  });

  it('with only records the public may not see (minor, warning-only, retracted) is 404', async () => {
    const res = await lookup(HIDDEN);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('王某某');
  });

  it('with a public record is shown, the number masked', async () => {
    const res = await lookup(PUBLIC);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: masked(PUBLIC), name: '赵某某', kind: 'person' });
    expect(res.body.records.map((r: { documentNo: string }) => r.documentNo)).toEqual(['P-public']);
    expect(JSON.stringify(res.body)).not.toContain(PUBLIC);
  });

  it('leaves an enterprise with no record public, as a register entry', async () => {
    const res = await lookup(QUIET_FIRM);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: QUIET_FIRM, name: '北京无记录测试有限公司', records: [] });
  });
});

describe('the public search by a full identity number', () => {
  it('finds nobody without a public record', async () => {
    for (const id of [NOTHING, HIDDEN, UNREGISTERED, HIDDEN.toLowerCase()]) expect(await search(id), id).toEqual([]);
  });

  it('finds a person with a public record, masked, and only by the full number', async () => {
    expect(await search(PUBLIC)).toEqual([{ id: masked(PUBLIC), name: '赵某某', kind: 'person' }]);
    expect(await search('赵某某')).toEqual([]);
    expect(await search(PUBLIC.slice(0, 17))).toEqual([]);
  });

  it('stops finding the person once the public record is retracted', async () => {
    const records = (await svc.call('GET', `/v1/entities/${PUBLIC}/records`, { token: market })).body.records as { recordId: string }[];
    expect(records).toHaveLength(1);
    expect((await svc.call('POST', `/v1/records/${records[0]!.recordId}/retract`, { token: market, body: { reason: '认定有误' } })).status).toBe(200);
    expect((await lookup(PUBLIC)).status).toBe(404);
    expect(await search(PUBLIC)).toEqual([]);
  });
});
