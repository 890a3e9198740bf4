import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '#domain/clock.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { eventually, ok } from '../support/calls.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * Objections (异议申诉, issue 14) over HTTP: filed by anyone against a public record, followed with the
 * tracking code, listed (open, overdue, decided) for the recording department only, decided upheld,
 * corrected or retracted with working-day deadlines (holidays and make-up days), and a decision whose
 * record change was interrupted completed by the sweep.
 */
const code = (n: number) => {
  const first17 = `91120000MD${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const COMPANY = code(1);
const OTHER = code(2);
const CONTACT = '联系人王某 13800001234';

let svc: TestService;
let market: string;
let tax: string;
const ids: Record<string, string> = {};

async function record(name: string, body: object, token = market) {
  ids[name] = (await ok(svc.call('POST', '/v1/records', { token, body: { documentNo: name, title: `记录${name}`, decidedOn: '2026-06-01', ...body } }), name)).recordId;
}

const file = (recordName: string, extra: object = {}, headers?: Record<string, string>) =>
  svc.call('POST', '/v1/public/objections', { body: { recordId: ids[recordName], subjectId: COMPANY, reason: '该记录与事实不符', contact: CONTACT, ...extra }, ...(headers ? { headers } : {}) });
const track = (objectionId: string, trackingCode: string) => svc.call('GET', `/v1/public/objections/${objectionId}?code=${encodeURIComponent(trackingCode)}`);
const decide = (objectionId: string, body: object, token = market) => svc.call('POST', `/v1/objections/${objectionId}/decide`, { token, body });
const listed = async (status: string, token = market) => (await ok(svc.call('GET', `/v1/objections?status=${status}`, { token }), `list ${status}`)).objections as { objectionId: string; contact: string; overdue: boolean }[];
const recordOf = async (name: string) => ((await ok(svc.call('GET', `/v1/entities/${COMPANY}/records`, { token: market }), 'records')).records as any[]).find((r) => r.recordId === ids[name]);
const publicRecord = async (name: string) => ((await ok(svc.call('GET', `/v1/public/entities/${COMPANY}`), 'lookup')).records as any[]).find((r) => r.recordId === ids[name]);

beforeAll(async () => {
  // National Day week as holidays, the Saturday after as a make-up working day (调休).
  svc = await startTestService({
    env: { HOLIDAYS: '2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07', MAKEUP_WORKDAYS: '2026-10-10', OBJECTION_WORKING_DAYS: '5', OUTBOX_SWEEP_MS: '200' },
  });
  market = await svc.token('MARKET', ['recorder'], 'clerk-li');
  tax = await svc.token('TAX', ['recorder']);
  const enterprise = { kind: 'enterprise', region: '120116', industry: 'C13', status: 'active', establishedOn: '2001-01-01' };
  await ok(svc.call('PUT', `/v1/entities/${COMPANY}`, { token: market, body: { ...enterprise, name: '天津异议示例有限公司' } }), 'company');
  await ok(svc.call('PUT', `/v1/entities/${OTHER}`, { token: market, body: { ...enterprise, name: '天津另一示例有限公司' } }), 'other');
  for (const name of ['P-correct', 'P-retract', 'P-uphold', 'P-crash', 'P-race', 'P-key']) await record(name, { subjectId: COMPANY, type: 'penalty', fineAmount: 5000 });
  await record('P-minor', { subjectId: COMPANY, type: 'penalty', severity: 'minor' });
  await record('P-other-subject', { subjectId: OTHER, type: 'penalty' });
  await record('L-tax', { subjectId: COMPANY, type: 'listing', listCode: 'MAJOR_TAX_VIOLATION' }, tax);
});

afterAll(async () => {
  fixClock(undefined);
  await svc?.close();
});

describe('filing an objection and following it', () => {
  let filed: { objectionId: string; trackingCode: string; dueBy: string };

  it('files against a public record, due five working days later counting holidays and make-up days', async () => {
    // Wednesday 30 September 2026: 1–7 October are holidays but for the weekend, 10 October is worked.
    fixClock(new Date('2026-09-30T02:00:00Z'));
    const res = await file('P-correct');
    fixClock(undefined);
    expect(res.status).toBe(201);
    filed = res.body;
    expect(filed.objectionId).toMatch(/^[A-Za-z0-9-]{1,32}$/);
    expect(filed.trackingCode).toMatch(/^[A-Za-z0-9-]{1,32}$/);
    // 8 Oct (1), 9 Oct (2), 10 Oct make-up Saturday (3), 12 Oct (4), 13 Oct (5).
    expect(filed.dueBy).toBe('2026-10-13');
  });

  it('is followed with the tracking code, without contact details; any other code is 404', async () => {
    const res = await track(filed.objectionId, filed.trackingCode.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ objectionId: filed.objectionId, recordId: ids['P-correct'], status: 'open', dueBy: '2026-10-13' });
    expect(JSON.stringify(res.body)).not.toContain('13800001234');
    expect((await track(filed.objectionId, 'WRONGCODE234')).status).toBe(404);
    expect((await track('OBNOSUCHOBJECTION0000', filed.trackingCode)).status).toBe(404);
  });

  it('marks the record 异议处理中 in the public lookup while it is open', async () => {
    expect(await publicRecord('P-correct')).toMatchObject({ underObjection: true });
    expect(await publicRecord('P-uphold')).not.toHaveProperty('underObjection');
  });

  it('is listed for the recording department alone, with the contact, overdue once past dueBy (computed when read)', async () => {
    const open = await eventually(() => listed('open'), (l) => l.some((o) => o.objectionId === filed.objectionId));
    expect(open.find((o) => o.objectionId === filed.objectionId)).toMatchObject({ contact: CONTACT, overdue: true, status: 'open', department: 'MARKET' });
    expect((await listed('overdue')).map((o) => o.objectionId)).toContain(filed.objectionId);
    expect((await listed('decided')).map((o) => o.objectionId)).not.toContain(filed.objectionId);
    expect((await listed('open', tax)).map((o) => o.objectionId)).not.toContain(filed.objectionId);
  });

  it('is refused for a record the public does not see, or of another subject (422 naming recordId)', async () => {
    for (const res of [await file('P-minor'), await svc.call('POST', '/v1/public/objections', { body: { recordId: ids['P-other-subject'], subjectId: COMPANY, reason: '不符', contact: CONTACT } })]) {
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['recordId']);
    }
  });

  it('is 400 naming the field for a missing reason or contact, or an unknown field', async () => {
    for (const [body, path] of [
      [{ reason: '' }, 'reason'],
      [{ contact: undefined }, 'contact'],
      [{ contact: 'x'.repeat(201) }, 'contact'],
      [{ extra: 1 }, '(body)'],
    ] as const) {
      const res = await file('P-correct', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});

describe('deciding', () => {
  const fileFor = async (name: string) => (await ok(file(name), `objection to ${name}`)) as { objectionId: string; trackingCode: string };

  it('is only for the recording department (another: 404), and checks the body (400 naming changes)', async () => {
    const { objectionId } = await fileFor('P-uphold');
    ids.upholdObjection = objectionId;
    expect((await decide(objectionId, { decision: 'upheld', note: '维持' }, tax)).status).toBe(404);
    const checker = await svc.token('MARKET', ['checker']);
    expect((await decide(objectionId, { decision: 'upheld', note: '维持' }, checker)).status).toBe(403);
    for (const body of [{ decision: 'corrected', note: '更正' }, { decision: 'upheld', note: '维持', changes: { fineAmount: 1 } }]) {
      const res = await decide(objectionId, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['changes']);
    }
  });

  it('upheld: the record stands, the filer sees the decision and its reason', async () => {
    const res = await decide(ids.upholdObjection!, { decision: 'upheld', note: '经核实记录无误，予以维持。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'decided', decision: 'upheld', decidedBy: 'clerk-li' });
    expect(await recordOf('P-uphold')).toMatchObject({ status: 'active', fineAmount: 5000 });
    expect(await publicRecord('P-uphold')).not.toHaveProperty('underObjection');
  });

  it('corrected: a correction the record’s rules refuse decides nothing; a valid one corrects the record, once', async () => {
    const { objectionId, trackingCode } = await fileFor('P-correct');
    const refused = await decide(objectionId, { decision: 'corrected', note: '更正', changes: { decidedOn: '2030-01-01' } });
    expect(refused.status).toBe(400);
    expect((await track(objectionId, trackingCode)).body.status).toBe('open');
    const res = await decide(objectionId, { decision: 'corrected', note: '罚款金额录入有误，已更正。', changes: { fineAmount: 2000 } });
    expect(res.status).toBe(200);
    const corrected = await recordOf('P-correct');
    expect(corrected).toMatchObject({ status: 'active', fineAmount: 2000 });
    expect(corrected.history.at(-1)).toMatchObject({ action: 'corrected', reason: `异议申诉 ${objectionId}：罚款金额录入有误，已更正。`, by: 'clerk-li' });
    expect((await track(objectionId, trackingCode)).body).toMatchObject({ status: 'decided', decision: 'corrected', note: '罚款金额录入有误，已更正。' });
    // The same decision again changes nothing; another is 409.
    expect((await decide(objectionId, { decision: 'corrected', note: '罚款金额录入有误，已更正。', changes: { fineAmount: 2000 } })).status).toBe(200);
    expect((await decide(objectionId, { decision: 'retracted', note: '撤销' })).status).toBe(409);
    expect((await recordOf('P-correct')).history.filter((e: { action: string }) => e.action === 'corrected')).toHaveLength(1);
  });

  it('retracted: the record is retracted and leaves the public lookup', async () => {
    const { objectionId } = await fileFor('P-retract');
    expect(await publicRecord('P-retract')).toMatchObject({ underObjection: true });
    expect((await decide(objectionId, { decision: 'retracted', note: '该处罚已被行政复议撤销。' })).status).toBe(200);
    expect(await recordOf('P-retract')).toMatchObject({ status: 'retracted' });
    expect(await publicRecord('P-retract')).toBeUndefined();
    const decided = await eventually(() => listed('decided'), (l) => l.some((o) => o.objectionId === objectionId));
    expect(decided.map((o) => o.objectionId)).toContain(objectionId);
  });

  it('two different decisions at once: one wins, the other is 409, the record changes once', async () => {
    const { objectionId } = await fileFor('P-race');
    const answers = await Promise.all([
      decide(objectionId, { decision: 'retracted', note: '撤销' }),
      decide(objectionId, { decision: 'corrected', note: '更正', changes: { fineAmount: 1000 } }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.decision;
    const after = await recordOf('P-race');
    if (winner === 'retracted') expect(after).toMatchObject({ status: 'retracted', fineAmount: 5000 });
    else expect(after).toMatchObject({ status: 'active', fineAmount: 1000 });
  });

  it('a decision whose record change did not happen (the request died) is completed by the sweep', async () => {
    const { objectionId } = await fileFor('P-crash');
    // What a request that died right after writing its decision leaves: the decision, not settled, marked for the outbox.
    const { findPetition, savePetitionChange, OBJECTIONS } = await import('#data/petitions.ts');
    const findObjection = (id: string) => findPetition(OBJECTIONS, id);
    const { decideObjection } = await import('#domain/objections.ts');
    const open = (await findObjection(objectionId))!;
    const decided = decideObjection(open, { decision: 'retracted', note: '复核撤销' }, { sub: 'clerk-li', department: 'MARKET', at: new Date().toISOString(), requestId: 'died' });
    expect(decided).toMatchObject({ settled: false });
    expect(await savePetitionChange(OBJECTIONS, open, decided as never)).toBe(true);
    expect(await recordOf('P-crash')).toMatchObject({ status: 'active' });
    const after = await eventually(() => recordOf('P-crash'), (r) => r.status === 'retracted');
    expect(after).toMatchObject({ status: 'retracted' });
    expect(after.history.at(-1)).toMatchObject({ reason: `异议申诉 ${objectionId}：复核撤销`, requestId: 'died' });
    expect((await findObjection(objectionId))!.settled).toBe(true);
  });
});

describe('filing once under retries', () => {
  it('answers concurrent requests under one Idempotency-Key with one objection; another body under it is 409', async () => {
    const key = `objection-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => file('P-key', {}, { 'Idempotency-Key': key })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => `${a.body.objectionId} ${a.body.trackingCode}`)).size).toBe(1);
    expect((await file('P-key', { reason: '另一理由' }, { 'Idempotency-Key': key })).status).toBe(409);
    const open = await eventually(() => listed('open'), (l) => l.some((o) => o.objectionId === answers[0]!.body.objectionId));
    expect(open.filter((o) => o.objectionId === answers[0]!.body.objectionId)).toHaveLength(1);
  });
});
