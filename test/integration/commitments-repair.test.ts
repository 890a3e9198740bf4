import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '#domain/clock.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

const code = (n: number) => {
  const first17 = `91120104MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const APPLICANT = code(1);
const DEFAULTER = code(2);
const PENALISED = code(3);

let svc: TestService;
let approval: string;
let approvalChecker: string;
let market: string;
let court: string;
let otherRecorder: string;

beforeAll(async () => {
  // Today is fixed at 2026-11-22 in China Standard Time for every period below.
  fixClock(new Date('2026-11-22T04:00:00Z'));
  svc = await startTestService();
  approval = await svc.token('APPROVAL', ['recorder'], 'clerk-sun');
  approvalChecker = await svc.token('APPROVAL', ['checker']);
  market = await svc.token('MARKET', ['recorder']);
  court = await svc.token('COURT', ['recorder']);
  otherRecorder = await svc.token('HOUSING', ['recorder']);
  for (const id of [APPLICANT, DEFAULTER, PENALISED]) {
    await svc.call('PUT', `/v1/entities/${id}`, { token: market, body: { kind: 'enterprise', name: `承诺测试${id.slice(-3)}`, region: '120104', industry: 'F51', status: 'active', establishedOn: '2015-01-01' } });
  }
  await svc.call('POST', '/v1/records', { token: court, body: { subjectId: DEFAULTER, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '执-1', decidedOn: '2026-01-10', title: '失信被执行人' } });
});

afterAll(async () => {
  fixClock(undefined);
  await svc?.close();
});

const commit = (body: object, token = approval) => svc.call('POST', '/v1/commitments', { token, body });
const base = { subjectId: APPLICANT, type: 'APPROVAL_REPLACEMENT', matter: 'COMMITMENT_APPROVAL', content: '承诺具备食品经营场所条件', dueOn: '2026-12-31' };

describe('commitments', () => {
  let codeMade: string;

  it('makes a commitment with a region + date + serial code, and a retry makes nothing new', async () => {
    const res = await commit(base);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^12010420261122\d{6}$/);
    expect(res.body).toMatchObject({ subjectId: APPLICANT, type: 'APPROVAL_REPLACEMENT', status: 'open', department: 'APPROVAL' });
    codeMade = res.body.code;
    const retry = await commit(base);
    expect(retry.status).toBe(200);
    expect(retry.body.code).toBe(codeMade);
    const second = await commit({ ...base, content: '承诺已取得消防验收' });
    expect(second.status).toBe(201);
    expect(Number(second.body.code.slice(-6))).toBe(Number(codeMade.slice(-6)) + 1);
    const list = await svc.call('GET', `/v1/entities/${APPLICANT}/commitments`, { token: approvalChecker });
    expect(list.body.commitments.map((c: { code: string }) => c.code).sort()).toEqual([codeMade, second.body.code].sort());
  });

  it('refuses commitment-based approval to a subject on a serious black list, naming the reason', async () => {
    const res = await commit({ ...base, subjectId: DEFAULTER });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('type');
    expect(res.body.detail).toContain('COURT_DEFAULTER');
    // A voluntary commitment is still open to it.
    expect((await commit({ ...base, subjectId: DEFAULTER, type: 'VOLUNTARY' })).status).toBe(201);
  });

  it('answers 400 naming bad fields and 422 for an unknown subject', async () => {
    const bad = await commit({ ...base, type: 'PROMISE', matter: 'NOPE', dueOn: '2026-11-21' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['matter', 'type']);
    const past = await commit({ ...base, dueOn: '2026-11-21' });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('dueOn');
    expect((await commit({ ...base, subjectId: code(99) })).status).toBe(422);
  });

  it('verifies: only the accepting department; same outcome again is a no-op, another is 409', async () => {
    const url = `/v1/commitments/${codeMade}/verify`;
    expect((await svc.call('POST', url, { token: otherRecorder, body: { outcome: 'fulfilled', note: '核查' } })).status).toBe(403);
    const ok = await svc.call('POST', url, { token: approval, body: { outcome: 'unfulfilled', note: '现场核查不具备经营场所' } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('verified');
    expect(ok.body.verification).toMatchObject({ outcome: 'unfulfilled', by: 'clerk-sun' });
    expect((await svc.call('POST', url, { token: approval, body: { outcome: 'unfulfilled', note: '现场核查不具备经营场所' } })).status).toBe(200);
    expect((await svc.call('POST', url, { token: approval, body: { outcome: 'fulfilled', note: '复查' } })).status).toBe(409);
    const records = (await svc.call('GET', `/v1/entities/${APPLICANT}/records`, { token: approvalChecker })).body.records;
    expect(records.filter((r: { listCode?: string }) => r.listCode === 'COMMITMENT_BREACH')).toHaveLength(1);
  });

  it('a verified commitment carries its outcome; an open one none', async () => {
    const commitments = (await svc.call('GET', `/v1/entities/${APPLICANT}/commitments`, { token: approvalChecker })).body.commitments;
    const byCode = new Map(commitments.map((c: { code: string }) => [c.code, c]));
    expect(byCode.get(codeMade)).toMatchObject({ status: 'verified', outcome: 'unfulfilled' });
    expect([...byCode.values()].filter((c: any) => c.status !== 'verified').every((c: any) => c.outcome === undefined)).toBe(true);
    expect([...byCode.values()].some((c: any) => c.status !== 'verified')).toBe(true);
  });

  it('a breach shows in the next check, the public report and the entity class, and blocks new 告知承诺', async () => {
    const check = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: APPLICANT, matter: 'COMMITMENT_APPROVAL' } });
    expect(check.body.verdict).toBe('restrict');
    expect(check.body.hits.map((h: { listCode: string }) => h.listCode)).toEqual(['COMMITMENT_BREACH']);
    const report = await svc.call('GET', `/v1/public/entities/${APPLICANT}`);
    expect(report.body.records.map((r: { listCode?: string }) => r.listCode)).toContain('COMMITMENT_BREACH');
    expect((await svc.call('GET', `/v1/entities/${APPLICANT}`, { token: approvalChecker })).body.riskClass).toBe('C');
    const refused = await commit({ ...base, content: '再次承诺' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('COMMITMENT_BREACH');
  });

  it('lists a department’s open, overdue and verified commitments', async () => {
    const overdueCode = (await commit({ ...base, subjectId: PENALISED, type: 'MISSING_DOCUMENTS', content: '补交材料', dueOn: '2026-11-22' })).body.code;
    fixClock(new Date('2026-11-23T04:00:00Z'));
    try {
      const overdue = await svc.call('GET', '/v1/commitments?status=overdue', { token: approval });
      expect(overdue.body.commitments.map((c: { code: string }) => c.code)).toEqual([overdueCode]);
      expect(overdue.body.commitments[0].status).toBe('overdue');
      const open = await svc.call('GET', '/v1/commitments?status=open', { token: approval });
      expect(open.body.commitments.map((c: { code: string }) => c.code)).toContain(overdueCode);
      const verified = await svc.call('GET', '/v1/commitments?status=verified', { token: approval });
      expect(verified.body.commitments.map((c: { code: string }) => c.code)).toEqual([codeMade]);
      expect((await svc.call('GET', '/v1/commitments?status=late', { token: approval })).status).toBe(400);
    } finally {
      fixClock(new Date('2026-11-22T04:00:00Z'));
    }
  });
});

describe('credit repair', () => {
  const penalty = (documentNo: string, decidedOn: string, severity = 'general') =>
    svc.call('POST', '/v1/records', { token: market, body: { subjectId: PENALISED, type: 'penalty', documentNo, decidedOn, title: '违法行为', severity, fineAmount: 200_000 } });
  const repair = (recordId: string, token = market, body: object = {}) =>
    svc.call('POST', `/v1/records/${recordId}/repair`, { token, body: { reason: '已整改并作出信用修复承诺', repairCommitment: true, correctedOn: '2026-10-01', ...body } });

  it('allows a general penalty from the day its 3-month minimum ends, not the day before', async () => {
    const early = (await penalty('罚-早', '2026-08-23')).body.recordId;
    const res = await repair(early);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('2026-11-23');
    const due = (await penalty('罚-届', '2026-08-22')).body.recordId;
    expect((await repair(due)).status).toBe(200);
  });

  it('removes a repaired record from checks, classes and the public report at once, keeping its history', async () => {
    const listed = await svc.call('POST', '/v1/records', { token: market, body: { subjectId: APPLICANT, type: 'listing', listCode: 'SAMR_SERIOUS_VIOLATION', documentNo: '严-1', decidedOn: '2025-11-22', title: '严重违法失信' } });
    expect((await svc.call('GET', `/v1/entities/${APPLICANT}`, { token: approvalChecker })).body.riskClass).toBe('D');
    expect((await repair(listed.body.recordId)).status).toBe(200);
    expect((await svc.call('GET', `/v1/entities/${APPLICANT}`, { token: approvalChecker })).body.lists).toEqual(['COMMITMENT_BREACH']);
    const report = await svc.call('GET', `/v1/public/entities/${APPLICANT}`);
    expect(JSON.stringify(report.body)).not.toContain('严-1');
    const records = (await svc.call('GET', `/v1/entities/${APPLICANT}/records`, { token: approvalChecker })).body.records;
    const repaired = records.find((r: { documentNo: string }) => r.documentNo === '严-1');
    expect(repaired.status).toBe('repaired');
    expect(repaired.history.map((e: { action: string }) => e.action)).toEqual(['created', 'repaired']);
  });

  it('repairs the breach listing, and the next check is clear again', async () => {
    const records = (await svc.call('GET', `/v1/entities/${APPLICANT}/records`, { token: approvalChecker })).body.records;
    const breach = records.find((r: { listCode?: string }) => r.listCode === 'COMMITMENT_BREACH');
    // COMMITMENT_BREACH is a general list: its 3-month minimum has not passed.
    expect((await repair(breach.recordId, approval, { correctedOn: '2026-11-22' })).status).toBe(422);
    // Three months later, to the day.
    fixClock(new Date('2027-02-22T04:00:00Z'));
    try {
      const before = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: APPLICANT, matter: 'COMMITMENT_APPROVAL' } });
      expect(before.body.verdict).toBe('restrict');
      expect((await repair(breach.recordId, approval, { correctedOn: '2026-12-20' })).status).toBe(200);
      const check = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: APPLICANT, matter: 'COMMITMENT_APPROVAL' } });
      expect(check.body.hits).toEqual([]);
      expect(check.body.verdict).toBe('clear');
      // A check as of a moment before the repair still sees the membership then in force.
      const past = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: APPLICANT, matter: 'COMMITMENT_APPROVAL', asOf: '2026-12-01T00:00:00Z' } });
      expect(past.body.verdict).toBe('restrict');
      expect(JSON.stringify((await svc.call('GET', `/v1/public/entities/${APPLICANT}`)).body)).not.toContain('COMMITMENT_BREACH');
    } finally {
      fixClock(new Date('2026-11-22T04:00:00Z'));
    }
  });

  it.each([
    ['a court-defaulter listing', 'COURT_DEFAULTER'],
  ])('refuses to repair %s: ended by its keeper', async (_label, listCode) => {
    const records = (await svc.call('GET', `/v1/entities/${DEFAULTER}/records`, { token: approvalChecker })).body.records;
    const listing = records.find((r: { listCode?: string }) => r.listCode === listCode);
    const res = await repair(listing.recordId, court);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('keeper');
  });

  it('lets only the recording department repair, and needs the repair commitment', async () => {
    const id = (await penalty('罚-他', '2025-01-01')).body.recordId;
    expect((await repair(id, otherRecorder)).status).toBe(403);
    const noCommitment = await repair(id, market, { repairCommitment: false });
    expect(noCommitment.status).toBe(400);
    expect(noCommitment.body.errors[0].path).toBe('repairCommitment');
    const future = await repair(id, market, { correctedOn: '2026-12-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('correctedOn');
  });
});
