import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, cstDate } from '#domain/dates.ts';
import { creditCodeCheckCharacter, residentCheckCharacter } from '#domain/identifiers.ts';
import { canonicalJson, verifyReport, type CreditReport, type ReportKey } from '#domain/credit-reports.ts';
import { makePlan } from '../e2e/plan-fixture.ts';
import { ok } from '../support/calls.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * 专项信用报告 over HTTP (issue 14, API.md Reports): what a report contains and leaves out, its period,
 * reading it back by number and code byte for byte after the records change, the signature checked
 * against the published keys (and a tampered copy refused), idempotent issue under concurrency.
 */
const code = (n: number) => {
  const first17 = `91120000MC${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const COMPANY = code(1);
const CLEAN = code(2);
const PERSON = '11010519491231002X';
const PERSON_WITHOUT_RECORDS = `11010519800101001${residentCheckCharacter('11010519800101001')}`;

let svc: TestService;
let market: string;
let tax: string;
let court: string;
const today = cstDate(new Date());
const monthsAgo = (n: number) => addMonths(today, -n);
const ids: Record<string, string> = {};

async function record(name: string, body: object, token = market) {
  ids[name] = (await ok(svc.call('POST', '/v1/records', { token, body: { documentNo: name, title: `记录${name}`, ...body } }), name)).recordId;
}

const issue = (body: object, headers?: Record<string, string>) => svc.call('POST', '/v1/public/reports', { body, ...(headers ? { headers } : {}) });
const documentNos = (entries: { documentNo: string }[]) => entries.map((e) => e.documentNo).sort();

beforeAll(async () => {
  svc = await startTestService();
  market = await svc.token('MARKET', ['recorder']);
  tax = await svc.token('TAX', ['recorder']);
  court = await svc.token('COURT', ['recorder']);
  const enterprise = { kind: 'enterprise', region: '120116', industry: 'C13', status: 'active', establishedOn: '2001-01-01' };
  await ok(svc.call('PUT', `/v1/entities/${COMPANY}`, { token: market, body: { ...enterprise, name: '天津报告示例有限公司' } }), 'company');
  await ok(svc.call('PUT', `/v1/entities/${CLEAN}`, { token: market, body: { ...enterprise, name: '天津守法示例有限公司' } }), 'clean');
  await ok(svc.call('PUT', `/v1/entities/${PERSON}`, { token: market, body: { kind: 'person', name: '张某某', region: '110105', status: 'active' } }), 'person');
  await ok(svc.call('PUT', `/v1/entities/${PERSON_WITHOUT_RECORDS}`, { token: market, body: { kind: 'person', name: '李某某', region: '110105', status: 'active' } }), 'person 2');

  const penalty = { subjectId: COMPANY, type: 'penalty', decidedOn: monthsAgo(2) };
  await record('P-general', { ...penalty, fineAmount: 5000, legalBasis: '《企业信息公示暂行条例》第十八条', content: '罚款五千元' });
  // A penalty past its one-year publicity period still counts: the report covers what was decided in the period.
  await record('P-old', { ...penalty, decidedOn: monthsAgo(20) });
  await record('P-minor', { ...penalty, severity: 'minor' });
  await record('P-warning', { ...penalty, warningOnly: true });
  await record('P-before-period', { ...penalty, decidedOn: monthsAgo(40) });
  await record('P-retracted', penalty);
  await ok(svc.call('POST', `/v1/records/${ids['P-retracted']}/retract`, { token: market, body: { reason: '录入错误' } }), 'retract');
  await record('P-repaired', { ...penalty, decidedOn: monthsAgo(8) });
  await ok(
    svc.call('POST', `/v1/records/${ids['P-repaired']}/repair`, { token: market, body: { reason: '已整改', repairCommitment: true, correctedOn: monthsAgo(1) } }),
    'repair',
  );
  await record('L-abnormal', { subjectId: COMPANY, type: 'listing', listCode: 'ABNORMAL_OPERATION', decidedOn: monthsAgo(3) });
  // Ended, not retracted: it was a membership in the period.
  await record('L-abnormal-ended', { subjectId: COMPANY, type: 'listing', listCode: 'ABNORMAL_OPERATION', decidedOn: monthsAgo(10) });
  await ok(svc.call('POST', `/v1/records/${ids['L-abnormal-ended']}/end`, { token: market, body: { endedOn: monthsAgo(9), reason: '已移出' } }), 'end');
  await record('L-tax', { subjectId: COMPANY, type: 'listing', listCode: 'MAJOR_TAX_VIOLATION', decidedOn: monthsAgo(4) }, tax);
  await record('L-red', { subjectId: COMPANY, type: 'listing', listCode: 'TAX_A_GRADE', decidedOn: monthsAgo(1) }, tax);
  await record('LIC', { subjectId: COMPANY, type: 'licence', decidedOn: monthsAgo(5) });
  await record('P-clean-minor', { subjectId: CLEAN, type: 'penalty', severity: 'minor', decidedOn: monthsAgo(1) });
  await record('L-person', { subjectId: PERSON, type: 'listing', listCode: 'COURT_DEFAULTER', decidedOn: monthsAgo(6) }, court);
});

afterAll(async () => svc?.close());

describe('what a report contains', () => {
  let report: CreditReport;
  beforeAll(async () => {
    const res = await issue({ subjectId: COMPANY });
    expect(res.status).toBe(201);
    report = res.body;
  });

  it('is, as the first report of a fresh service, signed by a key that was in use when it was issued', async () => {
    const keys = (await ok(svc.call('GET', '/v1/public/report-keys'), 'keys')).keys as ReportKey[];
    expect(keys).toHaveLength(1);
    expect(keys[0]!.from <= report.issuedAt).toBe(true);
    expect(verifyReport(report, keys)).toMatchObject({ valid: true });
  });

  it('covers the last three years to today by default, both ends inclusive', () => {
    expect(report.period).toEqual({ from: addDays(addMonths(today, -36), 1), to: today });
  });

  it('lists publishable penalties, black listings and nothing retracted, repaired, minor, warning-only or out of the period', () => {
    expect(documentNos(report.sections.penalties)).toEqual(['P-general', 'P-old']);
    expect(documentNos(report.sections.listings)).toEqual(['L-abnormal', 'L-abnormal-ended', 'L-tax']);
    expect(report.sections.inspections).toEqual([]);
    expect(report.summary).toEqual({ penalties: 2, listings: 3, inspections: 0 });
    expect(report.clean).toBe(false);
  });

  it('shows each entry as the public lookup does, newest first, with its department', () => {
    expect(report.sections.penalties[0]).toMatchObject({
      recordId: ids['P-general'],
      type: 'penalty',
      documentNo: 'P-general',
      decidedOn: monthsAgo(2),
      department: 'MARKET',
      fineAmount: 5000,
      legalBasis: '《企业信息公示暂行条例》第十八条',
      content: '罚款五千元',
    });
    expect(report.sections.listings.map((l) => l.department)).toEqual(['MARKET', 'TAX', 'MARKET']);
  });

  it('names the subject, the departments covered, when the data was read, a number and a verification code', () => {
    expect(report.subject).toEqual({ id: COMPANY, name: '天津报告示例有限公司', kind: 'enterprise' });
    expect(report.departments).toEqual(expect.arrayContaining(['MARKET', 'TAX', 'COURT']));
    expect(report.departments).toEqual([...report.departments].sort());
    expect(Date.parse(report.dataAsOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(report.reportNo).toMatch(/^[A-Za-z0-9-]{1,32}$/);
    expect(report.verificationCode).toMatch(/^[A-Za-z0-9-]{1,32}$/);
    expect(report.reportNo).not.toBe(report.verificationCode);
  });

  it('says plainly when there is nothing: clean, every category empty', async () => {
    const res = await issue({ subjectId: CLEAN });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ clean: true, summary: { penalties: 0, listings: 0, inspections: 0 }, sections: { penalties: [], listings: [], inspections: [] } });
  });

  it('takes a period, both ends inclusive', async () => {
    const res = await issue({ subjectId: COMPANY, from: monthsAgo(3), to: monthsAgo(2) });
    expect(res.status).toBe(201);
    expect(documentNos(res.body.sections.penalties)).toEqual(['P-general']);
    expect(documentNos(res.body.sections.listings)).toEqual(['L-abnormal']);
  });

  it('lists adverse inspection results, and an abnormal-operation listing a result made', async () => {
    const { planId, draw } = await makePlan(svc, { title: '报告测试抽查计划', draw: true, offset: 500 });
    const planner = await svc.token('MARKET', ['planner']);
    const [first, second] = draw.sample as { subjectId: string }[];
    await ok(svc.call('POST', `/v1/plans/${planId}/results`, { token: planner, body: { subjectId: first!.subjectId, inspectedOn: today, outcome: 'UNREACHABLE' } }), 'result');
    await ok(svc.call('POST', `/v1/plans/${planId}/results`, { token: planner, body: { subjectId: second!.subjectId, inspectedOn: today, outcome: 'NO_ISSUE' } }), 'result');
    const adverse = (await issue({ subjectId: first!.subjectId })).body;
    expect(adverse.summary).toEqual({ penalties: 0, listings: 1, inspections: 1 });
    expect(adverse.sections.inspections[0]).toMatchObject({ type: 'inspection', outcome: 'UNREACHABLE', planId });
    const harmless = (await issue({ subjectId: second!.subjectId })).body;
    expect(harmless).toMatchObject({ clean: true });
  });
});

describe('who and what may be asked for', () => {
  it('masks a natural person’s id, and refuses a person with no public record exactly as an unknown subject', async () => {
    const person = await issue({ subjectId: PERSON });
    expect(person.status).toBe(201);
    expect(person.body.subject).toEqual({ id: '110105********002X', name: '张某某', kind: 'person' });
    expect(JSON.stringify(person.body)).not.toContain(PERSON);
    const without = await issue({ subjectId: PERSON_WITHOUT_RECORDS });
    const unknown = await issue({ subjectId: code(99) });
    expect([without.status, unknown.status]).toEqual([404, 404]);
    expect(without.body.detail ?? '').not.toContain('李某某');
  });

  it.each([
    [{ subjectId: COMPANY, to: addDays(today, 1) }, 'to'],
    [{ subjectId: COMPANY, from: monthsAgo(1), to: monthsAgo(2) }, 'from'],
    [{ subjectId: COMPANY, from: '2026-02-30' }, 'from'],
    [{ subjectId: '91120000MC0000001X' }, 'subjectId'],
    [{ subjectId: COMPANY, extra: 1 }, '(body)'],
  ])('is 400 naming the field for %j', async (body, field) => {
    const res = await issue(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });
});

describe('reading a report back and verifying it', () => {
  let issued: { status: number; body: CreditReport; text: string };
  let keys: ReportKey[];
  beforeAll(async () => {
    issued = (await issue({ subjectId: COMPANY })) as typeof issued;
    keys = (await ok(svc.call('GET', '/v1/public/report-keys'), 'keys')).keys;
  });

  const read = (reportNo: string, code: string) => svc.call('GET', `/v1/public/reports/${encodeURIComponent(reportNo)}?code=${encodeURIComponent(code)}`);

  it('answers the report by its number and code, and 404 for any other code', async () => {
    const res = await read(issued.body.reportNo, issued.body.verificationCode);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(issued.body);
    expect((await read(issued.body.reportNo, issued.body.verificationCode.toLowerCase())).status).toBe(200);
    const wrong = `${issued.body.verificationCode.slice(0, -1)}${issued.body.verificationCode.endsWith('A') ? 'B' : 'A'}`;
    expect((await read(issued.body.reportNo, wrong)).status).toBe(404);
    expect((await read('CR0000000000000000000', issued.body.verificationCode)).status).toBe(404);
    expect((await read(issued.body.reportNo, 'bad code!')).status).toBe(400);
  });

  it('is byte-identical after the records change: a new penalty, a retraction and a repair leave it as issued', async () => {
    const before = (await read(issued.body.reportNo, issued.body.verificationCode)).text;
    await record('P-later', { subjectId: COMPANY, type: 'penalty', decidedOn: today });
    await ok(svc.call('POST', `/v1/records/${ids['P-general']}/retract`, { token: market, body: { reason: '复核撤销' } }), 'retract');
    await ok(svc.call('POST', `/v1/records/${ids['L-abnormal']}/end`, { token: market, body: { endedOn: today, reason: '已移出' } }), 'end');
    const after = (await read(issued.body.reportNo, issued.body.verificationCode)).text;
    expect(after).toBe(before);
    // The text issued, the text read back and the canonical JSON the signature covers are one.
    expect(after).toBe(issued.text);
    expect(after).toBe(canonicalJson(issued.body));
    // A new report shows the change.
    const fresh = (await issue({ subjectId: COMPANY })).body as CreditReport;
    expect(documentNos(fresh.sections.penalties)).toEqual(['P-later', 'P-old']);
  });

  it('carries a signature that verifies against the published key list, and a tampered copy does not', () => {
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ algorithm: 'Ed25519', keyId: issued.body.keyId });
    expect(Buffer.from(keys[0]!.publicKey, 'base64')).toHaveLength(32);
    expect(verifyReport(issued.body, keys)).toMatchObject({ valid: true });
    const tampered = structuredClone(issued.body);
    tampered.sections.penalties.pop();
    tampered.summary.penalties -= 1;
    expect(verifyReport(tampered, keys)).toMatchObject({ valid: false, reason: expect.stringContaining('fingerprint') });
    // Recomputing the fingerprint does not help: the signature is over the digest.
    const refingered = { ...tampered, fingerprint: '0'.repeat(64) };
    expect(verifyReport(refingered, keys).valid).toBe(false);
    expect(verifyReport({ ...issued.body, keyId: 'ed25519-0000000000000000' }, keys)).toMatchObject({ valid: false, reason: expect.stringContaining('not in the published key list') });
    expect(verifyReport(issued.body, [{ ...keys[0]!, from: addDays(today, 2) + 'T00:00:00.000Z' }]).valid).toBe(false);
  });
});

describe('issuing once under retries', () => {
  it('answers concurrent requests under one Idempotency-Key with one report; another body under it is 409', async () => {
    const key = `report-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => issue({ subjectId: COMPANY }, { 'Idempotency-Key': key })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201].slice(6 - answers.length));
    expect(new Set(answers.map((a) => a.body.reportNo)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.verificationCode)).size).toBe(1);
    const other = await issue({ subjectId: CLEAN }, { 'Idempotency-Key': key });
    expect(other.status).toBe(409);
  });

  it('issues a new report for each request without a key', async () => {
    const [a, b] = await Promise.all([issue({ subjectId: CLEAN }), issue({ subjectId: CLEAN })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.reportNo).not.toBe(b.body.reportNo);
  });
});
