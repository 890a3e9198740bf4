import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '#domain/clock.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * The feedback ledger (反馈台账) and the checks awaiting feedback (API.md, Ledger). The clock is fixed,
 * so the checks fall on chosen days around the National Day holidays of 2026.
 */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const DEFAULTER = code('91120000MA00L0001');
const HONEST = code('91120000MA00L0002');
const CP = 'M-COURT-DEFAULTER-2016/CP';
const PROCUREMENT_BAN = 'M-COURT-DEFAULTER-2016/22';

// Weekday holidays of 2026-10-01…07 and a Saturday worked in exchange: feedback on a check of 29
// September is due 19 October (without them it would be 13 October).
const HOLIDAYS = '2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07';
const MAKEUP_WORKDAYS = '2026-10-10';
const SEPT_29 = new Date('2026-09-29T02:00:00Z');
const OCT_8 = new Date('2026-10-08T03:00:00Z');
const DUE_DAY = new Date('2026-10-19T08:00:00Z');
const DAY_AFTER_DUE = new Date('2026-10-20T01:00:00Z');

let svc: TestService;
const t = {} as Record<'approval' | 'approvalColleague' | 'finance' | 'auditor' | 'admin' | 'recorder' | 'court', string>;
const checkIds = {} as Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'f1', string>;

