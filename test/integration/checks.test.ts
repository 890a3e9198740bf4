import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const DEFAULTER = code('91120000MA0000001');
const MIXED = code('91120000MA0000002');
const HONEST = code('91120000MA0000003');
const ENDED = code('91120000MA0000004');
const WATCHED = code('91120000MA0000005');
const UNKNOWN = code('91120000MA0000009');
const PERSON = '11010519491231002X';
const OTHER_PERSON = '110105198001010010'.slice(0, 17);

let svc: TestService;
const tokens = {} as Record<'marketRecorder' | 'court' | 'tax' | 'approval' | 'approvalOther' | 'finance' | 'marketChecker' | 'admin', string>;

async function entity(id: string, extra: object = {}) {
  const res = await svc.call('PUT', `/v1/entities/${id}`, {
    token: tokens.marketRecorder,
    body: { kind: 'enterprise', name: `测试企业${id.slice(-4)}`, region: '120000', industry: 'C13', status: 'active', establishedOn: '2010-01-01', ...extra },
  });
  expect([200, 201]).toContain(res.status);
}

async function record(token: string, body: object) {
  const res = await svc.call('POST', '/v1/records', { token, body });
  expect(res.status).toBe(201);
  return res.body.recordId as string;
}

const check = (token: string, subjectId: string, matter: string, asOf?: string) =>
  svc.call('POST', '/v1/checks', { token, body: { subjectId, matter, ...(asOf ? { asOf } : {}) } });

let otherPerson: string;

