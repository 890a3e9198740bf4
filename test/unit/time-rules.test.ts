import { describe, expect, it } from 'vitest';
import { commitmentCode, commitmentRefusal, commitmentStatus } from '#domain/commitments.ts';
import { isPublic, recordStatus, type CreditRecord } from '#domain/records.ts';
import { repairVerdict } from '#domain/repair.ts';

const record = (over: Partial<CreditRecord>): CreditRecord => ({
  recordId: 'r'.repeat(26),
  subjectId: '91120224064012553U',
  type: 'penalty',
  documentNo: 'D-1',
  decidedOn: '2025-03-31',
  title: 't',
  department: 'MARKET',
  contentHash: 'h',
  createdAt: '2025-03-31T02:00:00.000Z',
  createdBy: 'u',
  requestId: 'q',
  version: 1,
  history: [],
  ...over,
});

// Boundaries worked out by hand from DOMAIN.md §3: periods run from the decision date; adding months
// clamps to the month's end; "at least" includes the boundary day.
describe('repair: the minimum period of each severity, at its boundary', () => {
  it.each([
    // severity, decidedOn, day before, first allowed day
    ['minor', '2025-03-31', '2025-03-30', '2025-03-31'],
    ['general', '2025-03-31', '2025-06-29', '2025-06-30'],
    ['general', '2025-11-30', '2026-02-27', '2026-02-28'],
    ['serious', '2024-02-29', '2025-02-27', '2025-02-28'],
    ['serious', '2025-03-31', '2026-03-30', '2026-03-31'],
  ])('a %s penalty decided %s: refused on %s, allowed from %s', (severity, decidedOn, before, from) => {
    const r = record({ severity: severity as CreditRecord['severity'], decidedOn });
    if (before >= decidedOn) expect(repairVerdict(r, before).allowed).toBe(false);
    expect(repairVerdict(r, from)).toEqual({ allowed: true, from });
    const dayAfter = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(repairVerdict(r, dayAfter).allowed).toBe(true);
  });

  it('a penalty without severity is general (3 months)', () => {
    expect(repairVerdict(record({ decidedOn: '2026-01-15' }), '2026-04-14').allowed).toBe(false);
    expect(repairVerdict(record({ decidedOn: '2026-01-15' }), '2026-04-15').allowed).toBe(true);
  });

  it.each([
    ['ABNORMAL_OPERATION', '2026-01-15', '2026-04-14', '2026-04-15'],
    ['SAMR_SERIOUS_VIOLATION', '2026-01-15', '2027-01-14', '2027-01-15'],
    ['COMMITMENT_BREACH', '2026-11-22', '2027-02-21', '2027-02-22'],
  ])('a listing on %s follows its list’s severity', (listCode, decidedOn, before, from) => {
    const r = record({ type: 'listing', listCode, decidedOn });
    expect(repairVerdict(r, before).allowed).toBe(false);
    expect(repairVerdict(r, from).allowed).toBe(true);
  });

  it.each(['COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION'])('never repairs a %s listing, however old', (listCode) => {
    const verdict = repairVerdict(record({ type: 'listing', listCode, decidedOn: '2010-01-01' }), '2026-11-22');
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.rule).toContain('keeper');
  });

  it.each(['licence', 'inspection', 'commitment'] as const)('does not repair a %s', (type) => {
    expect(repairVerdict(record({ type, decidedOn: '2010-01-01' }), '2026-11-22').allowed).toBe(false);
  });

  it('names the first allowed day when refusing', () => {
    const verdict = repairVerdict(record({ severity: 'serious', decidedOn: '2026-05-20' }), '2026-11-22');
    expect(verdict).toMatchObject({ allowed: false, from: '2027-05-20' });
  });
});

describe('publicity: the maximum period of each severity, at its boundary', () => {
  it.each([
    // severity, decidedOn, publicUntil (first day no longer public)
    ['general', '2025-02-28', '2026-02-28'],
    ['general', '2024-02-29', '2025-02-28'],
    ['serious', '2023-11-22', '2026-11-22'],
  ])('a %s penalty decided %s is public until the day before %s', (severity, decidedOn, publicUntil) => {
    const r = record({ severity: severity as CreditRecord['severity'], decidedOn, publicUntil });
    const dayBefore = new Date(Date.parse(`${publicUntil}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(isPublic(r, dayBefore)).toBe(true);
    expect(recordStatus(r, dayBefore)).toBe('active');
    expect(isPublic(r, publicUntil)).toBe(false);
    expect(recordStatus(r, publicUntil)).toBe('expired');
  });

  it('a minor penalty is never public, even inside its 3 months', () => {
    const r = record({ severity: 'minor', decidedOn: '2026-11-01', publicUntil: '2027-02-01' });
    expect(isPublic(r, '2026-11-02')).toBe(false);
    expect(recordStatus(r, '2026-11-02')).toBe('active');
  });

  it('a repaired record stops being public at once', () => {
    expect(isPublic(record({ decidedOn: '2026-01-01', publicUntil: '2027-01-01', repairedAt: '2026-11-22T01:00:00.000Z' }), '2026-11-22')).toBe(false);
  });
});

describe('commitments', () => {
  it('are open through their due day and overdue from the day after', () => {
    expect(commitmentStatus({ dueOn: '2026-12-31' }, '2026-12-31')).toBe('open');
    expect(commitmentStatus({ dueOn: '2026-12-31' }, '2027-01-01')).toBe('overdue');
    expect(commitmentStatus({ dueOn: '2026-12-31', verification: { outcome: 'fulfilled' } }, '2027-01-01')).toBe('verified');
  });

  it('carry the region, the day and a six-digit serial in their code', () => {
    expect(commitmentCode('120104', '2026-11-22', 7)).toBe('12010420261122000007');
  });

  it('refuse commitment-based approval during a COMMITMENT_BREACH listing and allow it once it ends', () => {
    const breach = record({ type: 'listing', listCode: 'COMMITMENT_BREACH', decidedOn: '2026-06-01', endedOn: '2026-09-01' });
    expect(commitmentRefusal('APPROVAL_REPLACEMENT', [breach], '2026-08-31T04:00:00.000Z', '2026-08-31')).toContain('COMMITMENT_BREACH');
    expect(commitmentRefusal('APPROVAL_REPLACEMENT', [breach], '2026-09-01T04:00:00.000Z', '2026-09-01')).toBeUndefined();
    expect(commitmentRefusal('VOLUNTARY', [breach], '2026-08-31T04:00:00.000Z', '2026-08-31')).toBeUndefined();
  });

  it('do not refuse on a general black list other than COMMITMENT_BREACH', () => {
    const abnormal = record({ type: 'listing', listCode: 'ABNORMAL_OPERATION', decidedOn: '2026-06-01' });
    expect(commitmentRefusal('CERTIFICATE', [abnormal], '2026-08-31T04:00:00.000Z', '2026-08-31')).toBeUndefined();
  });
});
