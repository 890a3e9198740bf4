import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * A cursor is opaque and valid only for the route, filters and caller it was issued to (API.md,
 * Conventions): anything else is 400 naming `cursor`, whoever made it.
 */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const SUBJECT = code('91330000MA00C0001');

let svc: TestService;
/** MARKET, all the roles the listing routes need, as two people; and another department. */
let clerk: string;
let colleague: string;
let tax: string;

async function firstPage(path: string, token = clerk) {
  const res = await svc.call('GET', path, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(typeof res.body.nextCursor, `${path} has a next page`).toBe('string');
  return res.body as { nextCursor: string } & Record<string, unknown[]>;
}

function expectCursorRefused(res: Awaited<ReturnType<TestService['call']>>, label: string) {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.errors.map((e: { path: string }) => e.path), label).toEqual(['cursor']);
}

beforeAll(async () => {
  svc = await startTestService();
  const roles = ['recorder', 'checker', 'planner', 'inspector'];
  clerk = await svc.token('MARKET', roles, 'clerk-li');
  colleague = await svc.token('MARKET', roles, 'clerk-sun');
  tax = await svc.token('TAX', roles, 'clerk-tax');
  const put = await svc.call('PUT', `/v1/entities/${SUBJECT}`, {
    token: clerk,
    body: { kind: 'enterprise', name: '浙江游标测试有限公司', region: '330100', industry: 'C13', status: 'active', establishedOn: '2012-01-01' },
  });
  expect(put.status).toBe(201);
  for (let i = 1; i <= 3; i++) {
    const made = await svc.call('POST', '/v1/commitments', { token: clerk, body: { subjectId: SUBJECT, type: 'VOLUNTARY', matter: 'LICENCE', content: `承诺第${i}项`, dueOn: `2099-0${i}-01` } });
    expect(made.status).toBe(201);
    const approved = await svc.call('POST', '/v1/approvals', {
      token: clerk,
      body: { subjectId: SUBJECT, matter: 'LICENCE', licenceNo: `C-LIC-${i}`, title: '许可证', decidedOn: '2026-03-01', decision: 'granted', supervisingDepartments: ['MARKET'] },
    });
    expect(approved.status).toBe(201);
  }
});

afterAll(async () => svc?.close());

describe('a cursor this service issued', () => {
  it.each([
    ['/v1/commitments', 'commitments'],
    ['/v1/approvals', 'approvals'],
    ['/v1/supervision/tasks', 'tasks'],
  ])('walks %s page by page for the caller it was issued to', async (path, key) => {
    const whole = (await svc.call('GET', path, { token: clerk })).body[key] as unknown[];
    expect(whole).toHaveLength(3);
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const res = await svc.call('GET', `${path}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: clerk });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...(res.body[key] as unknown[]));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole);
  });

  it('does not show what it holds: no key, no department, no store attribute', async () => {
    const { nextCursor } = await firstPage('/v1/commitments?limit=1');
    const bytes = Buffer.from(nextCursor, 'base64url').toString('latin1');
    for (const inside of ['PK', 'SK', 'GSI', 'MARKET', SUBJECT]) expect(bytes).not.toContain(inside);
  });
});

describe('any other cursor is 400 naming cursor', () => {
  it('from another caller of the same department, or another department', async () => {
    const { nextCursor } = await firstPage('/v1/commitments?limit=1');
    expectCursorRefused(await svc.call('GET', `/v1/commitments?limit=1&cursor=${nextCursor}`, { token: colleague }), 'a colleague');
    expectCursorRefused(await svc.call('GET', `/v1/commitments?limit=1&cursor=${nextCursor}`, { token: tax }), 'another department');
    expect((await svc.call('GET', `/v1/commitments?limit=1&cursor=${nextCursor}`, { token: clerk })).status).toBe(200);
  });

  it('from another route, or the same route with other filters', async () => {
    const commitments = await firstPage('/v1/commitments?limit=1');
    const approvals = await firstPage('/v1/approvals?limit=1');
    expectCursorRefused(await svc.call('GET', `/v1/approvals?limit=1&cursor=${commitments.nextCursor}`, { token: clerk }), 'commitments → approvals');
    expectCursorRefused(await svc.call('GET', `/v1/supervision/tasks?limit=1&cursor=${approvals.nextCursor}`, { token: clerk }), 'approvals → tasks');
    expectCursorRefused(await svc.call('GET', `/v1/notices?limit=1&cursor=${approvals.nextCursor}`, { token: clerk }), 'approvals → notices');
    expectCursorRefused(await svc.call('GET', `/v1/commitments?status=verified&limit=1&cursor=${commitments.nextCursor}`, { token: clerk }), 'open → verified');
    expectCursorRefused(await svc.call('GET', `/v1/commitments?status=overdue&limit=1&cursor=${commitments.nextCursor}`, { token: clerk }), 'open → overdue');
  });

  it('edited, truncated, or forged from a guessed store key', async () => {
    const { nextCursor } = await firstPage('/v1/commitments?limit=1');
    const bytes = Buffer.from(nextCursor, 'base64url');
    for (const at of [0, 13, bytes.length - 1]) {
      const edited = Buffer.from(bytes);
      edited[at] = edited[at]! ^ 0x01;
      expectCursorRefused(await svc.call('GET', `/v1/commitments?limit=1&cursor=${edited.toString('base64url')}`, { token: clerk }), `byte ${at} edited`);
    }
    expectCursorRefused(await svc.call('GET', `/v1/commitments?limit=1&cursor=${nextCursor.slice(0, -4)}`, { token: clerk }), 'truncated');
    const guessed = Buffer.from(JSON.stringify({ PK: `SUBJECT#${SUBJECT}`, SK: 'RECORD#0', GSI3PK: 'COMMITMENTS#MARKET#open', GSI3SK: '2099-01-01' })).toString('base64url');
    expectCursorRefused(await svc.call('GET', `/v1/commitments?limit=1&cursor=${guessed}`, { token: clerk }), 'guessed key');
  });
});