beforeAll(async () => {
  svc = await startTestService();
  const { residentCheckCharacter } = await import('#domain/identifiers.ts');
  otherPerson = OTHER_PERSON + residentCheckCharacter(OTHER_PERSON);
  tokens.marketRecorder = await svc.token('MARKET', ['recorder']);
  tokens.court = await svc.token('COURT', ['recorder']);
  tokens.tax = await svc.token('TAX', ['recorder']);
  tokens.approval = await svc.token('APPROVAL', ['checker'], 'clerk-wang');
  tokens.approvalOther = await svc.token('APPROVAL', ['checker'], 'clerk-zhao');
  tokens.finance = await svc.token('FINANCE', ['checker']);
  tokens.marketChecker = await svc.token('MARKET', ['checker']);
  tokens.admin = await svc.token('DRC', ['admin']);
  await svc.call('PUT', `/v1/entities/${PERSON}`, { token: tokens.marketRecorder, body: { kind: 'person', name: '张某某', region: '110105', status: 'active' } });
  await entity(DEFAULTER, { legalRepresentativeId: PERSON });
  await entity(MIXED);
  await entity(HONEST);
  await entity(ENDED);
  await entity(WATCHED);
  await record(tokens.court, { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津01执1号', decidedOn: '2026-02-01', title: '失信被执行人' });
  await record(tokens.tax, { subjectId: MIXED, type: 'listing', listCode: 'TAX_A_GRADE', documentNo: 'A-1', decidedOn: '2026-04-01', title: 'A级纳税人' });
  await record(tokens.marketRecorder, { subjectId: MIXED, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '异-1', decidedOn: '2026-05-01', title: '经营异常' });
  await record(tokens.tax, { subjectId: HONEST, type: 'listing', listCode: 'TAX_A_GRADE', documentNo: 'A-2', decidedOn: '2026-04-01', title: 'A级纳税人' });
  const ended = await record(tokens.marketRecorder, { subjectId: ENDED, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '异-2', decidedOn: '2026-01-05', title: '经营异常' });
  expect((await svc.call('POST', `/v1/records/${ended}/end`, { token: tokens.marketRecorder, body: { endedOn: '2026-06-01', reason: '已改正' } })).status).toBe(200);
});

afterAll(async () => svc?.close());

describe('a single credit check', () => {
  it('answers restrict with the mandatory measure for this department and matter', async () => {
    const res = await check(tokens.finance, DEFAULTER, 'SUBSIDY');
    expect(res.status).toBe(200);
    expect(res.body.subject).toMatchObject({ id: DEFAULTER, known: true });
    expect(res.body.hits).toEqual([
      expect.objectContaining({ listCode: 'COURT_DEFAULTER', kind: 'black', via: 'self', since: '2026-02-01' }),
    ]);
    // M-COURT-DEFAULTER-2016 measure 10 is a reference measure for FINANCE on SUBSIDY: caution, not restrict.
    expect(res.body.measures.map((m: { memorandum: string; measure: string }) => `${m.memorandum}/${m.measure}`)).toEqual(['M-COURT-DEFAULTER-2016/10']);
    expect(res.body.verdict).toBe('caution');
    const approval = await check(tokens.approval, DEFAULTER, 'COMMITMENT_APPROVAL');
    expect(approval.body.measures).toEqual([expect.objectContaining({ measure: 'CP', kind: 'punish', force: 'mandatory', triggeredBy: ['COURT_DEFAULTER'] })]);
    expect(approval.body.verdict).toBe('restrict');
  });

  it("reaches a person through the enterprise they legally represent", async () => {
    const res = await check(tokens.approval, PERSON, 'COMMITMENT_APPROVAL');
    expect(res.body.hits).toEqual([expect.objectContaining({ listCode: 'COURT_DEFAULTER', via: 'legalRepresentative', enterpriseId: DEFAULTER })]);
    expect(res.body.verdict).toBe('restrict');
  });

  it('follows a change of legal representative', async () => {
    await svc.call('PUT', `/v1/entities/${otherPerson}`, { token: tokens.marketRecorder, body: { kind: 'person', name: '李某', region: '110105', status: 'active' } });
    await entity(DEFAULTER, { legalRepresentativeId: otherPerson });
    expect((await check(tokens.approval, PERSON, 'COMMITMENT_APPROVAL')).body.hits).toEqual([]);
    expect((await check(tokens.approval, otherPerson, 'COMMITMENT_APPROVAL')).body.verdict).toBe('restrict');
    await entity(DEFAULTER, { legalRepresentativeId: PERSON });
    expect((await check(tokens.approval, PERSON, 'COMMITMENT_APPROVAL')).body.verdict).toBe('restrict');
  });

  it('gives rewards to a red-listed subject', async () => {
    const res = await check(tokens.approval, HONEST, 'LICENCE');
    expect(res.body.measures.map((m: { measure: string; kind: string }) => `${m.measure}:${m.kind}`).sort()).toEqual(['1:reward', '2:reward']);
    expect(res.body.verdict).toBe('reward');
  });

  it('suppresses every reward once the subject has any black membership', async () => {
    const res = await check(tokens.approval, MIXED, 'LICENCE');
    expect(res.body.hits.map((h: { listCode: string }) => h.listCode).sort()).toEqual(['ABNORMAL_OPERATION', 'TAX_A_GRADE']);
    expect(res.body.measures.every((m: { kind: string }) => m.kind === 'punish')).toBe(true);
    expect(res.body.measures.map((m: { memorandum: string; measure: string }) => `${m.memorandum}/${m.measure}`)).toEqual(['M-ABNORMAL-OPERATION/2']);
    expect(res.body.verdict).toBe('caution');
  });

  it('sees the memberships in force at asOf', async () => {
    expect((await check(tokens.approval, ENDED, 'COMMITMENT_APPROVAL', '2026-03-01T00:00:00Z')).body.verdict).toBe('restrict');
    expect((await check(tokens.approval, ENDED, 'COMMITMENT_APPROVAL', '2026-05-31T15:59:59Z')).body.verdict).toBe('restrict');
    // 2026-05-31T16:00Z is 2026-06-01 in China Standard Time, the first day without effect.
    expect((await check(tokens.approval, ENDED, 'COMMITMENT_APPROVAL', '2026-05-31T16:00:00Z')).body.verdict).toBe('clear');
    expect((await check(tokens.approval, ENDED, 'COMMITMENT_APPROVAL')).body.hits).toEqual([]);
  });

  it('never counts a retracted listing, not even for a past asOf', async () => {
    const id = await record(tokens.marketRecorder, { subjectId: WATCHED, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '异-误', decidedOn: '2026-02-01', title: '误列' });
    expect((await check(tokens.approval, WATCHED, 'COMMITMENT_APPROVAL', '2026-03-01T00:00:00Z')).body.verdict).toBe('restrict');
    await svc.call('POST', `/v1/records/${id}/retract`, { token: tokens.marketRecorder, body: { reason: '录入错误' } });
    expect((await check(tokens.approval, WATCHED, 'COMMITMENT_APPROVAL', '2026-03-01T00:00:00Z')).body.verdict).toBe('clear');
  });

  it('answers an unknown subject with known: false and clear', async () => {
    const res = await check(tokens.approval, UNKNOWN, 'LICENCE');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subject: { id: UNKNOWN, known: false }, hits: [], measures: [], verdict: 'clear' });
  });

  it('reports the catalogue version that decided it', async () => {
    const catalogue = await svc.call('GET', '/v1/memoranda', { token: tokens.approval });
    const res = await check(tokens.approval, HONEST, 'LICENCE');
    expect(res.body.catalogueVersion).toBe(catalogue.body.catalogueVersion);
    expect(res.body.catalogueVersion).toBeGreaterThanOrEqual(13);
  });

  it.each([
    ['an unknown matter', { subjectId: HONEST, matter: 'NOPE' }, 'matter'],
    ['a bad check character', { subjectId: HONEST.slice(0, 17) + (HONEST[17] === '0' ? '1' : '0'), matter: 'LICENCE' }, 'subjectId'],
    ['a future asOf', { subjectId: HONEST, matter: 'LICENCE', asOf: '2999-01-01T00:00:00Z' }, 'asOf'],
  ])('answers 400 for %s', async (_label, body, field) => {
    const res = await svc.call('POST', '/v1/checks', { token: tokens.approval, body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('needs the checker role', async () => {
    expect((await check(tokens.marketRecorder, HONEST, 'LICENCE')).status).toBe(403);
    expect((await svc.call('POST', '/v1/checks', { body: { subjectId: HONEST, matter: 'LICENCE' } })).status).toBe(401);
  });
});

describe('a batch of checks', () => {
  it('answers each subject in order, each logged with its own checkId', async () => {
    const ids = [DEFAULTER, UNKNOWN, HONEST, MIXED];
    const res = await svc.call('POST', '/v1/checks/batch', { token: tokens.approval, body: { matter: 'COMMITMENT_APPROVAL', subjectIds: ids } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { subject: { id: string } }) => r.subject.id)).toEqual(ids);
    expect(res.body.results.map((r: { verdict: string }) => r.verdict)).toEqual(['restrict', 'clear', 'reward', 'restrict']);
    const trail = await svc.call('GET', `/v1/checks/${res.body.results[2].checkId}`, { token: tokens.approval });
    expect(trail.status).toBe(200);
    expect(trail.body.subject.id).toBe(HONEST);
  });

  it('refuses an empty batch and more than 100 ids, naming subjectIds', async () => {
    for (const subjectIds of [[], Array.from({ length: 101 }, () => HONEST)]) {
      const res = await svc.call('POST', '/v1/checks/batch', { token: tokens.approval, body: { matter: 'LICENCE', subjectIds } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('subjectIds');
    }
  });
});

describe('feedback and the trail', () => {
  it('takes feedback only on returned measures, from the checking department, with a note when not applied', async () => {
    const checked = await check(tokens.approval, DEFAULTER, 'COMMITMENT_APPROVAL');
    const id = checked.body.checkId;
    const fb = (token: string, body: object) => svc.call('POST', `/v1/checks/${id}/feedback`, { token, body });
    expect((await fb(tokens.approval, { measure: 'M-COURT-DEFAULTER-2016/1', outcome: 'applied' })).status).toBe(422);
    const noNote = await fb(tokens.approval, { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'not-applied' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].path).toBe('note');
    expect((await fb(tokens.finance, { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied' })).status).toBe(403);
    const applied = await fb(tokens.approvalOther, { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied', note: '不予适用告知承诺，转一般程序' });
    expect(applied.status).toBe(201);
    const retry = await fb(tokens.approvalOther, { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied', note: '不予适用告知承诺，转一般程序' });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ checkId: id, measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied', note: '不予适用告知承诺，转一般程序', by: 'clerk-zhao', at: applied.body.at });
    expect((await fb(tokens.approvalOther, { measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'not-applied', note: 'x' })).status).toBe(409);

    const trail = await svc.call('GET', `/v1/checks/${id}`, { token: tokens.approval });
    expect(trail.status).toBe(200);
    expect(trail.body.checkedBy).toBe('clerk-wang');
    expect(trail.body.verdict).toBe('restrict');
    expect(trail.body.feedback).toEqual([
      expect.objectContaining({ measure: 'M-COURT-DEFAULTER-2016/CP', outcome: 'applied', by: 'clerk-zhao', note: '不予适用告知承诺，转一般程序' }),
    ]);
    expect((await svc.call('GET', `/v1/checks/${id}`, { token: tokens.finance })).status).toBe(403);
    expect((await svc.call('GET', `/v1/checks/${id}`, { token: tokens.admin })).status).toBe(200);
  });

  it('reads a check back from its log exactly as it was answered, with who asked what', async () => {
    const answered = await check(tokens.approval, PERSON, 'COMMITMENT_APPROVAL', '2026-03-01T00:00:00Z');
    expect(answered.status).toBe(200);
    const trail = await svc.call('GET', `/v1/checks/${answered.body.checkId}`, { token: tokens.approval });
    expect(trail.status).toBe(200);
    const { checkedBy, requestId, request, feedback, ...answer } = trail.body;
    expect(answer).toEqual(answered.body);
    expect(request).toEqual({ subjectId: PERSON, matter: 'COMMITMENT_APPROVAL', asOf: '2026-03-01T00:00:00.000Z' });
    expect(checkedBy).toBe('clerk-wang');
    expect(requestId).toEqual(expect.any(String));
    expect(feedback).toEqual([]);
  });

  it('answers 404 for an unknown check', async () => {
    expect((await svc.call('GET', `/v1/checks/${'0'.repeat(9)}${'a'.repeat(16)}`, { token: tokens.approval })).status).toBe(404);
  });
});

describe('change notices', () => {
  it('tells every department that checked the subject when a listing is created, ended or retracted', async () => {
    const subject = code('91120000MA0000006');
    await entity(subject);
    const first = await check(tokens.approval, subject, 'LICENCE');
    const second = await check(tokens.approvalOther, subject, 'COMMITMENT_APPROVAL');
    await check(tokens.finance, subject, 'PROCUREMENT');
    const before = (await svc.call('GET', '/v1/notices', { token: tokens.approval })).body.notices.length;

    const id = await record(tokens.marketRecorder, { subjectId: subject, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '异-N', decidedOn: '2026-06-01', title: '经营异常' });
    const approvalNotices = (await svc.call('GET', '/v1/notices', { token: tokens.approval })).body.notices;
    expect(approvalNotices.length).toBe(before + 1);
    expect(approvalNotices[0]).toMatchObject({ subjectId: subject });
    expect(approvalNotices[0].checkIds.sort()).toEqual([first.body.checkId, second.body.checkId].sort());
    expect(approvalNotices[0].reason).toContain('ABNORMAL_OPERATION');
    const financeNotices = (await svc.call('GET', '/v1/notices', { token: tokens.finance })).body.notices;
    expect(financeNotices.filter((n: { subjectId: string }) => n.subjectId === subject)).toHaveLength(1);
    // MARKET recorded the listing but never checked this subject.
    const marketNotices = (await svc.call('GET', '/v1/notices', { token: tokens.marketChecker })).body.notices;
    expect(marketNotices.filter((n: { subjectId: string }) => n.subjectId === subject)).toHaveLength(0);

    // A retried create writes no second notice.
    await svc.call('POST', '/v1/records', { token: tokens.marketRecorder, body: { subjectId: subject, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '异-N', decidedOn: '2026-06-01', title: '经营异常' } });
    expect((await svc.call('GET', '/v1/notices', { token: tokens.approval })).body.notices.length).toBe(before + 1);

    await svc.call('POST', `/v1/records/${id}/end`, { token: tokens.marketRecorder, body: { endedOn: '2026-07-01', reason: '已改正' } });
    const afterEnd = (await svc.call('GET', '/v1/notices', { token: tokens.approval })).body.notices;
    expect(afterEnd.length).toBe(before + 2);
    expect(afterEnd[0].at >= afterEnd[1].at).toBe(true);
  });

  it('tells those who checked the legal representative when the enterprise is listed', async () => {
    const checked = await check(tokens.finance, PERSON, 'SUBSIDY');
    await record(tokens.court, { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津01执2号', decidedOn: '2026-03-01', title: '失信被执行人' });
    const notices = (await svc.call('GET', '/v1/notices', { token: tokens.finance })).body.notices;
    const aboutPerson = notices.filter((n: { subjectId: string }) => n.subjectId === PERSON);
    expect(aboutPerson).toHaveLength(1);
    expect(aboutPerson[0].checkIds).toContain(checked.body.checkId);
  });

  it('pages newest first with a cursor', async () => {
    const all = (await svc.call('GET', '/v1/notices?limit=200', { token: tokens.approval })).body.notices;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const page1 = await svc.call('GET', '/v1/notices?limit=1', { token: tokens.approval });
    expect(page1.body.notices).toEqual([all[0]]);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await svc.call('GET', `/v1/notices?limit=1&cursor=${page1.body.nextCursor}`, { token: tokens.approval });
    expect(page2.body.notices).toEqual([all[1]]);
    expect((await svc.call('GET', '/v1/notices?limit=500', { token: tokens.approval })).status).toBe(400);
    expect((await svc.call('GET', '/v1/notices?cursor=garbage', { token: tokens.approval })).status).toBe(400);
  });
});

describe('a crash between a listing and its notices', () => {
  const noticesAbout = async (subjectId: string) =>
    (await svc.call('GET', '/v1/notices', { token: tokens.approval })).body.notices.filter((n: { subjectId: string }) => n.subjectId === subjectId);

  it('never shows in a check, and the notices are completed by a retried request or by the sweep', async () => {
    const subject = code('91120000MA0000007');
    await entity(subject);
    expect((await check(tokens.approval, subject, 'COMMITMENT_APPROVAL')).body.verdict).toBe('clear');
    const { buildRecord } = await import('#domain/records.ts');
    const { insertRecord } = await import('#data/records.ts');
    const input = { subjectId: subject, type: 'listing' as const, listCode: 'ABNORMAL_OPERATION', documentNo: '异-崩', decidedOn: '2026-06-01', title: '经营异常' };
    // The listing is stored, then the process dies before anything else is written.
    await insertRecord(buildRecord(input, 'enterprise', { sub: 'x', department: 'MARKET', at: new Date().toISOString(), requestId: 'crashed' }), { kind: 'enterprise', region: '120000' });
    // The listing item is what a check reads: it counts at once.
    expect((await check(tokens.approval, subject, 'COMMITMENT_APPROVAL')).body.verdict).toBe('restrict');
    expect(await noticesAbout(subject)).toEqual([]);
    // The client retries the same request: nothing new is created and the notice is written.
    const retry = await svc.call('POST', '/v1/records', { token: tokens.marketRecorder, body: input });
    expect(retry.status).toBe(200);
    expect(await noticesAbout(subject)).toEqual([expect.objectContaining({ reason: expect.stringContaining('异-崩') })]);

    const other = code('91120000MA0000008');
    await entity(other);
    expect((await check(tokens.approval, other, 'COMMITMENT_APPROVAL')).body.verdict).toBe('clear');
    await insertRecord(buildRecord({ ...input, subjectId: other }, 'enterprise', { sub: 'x', department: 'MARKET', at: new Date().toISOString(), requestId: 'crashed' }), { kind: 'enterprise', region: '120000' });
    expect((await check(tokens.approval, other, 'COMMITMENT_APPROVAL')).body.verdict).toBe('restrict');
    expect(await noticesAbout(other)).toEqual([]);
    // Nobody retries: the sweep (at start-up locally, the table's stream in AWS) completes the notice.
    const { sweepOutbox } = await import('#use-cases/projections.ts');
    expect(await sweepOutbox(0)).toBeGreaterThanOrEqual(1);
    expect(await noticesAbout(other)).toEqual([expect.objectContaining({ reason: expect.stringContaining('异-崩') })]);
    expect(await sweepOutbox(0)).toBe(0);
  });
});
