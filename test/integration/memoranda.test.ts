import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reference from '#catalogue/memoranda.json' with { type: 'json' };
import type { MemorandumContent } from '#domain/memoranda.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * Memoranda over HTTP (API.md "Memoranda", "Credit checks"): the reference catalogue loaded at
 * bootstrap, versioned publication by admins where nothing is overwritten, and checks that report
 * (and use) the catalogue version just published.
 */

const ENTERPRISE = '91120224064012553U';

const REFERENCE_CODES = [
  'M-ABNORMAL-OPERATION',
  'M-AGRI-INPUT-2017',
  'M-COMMITMENT-BREACH',
  'M-COURT-DEFAULTER-2016',
  'M-CUSTOMS-AEO-2016',
  'M-MAJOR-TAX-2016',
  'M-PROCUREMENT-RECORD',
  'M-PUBLIC-TRADING',
  'M-SAMR-SERIOUS',
  'M-SOCIAL-INSURANCE-2018',
  'M-TAX-A-GRADE-2016',
  'M-WAGE-ARREARS-2017',
  'M-WORK-SAFETY',
];

/** Loading 13 memoranda one by one claims catalogue versions 1 to 13. */
const BOOTSTRAP_CATALOGUE_VERSION = 13;

const referenceEntry = (code: string): MemorandumContent => {
  const found = (reference.memoranda as MemorandumContent[]).find((m) => m.code === code);
  if (!found) throw new Error(`no reference memorandum ${code}`);
  return structuredClone(found);
};

/** A memorandum no reference entry uses, valid as a PUT body. */
const honours = (code = 'M-TEST-HONOURS'): MemorandumContent => ({
  code,
  title: '关于对守合同重信用企业实施联合激励的合作备忘录（测试）',
  documentNo: '测试〔2026〕1号',
  issuedOn: '2026-02-01',
  leadDepartment: 'MARKET',
  targetLists: ['CONTRACT_HONORING'],
  measures: [
    {
      code: '1',
      kind: 'reward',
      force: 'reference',
      departments: ['DRC'],
      matters: ['HONOURS'],
      content: '评优评先中同等条件下优先考虑',
      legalBasis: '国发〔2016〕33号',
    },
  ],
});

let svc: TestService;
let admin: string;
let checker: string;
let recorder: string;
let inspector: string;
let catalogueData: typeof import('#data/catalogue.ts');
const previousRefresh = process.env.CATALOGUE_REFRESH_MS;

/** Every stored catalogue version, oldest first, as the store holds them. */
async function catalogueHistory(): Promise<{ version: number; cause: string; memoranda: Record<string, number> }[]> {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { dynamo, tableName } = await import('#data/client.ts');
  const { keys } = await import('#data/keys.ts');
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.cataloguePartition },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => ({ version: Number(i.version), cause: String(i.cause), memoranda: i.memoranda as Record<string, number> }));
}

/** The version numbers of one memorandum that are stored. */
async function storedVersions(code: string): Promise<number[]> {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { dynamo, tableName } = await import('#data/client.ts');
  const { keys } = await import('#data/keys.ts');
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.memorandumPartition(code) },
      ConsistentRead: true,
    }),
  );
  return Items.map((i) => Number((i.memorandum as { version: number }).version));
}

async function catalogueVersion(): Promise<number> {
  const res = await svc.call('GET', '/v1/memoranda', { token: checker });
  expect(res.status).toBe(200);
  return res.body.catalogueVersion as number;
}

const put = (code: string, body: unknown, token = admin) => svc.call('PUT', `/v1/memoranda/${code}`, { token, body });
const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);

beforeAll(async () => {
  // Far longer than the suite: a check can only see a new catalogue at once if the PUT invalidated the cache.
  process.env.CATALOGUE_REFRESH_MS = '600000';
  svc = await startTestService();
  catalogueData = await import('#data/catalogue.ts');
  admin = await svc.token('DRC', ['admin'], 'admin-wang');
  checker = await svc.token('MARKET', ['checker'], 'checker-zhao');
  recorder = await svc.token('MARKET', ['recorder'], 'recorder-li');
  inspector = await svc.token('MARKET', ['inspector']);
});

