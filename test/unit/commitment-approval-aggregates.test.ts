import { describe, expect, it } from 'vitest';
import { approvalSchema, approvalTrail, publication, sameCompletion, supervisionTaskSchema, type Approval, type SupervisionTask } from '#domain/approvals.ts';
import { breachListing, commitmentRecordInput, commitmentRecordSchema, commitmentView, type CommitmentRecord } from '#domain/commitments.ts';
import { buildRecord, VERIFICATION_OUTCOMES } from '#domain/records.ts';
import { verifyBody } from '../../functions/handlers/commitments/verify-commitment.contract.ts';
import { completionBody } from '../../functions/handlers/supervision/complete-task.contract.ts';

const stamp = { sub: 'approval-clerk-li', department: 'APPROVAL', at: '2026-11-23T02:00:00.000Z', requestId: 'req-1' };
const made: CommitmentRecord = commitmentRecordSchema.parse(
  buildRecord(
    commitmentRecordInput({ subjectId: '91120224064012553U', type: 'MISSING_DOCUMENTS', matter: 'LICENCE', content: '补齐材料', dueOn: '2026-12-31' }, '12011520261123000001', '2026-11-23'),
    'enterprise',
    stamp,
  ),
);

describe('the commitment aggregate', () => {
  it('reads a stored item back without the store’s keys', () => {
    const item = { PK: 'SUBJ#x', SK: 'R#x', GSI1PK: 'REC#x', GSI1SK: 'REC', GSI3PK: 'COMMITMENTS#APPROVAL#open', GSI3SK: '2026-12-31#x', itemType: 'record', ...made };
    const read = commitmentRecordSchema.parse(item);
    expect(Object.keys(read).filter((k) => k.startsWith('GSI') || k === 'PK' || k === 'SK' || k === 'itemType')).toEqual([]);
    expect(read).toEqual(made);
  });

  it('refuses to read a record that is not a commitment, or one without its code', () => {
    expect(commitmentRecordSchema.safeParse({ ...made, type: 'penalty' }).success).toBe(false);
    const { code: _code, ...noCode } = made;
    expect(commitmentRecordSchema.safeParse(noCode).success).toBe(false);
  });

  it('is shown with its type, the day it was made and its status today', () => {
    expect(commitmentView(made, '2026-12-31')).toMatchObject({ code: '12011520261123000001', type: 'MISSING_DOCUMENTS', madeOn: '2026-11-23', status: 'open' });
    expect(commitmentView(made, '2027-01-01').status).toBe('overdue');
    expect(commitmentView(made, '2027-01-01')).not.toHaveProperty('verification');
  });

  it.each([
    ['partly', '违反信用承诺（部分履行）：信用承诺（容缺受理型）'],
    ['unfulfilled', '违反信用承诺（未履行）：信用承诺（容缺受理型）'],
  ] as const)('a %s verification lists the subject on COMMITMENT_BREACH on the CST day it was verified', (outcome, title) => {
    // 2027-01-05T17:00Z is already 6 January in China Standard Time.
    const listing = breachListing(made, { outcome, note: '未补齐', by: 'x', department: 'APPROVAL', at: '2027-01-05T17:00:00.000Z', requestId: 'r' });
    expect(listing).toMatchObject({ type: 'listing', listCode: 'COMMITMENT_BREACH', documentNo: '12011520261123000001/BREACH', decidedOn: '2027-01-06', title, content: '未补齐' });
  });

  it('verification, completion and the stored verification take the one list of outcomes', () => {
    expect(verifyBody.shape.outcome.options).toEqual([...VERIFICATION_OUTCOMES]);
    expect(completionBody.shape.commitmentOutcome.unwrap().options).toEqual([...VERIFICATION_OUTCOMES]);
    expect(completionBody.safeParse({ outcome: 'compliant', findings: 'x', commitmentOutcome: 'kept' }).success).toBe(false);
  });
});

const granted: Approval = approvalSchema.parse({
  approvalId: 'ap8c1eb40ce6b404f76195cb',
  department: 'APPROVAL',
  subjectId: '91120224064012553U',
  matter: 'LICENCE',
  licenceNo: 'L-1',
  title: '许可证',
  decidedOn: '2026-11-23',
  decision: 'granted',
  supervisingDepartments: ['MARKET'],
  licenceRecordId: 'r1',
  licencePublishBy: '2026-12-02',
  licencePublishedAt: '2026-12-02T17:00:00.000Z',
  taskIds: ['tk631acc37c097f41376fbac'],
  createdAt: '2026-11-23T02:00:00.000Z',
  createdBy: 'approval-clerk-li',
  requestId: 'req-2',
});

const task: SupervisionTask = supervisionTaskSchema.parse({
  PK: 'TASK#tk631acc37c097f41376fbac',
  SK: 'T',
  itemType: 'task',
  taskId: 'tk631acc37c097f41376fbac',
  approvalId: granted.approvalId,
  subjectId: granted.subjectId,
  matter: 'LICENCE',
  licenceNo: 'L-1',
  department: 'MARKET',
  approvingDepartment: 'APPROVAL',
  dueOn: '2026-12-23',
  createdAt: '2026-11-23T02:00:00.000Z',
  completion: { outcome: 'non-compliant', findings: '不合规', commitmentOutcome: 'partly', noticeId: 'n1', by: 'wu', at: '2026-12-01T02:00:00.000Z', requestId: 'req-3' },
});

describe('the approval and task aggregates', () => {
  it('a licence published after its publish-by day in China Standard Time is late; a denial has no publication', () => {
    // 2026-12-02T17:00Z is 3 December in CST: one day late.
    expect(publication(granted)).toEqual({ publishBy: '2026-12-02', publishedOn: '2026-12-03', late: true });
    expect(publication({ ...granted, licencePublishedAt: '2026-12-02T15:00:00.000Z' })?.late).toBe(false);
    expect(publication({ ...granted, decision: 'denied' })).toBeUndefined();
  });

  it('a completion repeats the stored one only with the same outcome, findings and commitment outcome', () => {
    const stored = task.completion!;
    expect(sameCompletion(stored, { outcome: 'non-compliant', findings: '不合规', commitmentOutcome: 'partly' })).toBe(true);
    expect(sameCompletion(stored, { outcome: 'non-compliant', findings: '不合规' })).toBe(false);
    expect(sameCompletion(stored, { outcome: 'compliant', findings: '不合规', commitmentOutcome: 'partly' })).toBe(false);
  });

  it('the trail shows the check as it answered, each task with its status, and the notice each finding sent', () => {
    const answer = { checkId: 'c', checkedAt: '2026-11-23T01:55:00.000Z', verdict: 'clear', catalogueVersion: 3, measures: [], hits: [], subject: { id: 'x', known: true } };
    const trail = approvalTrail(granted, { checkId: 'c', answer, feedback: [] }, [task], '2026-12-10');
    expect(trail.check).toEqual({ checkId: 'c', checkedAt: '2026-11-23T01:55:00.000Z', verdict: 'clear', catalogueVersion: 3, measures: [], feedback: [] });
    expect(trail.tasks.map((t) => t.status)).toEqual(['done']);
    expect(trail.notices).toEqual([{ noticeId: 'n1', department: 'APPROVAL', subjectId: granted.subjectId, taskId: task.taskId, at: '2026-12-01T02:00:00.000Z', reason: 'non-compliant: 不合规' }]);
    expect(() => approvalTrail(granted, { checkId: 'c', answer: { verdict: 'maybe' }, feedback: [] }, [], '2026-12-10')).toThrow();
  });
});
