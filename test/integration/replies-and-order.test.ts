import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, storeAttributeIn, type TestService } from '../support/service.ts';

/**
 * Replies and the order of checks (API.md, Conventions and Credit checks): a repeated feedback answers
 * the stored one; no response carries the store's attributes; every 401 is problem+json; authority is
 * decided before content — 401 → role 403 → path syntax 400 → ownership 403/404 → body 400 → 422.
 */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const DEFAULTER = code('91330000MA00R0001');
const UNREGISTERED = code('91330000MA00R0009');
const UNKNOWN_CHECK = `${'0'.repeat(9)}${'a'.repeat(16)}`;
const UNKNOWN_TASK = `tk${'0'.repeat(22)}`;
const UNKNOWN_COMMITMENT = '33010020260101999999';
const MEASURE = 'M-COURT-DEFAULTER-2016/CP';

let svc: TestService;
const t = {} as Record<'market' | 'court' | 'wang' | 'zhao' | 'financeChecker' | 'tax' | 'taxInspector' | 'marketInspector' | 'checkerOnly', string>;
let checkId: string;
let commitmentCode: string;
let taskId: string;

type Response = Awaited<ReturnType<TestService['call']>>;

function expectProblem(res: Response | { status: number; headers: Headers; body: any }, status: number, label = '') {
  expect(res.status, `${label} ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toEqual({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), errors: expect.any(Array), requestId: expect.any(String) });
}

/** A request written byte for byte, for what fetch refuses to send. */
function raw(head: string): Promise<{ status: number; headers: Headers; body: any }> {
  const url = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(head));
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const [top, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = top!.split('\r\n');
      const headers = new Headers(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]));
      const payload = rest.join('\r\n\r\n');
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: payload ? JSON.parse(payload) : undefined });
    });
  });
}

beforeAll(async () => {
  svc = await startTestService();
  t.market = await svc.token('MARKET', ['recorder']);
  t.court = await svc.token('COURT', ['recorder']);
  t.wang = await svc.token('APPROVAL', ['checker'], 'clerk-wang');
  t.zhao = await svc.token('APPROVAL', ['checker'], 'clerk-zhao');
  t.financeChecker = await svc.token('FINANCE', ['checker']);
  t.tax = await svc.token('TAX', ['recorder']);
  t.taxInspector = await svc.token('TAX', ['inspector']);
  t.marketInspector = await svc.token('MARKET', ['inspector']);
  t.checkerOnly = await svc.token('MARKET', ['checker']);
  const put = await svc.call('PUT', `/v1/entities/${DEFAULTER}`, {
    token: t.market,
    body: { kind: 'enterprise', name: '浙江答复测试有限公司', region: '330100', industry: 'C13', status: 'active', establishedOn: '2012-01-01' },
  });
  expect(put.status).toBe(201);
  const listed = await svc.call('POST', '/v1/records', {
    token: t.court,
    body: { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)浙01执9号', decidedOn: '2026-02-01', title: '失信被执行人' },
  });
  expect(listed.status).toBe(201);
  const check = await svc.call('POST', '/v1/checks', { token: t.wang, body: { subjectId: DEFAULTER, matter: 'COMMITMENT_APPROVAL' } });
  expect(check.body.measures.map((m: { memorandum: string; measure: string }) => `${m.memorandum}/${m.measure}`)).toContain(MEASURE);
  checkId = check.body.checkId;
  const made = await svc.call('POST', '/v1/commitments', { token: t.market, body: { subjectId: DEFAULTER, type: 'VOLUNTARY', matter: 'LICENCE', content: '按期整改', dueOn: '2099-01-01' } });
  expect(made.status).toBe(201);
  commitmentCode = made.body.code;
  const approval = await svc.call('POST', '/v1/approvals', {
    token: t.market,
    body: { subjectId: DEFAULTER, matter: 'LICENCE', licenceNo: 'R-LIC-1', title: '许可证', decidedOn: '2026-03-01', decision: 'granted', supervisingDepartments: ['MARKET'] },
  });
  expect(approval.status).toBe(201);
  taskId = (await svc.call('GET', '/v1/supervision/tasks', { token: t.marketInspector })).body.tasks[0].taskId;
});

afterAll(async () => svc?.close());

describe('replies', () => {
  it('answers the same feedback again with 200 and the stored feedback, shaped as the first answer', async () => {
    const feedback = (token: string, body: object) => svc.call('POST', `/v1/checks/${checkId}/feedback`, { token, body });
    const first = await feedback(t.wang, { measure: MEASURE, outcome: 'applied' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ checkId, measure: MEASURE, outcome: 'applied', by: 'clerk-wang', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const again = await feedback(t.wang, { measure: MEASURE, outcome: 'applied' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // A colleague sending the same feedback is answered with the one stored, given by the first.
    const colleague = await feedback(t.zhao, { measure: MEASURE, outcome: 'applied' });
    expect(colleague.status).toBe(200);
    expect(colleague.body.by).toBe('clerk-wang');
    expect(Object.keys(colleague.body).sort()).toEqual(['at', 'by', 'checkId', 'measure', 'outcome']);
    expectProblem(await feedback(t.wang, { measure: MEASURE, outcome: 'not-applied', note: '另行处理' }), 409);
  });

  it('finds a store attribute anywhere in a response body, so every test refuses one', () => {
    expect(storeAttributeIn({ a: [{ b: { GSI2SK: 'x' } }] })).toBe('$.a[0].b.GSI2SK');
    expect(storeAttributeIn([{ PK: 1 }])).toBe('$[0].PK');
    expect(storeAttributeIn({ SK: 'x' })).toBe('$.SK');
    expect(storeAttributeIn({ nested: { itemType: 'feedback' } })).toBe('$.nested.itemType');
    expect(storeAttributeIn({ pk: 1, sku: 'x', type: 'penalty', items: [{ kind: 'x' }] })).toBeUndefined();
  });
});

describe('every 401 is problem+json', () => {
  it('without a token, with a token signed elsewhere, expired, or malformed', async () => {
    const { signToken } = await import('../../functions/local/tokens.ts');
    const elsewhere = await signToken(new TextEncoder().encode('another secret entirely, 32 chars'), { sub: 'x', dept: 'MARKET', roles: ['recorder'] });
    const expired = await signToken(svc.service.secret, { sub: 'x', dept: 'MARKET', roles: ['recorder'] }, -60);
    expectProblem(await svc.call('GET', '/v1/notices'), 401, 'no token');
    expectProblem(await svc.call('GET', '/v1/notices', { token: elsewhere }), 401, 'signed elsewhere');
    expectProblem(await svc.call('GET', '/v1/notices', { token: expired }), 401, 'expired');
    for (const header of ['Bearer not.a.jwt', 'Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(2000)}`]) {
      expectProblem(await svc.call('GET', '/v1/notices', { headers: { authorization: header } }), 401, header.slice(0, 20));
    }
  });

  it('for an Authorization header the HTTP parser itself refuses', async () => {
    for (const token of ['\u0001abc', 'abc\u007f', 'a\u0000b']) {
      const res = await raw(`GET /v1/notices HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
      expectProblem(res, 401, JSON.stringify(token));
    }
  });

  it('for a verified token that names no department', async () => {
    const { signToken } = await import('../../functions/local/tokens.ts');
    const noDept = await signToken(svc.service.secret, { sub: 'x', dept: '', roles: ['recorder'] });
    expectProblem(await svc.call('POST', '/v1/records', { token: noDept, body: '{' }), 401);
  });

  it('answers other requests the HTTP parser refuses as problem+json too', async () => {
    expectProblem(await raw(`GET /v1/notices HTTP/1.1\r\nHost: localhost\r\nX-Bad\u0001: 1\r\nConnection: close\r\n\r\n`), 400, 'bad header name');
    expectProblem(await raw(`GET /v1/notices HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(20_000)}\r\nConnection: close\r\n\r\n`), 431, 'header overflow');
  });
});

describe('authority is decided before content', () => {
  it('401 before the role, the path or the body', async () => {
    expectProblem(await svc.call('POST', '/v1/commitments/%E0%A4%A/verify', { body: 'not json' }), 401);
  });

  it('the role before a malformed path or body', async () => {
    expectProblem(await svc.call('POST', '/v1/records', { token: t.checkerOnly, body: 'not json' }), 403, 'records');
    expectProblem(await svc.call('POST', '/v1/commitments/%E0%A4%A/verify', { token: t.checkerOnly, body: 'not json' }), 403, 'verify');
    expectProblem(await svc.call('GET', `/v1/approvals/${'x'.repeat(100)}`, { token: t.marketInspector }), 403, 'approval');
    expectProblem(await svc.call('POST', '/v1/supervision/tasks/%E0%A4%A/complete', { token: t.market, body: '{' }), 403, 'task');
    expectProblem(await svc.call('POST', `/v1/checks/${checkId}/feedback`, { token: t.market, body: '{' }), 403, 'feedback');
  });

  it('the path syntax before ownership', async () => {
    const bad = await svc.call('POST', '/v1/commitments/%E0%A4%A/verify', { token: t.tax, body: 'not json' });
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
  });

  it('ownership — another department’s resource, or an unknown one — before the body', async () => {
    expectProblem(await svc.call('POST', `/v1/commitments/${commitmentCode}/verify`, { token: t.tax, body: 'not json' }), 403, 'commitment');
    expectProblem(await svc.call('POST', `/v1/commitments/${UNKNOWN_COMMITMENT}/verify`, { token: t.tax, body: 'not json' }), 404, 'unknown commitment');
    expectProblem(await svc.call('POST', `/v1/checks/${checkId}/feedback`, { token: t.financeChecker, body: { measure: 'x' } }), 403, 'feedback');
    expectProblem(await svc.call('POST', `/v1/checks/${UNKNOWN_CHECK}/feedback`, { token: t.financeChecker, body: '{' }), 404, 'unknown check');
    expectProblem(await svc.call('POST', `/v1/supervision/tasks/${taskId}/complete`, { token: t.taxInspector, body: { outcome: 'maybe' } }), 403, 'task');
    expectProblem(await svc.call('POST', `/v1/supervision/tasks/${UNKNOWN_TASK}/complete`, { token: t.taxInspector, body: '{' }), 404, 'unknown task');
  });

  it('the body before what the rules admit (422)', async () => {
    const res = await svc.call('POST', '/v1/approvals', {
      token: t.market,
      body: { subjectId: UNREGISTERED, matter: 'LICENCE', licenceNo: 'R-LIC-2', title: '许'.repeat(201), decidedOn: '2026-03-01', decision: 'granted' },
    });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['title']);
  });

  it('and the owner with a good body gets through', async () => {
    const verified = await svc.call('POST', `/v1/commitments/${commitmentCode}/verify`, { token: t.market, body: { outcome: 'fulfilled', note: '已核实' } });
    expect(verified.status).toBe(200);
    const done = await svc.call('POST', `/v1/supervision/tasks/${taskId}/complete`, { token: t.marketInspector, body: { outcome: 'compliant', findings: '现场核查合规' } });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
  });
});