afterAll(async () => {
  await svc?.close();
  if (previousRefresh === undefined) delete process.env.CATALOGUE_REFRESH_MS;
  else process.env.CATALOGUE_REFRESH_MS = previousRefresh;
});

describe('the reference catalogue loaded at bootstrap', () => {
  it('lists all 13 reference memoranda at version 1, each shaped as its entry plus version', async () => {
    const res = await svc.call('GET', '/v1/memoranda', { token: checker });
    expect(res.status).toBe(200);
    expect(res.body.catalogueVersion).toBe(BOOTSTRAP_CATALOGUE_VERSION);
    const memoranda = res.body.memoranda as (MemorandumContent & { version: number })[];
    expect(memoranda.map((m) => m.code).sort()).toEqual(REFERENCE_CODES);
    expect(memoranda.every((m) => m.version === 1)).toBe(true);
    for (const m of memoranda) expect(m).toEqual({ ...referenceEntry(m.code), version: 1 });
  });

  it('answers one memorandum with its measures', async () => {
    const res = await svc.call('GET', '/v1/memoranda/M-MAJOR-TAX-2016', { token: checker });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'M-MAJOR-TAX-2016',
      version: 1,
      documentNo: '发改财金〔2016〕2798号',
      issuedOn: '2016-12-30',
      leadDepartment: 'TAX',
      targetLists: ['MAJOR_TAX_VIOLATION'],
    });
    expect(res.body.measures.map((m: { code: string }) => m.code)).toEqual(['1', '5', '9', '11']);
    expect(res.body.measures[3]).toEqual({
      code: '11',
      kind: 'punish',
      force: 'mandatory',
      departments: ['FINANCE'],
      matters: ['PROCUREMENT'],
      content: '依法禁止参加政府采购活动',
      legalBasis: '政府采购法第二十二条、第七十七条',
    });
    expect(res.body).not.toHaveProperty('hash');
  });

  it.each([
    ['a recorder', () => recorder],
    ['an inspector', () => inspector],
    ['an admin', () => admin],
  ])('lets %s read the memoranda', async (_label, token) => {
    expect((await svc.call('GET', '/v1/memoranda', { token: token() })).status).toBe(200);
    expect((await svc.call('GET', '/v1/memoranda/M-WORK-SAFETY', { token: token() })).status).toBe(200);
  });

  it('refuses to read without a token', async () => {
    expect((await svc.call('GET', '/v1/memoranda')).status).toBe(401);
    expect((await svc.call('GET', '/v1/memoranda/M-WORK-SAFETY')).status).toBe(401);
  });

  it('answers an unknown memorandum with 404', async () => {
    const res = await svc.call('GET', '/v1/memoranda/M-NO-SUCH-MEMO', { token: checker });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('publishing a memorandum', () => {
  it('refuses without a token (401) and without the admin role (403), even for a bad body', async () => {
    expect((await svc.call('PUT', '/v1/memoranda/M-PROCUREMENT-RECORD', { body: referenceEntry('M-PROCUREMENT-RECORD') })).status).toBe(401);
    expect((await put('M-PROCUREMENT-RECORD', referenceEntry('M-PROCUREMENT-RECORD'), checker)).status).toBe(403);
    expect((await put('M-PROCUREMENT-RECORD', referenceEntry('M-PROCUREMENT-RECORD'), recorder)).status).toBe(403);
    expect((await put('M-PROCUREMENT-RECORD', { title: '' }, checker)).status).toBe(403);
    expect(await catalogueVersion()).toBe(BOOTSTRAP_CATALOGUE_VERSION);
  });

  it('answers 200 without a new version when the reference entry is put unchanged', async () => {
    const res = await put('M-PROCUREMENT-RECORD', referenceEntry('M-PROCUREMENT-RECORD'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...referenceEntry('M-PROCUREMENT-RECORD'), version: 1 });
    expect(await catalogueVersion()).toBe(BOOTSTRAP_CATALOGUE_VERSION);
    expect(await storedVersions('M-PROCUREMENT-RECORD')).toEqual([1]);
  });

  it('publishes a changed measure as version 2 and keeps version 1 as it was', async () => {
    const before = await catalogueVersion();
    const changed = referenceEntry('M-PROCUREMENT-RECORD');
    changed.measures[1] = { ...changed.measures[1]!, force: 'mandatory', content: '在禁止期限内依法限制参与招标投标' };
    const res = await put('M-PROCUREMENT-RECORD', changed);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...changed, version: 2 });

    const read = await svc.call('GET', '/v1/memoranda/M-PROCUREMENT-RECORD', { token: checker });
    expect(read.body).toEqual({ ...changed, version: 2 });
    const first = await catalogueData.getMemorandumVersion('M-PROCUREMENT-RECORD', 1);
    expect(first).toMatchObject({ ...referenceEntry('M-PROCUREMENT-RECORD'), version: 1 });
    expect(first?.measures[1]).toMatchObject({ force: 'reference', content: '招标投标中审慎参考' });
    expect(await storedVersions('M-PROCUREMENT-RECORD')).toEqual([1, 2]);

    const list = await svc.call('GET', '/v1/memoranda', { token: checker });
    expect(list.body.catalogueVersion).toBe(before + 1);
    const versions = Object.fromEntries(list.body.memoranda.map((m: { code: string; version: number }) => [m.code, m.version]));
    expect(versions).toEqual({ ...Object.fromEntries(REFERENCE_CODES.map((c) => [c, 1])), 'M-PROCUREMENT-RECORD': 2 });

    const again = await put('M-PROCUREMENT-RECORD', changed);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    expect(await catalogueVersion()).toBe(before + 1);
    expect(await storedVersions('M-PROCUREMENT-RECORD')).toEqual([1, 2]);
  });

  it('publishes a new code as version 1 with 201, taking the code from the path when the body omits it', async () => {
    const before = await catalogueVersion();
    const { code: _code, ...withoutCode } = honours();
    const res = await put('M-TEST-HONOURS', withoutCode);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...honours(), version: 1 });
    expect(await catalogueVersion()).toBe(before + 1);
    const again = await put('M-TEST-HONOURS', honours());
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    const list = await svc.call('GET', '/v1/memoranda', { token: checker });
    expect(list.body.memoranda.map((m: { code: string }) => m.code)).toContain('M-TEST-HONOURS');
    expect(list.body.memoranda).toHaveLength(REFERENCE_CODES.length + 1);
  });

  const measureOf = (overrides: object) => ({ ...honours().measures[0]!, ...overrides });

  it.each<[string, unknown, string[]]>([
    ['missing measures', (({ measures: _m, ...rest }) => rest)(honours('M-BAD')), ['measures']],
    ['no measures at all', { ...honours('M-BAD'), measures: [] }, ['measures']],
    ['a bad force', { ...honours('M-BAD'), measures: [measureOf({ force: 'advisory' })] }, ['measures.0.force']],
    ['a bad kind in the second measure', { ...honours('M-BAD'), measures: [measureOf({}), measureOf({ code: '2', kind: 'praise' })] }, ['measures.1.kind']],
    ['duplicate measure codes', { ...honours('M-BAD'), measures: [measureOf({}), measureOf({ content: '另一项措施' })] }, ['measures']],
    ['a body code other than the path code', honours('M-OTHER'), ['code']],
    ['an unknown field', { ...honours('M-BAD'), priority: 1 }, ['(body)']],
    ['several bad fields at once', { ...honours('M-BAD'), title: '', issuedOn: '2026-02-30', targetLists: [] }, ['issuedOn', 'targetLists', 'title']],
  ])('answers 400 naming the fields for %s, and stores nothing', async (_label, body, expected) => {
    const before = await catalogueVersion();
    const res = await put('M-BAD', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect([...new Set(paths(res))].sort()).toEqual(expected);
    expect(await catalogueVersion()).toBe(before);
    expect((await svc.call('GET', '/v1/memoranda/M-BAD', { token: checker })).status).toBe(404);
  });

  it.each<[string, MemorandumContent, string]>([
    ['an unknown target list', { ...honours('M-BAD'), targetLists: ['CONTRACT_HONORING', 'NO_SUCH_LIST'] }, 'targetLists'],
    ['an unknown matter', { ...honours('M-BAD'), measures: [measureOf({}), measureOf({ code: '2', matters: ['HONOURS', 'NO_SUCH_MATTER'] })] }, 'measures.1.matters'],
  ])('answers 422 for %s, naming it, and stores nothing', async (_label, body, path) => {
    const before = await catalogueVersion();
    const res = await put('M-BAD', body);
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual([path]);
    expect(await catalogueVersion()).toBe(before);
    expect(await storedVersions('M-BAD')).toEqual([]);
  });

  it('answers 400 for a malformed path code', async () => {
    const res = await put('M%20BAD', honours('M BAD'));
    expect(res.status).toBe(400);
    expect(paths(res)).toContain('code');
  });
});

