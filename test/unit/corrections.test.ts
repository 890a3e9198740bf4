import { describe, expect, it } from 'vitest';
import { correctRecord, MAX_CORRECTIONS } from '#domain/corrections.ts';
import { ConflictError, InadmissibleError, ValidationError } from '#domain/errors.ts';
import { buildRecord, type CreditRecord } from '#domain/records.ts';

const SUBJECT = '91120224064012553U';
const stamp = { sub: 'clerk', department: 'MARKET', at: '2026-06-01T02:00:00.000Z', requestId: 'req' };
const later = { ...stamp, at: '2026-06-02T02:00:00.000Z', requestId: 'req-2' };
const TODAY = '2026-06-02';

const penalty = (over: object = {}) =>
  buildRecord({ subjectId: SUBJECT, type: 'penalty', documentNo: 'P-1', decidedOn: '2026-03-10', title: '处罚', severity: 'general', ...over }, 'enterprise', stamp);
const listing = () => buildRecord({ subjectId: SUBJECT, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: 'L-1', decidedOn: '2026-04-01', title: '名单' }, 'enterprise', stamp);

describe('correcting a record', () => {
  it('keeps the id, bumps the version and records only the fields that moved, with their earlier values', () => {
    const before = penalty({ fineAmount: 100 });
    const after = correctRecord(before, { fineAmount: 200, title: '处罚' }, '金额错误', 'enterprise', later, TODAY)!;
    expect(after.recordId).toBe(before.recordId);
    expect(after.version).toBe(2);
    expect(after.fineAmount).toBe(200);
    expect(after.history.at(-1)).toEqual({ action: 'corrected', by: 'clerk', department: 'MARKET', at: later.at, requestId: 'req-2', reason: '金额错误', previous: { fineAmount: 100 } });
  });

  it('recomputes a defaulted publicity period, and keeps a given one', () => {
    expect(correctRecord(penalty(), { severity: 'serious' }, 'r', 'enterprise', later, TODAY)!.publicUntil).toBe('2029-03-10');
    const given = penalty({ publicUntil: '2026-09-10' });
    expect(correctRecord(given, { severity: 'serious' }, 'r', 'enterprise', later, TODAY)!.publicUntil).toBe('2026-09-10');
    const restored = correctRecord(given, { publicUntil: null }, 'r', 'enterprise', later, TODAY)!;
    expect(restored.publicUntil).toBe('2027-03-10');
    expect(restored.publicUntilDefaulted).toBe(true);
  });

  it('removes an optional field given as null', () => {
    const after = correctRecord(penalty({ content: '罚款' }), { content: null }, 'r', 'enterprise', later, TODAY)!;
    expect(after.content).toBeUndefined();
    expect(after.history.at(-1)!.previous).toEqual({ content: '罚款' });
  });

  it('changes nothing when the values are already the stored ones', () => {
    expect(correctRecord(penalty({ fineAmount: 1 }), { fineAmount: 1 }, 'r', 'enterprise', later, TODAY)).toBeUndefined();
    expect(correctRecord(penalty(), { publicUntil: null }, 'r', 'enterprise', later, TODAY)).toBeUndefined();
  });

  it.each([
    ['a penalty field on a listing', listing(), { fineAmount: 1 }, 'changes.fineAmount'],
    ['validUntil on a penalty', penalty(), { validUntil: '2027-01-01' }, 'changes.validUntil'],
    ['a publicity period longer than the severity allows', penalty(), { publicUntil: '2028-01-01' }, 'changes.publicUntil'],
    ['a decision in the future', penalty(), { decidedOn: '2026-07-01' }, 'changes.decidedOn'],
  ] as [string, CreditRecord, object, string][])('refuses %s with a 400 naming the field', (_, record, changes, path) => {
    try {
      correctRecord(record, changes, 'r', 'enterprise', later, TODAY);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => e.path)).toContain(path);
    }
  });

  it('refuses a retracted record (409) and the service’s own records (422)', () => {
    expect(() => correctRecord({ ...penalty(), retractedAt: stamp.at }, { title: 'x' }, 'r', 'enterprise', later, TODAY)).toThrow(ConflictError);
    const inspection = buildRecord({ subjectId: SUBJECT, type: 'inspection', documentNo: 'I-1', decidedOn: '2026-04-01', title: '抽查', outcome: 'NO_ISSUE' }, 'enterprise', stamp);
    expect(() => correctRecord(inspection, { title: 'x' }, 'r', 'enterprise', later, TODAY)).toThrow(InadmissibleError);
  });

  it(`stops after ${MAX_CORRECTIONS} corrections, so the record item stays bounded`, () => {
    let record = penalty({ fineAmount: 0 });
    for (let i = 1; i <= MAX_CORRECTIONS; i++) record = correctRecord(record, { fineAmount: i }, 'r', 'enterprise', later, TODAY)!;
    expect(() => correctRecord(record, { fineAmount: 999 }, 'r', 'enterprise', later, TODAY)).toThrow(InadmissibleError);
  });
});
