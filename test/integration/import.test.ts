import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT, startTestService, type TestService } from '../support/service.ts';

type RunImport = typeof import('../../functions/use-cases/import/run-import.ts');
type Store = typeof import('../../functions/use-cases/import/store.ts');

const FIXTURES = resolve(ROOT, 'test/fixtures/import');
const CLOCK = () => ({ at: '2026-06-30T02:00:00.000Z', today: '2026-06-30' });

const A = '91120101MA05A0001N';
const B = '91120102MA05B00020';
const C = '91120103MA05C00039';
const SCHOOL = '121200004013590816';
const REPRESENTATIVE = '11010519491231002X';

let svc: TestService;
let importer: RunImport;
let storeModule: Store;
let dir: string;
let recorder: string;

/** The reject file as [row, field, reason] lines, header and BOM checked on the way. */
async function rejectLines(path: string): Promise<[number, string, string][]> {
  const text = await readFile(path, 'utf8');
  expect(text.startsWith('\uFEFFrow,field,reason\n')).toBe(true);
  const records = parse(text, { bom: true, from_line: 2 }) as string[][];
  return records.map(([row, field, reason]) => [Number(row), field!, reason!]);
}

async function recordsOf(subjectId: string) {
  const res = await svc.call('GET', `/v1/entities/${subjectId}/records`, { token: recorder });
  expect(res.status).toBe(200);
  return res.body.records as Record<string, any>[];
}

const byDocument = (records: Record<string, any>[], documentNo: string) => records.find((r) => r.documentNo === documentNo);

function importFile(file: string, options: Partial<Parameters<RunImport['runImport']>[0]> = {}) {
  return importer.runImport({
    file,
    department: 'MARKET',
    rejectsPath: join(dir, `${file.split('/').pop()}.${Math.random().toString(36).slice(2)}.rejects.csv`),
    clock: CLOCK,
    ...options,
  });
}

beforeAll(async () => {
  svc = await startTestService();
  // Imported only now: the data modules read the test store's endpoint from the environment.
  importer = await import('../../functions/use-cases/import/run-import.ts');
  storeModule = await import('../../functions/use-cases/import/store.ts');
  dir = await mkdtemp(join(tmpdir(), 'import-test-'));
  recorder = await svc.token('MARKET', ['recorder']);
  const entities: [string, object][] = [
    [A, { kind: 'enterprise', name: '天津甲商贸有限公司', region: '120101', industry: 'F51', status: 'active', legalRepresentativeId: REPRESENTATIVE }],
    [B, { kind: 'enterprise', name: '天津乙建设工程有限公司', region: '120102', industry: 'E47', status: 'active' }],
    [C, { kind: 'enterprise', name: '天津丙餐饮管理有限公司', region: '120103', industry: 'H62', status: 'active' }],
    [SCHOOL, { kind: 'organization', name: '天津市示范职业技术学校', region: '120000', industry: 'P83', status: 'active' }],
  ];
  for (const [id, body] of entities) expect((await svc.call('PUT', `/v1/entities/${id}`, { token: recorder, body })).status).toBe(201);
});

