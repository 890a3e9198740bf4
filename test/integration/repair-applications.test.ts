import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '#domain/clock.ts';
import { addDays, addMonths, cstDate } from '#domain/dates.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { eventually, ok } from '../support/calls.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * Repair applications (信用修复申请, issue 14) over HTTP: which records may be applied for and from which
 * day, the 守信承诺书 recorded as a CREDIT_REPAIR commitment, working-day deadlines and overdue lists, the
 * recording department's decision — approved repairs the record, which leaves checks and the public
 * lookup at once — and an approval whose repair was interrupted completed by the sweep.
 */
const code = (n: number) => {
  const first17 = `91120000ME${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const COMPANY = code(1);
const CONTACT = '申请人联系电话 13700001111';
const today = cstDate(new Date());
const monthsAgo = (n: number) => addMonths(today, -n);

let svc: TestService;
let market: string;
let checker: string;
const ids: Record<string, string> = {};

async function record(name: string, body: object, token = market) {
  ids[name] = (await ok(svc.call('POST', '/v1/records', { token, body: { documentNo: name, title: `记录${name}`, subjectId: COMPANY, ...body } }), name)).recordId;
}

const application = (recordName: string, extra: object = {}) => ({
  recordId: ids[recordName],
  subjectId: COMPANY,
  correctedOn: monthsAgo(1),
  application: '已补报年度报告并缴清罚款，申请信用修复。',
  commitment: '本公司承诺今后依法按时公示年度报告。',
  contact: CONTACT,
  ...extra,
});
const apply = (recordName: string, extra: object = {}, headers?: Record<string, string>) =>
  svc.call('POST', '/v1/public/repair-applications', { body: application(recordName, extra), ...(headers ? { headers } : {}) });
const decide = (id: string, body: object, token = market) => svc.call('POST', `/v1/repair-applications/${id}/decide`, { token, body });
const track = (id: string, trackingCode: string) => svc.call('GET', `/v1/public/repair-applications/${id}?code=${trackingCode}`);
const listed = async (status: string, token = market) => (await ok(svc.call('GET', `/v1/repair-applications?status=${status}`, { token }), `list ${status}`)).applications as { applicationId: string; contact: string; overdue: boolean }[];
const statusOf = async (name: string) => ((await ok(svc.call('GET', `/v1/entities/${COMPANY}/records`, { token: market }), 'records')).records as any[]).find((r) => r.recordId === ids[name]);
const publicRecord = async (name: string) => ((await ok(svc.call('GET', `/v1/public/entities/${COMPANY}`), 'lookup')).records as any[]).find((r) => r.recordId === ids[name]);
const hits = async () => ((await ok(svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: COMPANY, matter: 'LICENCE' } }), 'check')).hits as { recordId: string }[]).map((h) => h.recordId);

beforeAll(async () => {
  svc = await startTestService({ env: { HOLIDAYS: '2027-02-11,2027-02-12,2027-02-15,2027-02-16', MAKEUP_WORKDAYS: '2027-02-20', REPAIR_WORKING_DAYS: '5', OUTBOX_SWEEP_MS: '200' } });
  market = await svc.token('MARKET', ['recorder'], 'clerk-zhao');
  checker = await svc.token('APPROVAL', ['checker']);
  const court = await svc.token('COURT', ['recorder']);
  await ok(svc.call('PUT', `/v1/entities/${COMPANY}`, { token: market, body: { kind: 'enterprise', name: '天津修复示例有限公司', region: '120116', industry: 'C13', status: 'active', establishedOn: '2001-01-01' } }), 'company');
  await record('L-abnormal', { type: 'listing', listCode: 'ABNORMAL_OPERATION', decidedOn: monthsAgo(6) });
  await record('P-old', { type: 'penalty', decidedOn: monthsAgo(5), fineAmount: 3000 });
  await record('P-reject', { type: 'penalty', decidedOn: monthsAgo(5) });
  await record('P-crash', { type: 'penalty', decidedOn: monthsAgo(5) });
  await record('P-key', { type: 'penalty', decidedOn: monthsAgo(5) });
  await record('P-young', { type: 'penalty', decidedOn: monthsAgo(1) });
  await record('LIC', { type: 'licence', decidedOn: monthsAgo(5) });
  await record('L-court', { type: 'listing', listCode: 'COURT_DEFAULTER', decidedOn: monthsAgo(20) }, court);
});

afterAll(async () => {
  fixClock(undefined);
  await svc?.close();
});

describe('what may be applied for', () => {
  it('shows the first day a repair may be applied for on each repairable public record, and none on the others', async () => {
    expect(await publicRecord('P-young')).toMatchObject({ repairableFrom: addMonths(monthsAgo(1), 3) });
    expect(await publicRecord('L-abnormal')).toMatchObject({ repairableFrom: addMonths(monthsAgo(6), 3) });
    expect(await publicRecord('L-court')).not.toHaveProperty('repairableFrom');
    expect(await publicRecord('LIC')).not.toHaveProperty('repairableFrom');
  });

  it.each([
    ['a penalty within its minimum period, naming the first allowed day', 'P-young', () => addMonths(monthsAgo(1), 3)],
    ['a court-defaulter listing (ended by its keeper)', 'L-court', () => 'COURT_DEFAULTER'],
    ['a licence', 'LIC', () => 'not repairable'],
  ])('refuses %s (422 naming recordId)', async (_what, name, says) => {
    const res = await apply(name);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'recordId', message: expect.stringContaining(says()) }]);
  });

  it('is 400 naming the field for a correction date ahead of today or before the decision, or a missing commitment', async () => {
    for (const [extra, path] of [
      [{ correctedOn: addDays(today, 1) }, 'correctedOn'],
      [{ correctedOn: monthsAgo(7) }, 'correctedOn'],
      [{ commitment: '' }, 'commitment'],
      [{ application: undefined }, 'application'],
    ] as const) {
      const res = await apply('P-old', extra);
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});

describe('an application approved', () => {
  let filed: { applicationId: string; trackingCode: string; dueBy: string; commitmentCode: string };

  it('is filed with the 守信承诺书 recorded as a CREDIT_REPAIR commitment accepted by the record’s department', async () => {
    const res = await apply('L-abnormal');
    expect(res.status).toBe(201);
    filed = res.body;
    const commitments = (await ok(svc.call('GET', `/v1/entities/${COMPANY}/commitments`, { token: market }), 'commitments')).commitments as any[];
    expect(commitments.find((c) => c.code === filed.commitmentCode)).toMatchObject({ type: 'CREDIT_REPAIR', content: '本公司承诺今后依法按时公示年度报告。', department: 'MARKET', status: 'open' });
    expect((await track(filed.applicationId, filed.trackingCode)).body).toMatchObject({ status: 'open', recordId: ids['L-abnormal'], commitmentCode: filed.commitmentCode });
    expect(JSON.stringify((await track(filed.applicationId, filed.trackingCode)).body)).not.toContain('13700001111');
  });

  it('is listed for the department with the contact; another department cannot decide it (404)', async () => {
    const open = await eventually(() => listed('open'), (l) => l.some((a) => a.applicationId === filed.applicationId));
    expect(open.find((a) => a.applicationId === filed.applicationId)).toMatchObject({ contact: CONTACT, overdue: false });
    const tax = await svc.token('TAX', ['recorder']);
    expect((await decide(filed.applicationId, { decision: 'approved', note: '准予' }, tax)).status).toBe(404);
    expect((await listed('open', tax)).map((a) => a.applicationId)).not.toContain(filed.applicationId);
  });

  it('repairs the record: it leaves the checks and the public lookup at once, its history names the application', async () => {
    expect(await hits()).toContain(ids['L-abnormal']);
    const res = await decide(filed.applicationId, { decision: 'approved', note: '已纠正失信行为并作出守信承诺，准予修复。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'decided', decision: 'approved', decidedBy: 'clerk-zhao' });
    const repaired = await statusOf('L-abnormal');
    expect(repaired).toMatchObject({ status: 'repaired' });
    expect(repaired.history.at(-1)).toMatchObject({ action: 'repaired', reason: `信用修复申请 ${filed.applicationId}：已纠正失信行为并作出守信承诺，准予修复。`, correctedOn: monthsAgo(1) });
    expect(await hits()).not.toContain(ids['L-abnormal']);
    expect(await publicRecord('L-abnormal')).toBeUndefined();
    expect((await track(filed.applicationId, filed.trackingCode)).body).toMatchObject({ status: 'decided', decision: 'approved' });
    expect((await decide(filed.applicationId, { decision: 'approved', note: '已纠正失信行为并作出守信承诺，准予修复。' })).status).toBe(200);
    expect((await decide(filed.applicationId, { decision: 'rejected', note: '不予' })).status).toBe(409);
    const decided = await eventually(() => listed('decided'), (l) => l.some((a) => a.applicationId === filed.applicationId));
    expect(decided.map((a) => a.applicationId)).toContain(filed.applicationId);
  });

  it('a second application for the repaired record is refused (422)', async () => {
    expect((await apply('L-abnormal')).status).toBe(422);
  });
});

describe('an application rejected, and deadlines', () => {
  it('rejected: the record stays, the applicant reads why', async () => {
    const { applicationId, trackingCode } = await ok(apply('P-reject'), 'apply');
    expect((await decide(applicationId, { decision: 'rejected', note: '罚款尚未缴清，不予修复。' })).status).toBe(200);
    expect(await statusOf('P-reject')).toMatchObject({ status: 'active' });
    expect((await track(applicationId, trackingCode)).body).toMatchObject({ decision: 'rejected', note: '罚款尚未缴清，不予修复。' });
  });

  it('is due five working days after filing (Spring Festival holidays, a make-up Saturday) and overdue after, computed when read', async () => {
    // Wednesday 10 February 2027; 11, 12, 15, 16 February are holidays, Saturday 20 February is worked.
    fixClock(new Date('2027-02-10T03:00:00Z'));
    const res = await apply('P-old');
    expect(res.status).toBe(201);
    // 17 Feb (1), 18 (2), 19 (3), Sat 20 (4), Mon 22 (5).
    expect(res.body.dueBy).toBe('2027-02-22');
    const isOverdue = async () => (await eventually(() => listed('open'), (l) => l.some((a) => a.applicationId === res.body.applicationId))).find((a) => a.applicationId === res.body.applicationId)?.overdue;
    fixClock(new Date('2027-02-22T15:00:00Z'));
    expect(await isOverdue()).toBe(false);
    fixClock(new Date('2027-02-22T16:00:00Z'));
    expect(await isOverdue()).toBe(true);
    expect((await listed('overdue')).map((a) => a.applicationId)).toContain(res.body.applicationId);
    fixClock(undefined);
  });

  it('an approval whose repair did not happen (the request died) is completed by the sweep', async () => {
    const { applicationId } = await ok(apply('P-crash'), 'apply');
    const { findPetition, savePetitionChange, REPAIR_APPLICATIONS } = await import('#data/petitions.ts');
    const { decideRepairApplication } = await import('#domain/repair-applications.ts');
    const open = (await findPetition(REPAIR_APPLICATIONS, applicationId))!;
    const decided = decideRepairApplication(open, { decision: 'approved', note: '准予修复' }, { sub: 'clerk-zhao', department: 'MARKET', at: new Date().toISOString(), requestId: 'died' });
    expect(await savePetitionChange(REPAIR_APPLICATIONS, open, decided as never)).toBe(true);
    expect(await statusOf('P-crash')).toMatchObject({ status: 'active' });
    expect(await eventually(() => statusOf('P-crash'), (r) => r.status === 'repaired')).toMatchObject({ status: 'repaired' });
    expect((await findPetition(REPAIR_APPLICATIONS, applicationId))!.settled).toBe(true);
  });

  it('concurrent requests under one Idempotency-Key file one application and one commitment', async () => {
    const key = `repair-${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 4 }, () => apply('P-key', {}, { 'Idempotency-Key': key })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => `${a.body.applicationId} ${a.body.commitmentCode}`)).size).toBe(1);
    const commitments = (await ok(svc.call('GET', `/v1/entities/${COMPANY}/commitments`, { token: market }), 'commitments')).commitments as { code: string }[];
    expect(commitments.filter((c) => c.code === answers[0]!.body.commitmentCode)).toHaveLength(1);
    expect((await apply('P-key', { application: '另一份申请' }, { 'Idempotency-Key': key })).status).toBe(409);
  });
});
