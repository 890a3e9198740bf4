import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { encodeGbk } from '../support/gbk.ts';
import { ROOT, startTestService, type TestService } from '../support/service.ts';

/**
 * Imports through the service (API.md, imports): a recorder opens an import, PUTs the file to the
 * URL it is given, the job runs the import pipeline for the token's department, and
 * GET /v1/imports/{importId} shows status, counts and the reject file.
 */
const code = (n: number, prefix = '91120116MA') => {
  const first17 = `${prefix}${String(n).padStart(17 - prefix.length, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const BOM = '\uFEFF';

const REGISTERED = code(1);
const OTHER_REGISTERED = code(2);
const UNREGISTERED = code(3);
const NEW_A = code(11);
const NEW_B = code(12);
const NEW_C = code(13);
const SCHOOL = '121200004013590816';
const PERSON = '11010519491231002X';

let svc: TestService;
let market: string;
let marketSub: string;
let tax: string;
let checker: string;
let admin: string;

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function openImport(token: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return svc.call('POST', '/v1/imports', { token, body, ...(headers ? { headers } : {}) });
}

async function upload(url: string, bytes: Buffer | string) {
  const res = await fetch(url, { method: 'PUT', body: new Uint8Array(typeof bytes === 'string' ? Buffer.from(bytes) : bytes), headers: { 'content-type': 'text/csv' } });
  await res.arrayBuffer();
  return res.status;
}

/** Opens an import, uploads the file and waits for the job; answers the import as GET shows it. */
async function importThrough(token: string, body: Record<string, unknown>, bytes: Buffer | string) {
  const opened = await openImport(token, body);
  expect(opened.status).toBe(201);
  expect(await upload(opened.body.uploadUrl, bytes)).toBe(200);
  await svc.service.jobs.idle();
  const view = await svc.call('GET', `/v1/imports/${opened.body.importId}`, { token });
  expect(view.status).toBe(200);
  return view.body;
}

async function rejectsOf(view: { rejectsUrl?: string }): Promise<[number, string, string][]> {
  expect(view.rejectsUrl).toBeDefined();
  const res = await fetch(view.rejectsUrl!);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  // Read as bytes: fetch's text() would drop the BOM that spreadsheet programs need.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith(`${BOM}row,field,reason\n`)).toBe(true);
  return (parse(text, { bom: true, from_line: 2 }) as string[][]).map(([row, field, reason]) => [Number(row), field!, reason!]);
}

async function recordsOf(subjectId: string) {
  const res = await svc.call('GET', `/v1/entities/${subjectId}/records`, { token: market });
  expect(res.status).toBe(200);
  return res.body.records as Record<string, any>[];
}

beforeAll(async () => {
  svc = await startTestService({ env: { IMPORT_PROGRESS_MS: '0' } });
  marketSub = 'market-officer-wang';
  market = await svc.token('MARKET', ['recorder'], marketSub);
  tax = await svc.token('TAX', ['recorder']);
  checker = await svc.token('MARKET', ['checker']);
  admin = await svc.token('CREDIT', ['admin']);
  for (const [id, name] of [[REGISTERED, '天津登记甲有限公司'], [OTHER_REGISTERED, '天津登记乙有限公司']] as const) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, { token: market, body: { kind: 'enterprise', name, region: '120116', industry: 'F51', status: 'active' } });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  await svc?.close();
});

const PENALTY_HEADER = '行政相对人名称,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,违法行为类型,处罚依据,处罚类别,处罚内容,罚款金额(万元),处罚决定日期,处罚机关';
const marketPenalties = csv([
  BOM + PENALTY_HEADER,
  `天津登记甲有限公司,${REGISTERED},津滨市监罚〔2026〕1号,未按规定公示年度报告,《企业信息公示暂行条例》第十八条,罚款,罚款人民币3500元,0.35,2026-03-15,天津市滨海新区市场监督管理局`,
  `天津登记乙有限公司,${OTHER_REGISTERED},津滨市监罚〔2026〕2号,虚假宣传,《反不正当竞争法》第二十条,罚款,罚款人民币1万元,1,2026/04/02,天津市滨海新区市场监督管理局`,
  `天津登记乙有限公司,${OTHER_REGISTERED},津滨市监罚〔2026〕3号,无照经营,《无证无照经营查处办法》第十三条,罚款,罚款,0.1,2026.05.01,天津市滨海新区市场监督管理局`,
  `天津未登记丙有限公司,${UNREGISTERED},津滨市监罚〔2026〕4号,未按规定公示,《企业信息公示暂行条例》第十八条,警告,警告,,2026-05-02,天津市滨海新区市场监督管理局`,
]);

describe('an import uploaded through the API', () => {
  let opened: { importId: string; uploadUrl: string; expiresAt: string; status: string };
  let view: Record<string, any>;

  beforeAll(async () => {
    const res = await openImport(market, { fileName: '滨海新区2026年处罚.csv', format: 'csv' });
    expect(res.status).toBe(201);
    opened = res.body;
  });

  it('opens as waiting, with an upload URL that expires', async () => {
    expect(opened).toMatchObject({ importId: expect.stringMatching(/^im[0-9a-f]{32}$/), status: 'waiting' });
    expect(new URL(opened.uploadUrl).pathname).toBe(`/files/uploads/imports/${opened.importId}`);
    const ahead = Date.parse(opened.expiresAt) - Date.now();
    expect(ahead).toBeGreaterThan(5 * 60_000);
    expect(ahead).toBeLessThanOrEqual(15 * 60_000);
    const res = await svc.call('GET', `/v1/imports/${opened.importId}`, { token: market });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'waiting', read: 0, created: 0, rejected: 0, recordType: 'penalty', registerSubjects: false });
    expect(res.body.rejectsUrl).toBeUndefined();
  });

  it('refuses an upload to a URL whose signature does not match', async () => {
    const url = new URL(opened.uploadUrl);
    url.searchParams.set('signature', 'x'.repeat(43));
    expect(await upload(url.toString(), marketPenalties)).toBe(403);
  });

  it('runs the job once the file is uploaded: done, with counts', async () => {
    expect(await upload(opened.uploadUrl, marketPenalties)).toBe(200);
    await svc.service.jobs.idle();
    const res = await svc.call('GET', `/v1/imports/${opened.importId}`, { token: market });
    expect(res.status).toBe(200);
    view = res.body;
    expect(view).toMatchObject({ status: 'done', read: 4, created: 2, unchanged: 0, conflicting: 0, rejected: 2, registered: 0, encoding: 'utf-8' });
    expect(view.finishedAt >= view.startedAt).toBe(true);
  });

  it('writes the records for the token’s department and sub, as POST /v1/records would', async () => {
    const records = await recordsOf(OTHER_REGISTERED);
    expect(records.find((r) => r.documentNo === '津滨市监罚〔2026〕2号')).toMatchObject({
      type: 'penalty', department: 'MARKET', createdBy: marketSub, fineAmount: 10000, decidedOn: '2026-04-02', title: '罚款：虚假宣传',
    });
    expect(records.find((r) => r.documentNo === '津滨市监罚〔2026〕3号')).toBeUndefined();
  });

  it('links the reject file: a row about a subject not registered is rejected without registerSubjects', async () => {
    const lines = await rejectsOf(view);
    expect(lines.map(([row, field]) => [row, field])).toEqual([
      [4, '处罚决定日期'],
      [5, '行政相对人代码_1(统一社会信用代码)'],
    ]);
    expect(lines[1]![2]).toBe(`no entity ${UNREGISTERED} is registered`);
    expect((await svc.call('GET', `/v1/entities/${UNREGISTERED}`, { token: market })).status).toBe(404);
  });

  it('creates nothing new when the same file is imported again', async () => {
    const again = await importThrough(market, { fileName: '滨海新区2026年处罚.csv', format: 'csv' }, marketPenalties);
    expect(again).toMatchObject({ status: 'done', read: 4, created: 0, unchanged: 2, rejected: 2 });
    expect((await recordsOf(OTHER_REGISTERED)).length).toBe(1);
  });

  it('does nothing twice when the job message is delivered twice, or again after the import is done', async () => {
    const file = csv([PENALTY_HEADER, ...Array.from({ length: 60 }, (_, i) => `天津登记甲有限公司,${REGISTERED},津滨市监罚〔2026〕D${i}号,违法,依据,罚款,罚款,0.01,2026-06-01,机关`)]);
    const res = await openImport(market, { fileName: 'twice.csv', format: 'csv' });
    const { importId, uploadUrl } = res.body;
    expect(await upload(uploadUrl, file)).toBe(200);
    const { enqueue } = await import('#jobs/queue.ts');
    await enqueue([{ kind: 'import', importId }, { kind: 'import', importId }]);
    await svc.service.jobs.idle();
    await enqueue([{ kind: 'import', importId }]);
    await svc.service.jobs.idle();
    const done = await svc.call('GET', `/v1/imports/${importId}`, { token: market });
    expect(done.body).toMatchObject({ status: 'done', read: 60, created: 60, unchanged: 0, rejected: 0 });
    const records = (await recordsOf(REGISTERED)).filter((r) => /〔2026〕D\d+号$/.test(r.documentNo));
    expect(records).toHaveLength(60);
  });

  it('counts, on a run after an interrupted one, the rows the earlier attempt wrote as created by this import', async () => {
    const file = csv([PENALTY_HEADER, ...Array.from({ length: 30 }, (_, i) => `天津登记甲有限公司,${REGISTERED},津滨市监罚〔2026〕R${i}号,违法,依据,罚款,罚款,0.01,2026-06-02,机关`)]);
    const res = await openImport(market, { fileName: 'resumed.csv', format: 'csv' });
    const { importId, uploadUrl } = res.body;
    // An earlier attempt of this import that wrote the first 12 rows, then died.
    const { runImport } = await import('#use-cases/import/run-import.ts');
    const partial = await runImport({
      file: { name: 'resumed.csv', format: 'csv', bytes: Buffer.from(file) },
      department: 'MARKET', sub: marketSub, limit: 12, requestIdPrefix: `import:${importId}`, saveRejects: async () => {},
    });
    expect(partial.created).toBe(12);
    expect(await upload(uploadUrl, file)).toBe(200);
    await svc.service.jobs.idle();
    const done = await svc.call('GET', `/v1/imports/${importId}`, { token: market });
    expect(done.body).toMatchObject({ status: 'done', read: 30, created: 30, unchanged: 0 });
  });

  it('shows the counts while the job runs, not only at the end', async () => {
    const rows = 1200;
    const file = csv([PENALTY_HEADER, ...Array.from({ length: rows }, (_, i) => `天津登记乙有限公司,${OTHER_REGISTERED},津滨市监罚〔2026〕P${i}号,违法,依据,罚款,罚款,0.01,2026-06-03,机关`)]);
    const res = await openImport(market, { fileName: 'progress.csv', format: 'csv' });
    const { importId, uploadUrl } = res.body;
    expect(await upload(uploadUrl, file)).toBe(200);
    const seen: { status: string; read: number; created: number }[] = [];
    for (let last = ''; last !== 'done'; ) {
      const view = await svc.call('GET', `/v1/imports/${importId}`, { token: market });
      seen.push(view.body);
      last = view.body.status;
      expect(last).not.toBe('failed');
    }
    const partial = seen.filter((v) => v.status === 'running' && v.created > 0 && v.created < rows);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((v) => v.read === rows)).toBe(true);
    const created = seen.map((v) => v.created);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ status: 'done', created: rows });
  });

  it('takes uploads larger than the API’s request body limit', async () => {
    // 7 MB of 备注 (a column people read): past the 6 MB the gateway allows a request body.
    const note = '备'.repeat(600_000);
    const file = csv([`${PENALTY_HEADER},备注`, ...Array.from({ length: 4 }, (_, i) => `天津登记乙有限公司,${OTHER_REGISTERED},津滨市监罚〔2026〕L${i}号,违法,依据,罚款,罚款,0.01,2026-06-04,机关,${note}`)]);
    expect(Buffer.byteLength(file)).toBeGreaterThan(7_000_000);
    const done = await importThrough(market, { fileName: 'large.csv', format: 'csv' }, file);
    expect(done).toMatchObject({ status: 'done', read: 4, created: 4 });
  });

  it('fails, without retrying, a file that lacks a column every record needs, saying which', async () => {
    const done = await importThrough(market, { fileName: 'wrong.csv', format: 'csv' }, csv(['名称,金额', '甲,1']));
    expect(done).toMatchObject({ status: 'failed', read: 0, created: 0 });
    expect(done.reason).toMatch(/no column 行政相对人代码_1/);
  });

  it('fails a file in no known encoding', async () => {
    const done = await importThrough(market, { fileName: 'binary.csv', format: 'csv' }, Buffer.from([0xd6, 0xd0, 0xff, 0xfe, 0x00, 0xff]));
    expect(done).toMatchObject({ status: 'failed' });
    expect(done.reason).toMatch(/neither UTF-8 nor GB18030/);
  });

  it('imports JSONL: one POST /v1/records body per line', async () => {
    const line = { subjectId: REGISTERED, type: 'licence', documentNo: '津滨市监许〔2026〕9号', decidedOn: '2026-02-01', title: '食品经营许可证', validUntil: '2031-01-31' };
    const done = await importThrough(market, { fileName: 'licences.jsonl', format: 'jsonl' }, `${JSON.stringify(line)}\n{"subjectId":\n`);
    expect(done).toMatchObject({ status: 'done', read: 2, created: 1, rejected: 1 });
    expect((await recordsOf(REGISTERED)).find((r) => r.documentNo === '津滨市监许〔2026〕9号')).toMatchObject({ type: 'licence', validUntil: '2031-01-31' });
  });
});

describe('a GBK 双公示 file about subjects never registered, with registerSubjects', () => {
  // As Excel on Chinese Windows saves "CSV": GBK, no BOM, CRLF, full-width brackets in the headers.
  const header = '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,证件号码,行政处罚决定书文号,违法行为类型,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关';
  const text = csv([
    header,
    `天津新甲科技有限公司,法人及非法人组织,${NEW_A},,津税罚〔2026〕1号,未按期申报,《税收征收管理法》第六十二条,罚款,罚款人民币2000元,0.2,2026-05-10,国家税务总局天津市滨海新区税务局`,
    `天津新乙商贸有限公司,法人及非法人组织,${NEW_B},,津税罚〔2026〕2号,未按规定开具发票,《发票管理办法》第三十五条,罚款,罚款人民币5000元,0.5,2026-05-11,国家税务总局天津市滨海新区税务局`,
    `天津新乙商贸有限公司,法人及非法人组织,${NEW_B},,津税罚〔2026〕3号,未按期申报,《税收征收管理法》第六十二条,罚款,罚款人民币1000元,0.1,2026-05-12,国家税务总局天津市滨海新区税务局`,
    `天津市示范职业技术学校,法人及非法人组织,${SCHOOL},,津税罚〔2026〕4号,未按期申报,《税收征收管理法》第六十二条,罚款,罚款人民币500元,0.05,2026-05-13,国家税务总局天津市税务局`,
    `张三,自然人,,${PERSON},津税罚〔2026〕5号,未按期申报个人所得税,《税收征收管理法》第六十二条,罚款,罚款人民币200元,0.02,2026-05-14,国家税务总局天津市税务局`,
    `,法人及非法人组织,${NEW_C},,津税罚〔2026〕6号,未按期申报,《税收征收管理法》第六十二条,罚款,罚款人民币200元,0.02,2026-05-15,国家税务总局天津市税务局`,
  ]);
  const gbk = encodeGbk(text);
  const body = { fileName: '滨海税务2026年5月处罚.csv', format: 'csv', recordType: 'penalty', registerSubjects: true };
  let view: Record<string, any>;

  beforeAll(async () => {
    // Not UTF-8: a decoder that assumed it would have read mojibake.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    view = await importThrough(tax, body, gbk);
  });

  it('reads it as GB18030 and creates the records, registering each subject once', () => {
    expect(view).toMatchObject({ status: 'done', encoding: 'gb18030', read: 6, created: 5, unchanged: 0, rejected: 1, registered: 4 });
  });

  it('registers each as provisional from its name and code: kind and region from the code, no industry', async () => {
    const expected = [
      [NEW_A, '天津新甲科技有限公司', 'enterprise', '120116'],
      [NEW_B, '天津新乙商贸有限公司', 'enterprise', '120116'],
      [SCHOOL, '天津市示范职业技术学校', 'organization', '120000'],
      [PERSON, '张三', 'person', '110105'],
    ] as const;
    for (const [id, name, kind, region] of expected) {
      const res = await svc.call('GET', `/v1/entities/${id}`, { token: checker });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, name, kind, region, status: 'active', provisional: true, registeredBy: 'TAX' });
      expect(res.body.industry).toBeUndefined();
    }
    expect((await recordsOf(NEW_B)).map((r) => r.documentNo).sort()).toEqual(['津税罚〔2026〕2号', '津税罚〔2026〕3号']);
    expect((await recordsOf(PERSON))[0]).toMatchObject({ department: 'TAX', fineAmount: 200 });
  });

  it('rejects a row that gives no name to register its subject by, naming the name column', async () => {
    expect(await rejectsOf(view)).toEqual([[7, '行政相对人名称', `is required to register ${NEW_C}, which is not registered`]]);
    expect((await svc.call('GET', `/v1/entities/${NEW_C}`, { token: checker })).status).toBe(404);
  });

  it('makes the names findable in the public search', async () => {
    const res = await svc.call('GET', `/v1/public/search?q=${encodeURIComponent('新甲科技')}`);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ id: NEW_A, name: '天津新甲科技有限公司', kind: 'enterprise' }]);
  });

  it('creates and registers nothing new when imported again', async () => {
    const again = await importThrough(tax, body, gbk);
    expect(again).toMatchObject({ status: 'done', read: 6, created: 0, unchanged: 5, registered: 0, rejected: 1 });
  });

  it('is completed only by the registration keeper or an admin, who becomes its registrar', async () => {
    const completion = { kind: 'enterprise', name: '天津新甲科技有限公司', region: '120116', industry: 'I65', status: 'active', establishedOn: '2019-03-01' };
    expect((await svc.call('PUT', `/v1/entities/${NEW_A}`, { token: tax, body: completion })).status).toBe(403);
    const done = await svc.call('PUT', `/v1/entities/${NEW_A}`, { token: market, body: completion });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ registeredBy: 'MARKET', industry: 'I65', version: 2 });
    expect(done.body.provisional).toBeUndefined();
    expect(done.body.changes.at(-1).fields).toMatchObject({ registeredBy: { from: 'TAX', to: 'MARKET' }, provisional: { from: true, to: null }, industry: { from: null, to: 'I65' } });
    // Registered now: its registrar's, as any other entity.
    expect((await svc.call('PUT', `/v1/entities/${NEW_A}`, { token: tax, body: { ...completion, name: '改名' } })).status).toBe(403);
    const byAdmin = await svc.call('PUT', `/v1/entities/${PERSON}`, { token: admin, body: { kind: 'person', name: '张三', region: '110105', status: 'active' } });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ registeredBy: 'CREDIT' });
    expect(byAdmin.body.provisional).toBeUndefined();
  });
});

describe('licence files', () => {
  it('imports a 双公示 licence file with qualified headers as licences', async () => {
    const file = csv([
      `${BOM}行政相对人名称,行政相对人代码_1（统一社会信用代码）,行政许可决定文书名称,行政许可决定文书号（必填）,许可类别,许可证书名称,许可内容,许可决定日期,有效期自,有效期至,许可机关`,
      `天津登记甲有限公司,${REGISTERED},食品经营许可决定书,津滨市监许〔2026〕21号,普通,食品经营许可证,热食类食品制售,20260301,20260301,20310228,天津市滨海新区市场监督管理局`,
    ]);
    const done = await importThrough(market, { fileName: 'licences.csv', format: 'csv', recordType: 'licence' }, file);
    expect(done).toMatchObject({ status: 'done', read: 1, created: 1, recordType: 'licence' });
    expect((await recordsOf(REGISTERED)).find((r) => r.documentNo === '津滨市监许〔2026〕21号')).toMatchObject({ type: 'licence', title: '食品经营许可证', validUntil: '2031-02-28' });
  });
});

describe('who may import, and what a request must say', () => {
  let marketImport: string;
  beforeAll(async () => {
    marketImport = (await openImport(market, { fileName: 'a.csv', format: 'csv' })).body.importId;
  });

  it('answers 401 without a token and 403 to a role that is not recorder', async () => {
    expect((await svc.call('POST', '/v1/imports', { body: { fileName: 'a.csv', format: 'csv' } })).status).toBe(401);
    expect((await svc.call('GET', `/v1/imports/${marketImport}`)).status).toBe(401);
    expect((await openImport(checker, { fileName: 'a.csv', format: 'csv' })).status).toBe(403);
    expect((await svc.call('GET', `/v1/imports/${marketImport}`, { token: checker })).status).toBe(403);
  });

  it('hides another department’s import (404), as an unknown one', async () => {
    expect((await svc.call('GET', `/v1/imports/${marketImport}`, { token: tax })).status).toBe(404);
    expect((await svc.call('GET', `/v1/imports/im${'0'.repeat(32)}`, { token: market })).status).toBe(404);
    const malformed = await svc.call('GET', '/v1/imports/not-an-import', { token: market });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['importId']);
  });

  it.each([
    [{ format: 'csv' }, 'fileName'],
    [{ fileName: 'a.xlsx', format: 'xlsx' }, 'format'],
    [{ fileName: 'a.csv', format: 'csv', recordType: 'listing' }, 'recordType'],
    [{ fileName: 'a.csv', format: 'csv', registerSubjects: 'yes' }, 'registerSubjects'],
    [{ fileName: '', format: 'csv' }, 'fileName'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await openImport(market, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('answers 400 to a field it does not know', async () => {
    const res = await openImport(market, { fileName: 'a.csv', format: 'csv', department: 'TAX' });
    expect(res.status).toBe(400);
  });

  it('is idempotent under an Idempotency-Key: the same request again is the same import; another body is 409', async () => {
    const body = { fileName: 'retry.csv', format: 'csv', registerSubjects: true };
    const first = await openImport(market, body, { 'idempotency-key': 'officer-wang-2026-06-30-1' });
    expect(first.status).toBe(201);
    const retried = await openImport(market, body, { 'idempotency-key': 'officer-wang-2026-06-30-1' });
    expect(retried.status).toBe(200);
    expect(retried.body.importId).toBe(first.body.importId);
    expect(retried.body.status).toBe('waiting');
    const other = await openImport(market, { ...body, registerSubjects: false }, { 'idempotency-key': 'officer-wang-2026-06-30-1' });
    expect(other.status).toBe(409);
    // The key is the caller's: another department's request with it opens its own import.
    const taxOwn = await openImport(tax, body, { 'idempotency-key': 'officer-wang-2026-06-30-1' });
    expect(taxOwn.status).toBe(201);
    expect(taxOwn.body.importId).not.toBe(first.body.importId);
    // Without a key, every request is a new import.
    const a = await openImport(market, body);
    const b = await openImport(market, body);
    expect(a.body.importId).not.toBe(b.body.importId);
    const bad = await openImport(market, body, { 'idempotency-key': 'has spaces in it' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['Idempotency-Key']);
  });

  it('marks an import failed when its job is given up, unless a run holds it or it is done', async () => {
    const { giveUpJob } = await import('#jobs/run.ts');
    await giveUpJob({ kind: 'import', importId: marketImport }, new Error('store unavailable'));
    const res = await svc.call('GET', `/v1/imports/${marketImport}`, { token: market });
    expect(res.body).toMatchObject({ status: 'failed', reason: expect.stringMatching(/store unavailable/) });
    const done = await importThrough(market, { fileName: 'given-up-late.csv', format: 'csv' }, csv([PENALTY_HEADER]));
    expect(done.status).toBe('done');
    await giveUpJob({ kind: 'import', importId: done.importId }, new Error('a late dead letter'));
    expect((await svc.call('GET', `/v1/imports/${done.importId}`, { token: market })).body.status).toBe('done');
  });
});

describe('the command, beside the running service', () => {
  it('imports a GBK file with --register-subjects into the store the service runs on, and the service sees it at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'import-cli-'));
    try {
      const id = code(21);
      const file = join(dir, '命令行.csv');
      await writeFile(file, encodeGbk(csv([
        '行政相对人名称,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,违法行为类型,处罚决定日期',
        `天津命令行导入有限公司,${id},津税罚〔2026〕90号,未按期申报,2026-05-20`,
      ])));
      const run = (...extra: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/import.ts', '--dept', 'TAX', '--file', file, '--endpoint', svc.service.endpoint, ...extra], {
          cwd: ROOT,
          env: { ...process.env, TABLE_NAME: process.env.TABLE_NAME },
        }).then(({ stdout }) => stdout, (error: { code: number; stdout: string }) => `exit ${error.code}\n${error.stdout}`);
      const without = await run();
      expect(without).toMatch(/^exit 3\n/);
      expect(await readFile(`${file}.rejects.csv`, 'utf8')).toContain(`no entity ${id} is registered`);
      const withFlag = await run('--register-subjects');
      expect(withFlag).toMatch(/\(gb18030\)/);
      expect(withFlag).toMatch(/created\s+1\n/);
      expect(withFlag).toMatch(/subjects registered \(provisional\)\s+1\n/);
      const entity = await svc.call('GET', `/v1/entities/${id}`, { token: checker });
      expect(entity.body).toMatchObject({ name: '天津命令行导入有限公司', provisional: true, registeredBy: 'TAX', kind: 'enterprise', region: '120116' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