describe('checks and the catalogue version', () => {
  const check = () => svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: ENTERPRISE, matter: 'INSPECTION' } });

  beforeAll(async () => {
    const entity = await svc.call('PUT', `/v1/entities/${ENTERPRISE}`, {
      token: recorder,
      body: { kind: 'enterprise', name: '天津宝坻测试商贸有限公司', region: '120224', industry: 'F51', status: 'active' },
    });
    expect(entity.status).toBe(201);
    const listed = await svc.call('POST', '/v1/records', {
      token: recorder,
      body: { subjectId: ENTERPRISE, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津宝市监异〔2026〕7号', decidedOn: '2026-01-05', title: '列入经营异常名录' },
    });
    expect(listed.status).toBe(201);
  });

  it('reports the version a check used, and a check right after a PUT uses the new version and content', async () => {
    const before = await catalogueVersion();
    const first = await check();
    expect(first.status).toBe(200);
    expect(first.body.catalogueVersion).toBe(before);
    expect(first.body.hits).toMatchObject([{ listCode: 'ABNORMAL_OPERATION', kind: 'black', via: 'self', since: '2026-01-05' }]);
    expect(first.body.measures).toEqual([
      {
        memorandum: 'M-ABNORMAL-OPERATION',
        version: 1,
        measure: '1',
        kind: 'punish',
        force: 'mandatory',
        content: '作为重点监管对象，适当提高抽查比例和频次',
        legalBasis: '企业信息公示暂行条例第十七条',
        triggeredBy: ['ABNORMAL_OPERATION'],
      },
    ]);
    expect(first.body.verdict).toBe('restrict');

    const revised = referenceEntry('M-ABNORMAL-OPERATION');
    revised.measures[0] = { ...revised.measures[0]!, force: 'reference', content: '作为重点监管对象时审慎参考（修订）' };
    const published = await put('M-ABNORMAL-OPERATION', revised);
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(2);

    const second = await check();
    expect(second.status).toBe(200);
    expect(second.body.catalogueVersion).toBe(before + 1);
    expect(second.body.measures).toEqual([
      {
        memorandum: 'M-ABNORMAL-OPERATION',
        version: 2,
        measure: '1',
        kind: 'punish',
        force: 'reference',
        content: '作为重点监管对象时审慎参考（修订）',
        legalBasis: '企业信息公示暂行条例第十七条',
        triggeredBy: ['ABNORMAL_OPERATION'],
      },
    ]);
    expect(second.body.verdict).toBe('caution');

    // The log keeps what the first check answered, under the version it used.
    const logged = await svc.call('GET', `/v1/checks/${first.body.checkId}`, { token: checker });
    expect(logged.status).toBe(200);
    expect(logged.body.catalogueVersion).toBe(before);
  });
});