afterAll(async () => {
  await svc?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('importing a 双公示 penalty CSV', () => {
  let summary: Awaited<ReturnType<RunImport['runImport']>>;
  const rejectsPath = () => join(dir, 'penalties.rejects.csv');

  beforeAll(async () => {
    summary = await importFile(join(FIXTURES, 'penalties.csv'), { rejectsPath: rejectsPath() });
  });

  it('counts every row once: created, duplicate, conflicting, rejected', () => {
    expect(summary).toMatchObject({ read: 11, created: 4, unchanged: 1, conflicting: 1, rejected: 5, notProcessed: 0, interrupted: false });
    expect(summary.ignoredColumns).toEqual([]);
  });

  it('maps the Chinese columns to records: exact 万元 amounts, quoted commas and line breaks, the three date formats', async () => {
    const a = byDocument(await recordsOf(A), '津市监罚〔2026〕101号');
    expect(a).toMatchObject({
      type: 'penalty',
      department: 'MARKET',
      createdBy: 'import:MARKET',
      title: '罚款：未按规定公示年度报告',
      legalBasis: '《企业信息公示暂行条例》第十八条',
      content: '罚款人民币3,500元',
      fineAmount: 3500,
      decidedOn: '2026-03-15',
      publicUntil: '2027-03-15',
      severity: 'general',
    });
    expect(a?.warningOnly).toBeUndefined();
    const b = byDocument(await recordsOf(B), '津市监罚〔2026〕102号');
    expect(b).toMatchObject({ fineAmount: 12345.67, decidedOn: '2026-04-02', publicUntil: '2027-04-02' });
    expect(b?.content).toMatch(/^没收违法所得；\r?\n罚款人民币12,345\.67元$/);
    expect(b?.legalBasis).toBe('《中华人民共和国食品安全法》第一百二十四条第一款第（一）项');
    const c = byDocument(await recordsOf(C), '津市监罚〔2026〕103号');
    expect(c).toMatchObject({ warningOnly: true, decidedOn: '2026-04-10', title: '警告：未按规定办理变更登记' });
    expect(c?.fineAmount).toBeUndefined();
    // 罚款；警告 is more than a warning.
    const fined = byDocument(await recordsOf(A), '津市监罚〔2026〕109号');
    expect(fined).toMatchObject({ fineAmount: 5700 }); // 0.57 × 10000 in floating point is 5699.999999999999
    expect(fined?.warningOnly).toBeUndefined();
  });

  it('writes one reject line per failing field with the file line and the column as written', async () => {
    const lines = await rejectLines(rejectsPath());
    expect(lines.map(([row, field]) => [row, field])).toEqual([
      [6, '行政相对人代码_1'],
      [7, '行政相对人代码_1'],
      [8, '处罚决定日期'],
      [9, '处罚决定日期'],
      [10, '公示截止期'],
      [11, '行政处罚决定书文号'],
    ]);
    const reason = (row: number) => lines.find(([r]) => r === row)![2];
    expect(reason(6)).toMatch(/check character/);
    expect(reason(7)).toBe('no entity 91120104MA05D0004J is registered');
    expect(reason(8)).toMatch(/YYYY-MM-DD, YYYY\/MM\/DD or YYYYMMDD.*2026\.05\.01/);
    expect(reason(9)).toMatch(/calendar date/);
    expect(reason(10)).toMatch(/may shorten but not lengthen the general period \(at most 2027-05-06\)/);
    expect(reason(11)).toMatch(/row 2 with different content/);
    // The rejected rows wrote nothing.
    expect(byDocument(await recordsOf(B), '津市监罚〔2026〕108号')).toBeUndefined();
    expect(byDocument(await recordsOf(A), '津市监罚〔2026〕106号')).toBeUndefined();
  });

  it.each(['batch-get', 'scan'] as const)('re-running (%s) creates nothing and leaves a record retracted in between retracted', async (existence) => {
    const before = byDocument(await recordsOf(A), '津市监罚〔2026〕101号')!;
    if (before.status !== 'retracted') {
      const res = await svc.call('POST', `/v1/records/${before.recordId}/retract`, { token: recorder, body: { reason: '文书录入错误' } });
      expect(res.status).toBe(200);
    }
    const counts = async () => (await Promise.all([A, B, C].map(recordsOf))).map((r) => r.length);
    const countsBefore = await counts();
    const again = await importFile(join(FIXTURES, 'penalties.csv'), { existence });
    expect(again).toMatchObject({ read: 11, created: 0, unchanged: 5, conflicting: 1, rejected: 5 });
    expect(await counts()).toEqual(countsBefore);
    const after = byDocument(await recordsOf(A), '津市监罚〔2026〕101号')!;
    expect(after.status).toBe('retracted');
    expect(after.history.map((h: { action: string }) => h.action)).toEqual(['created', 'retracted']);
  });

  it('reports a row whose document is stored with other content as a conflict and changes nothing', async () => {
    const file = join(dir, 'changed.jsonl');
    await writeFile(file, `${JSON.stringify({ subjectId: B, documentNo: '津市监罚〔2026〕102号', decidedOn: '2026-04-02', title: '另一个标题' })}\n`);
    const rejectsPath = join(dir, 'changed.rejects.csv');
    const result = await importFile(file, { rejectsPath });
    expect(result).toMatchObject({ read: 1, created: 0, conflicting: 1, rejected: 0 });
    const [line] = await rejectLines(rejectsPath);
    expect(line).toEqual([1, 'documentNo', expect.stringMatching(/MARKET already entered document 津市监罚〔2026〕102号 for 91120102MA05B00020 with different content \(record \w+\)/)]);
    expect(byDocument(await recordsOf(B), '津市监罚〔2026〕102号')?.title).toBe('没收违法所得、罚款：销售不符合食品安全标准的食品');
  });
});

describe('files and stores the import refuses', () => {
  it('names the missing columns of a CSV that is not a 双公示 export', async () => {
    const file = join(dir, 'other.csv');
    await writeFile(file, '企业名称,金额\n天津甲商贸有限公司,1\n');
    await expect(importFile(file)).rejects.toThrow(/no column 行政相对人代码_1, no column 行政处罚决定书文号 or 行政许可决定文书号/);
  });

  it('rejects a JSONL line that is not an object with one line, not one per missing field', async () => {
    const file = join(dir, 'not-objects.jsonl');
    const rejectsPath = join(dir, 'not-objects.rejects.csv');
    await writeFile(file, '[1, 2]\n\n42\n');
    expect(await importFile(file, { rejectsPath })).toMatchObject({ read: 2, rejected: 2 });
    expect(await rejectLines(rejectsPath)).toEqual([
      [1, '(row)', 'must be a JSON object'],
      [3, '(row)', 'must be a JSON object'],
    ]);
  });

  it('refuses an on-disk store another process holds without a note of its endpoint, saying what to do', async () => {
    const { startEmbeddedStore } = await import('../../functions/local/store.ts');
    const { openImportStore, StoreLockedError } = await import('../../functions/local/import/open-store.ts');
    const dataDir = join(dir, 'locked');
    const path = join(dataDir, 'store');
    const held = await startEmbeddedStore({ path });
    try {
      // dynalite opens its LevelDB on the first request.
      await fetch(held.endpoint, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
      const opening = openImportStore({ dataDir, tableName: 'credit', region: 'cn-north-1' });
      await expect(opening).rejects.toBeInstanceOf(StoreLockedError);
      await expect(opening).rejects.toThrow(/DYNAMODB_ENDPOINT/);
    } finally {
      await held.close();
    }
    const opened = await openImportStore({ dataDir, tableName: 'credit', region: 'cn-north-1' });
    await opened.close();
  });
});

describe('importing API bodies from JSONL', () => {
  let summary: Awaited<ReturnType<RunImport['runImport']>>;
  let checker: string;
  const rejectsPath = () => join(dir, 'records.rejects.csv');

  /** The listings a credit check of the subject finds, as a department's checker sees them. */
  async function hits(subjectId: string): Promise<{ listCode: string; recordId: string }[]> {
    const res = await svc.call('POST', '/v1/checks', { token: checker, body: { subjectId, matter: 'PROCUREMENT' } });
    expect(res.status).toBe(200);
    return res.body.hits;
  }

  beforeAll(async () => {
    checker = await svc.token('FINANCE', ['checker']);
    // FINANCE checked A before the import: the listing must reach it as a notice.
    expect(await hits(A)).toEqual([]);
    summary = await importFile(join(FIXTURES, 'records.jsonl'), { rejectsPath: rejectsPath() });
  });

  it('creates licences, penalties and listings, normalising ids and dates', async () => {
    expect(summary).toMatchObject({ read: 8, created: 3, unchanged: 0, conflicting: 0, rejected: 5 });
    expect(byDocument(await recordsOf(B), '津市监许〔2026〕301号')).toMatchObject({ type: 'licence', decidedOn: '2026-01-05', validUntil: '2031-01-04' });
    expect(byDocument(await recordsOf(SCHOOL), '津市监罚〔2026〕201号')).toMatchObject({ type: 'penalty', severity: 'serious', publicUntil: '2028-02-01', fineAmount: 2000 });
    const listing = byDocument(await recordsOf(A), '津市监异〔2026〕21号');
    expect(listing).toMatchObject({ type: 'listing', listCode: 'ABNORMAL_OPERATION', listKind: 'black', severity: 'general' });
  });

  it('does after a new listing what the API does: checks see it and recent checkers get a notice', async () => {
    const listing = byDocument(await recordsOf(A), '津市监异〔2026〕21号')!;
    expect(await hits(A)).toEqual([expect.objectContaining({ listCode: 'ABNORMAL_OPERATION', recordId: listing.recordId })]);
    const notices = await svc.call('GET', '/v1/notices', { token: checker });
    expect(notices.status).toBe(200);
    expect(notices.body.notices).toEqual([expect.objectContaining({ subjectId: A, reason: expect.stringContaining('津市监异〔2026〕21号') })]);
  });

  it('completes, on a re-run, a listing whose run stopped between the record and its derived items', async () => {
    const file = join(dir, 'listing.jsonl');
    await writeFile(file, `${JSON.stringify({ subjectId: C, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津市监异〔2026〕30号', decidedOn: '2026-06-01', title: '列入经营异常名录' })}\n`);
    const crashing = importFile(file, { onListing: async () => { throw new Error('process killed'); } });
    await expect(crashing).rejects.toBeInstanceOf(importer.ImportInterruptedError);
    expect(byDocument(await recordsOf(C), '津市监异〔2026〕30号')).toBeDefined();
    // The listing item is the one truth a check reads: it counts from the moment it is stored.
    expect(await hits(C)).toEqual([expect.objectContaining({ listCode: 'ABNORMAL_OPERATION' })]);
    expect(await importFile(file)).toMatchObject({ created: 0, unchanged: 1 });
    expect(await hits(C)).toEqual([expect.objectContaining({ listCode: 'ABNORMAL_OPERATION' })]);
  });

  it('writes each listing as the one item checks read: retracting it through the API clears the check at once', async () => {
    const listing = byDocument(await recordsOf(A), '津市监异〔2026〕21号')!;
    const recorder = await svc.token('MARKET', ['recorder']);
    const retracted = await svc.call('POST', `/v1/records/${listing.recordId}/retract`, { token: recorder, body: { reason: '录入错误' } });
    expect(retracted.status).toBe(200);
    expect(await hits(A)).toEqual([]);
  });

  it('rejects unknown lists, listings by a department that does not keep the list, bad JSON, unknown fields and missing ones', async () => {
    expect(await rejectLines(rejectsPath())).toEqual([
      [5, 'listCode', 'unknown list NO_SUCH_LIST'],
      [6, 'listCode', 'Only COURT may list subjects on COURT_DEFAULTER'],
      [7, '(row)', expect.stringMatching(/^is not valid JSON/)],
      [8, 'remark', 'is not a record field'],
      [9, 'title', 'is required'],
      [9, 'decidedOn', 'must not be in the future'],
    ]);
    expect(byDocument(await recordsOf(A), '（2026）津01执88号')).toBeUndefined();
  });
});

describe('importing a licence CSV', () => {
  it('reads the licence columns and rejects a validity that ends before the decision', async () => {
    const rejectsPath = join(dir, 'licences.rejects.csv');
    const summary = await importFile(join(FIXTURES, 'licences.csv'), { rejectsPath });
    expect(summary).toMatchObject({ read: 2, created: 1, rejected: 1 });
    expect(byDocument(await recordsOf(C), '津和市监许〔2026〕7号')).toMatchObject({
      type: 'licence',
      title: '食品经营许可证',
      content: '热食类食品制售,冷食类食品制售',
      decidedOn: '2026-03-01',
      validUntil: '2031-02-28',
    });
    expect(await rejectLines(rejectsPath)).toEqual([[3, '有效期至', 'must be after decidedOn']]);
  });
});

describe('an interrupted import', () => {
  /** 130 penalty rows over three subjects, in the department's own numbering. */
  async function bigFile(department: string): Promise<string> {
    const file = join(dir, `${department}.jsonl`);
    const rows = Array.from({ length: 130 }, (_, i) =>
      JSON.stringify({ subjectId: [A, B, C][i % 3], documentNo: `${department}罚〔2026〕${i + 1}号`, decidedOn: '2026-05-01', title: '违法行为', fineAmount: i * 10 }),
    );
    await writeFile(file, `${rows.join('\n')}\n`);
    return file;
  }
  async function countOf(department: string) {
    const all = (await Promise.all([A, B, C].map(recordsOf))).flat().filter((r) => r.department === department);
    expect(new Set(all.map((r) => r.documentNo)).size).toBe(all.length);
    return all.length;
  }

  it.each(['batch-get', 'scan'] as const)('fails after two batches (%s), and a re-run completes with exactly the file', async (existence) => {
    const department = existence === 'scan' ? 'ECOLOGY' : 'TAX';
    const file = await bigFile(department);
    const real = storeModule.dynamoImportStore({ client: (await import('../../functions/data/client.ts')).dynamo, tableName: process.env.TABLE_NAME! });
    let writes = 0;
    const failing = {
      ...real,
      writeItems: async (items: readonly Record<string, unknown>[]) => {
        if (++writes > 2) throw new Error('connection reset');
        return real.writeItems(items);
      },
    };
    const first = importFile(file, { department, store: failing, concurrency: 1, existence });
    await expect(first).rejects.toBeInstanceOf(importer.ImportInterruptedError);
    const partial = ((await first.catch((e) => e)) as InstanceType<RunImport['ImportInterruptedError']>).summary;
    expect(partial).toMatchObject({ read: 130, created: 50, notProcessed: 80, interrupted: true });
    expect(await countOf(department)).toBe(50);

    const second = await importFile(file, { department, existence });
    expect(second).toMatchObject({ read: 130, created: 80, unchanged: 50, rejected: 0, conflicting: 0, interrupted: false });
    expect(await countOf(department)).toBe(130);
  });

  it('stops on abort with the writes in flight finished, and a re-run completes', async () => {
    const department = 'HRSS';
    const file = await bigFile(department);
    const controller = new AbortController();
    const real = storeModule.dynamoImportStore({ client: (await import('../../functions/data/client.ts')).dynamo, tableName: process.env.TABLE_NAME! });
    const aborting = {
      ...real,
      writeItems: async (items: readonly Record<string, unknown>[]) => {
        await real.writeItems(items);
        controller.abort();
      },
    };
    const first = await importFile(file, { department, store: aborting, concurrency: 2, windowRows: 50, signal: controller.signal });
    expect(first.interrupted).toBe(true);
    expect(first.created).toBeGreaterThanOrEqual(25);
    expect(first.created).toBeLessThan(130);
    expect(first.notProcessed).toBe(130 - first.created);
    expect(await countOf(department)).toBe(first.created);

    const second = await importFile(file, { department });
    expect(second).toMatchObject({ created: 130 - first.created, unchanged: first.created, interrupted: false });
    expect(await countOf(department)).toBe(130);
  });

  it('imports half a file with a limit, then the rest', async () => {
    const department = 'FINANCE';
    const file = await bigFile(department);
    expect(await importFile(file, { department, limit: 65 })).toMatchObject({ read: 65, created: 65 });
    expect(await importFile(file, { department })).toMatchObject({ read: 130, created: 65, unchanged: 65 });
    expect(await countOf(department)).toBe(130);
  });
});

describe('cell conversions', () => {
  let values: typeof import('../../functions/use-cases/import/values.ts');
  beforeAll(async () => {
    values = await import('../../functions/use-cases/import/values.ts');
  });

  it.each([
    ['0.35', 3500],
    ['1.234567', 12345.67],
    ['0.0001', 1],
    ['12,345.6', 123456000],
    ['2', 20000],
    ['.5', 5000],
    ['0.000001', 0.01],
    ['0.57', 5700],
    ['2.01', 20100],
    ['12.3456', 123456],
    ['1.005', 10050],
  ])('%s 万元 is %d yuan, computed on the digits', (raw, yuan) => {
    expect(values.decimalToYuan(raw, 4)).toEqual({ ok: true, value: yuan });
  });

  it.each(['0.0000001', '-1', 'abc', '1.2.3', ''])('refuses %j as an amount in 万元', (raw) => {
    expect(values.decimalToYuan(raw, 4).ok).toBe(false);
  });

  it.each([
    ['2026-04-02', '2026-04-02'],
    ['2026/04/02', '2026-04-02'],
    ['2026/4/2', '2026-04-02'],
    ['20260402', '2026-04-02'],
  ])('reads the date %s as %s', (raw, iso) => {
    expect(values.normaliseDate(raw)).toEqual({ ok: true, value: iso });
  });

  it('calls a penalty warning-only only when 警告 is its only kind', async () => {
    const { isWarningOnly } = await import('../../functions/use-cases/import/map-columns.ts');
    expect(isWarningOnly('警告')).toBe(true);
    expect(isWarningOnly('罚款；警告')).toBe(false);
    expect(isWarningOnly('罚款')).toBe(false);
  });

  it('draws back-off waits from a window that doubles up to its cap', () => {
    const policy = { attempts: 10, baseMs: 25, maxMs: 3000 };
    expect(storeModule.backoffMs(1, policy, () => 0.999)).toBe(49);
    expect(storeModule.backoffMs(3, policy, () => 0.999)).toBe(199);
    expect(storeModule.backoffMs(12, policy, () => 0.999)).toBe(2997);
    expect(storeModule.backoffMs(5, policy, () => 0)).toBe(0);
  });
});

describe('the record item the import writes', () => {
  it('is the same object, keys in the same order, as spreading keys and record', async () => {
    const { recordToItem } = await import('../../functions/data/records.ts');
    const { keys } = await import('../../functions/data/keys.ts');
    const { buildRecord } = await import('../../functions/domain/records.ts');
    const stamp = { sub: 's', department: 'MARKET', at: '2026-06-30T00:00:00.000Z', requestId: 'r' };
    const listing = buildRecord({ subjectId: A, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: 'd1', decidedOn: '2026-05-01', title: 't' }, 'enterprise', stamp);
    const penalty = buildRecord({ subjectId: A, type: 'penalty', documentNo: 'd2', decidedOn: '2026-05-01', title: 't', fineAmount: 1 }, 'enterprise', stamp);
    for (const record of [listing, penalty]) {
      const key = keys.record(record.subjectId, record.recordId, record.type);
      const spread = {
        ...key,
        ...keys.recordLookup(record.recordId),
        ...(record.type === 'listing' ? keys.outbox(record.createdAt, key) : {}),
        ...keys.populationEntry(record.subjectId, '120104', key.SK),
        itemType: 'record',
        ...record,
      };
      expect(JSON.stringify(recordToItem(record, { kind: 'enterprise', region: '120104' }))).toBe(JSON.stringify(spread));
    }
  });
});

describe('progress', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (c: string) => chunks.push(c) > 0, isTTY: false } as unknown as NodeJS.WriteStream };
  };

  it('redraws one bar on a terminal: processed/total, rate and ETA', async () => {
    const { progressBar } = await import('../../functions/use-cases/import/progress.ts');
    const { chunks, stream } = sink();
    const bar = progressBar(200, { stream, tty: true, intervalMs: 0 });
    bar.update(50);
    bar.done(200);
    expect(chunks[0]).toMatch(/^\rimport \[#{6}-{18}\] 50\/200 25% [\d,]+ rows\/s ETA \S+\x1b\[K$/);
    expect(chunks.at(-1)).toMatch(/200\/200 100% .*ETA 0s\x1b\[K\n$/);
  });

  it('writes plain lines, not more often than its interval, when stderr is not a terminal', async () => {
    const { progressBar } = await import('../../functions/use-cases/import/progress.ts');
    const { chunks, stream } = sink();
    const bar = progressBar(100, { stream, intervalMs: 60_000 });
    bar.update(10);
    bar.update(20);
    bar.done(100);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatch(/^import: 10\/100 10% .*\n$/);
    expect(chunks.every((c) => !c.includes('\r'))).toBe(true);
  });
});

describe('the batch store', () => {
  it('retries the items BatchWriteItem leaves unprocessed', async () => {
    const sent: number[] = [];
    const client = {
      send: vi.fn(async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
        const requests = command.input.RequestItems.t!;
        sent.push(requests.length);
        return sent.length === 1 ? { UnprocessedItems: { t: requests.slice(3) } } : {};
      }),
    };
    const store = storeModule.dynamoImportStore({ client: client as never, tableName: 't', retry: { attempts: 5, baseMs: 1, maxMs: 2 } });
    await store.writeItems(Array.from({ length: 10 }, (_, i) => ({ PK: `P${i}`, SK: 'S' })));
    expect(sent).toEqual([10, 7]);
  });
});
