import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * An approval links only the approving department's own commitment and check (API.md, Approvals and
 * supervision). Otherwise department A could link department B's commitment to its own approval,
 * complete its own supervision task as unfulfilled, and so verify B's commitment and list the subject
 * on COMMITMENT_BREACH in B's name (a confused deputy).
 */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const SHOP = code('91120116MA00A0001');
const ELSEWHERE = code('91120116MA00A0002');

let svc: TestService;
/** A = APPROVAL, which approves and supervises; B = MARKET, which accepted the commitment. */
const t = {} as Record<'aRecorder' | 'aChecker' | 'aInspector' | 'bRecorder' | 'bChecker', string>;
let bCommitment: string;
let aCheck: string;
let bCheck: string;
let aCheckElsewhere: string;

const approve = (licenceNo: string, extra: object) =>
  svc.call('POST', '/v1/approvals', {
    token: t.aRecorder,
    body: { subjectId: SHOP, matter: 'LICENCE', licenceNo, title: '许可证', decidedOn: '2026-06-01', decision: 'granted', supervisingDepartments: ['APPROVAL'], ...extra },
  });

const records = async () => (await svc.call('GET', `/v1/entities/${SHOP}/records`, { token: t.bRecorder })).body.records as { type: string; documentNo: string; listCode?: string; department: string; status: string }[];
const commitment = async (c: string) =>
  ((await svc.call('GET', `/v1/entities/${SHOP}/commitments`, { token: t.bRecorder })).body.commitments as { code: string; status: string }[]).find((x) => x.code === c)!;
const aTasks = async () => (await svc.call('GET', '/v1/supervision/tasks?status=open', { token: t.aInspector })).body.tasks as { taskId: string; approvalId: string; commitment?: { code: string } }[];

beforeAll(async () => {
  svc = await startTestService();
  t.aRecorder = await svc.token('APPROVAL', ['recorder'], 'a-clerk');
  t.aChecker = await svc.token('APPROVAL', ['checker'], 'a-clerk');
  t.aInspector = await svc.token('APPROVAL', ['inspector'], 'a-inspector');
  t.bRecorder = await svc.token('MARKET', ['recorder'], 'b-clerk');
  t.bChecker = await svc.token('MARKET', ['checker'], 'b-clerk');
  for (const id of [SHOP, ELSEWHERE]) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, {
      token: t.bRecorder,
      body: { kind: 'enterprise', name: `审管权限测试${id.slice(-3)}`, region: '120116', industry: 'H62', status: 'active', establishedOn: '2012-01-01' },
    });
    expect(res.status).toBe(201);
  }
  const made = await svc.call('POST', '/v1/commitments', {
    token: t.bRecorder,
    body: { subjectId: SHOP, type: 'APPROVAL_REPLACEMENT', matter: 'LICENCE', content: '承诺经营场所符合要求', dueOn: '2099-01-31' },
  });
  expect(made.status).toBe(201);
  bCommitment = made.body.code;
  aCheck = (await svc.call('POST', '/v1/checks', { token: t.aChecker, body: { subjectId: SHOP, matter: 'LICENCE' } })).body.checkId;
  bCheck = (await svc.call('POST', '/v1/checks', { token: t.bChecker, body: { subjectId: SHOP, matter: 'LICENCE' } })).body.checkId;
  aCheckElsewhere = (await svc.call('POST', '/v1/checks', { token: t.aChecker, body: { subjectId: ELSEWHERE, matter: 'LICENCE' } })).body.checkId;
});

afterAll(async () => svc?.close());

describe('an approval relies only on what the approving department did itself', () => {
  it('refuses another department’s commitment, for the same subject, with 422 naming commitmentCode, and writes nothing', async () => {
    const res = await approve('A-LIC-1', { checkId: aCheck, commitmentCode: bCommitment });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'commitmentCode', message: expect.any(String) }]);
    expect((await svc.call('GET', '/v1/approvals', { token: t.aRecorder })).body.approvals).toEqual([]);
    expect(await aTasks()).toEqual([]);
    expect((await records()).filter((r) => r.documentNo === 'A-LIC-1')).toEqual([]);
    expect((await commitment(bCommitment)).status).toBe('open');
  });

  it('refuses another department’s check, or its own check of another subject, with 422 naming checkId', async () => {
    for (const checkId of [bCheck, aCheckElsewhere]) {
      const res = await approve('A-LIC-2', { checkId });
      expect(res.status, checkId).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'checkId', message: expect.any(String) }]);
    }
    expect((await svc.call('GET', '/v1/approvals', { token: t.aRecorder })).body.approvals).toEqual([]);
  });

  it('so A’s own supervision cannot verify B’s commitment nor list the subject in B’s name', async () => {
    const granted = await approve('A-LIC-3', { checkId: aCheck });
    expect(granted.status).toBe(201);
    const [task] = await aTasks();
    expect(task).toMatchObject({ approvalId: granted.body.approvalId });
    expect(task!.commitment).toBeUndefined();
    const done = await svc.call('POST', `/v1/supervision/tasks/${task!.taskId}/complete`, {
      token: t.aInspector,
      body: { outcome: 'non-compliant', findings: '未按承诺整改', commitmentOutcome: 'unfulfilled' },
    });
    expect(done.status).toBe(422);
    expect(done.body.errors[0].path).toBe('commitmentOutcome');
    expect((await commitment(bCommitment)).status).toBe('open');
    expect((await records()).filter((r) => r.listCode === 'COMMITMENT_BREACH')).toEqual([]);
  });

  it('and B’s own verification still works afterwards, listing the breach in B’s name', async () => {
    const verified = await svc.call('POST', `/v1/commitments/${bCommitment}/verify`, { token: t.bRecorder, body: { outcome: 'unfulfilled', note: '逾期未整改' } });
    expect(verified.status).toBe(200);
    expect((await commitment(bCommitment)).status).toBe('verified');
    expect((await records()).filter((r) => r.listCode === 'COMMITMENT_BREACH')).toEqual([expect.objectContaining({ department: 'MARKET', status: 'active' })]);
  });

  it('links the approving department’s own commitment, which its supervision then verifies on its behalf', async () => {
    const own = await svc.call('POST', '/v1/commitments', {
      token: t.aRecorder,
      body: { subjectId: ELSEWHERE, type: 'MISSING_DOCUMENTS', matter: 'LICENCE', content: '承诺三十日内补齐材料', dueOn: '2099-01-31' },
    });
    expect(own.status).toBe(201);
    const granted = await svc.call('POST', '/v1/approvals', {
      token: t.aRecorder,
      body: { subjectId: ELSEWHERE, matter: 'LICENCE', licenceNo: 'A-LIC-4', title: '许可证', decidedOn: '2026-06-01', decision: 'granted', checkId: aCheckElsewhere, commitmentCode: own.body.code, supervisingDepartments: ['APPROVAL'] },
    });
    expect(granted.status).toBe(201);
    const task = (await aTasks()).find((x) => x.approvalId === granted.body.approvalId)!;
    expect(task.commitment?.code).toBe(own.body.code);
    const done = await svc.call('POST', `/v1/supervision/tasks/${task.taskId}/complete`, { token: t.aInspector, body: { outcome: 'compliant', findings: '材料已补齐', commitmentOutcome: 'fulfilled' } });
    expect(done.status).toBe(200);
    const commitments = (await svc.call('GET', `/v1/entities/${ELSEWHERE}/commitments`, { token: t.aRecorder })).body.commitments as { code: string; status: string }[];
    expect(commitments.find((c) => c.code === own.body.code)?.status).toBe('verified');
  });
});