describe('concurrent publication', () => {
  it('gives concurrent changes to one code distinct versions or 409, and claims no catalogue version twice', async () => {
    const before = await catalogueVersion();
    const bodies = Array.from({ length: 6 }, (_, i) => {
      const body = referenceEntry('M-WORK-SAFETY');
      body.measures[0] = { ...body.measures[0]!, content: `列为重点监管对象（并发修订${i}）` };
      return body;
    });
    const results = await Promise.all(bodies.map((b) => put('M-WORK-SAFETY', b)));

    for (const r of results) expect([200, 409]).toContain(r.status);
    const published = results.flatMap((r, i) => (r.status === 200 ? [{ version: r.body.version as number, body: bodies[i]! }] : []));
    expect(published.length).toBeGreaterThanOrEqual(1);
    const versions = published.map((p) => p.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((v) => v >= 2)).toBe(true);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.status).toBe(409);

    // Each published version holds the content of the request that got it.
    for (const p of published) {
      const stored = await catalogueData.getMemorandumVersion('M-WORK-SAFETY', p.version);
      expect(stored?.measures[0]?.content).toBe(p.body.measures[0]!.content);
    }
    // A writer that lost the race may leave an unclaimed version behind (a gap in the numbers); the
    // catalogue never names one, and version 1 is untouched.
    const stored = await storedVersions('M-WORK-SAFETY');
    expect(stored).toEqual(expect.arrayContaining([1, ...versions]));
    expect((await catalogueData.getMemorandumVersion('M-WORK-SAFETY', 1))?.measures[0]?.content).toBe('列为重点监管对象，增加执法检查频次');

    // Every success claimed exactly one new catalogue version; the numbers run on without a gap.
    const history = await catalogueHistory();
    expect(history.map((h) => h.version)).toEqual(Array.from({ length: before + published.length }, (_, i) => i + 1));
    expect(
      history
        .filter((h) => h.version > before)
        .map((h) => h.cause)
        .sort(),
    ).toEqual(versions.map((v) => `M-WORK-SAFETY@${v}`).sort());
    const causes = history.map((h) => h.cause);
    expect(new Set(causes).size).toBe(causes.length);

    const latest = Math.max(...versions);
    const read = await svc.call('GET', '/v1/memoranda/M-WORK-SAFETY', { token: checker });
    expect(read.body).toEqual({ ...published.find((p) => p.version === latest)!.body, version: latest });
    expect(await catalogueVersion()).toBe(before + published.length);
  });

  it('publishes concurrent identical PUTs of a new code once', async () => {
    const before = await catalogueVersion();
    const results = await Promise.all(Array.from({ length: 5 }, () => put('M-TEST-CONCURRENT', honours('M-TEST-CONCURRENT'))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(results.every((r) => r.body.version === 1)).toBe(true);
    expect(await storedVersions('M-TEST-CONCURRENT')).toEqual([1]);
    const history = await catalogueHistory();
    expect(history.filter((h) => h.cause === 'M-TEST-CONCURRENT@1')).toHaveLength(1);
    expect(await catalogueVersion()).toBe(before + 1);
  });
});

describe('an interrupted publish', () => {
  it('does not block the memorandum: a version left unclaimed is skipped', async () => {
    const svcToken = await svc.token('DRC', ['admin']);
    const orphan = referenceEntry('M-PROCUREMENT-RECORD');
    orphan.measures[0] = { ...orphan.measures[0]!, content: '中断的修订（未被目录引用）' };
    const { memorandumHash } = await import('#domain/memoranda.ts');
    const current = (await svc.call('GET', '/v1/memoranda/M-PROCUREMENT-RECORD', { token: svcToken })).body.version as number;
    // A crash after the memorandum version was written and before the catalogue claimed it.
    expect(
      await catalogueData.putMemorandumVersion({ ...orphan, version: current + 1 }, memorandumHash(orphan), { by: 'x', department: 'DRC', at: new Date().toISOString(), requestId: 'crashed' }),
    ).toBe(true);
    const next = referenceEntry('M-PROCUREMENT-RECORD');
    next.measures[0] = { ...next.measures[0]!, content: '后续的正常修订' };
    const res = await svc.call('PUT', '/v1/memoranda/M-PROCUREMENT-RECORD', { token: svcToken, body: next });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(current + 2);
    // Retrying the interrupted content now publishes it as a new version rather than failing.
    const retried = await svc.call('PUT', '/v1/memoranda/M-PROCUREMENT-RECORD', { token: svcToken, body: orphan });
    expect(retried.status).toBe(200);
    expect(retried.body.version).toBe(current + 3);
  });
});