const check = async (token: string, subjectId: string, matter: string) => {
  const res = await svc.call('POST', '/v1/checks', { token, body: { subjectId, matter } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.checkId as string;
};
const feedback = (token: string, checkId: string, measure: string, outcome: 'applied' | 'not-applied', note?: string) =>
  svc.call('POST', `/v1/checks/${checkId}/feedback`, { token, body: { measure, outcome, ...(note ? { note } : {}) } });
const ledger = async (token: string, query = 'from=2026-09&to=2026-10') => {
  const res = await svc.call('GET', `/v1/ledger?${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows as Record<string, unknown>[];
};
const row = async (token: string, department: string, month: string) => (await ledger(token)).find((r) => r.department === department && r.month === month);
/** What the sweep (the table's stream in AWS) does within seconds: count the checks logged since. */
const sweep = async () => (await import('#use-cases/projections.ts')).sweepOutbox(0);
const awaiting = async (token: string, query = '') => {
  const res = await svc.call('GET', `/v1/checks?awaiting=feedback${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { checks: { checkId: string; pending: string[]; overdue: boolean; dueOn: string }[]; nextCursor?: string };
};

beforeAll(async () => {
  // The sweep is left to the tests: they decide when checks are counted and a crashed request's projection completed.
  svc = await startTestService({ env: { HOLIDAYS, MAKEUP_WORKDAYS, OUTBOX_SWEEP_MS: '3600000' } });
  t.approval = await svc.token('APPROVAL', ['checker'], 'clerk-wang');
  t.approvalColleague = await svc.token('APPROVAL', ['checker'], 'clerk-zhao');
  t.finance = await svc.token('FINANCE', ['checker']);
  t.auditor = await svc.token('DRC', ['auditor']);
  t.admin = await svc.token('DRC', ['admin']);
  t.recorder = await svc.token('MARKET', ['recorder']);
  t.court = await svc.token('COURT', ['recorder']);
  for (const [id, name] of [[DEFAULTER, '台账测试失信企业'], [HONEST, '台账测试守信企业']]) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, { token: t.recorder, body: { kind: 'enterprise', name, region: '120000', industry: 'C13', status: 'active', establishedOn: '2010-01-01' } });
    expect(res.status).toBe(201);
  }
  const listed = await svc.call('POST', '/v1/records', { token: t.court, body: { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津01执9号', decidedOn: '2026-02-01', title: '失信被执行人' } });
  expect(listed.status).toBe(201);

  fixClock(SEPT_29);
  checkIds.c1 = await check(t.approval, DEFAULTER, 'COMMITMENT_APPROVAL');
  checkIds.c2 = await check(t.approval, DEFAULTER, 'COMMITMENT_APPROVAL');
  checkIds.c3 = await check(t.approval, HONEST, 'COMMITMENT_APPROVAL');
  const batch = await svc.call('POST', '/v1/checks/batch', { token: t.approval, body: { matter: 'COMMITMENT_APPROVAL', subjectIds: [DEFAULTER, HONEST, DEFAULTER] } });
  expect(batch.status).toBe(200);
  [checkIds.c4, checkIds.c5, checkIds.c6] = batch.body.results.map((r: { checkId: string }) => r.checkId);
  checkIds.f1 = await check(t.finance, DEFAULTER, 'PROCUREMENT');
  fixClock(OCT_8);
  checkIds.c7 = await check(t.approval, DEFAULTER, 'COMMITMENT_APPROVAL');
  expect((await feedback(t.approval, checkIds.c1, CP, 'applied')).status).toBe(201);
  expect((await feedback(t.approvalColleague, checkIds.c2, CP, 'not-applied', '申请人已履行完毕，法院出具结案证明')).status).toBe(201);
  // The same feedback again: 200, counted once.
  expect((await feedback(t.approval, checkIds.c1, CP, 'applied')).status).toBe(200);
  await sweep();
});

afterAll(async () => {
  fixClock(undefined);
  await svc?.close();
});

describe('the feedback ledger', () => {
  it('counts checks, measures returned and feedback per department and month of the check', async () => {
    fixClock(OCT_8);
    expect(await row(t.auditor, 'APPROVAL', '2026-09')).toEqual({
      department: 'APPROVAL', month: '2026-09', checks: 6, checksWithMeasures: 4, measuresReturned: 4, applied: 1, notApplied: 1, awaiting: 2, overdue: 0, feedbackRate: 0.5,
    });
    expect(await row(t.auditor, 'APPROVAL', '2026-10')).toEqual({
      department: 'APPROVAL', month: '2026-10', checks: 1, checksWithMeasures: 1, measuresReturned: 1, applied: 0, notApplied: 0, awaiting: 1, overdue: 0, feedbackRate: 0,
    });
    expect(await row(t.auditor, 'FINANCE', '2026-09')).toMatchObject({ checks: 1, checksWithMeasures: 1, measuresReturned: 1, awaiting: 1 });
    expect((await ledger(t.auditor)).map((r) => `${r.month} ${r.department}`)).toEqual(['2026-09 APPROVAL', '2026-09 FINANCE', '2026-10 APPROVAL']);
  });

  it('shows an auditor or admin every department, a checker its own only', async () => {
    fixClock(OCT_8);
    expect(await ledger(t.admin)).toEqual(await ledger(t.auditor));
    expect((await ledger(t.approval)).map((r) => r.department)).toEqual(['APPROVAL', 'APPROVAL']);
    expect((await ledger(t.finance)).map((r) => `${r.month} ${r.department}`)).toEqual(['2026-09 FINANCE']);
    expect(await ledger(t.approval, 'from=2026-10&to=2026-10')).toEqual([expect.objectContaining({ month: '2026-10' })]);
    // Without a range: the twelve months up to this one.
    expect((await ledger(t.approval, '')).map((r) => r.month)).toEqual(['2026-09', '2026-10']);
    expect(await ledger(t.approval, 'from=2025-01&to=2025-12')).toEqual([]);
  });

  it('counts overdue what awaits feedback past 10 working days after the check, holidays and make-up days included', async () => {
    fixClock(new Date('2026-10-14T04:00:00Z'));
    // Ten weekdays after 29 September, were there no holidays: not yet due.
    expect(await row(t.approval, 'APPROVAL', '2026-09')).toMatchObject({ awaiting: 2, overdue: 0 });
    fixClock(DUE_DAY);
    expect(await row(t.approval, 'APPROVAL', '2026-09')).toMatchObject({ awaiting: 2, overdue: 0 });
    fixClock(DAY_AFTER_DUE);
    expect(await row(t.approval, 'APPROVAL', '2026-09')).toMatchObject({ awaiting: 2, overdue: 2 });
    expect(await row(t.approval, 'FINANCE', '2026-09')).toBeUndefined();
    expect(await row(t.finance, 'FINANCE', '2026-09')).toMatchObject({ awaiting: 1, overdue: 1 });
    // The check of 8 October is due 21 October.
    expect(await row(t.approval, 'APPROVAL', '2026-10')).toMatchObject({ awaiting: 1, overdue: 0 });
  });

  it('counts an event once however often its projection runs: again after the request, concurrently, or by the sweep after a crash', async () => {
    fixClock(OCT_8);
    const { findCheck, saveCheck, saveFeedback } = await import('#data/checks.ts');
    const { completePending, projectChecks, projectFeedback, sweepOutbox } = await import('#use-cases/projections.ts');
    const { newCheckId } = await import('#domain/check-ids.ts');
    const { feedbackOf } = await import('#domain/feedback.ts');
    const { keys } = await import('#data/keys.ts');
    const before = await row(t.finance, 'FINANCE', '2026-09');

    // The sweep counted it; a duplicated event (the stream, the sweep again) changes nothing.
    const f1 = (await findCheck(checkIds.f1))!;
    await projectChecks([f1]);
    await projectChecks([f1]);
    expect(await row(t.finance, 'FINANCE', '2026-09')).toEqual(before);

    // Requests that died after logging their checks: nothing counted until the projection runs, then
    // each check once, however many projectors race (the request's retry, the stream, the sweep).
    const crashed = Array.from({ length: 10 }, () => {
      const checkId = newCheckId(SEPT_29);
      return { ...f1, checkId, requestId: 'crashed', answer: { ...f1.answer, checkId } };
    });
    for (const log of crashed) await saveCheck(log);
    expect(await row(t.finance, 'FINANCE', '2026-09')).toEqual(before);
    await Promise.all([projectChecks(crashed), projectChecks(crashed), projectChecks(crashed.slice(3)), projectChecks(crashed.slice(0, 4)), sweepOutbox(0), completePending(keys.subjectCheck(f1.subjectId, crashed[0]!.checkId))]);
    const counted = await row(t.finance, 'FINANCE', '2026-09');
    expect(counted).toMatchObject({ checks: (before!.checks as number) + 10, checksWithMeasures: (before!.checksWithMeasures as number) + 10, measuresReturned: (before!.measuresReturned as number) + 10 });
    expect(await sweepOutbox(0)).toBe(0);

    // A feedback stored by a request that died before its projection: counted once, by whoever completes it.
    const stamp = { sub: 'finance-clerk', department: 'FINANCE', at: OCT_8.toISOString(), requestId: 'crashed-feedback' };
    expect((await saveFeedback(crashed[0]!, feedbackOf({ measure: PROCUREMENT_BAN, outcome: 'applied' }, stamp))).created).toBe(true);
    expect(await row(t.finance, 'FINANCE', '2026-09')).toEqual(counted);
    const stored = { ...feedbackOf({ measure: PROCUREMENT_BAN, outcome: 'applied' }, stamp), checkId: crashed[0]!.checkId, subjectId: f1.subjectId, checkedAt: crashed[0]!.checkedAt };
    await Promise.all([projectFeedback(stored), projectFeedback(stored), sweepOutbox(0), completePending(keys.checkFeedback(crashed[0]!.checkId, PROCUREMENT_BAN))]);
    // The retried request answers the stored feedback and counts nothing more.
    expect((await feedback(t.finance, crashed[0]!.checkId, PROCUREMENT_BAN, 'applied')).status).toBe(200);
    expect(await row(t.finance, 'FINANCE', '2026-09')).toEqual({ ...counted, applied: (counted!.applied as number) + 1, awaiting: (counted!.awaiting as number) - 1, feedbackRate: ((counted!.applied as number) + 1) / (counted!.measuresReturned as number) });
    expect(await sweepOutbox(0)).toBe(0);
  });

  it('answers 400 naming the field for a bad range', async () => {
    fixClock(OCT_8);
    for (const [query, field] of [
      ['from=2026-13&to=2026-12', 'from'],
      ['from=2026-9', 'from'],
      ['to=26-10', 'to'],
      ['from=2026-10&to=2026-09', 'from'],
      ['from=2020-01&to=2026-10', 'to'],
    ]) {
      const res = await svc.call('GET', `/v1/ledger?${query}`, { token: t.auditor });
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), query).toEqual([field]);
    }
  });

  it('is for checkers, auditors and admins: 401 without a token, 403 for another role', async () => {
    expect((await svc.call('GET', '/v1/ledger')).status).toBe(401);
    expect((await svc.call('GET', '/v1/ledger', { token: t.recorder })).status).toBe(403);
  });
});

describe('checks awaiting feedback', () => {
  it('shows a check at once, before the ledger has counted it', async () => {
    fixClock(new Date('2026-10-20T02:00:00Z'));
    const checkId = await check(t.finance, DEFAULTER, 'PROCUREMENT');
    expect((await awaiting(t.finance)).checks.map((c) => c.checkId)).toContain(checkId);
    const before = await row(t.finance, 'FINANCE', '2026-10');
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    const after = await row(t.finance, 'FINANCE', '2026-10');
    expect(after).toMatchObject({ checks: ((before?.checks as number | undefined) ?? 0) + 1, awaiting: ((before?.awaiting as number | undefined) ?? 0) + 1 });
    expect((await feedback(t.finance, checkId, PROCUREMENT_BAN, 'applied')).status).toBe(201);
    expect((await awaiting(t.finance)).checks.map((c) => c.checkId)).not.toContain(checkId);
    expect(await row(t.finance, 'FINANCE', '2026-10')).toMatchObject({ checks: after!.checks, applied: (after!.applied as number) + 1, awaiting: before?.awaiting ?? 0 });
  });

  it("lists the department's checks with measures lacking feedback, oldest first, with their due day", async () => {
    fixClock(DUE_DAY);
    const { checks, nextCursor } = await awaiting(t.approval);
    expect(nextCursor).toBeUndefined();
    // c4 and c6 were made in one batch, at one instant: in check-id order.
    expect(checks.map((c) => c.checkId)).toEqual([...[checkIds.c4, checkIds.c6].sort(), checkIds.c7]);
    expect(checks.find((c) => c.checkId === checkIds.c4)).toEqual({ checkId: checkIds.c4, subjectId: DEFAULTER, checkedAt: SEPT_29.toISOString(), matter: 'COMMITMENT_APPROVAL', pending: [CP], dueOn: '2026-10-19', overdue: false });
    expect(checks[2]).toMatchObject({ checkId: checkIds.c7, dueOn: '2026-10-21', overdue: false });
    fixClock(DAY_AFTER_DUE);
    expect((await awaiting(t.approval)).checks.map((c) => c.overdue)).toEqual([true, true, false]);
    // Another department's checks are its own.
    const finance = (await awaiting(t.finance)).checks;
    expect(finance.map((c) => c.checkId)).toContain(checkIds.f1);
    expect(finance.map((c) => c.checkId)).not.toContain(checkIds.c4);
    expect(finance.find((c) => c.checkId === checkIds.f1)?.pending).toEqual([PROCUREMENT_BAN]);
  });

  it('pages oldest first across the days, with a cursor bound to the caller', async () => {
    fixClock(DUE_DAY);
    const whole = (await awaiting(t.approval)).checks;
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await awaiting(t.approval, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.checks).toHaveLength(1);
      seen.push(...page.checks);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(whole);
    expect(pages).toBe(3);
    const first = await awaiting(t.approval, '&limit=1');
    const foreign = await svc.call('GET', `/v1/checks?awaiting=feedback&limit=1&cursor=${first.nextCursor}`, { token: t.finance });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });

  it("lets an auditor or admin read any department's (the ledger's drill-down), a checker only its own", async () => {
    fixClock(DUE_DAY);
    const own = (await awaiting(t.approval)).checks;
    expect(own.length).toBeGreaterThan(0);
    expect((await awaiting(t.approval, '&department=APPROVAL')).checks).toEqual(own);
    expect((await awaiting(t.auditor, '&department=APPROVAL')).checks).toEqual(own);
    expect((await awaiting(t.admin, '&department=APPROVAL')).checks).toEqual(own);
    expect((await awaiting(t.auditor, '&department=FINANCE')).checks.map((c) => c.checkId)).toContain(checkIds.f1);
    // Without ?department= an auditor reads its own department's, which checks nothing here.
    expect((await awaiting(t.auditor)).checks).toEqual([]);
    const foreign = await svc.call('GET', '/v1/checks?awaiting=feedback&department=FINANCE', { token: t.approval });
    expect(foreign.status).toBe(403);
    // A cursor is bound to the department it pages.
    const first = await awaiting(t.auditor, '&department=APPROVAL&limit=1');
    expect(first.nextCursor).toBeDefined();
    const moved = await svc.call('GET', `/v1/checks?awaiting=feedback&department=FINANCE&limit=1&cursor=${first.nextCursor}`, { token: t.auditor });
    expect(moved.status).toBe(400);
    const bad = await svc.call('GET', `/v1/checks?awaiting=feedback&department=${'X'.repeat(100)}`, { token: t.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['department']);
  });

  it('drops a check once every measure it returned has feedback, at once, and the ledger with it', async () => {
    fixClock(DUE_DAY);
    expect((await feedback(t.approval, checkIds.c4, CP, 'applied')).status).toBe(201);
    expect((await awaiting(t.approval)).checks.map((c) => c.checkId)).toEqual([checkIds.c6, checkIds.c7]);
    expect((await feedback(t.approvalColleague, checkIds.c6, CP, 'not-applied', '经核实系同名主体，已另行核查')).status).toBe(201);
    expect((await awaiting(t.approval)).checks.map((c) => c.checkId)).toEqual([checkIds.c7]);
    expect(await row(t.approval, 'APPROVAL', '2026-09')).toMatchObject({ applied: 2, notApplied: 2, awaiting: 0, overdue: 0, feedbackRate: 1 });
    expect((await feedback(t.approval, checkIds.c7, CP, 'applied')).status).toBe(201);
    expect((await awaiting(t.approval)).checks).toEqual([]);
    expect(await ledger(t.approval)).toEqual([
      expect.objectContaining({ month: '2026-09', awaiting: 0 }),
      expect.objectContaining({ month: '2026-10', checks: 1, applied: 1, awaiting: 0, feedbackRate: 1 }),
    ]);
  });

  it('is for checkers, auditors and admins: 401, 403, and 400 for anything but awaiting=feedback', async () => {
    expect((await svc.call('GET', '/v1/checks?awaiting=feedback')).status).toBe(401);
    expect((await svc.call('GET', '/v1/checks?awaiting=feedback', { token: t.recorder })).status).toBe(403);
    const other = await svc.call('GET', '/v1/checks?awaiting=results', { token: t.approval });
    expect(other.status).toBe(400);
    expect(other.body.errors.map((e: { path: string }) => e.path)).toEqual(['awaiting']);
    expect((await svc.call('GET', '/v1/checks', { token: t.approval })).status).toBe(200);
  });
});
