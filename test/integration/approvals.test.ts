import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '#domain/clock.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

const code = (n: number) => {
  const first17 = `91120116MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const SHOP = code(1);
const OTHER = code(2);

let svc: TestService;
let approvalRecorder: string;
let approvalChecker: string;
let marketInspector: string;
let ecologyInspector: string;
let marketRecorder: string;

beforeAll(async () => {
  fixClock(new Date('2026-11-23T02:00:00Z')); // Monday 2026-11-23 in CST
  svc = await startTestService();
  approvalRecorder = await svc.token('APPROVAL', ['recorder'], 'clerk-li');
  approvalChecker = await svc.token('APPROVAL', ['checker'], 'clerk-li');
  marketInspector = await svc.token('MARKET', ['inspector'], 'inspector-wu');
  ecologyInspector = await svc.token('ECOLOGY', ['inspector']);
  marketRecorder = await svc.token('MARKET', ['recorder']);
  for (const id of [SHOP, OTHER]) {
    await svc.call('PUT', `/v1/entities/${id}`, { token: marketRecorder, body: { kind: 'enterprise', name: `审管互动测试${id.slice(-3)}`, region: '120116', industry: 'H62', status: 'active', establishedOn: '2012-01-01' } });
  }
});

afterAll(async () => {
  fixClock(undefined);
  await svc?.close();
});

describe('an approval granted on a commitment, supervised, found unfulfilled', () => {
  let approvalId: string;
  let taskId: string;
  let checkId: string;
  let commitmentCode: string;

  it('creates the licence record and the supervising department’s task in one request', async () => {
    const check = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: SHOP, matter: 'COMMITMENT_APPROVAL' } });
    expect(check.body.verdict).toBe('clear');
    checkId = check.body.checkId;
    const commitment = await svc.call('POST', '/v1/commitments', {
      token: approvalRecorder,
      body: { subjectId: SHOP, type: 'APPROVAL_REPLACEMENT', matter: 'COMMITMENT_APPROVAL', content: '承诺经营场所符合食品安全要求', dueOn: '2027-01-31' },
    });
    commitmentCode = commitment.body.code;
    const res = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: SHOP, matter: 'COMMITMENT_APPROVAL', licenceNo: 'JY11201160001', title: '食品经营许可证', decidedOn: '2026-11-23', decision: 'granted', checkId, commitmentCode },
    });
    expect(res.status).toBe(201);
    approvalId = res.body.approvalId;
    // COMMITMENT_APPROVAL is supervised by MARKET (data/supervision.json), with 60 days.
    expect(res.body.supervisingDepartments).toEqual(['MARKET']);
    expect(res.body.taskIds).toHaveLength(1);
    taskId = res.body.taskIds[0];
    // Seven working days after Monday 2026-11-23 is Wednesday 2026-12-02.
    expect(res.body.licencePublishBy).toBe('2026-12-02');

    const report = await svc.call('GET', `/v1/public/entities/${SHOP}`);
    expect(report.body.records).toEqual([expect.objectContaining({ type: 'licence', documentNo: 'JY11201160001', department: 'APPROVAL' })]);

    const tasks = await svc.call('GET', '/v1/supervision/tasks?status=open', { token: marketInspector });
    expect(tasks.body.tasks).toEqual([
      expect.objectContaining({ taskId, subjectId: SHOP, approvalId, dueOn: '2027-01-22', status: 'open', commitment: expect.objectContaining({ code: commitmentCode, content: '承诺经营场所符合食品安全要求' }) }),
    ]);
    expect((await svc.call('GET', '/v1/supervision/tasks', { token: ecologyInspector })).body.tasks).toEqual([]);
  });

  it('re-submitting the same licence number returns the same approval and creates nothing new', async () => {
    const again = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: SHOP, matter: 'COMMITMENT_APPROVAL', licenceNo: 'JY11201160001', title: '食品经营许可证', decidedOn: '2026-11-23', decision: 'granted', checkId, commitmentCode },
    });
    expect(again.status).toBe(200);
    expect(again.body.approvalId).toBe(approvalId);
    const records = (await svc.call('GET', `/v1/entities/${SHOP}/records`, { token: approvalChecker })).body.records;
    expect(records.filter((r: { type: string }) => r.type === 'licence')).toHaveLength(1);
    expect((await svc.call('GET', '/v1/supervision/tasks', { token: marketInspector })).body.tasks).toHaveLength(1);
  });

  it('completing the task as unfulfilled restricts the next check and notifies the approving department', async () => {
    expect((await svc.call('POST', `/v1/supervision/tasks/${taskId}/complete`, { token: ecologyInspector, body: { outcome: 'compliant', findings: 'x' } })).status).toBe(403);
    const done = await svc.call('POST', `/v1/supervision/tasks/${taskId}/complete`, {
      token: marketInspector,
      body: { outcome: 'non-compliant', findings: '现场核查：经营场所不符合承诺', commitmentOutcome: 'unfulfilled' },
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');

    const check = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: SHOP, matter: 'COMMITMENT_APPROVAL' } });
    expect(check.body.verdict).toBe('restrict');
    expect(check.body.hits.map((h: { listCode: string }) => h.listCode)).toEqual(['COMMITMENT_BREACH']);

    const notices = (await svc.call('GET', '/v1/notices', { token: approvalChecker })).body.notices;
    const finding = notices.find((n: { approvalId?: string }) => n.approvalId === approvalId);
    expect(finding).toMatchObject({ subjectId: SHOP, checkIds: expect.arrayContaining([checkId]) });
    expect(finding.reason).toContain('经营场所不符合承诺');

    const commitments = (await svc.call('GET', `/v1/entities/${SHOP}/commitments`, { token: approvalChecker })).body.commitments;
    expect(commitments[0]).toMatchObject({ code: commitmentCode, status: 'verified', verification: expect.objectContaining({ outcome: 'unfulfilled', by: 'inspector-wu' }) });

    const again = await svc.call('POST', `/v1/supervision/tasks/${taskId}/complete`, {
      token: marketInspector,
      body: { outcome: 'non-compliant', findings: '现场核查：经营场所不符合承诺', commitmentOutcome: 'unfulfilled' },
    });
    expect(again.status).toBe(200);
    // The retry re-sends the same notice; it never adds a second one.
    const afterRetry = (await svc.call('GET', '/v1/notices', { token: approvalChecker })).body.notices;
    expect(afterRetry.filter((n: { approvalId?: string }) => n.approvalId === approvalId)).toHaveLength(1);
    expect((await svc.call('POST', `/v1/supervision/tasks/${taskId}/complete`, { token: marketInspector, body: { outcome: 'compliant', findings: '复查合格' } })).status).toBe(409);
    expect((await svc.call('GET', '/v1/supervision/tasks?status=done', { token: marketInspector })).body.tasks.map((t: { taskId: string }) => t.taskId)).toEqual([taskId]);
  });

  it('traces the approval both ways', async () => {
    const trail = await svc.call('GET', `/v1/approvals/${approvalId}`, { token: approvalRecorder });
    expect(trail.status).toBe(200);
    expect(trail.body.check).toMatchObject({ checkId, verdict: 'clear' });
    expect(trail.body.tasks).toEqual([expect.objectContaining({ taskId, status: 'done', completion: expect.objectContaining({ outcome: 'non-compliant', commitmentOutcome: 'unfulfilled' }) })]);
    expect(trail.body.notices).toHaveLength(1);
    expect(trail.body.publication).toEqual({ publishBy: '2026-12-02', publishedOn: '2026-11-23', late: false });
    expect((await svc.call('GET', `/v1/approvals/${approvalId}`, { token: marketRecorder })).status).toBe(403);
  });
});

describe('deadlines and validation', () => {
  it('lists overdue tasks and licences published after their 7 working days', async () => {
    const late = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: OTHER, matter: 'LICENCE', licenceNo: 'LATE-1', title: '许可证', decidedOn: '2026-10-01', decision: 'granted', supervisingDepartments: ['MARKET', 'ECOLOGY'] },
    });
    expect(late.status).toBe(201);
    expect(late.body.taskIds).toHaveLength(2);
    const lateList = (await svc.call('GET', '/v1/approvals?status=late-publication', { token: approvalRecorder })).body.approvals;
    expect(lateList.map((a: { licenceNo: string }) => a.licenceNo)).toEqual(['LATE-1']);
    // LICENCE tasks are due 30 days after 2026-10-01: 2026-10-31, before today.
    const overdue = (await svc.call('GET', '/v1/supervision/tasks?status=overdue', { token: ecologyInspector })).body.tasks;
    expect(overdue).toEqual([expect.objectContaining({ subjectId: OTHER, dueOn: '2026-10-31', status: 'overdue' })]);
  });

  it('records a denial without licence or tasks', async () => {
    const res = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: OTHER, matter: 'LICENCE', licenceNo: 'DENY-1', title: '许可申请', decidedOn: '2026-11-20', decision: 'denied' },
    });
    expect(res.status).toBe(201);
    expect(res.body.taskIds).toEqual([]);
    expect(res.body.licenceRecordId).toBeUndefined();
  });

  it('refuses a check of another subject, an unknown commitment, and bad fields', async () => {
    const check = await svc.call('POST', '/v1/checks', { token: approvalChecker, body: { subjectId: SHOP, matter: 'LICENCE' } });
    const wrong = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: OTHER, matter: 'LICENCE', licenceNo: 'X-1', title: 't', decidedOn: '2026-11-20', decision: 'granted', checkId: check.body.checkId },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].path).toBe('checkId');
    const noCommitment = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: OTHER, matter: 'LICENCE', licenceNo: 'X-2', title: 't', decidedOn: '2026-11-20', decision: 'granted', commitmentCode: '12011620261123999999' },
    });
    expect(noCommitment.status).toBe(422);
    const bad = await svc.call('POST', '/v1/approvals', { token: approvalRecorder, body: { subjectId: OTHER, matter: 'X', licenceNo: '', decision: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['decidedOn', 'decision', 'licenceNo', 'matter', 'title']);
    expect((await svc.call('POST', '/v1/approvals', { token: marketInspector, body: {} })).status).toBe(403);
  });
});

describe('what API.md names in the answers', () => {
  it('answers a granted approval with each task it created, its department and due date, also on a re-submission', async () => {
    const body = { subjectId: OTHER, matter: 'LICENCE', licenceNo: 'TASKS-1', title: '许可证', decidedOn: '2026-11-20', decision: 'granted', supervisingDepartments: ['MARKET', 'ECOLOGY'] };
    const res = await svc.call('POST', '/v1/approvals', { token: approvalRecorder, body });
    expect(res.status).toBe(201);
    // LICENCE tasks are due 30 days after the decision.
    expect(res.body.tasks.map((t: { department: string; dueOn: string }) => [t.department, t.dueOn])).toEqual([
      ['MARKET', '2026-12-20'],
      ['ECOLOGY', '2026-12-20'],
    ]);
    expect(res.body.tasks.map((t: { taskId: string }) => t.taskId)).toEqual(res.body.taskIds);
    const again = await svc.call('POST', '/v1/approvals', { token: approvalRecorder, body });
    expect(again.status).toBe(200);
    expect(again.body.tasks).toEqual(res.body.tasks);
    const ecologyTasks = (await svc.call('GET', '/v1/supervision/tasks', { token: ecologyInspector })).body.tasks;
    expect(ecologyTasks.map((t: { taskId: string }) => t.taskId)).toContain(res.body.tasks[1].taskId);
  });

  it('answers a denial with no tasks', async () => {
    const res = await svc.call('POST', '/v1/approvals', {
      token: approvalRecorder,
      body: { subjectId: OTHER, matter: 'LICENCE', licenceNo: 'TASKS-DENY', title: '许可申请', decidedOn: '2026-11-20', decision: 'denied' },
    });
    expect(res.status).toBe(201);
    expect(res.body.tasks).toEqual([]);
  });
});
