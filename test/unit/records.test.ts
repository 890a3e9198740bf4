import { describe, expect, it } from 'vitest';
import { ForbiddenError, InadmissibleError, ValidationError, type DomainError } from '#domain/errors.ts';
import {
  buildRecord,
  contentHashOf,
  inForceAt,
  isPublic,
  maximumPublicUntil,
  minimumRepairDate,
  recordIdFor,
  recordStatus,
  type CreditRecord,
  type RecordInput,
  type Stamp,
} from '#domain/records.ts';

const ENTERPRISE = '91120224064012553U';
const PERSON = '11010519491231002X';

const stamp = (department: string): Stamp => ({
  sub: `${department.toLowerCase()}-recorder`,
  department,
  at: '2026-06-15T02:00:00.000Z',
  requestId: 'req-1',
});

const penalty = (overrides: Partial<RecordInput> = {}): RecordInput => ({
  subjectId: ENTERPRISE,
  type: 'penalty',
  documentNo: '津市监罚〔2026〕1号',
  decidedOn: '2026-01-10',
  title: '未按规定公示年度报告',
  ...overrides,
});

const listing = (listCode: string, overrides: Partial<RecordInput> = {}): RecordInput => ({
  subjectId: ENTERPRISE,
  type: 'listing',
  documentNo: '津市监异〔2026〕1号',
  decidedOn: '2026-01-10',
  title: '列入名单',
  listCode,
  ...overrides,
});

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error, none was thrown');
}

describe('building a penalty record', () => {
  it('treats a penalty without severity as general, public for one year from the decision', () => {
    const record = buildRecord(penalty(), 'enterprise', stamp('MARKET'));
    expect(record.severity).toBe('general');
    expect(record.publicUntil).toBe('2027-01-10');
  });

  it.each([
    ['general', '2026-01-10', '2027-01-10'],
    ['serious', '2026-01-10', '2029-01-10'],
    ['minor', '2026-01-10', '2026-04-10'],
    ['general', '2024-02-29', '2025-02-28'],
    ['serious', '2024-02-29', '2027-02-28'],
    ['minor', '2025-11-30', '2026-02-28'],
  ] as const)('gives a %s penalty decided on %s the publicity end %s', (severity, decidedOn, publicUntil) => {
    const record = buildRecord(penalty({ severity, decidedOn }), 'enterprise', stamp('MARKET'));
    expect(record.severity).toBe(severity);
    expect(record.publicUntil).toBe(publicUntil);
  });

  it.each([
    ['minor', '2026-01-10', '2026-04-10'],
    ['general', '2026-01-10', '2027-01-10'],
    ['serious', '2026-01-10', '2029-01-10'],
  ] as const)('computes the maximum %s period from %s as %s', (severity, decidedOn, expected) => {
    expect(maximumPublicUntil(decidedOn, severity)).toBe(expected);
  });

  it.each([
    ['minor', '2026-01-10', '2026-01-10'],
    ['general', '2026-01-10', '2026-04-10'],
    ['serious', '2026-01-10', '2027-01-10'],
  ] as const)('allows repair of a %s penalty decided on %s from %s', (severity, decidedOn, expected) => {
    expect(minimumRepairDate(decidedOn, severity)).toBe(expected);
  });

  it.each([
    ['general', '2026-07-01'],
    ['general', '2027-01-10'],
    ['serious', '2029-01-10'],
    ['minor', '2026-04-10'],
  ] as const)('accepts a %s penalty whose publicUntil %s shortens or meets the maximum', (severity, publicUntil) => {
    const record = buildRecord(penalty({ severity, publicUntil }), 'enterprise', stamp('MARKET'));
    expect(record.publicUntil).toBe(publicUntil);
  });

  it.each([
    ['general', '2027-01-11'],
    ['serious', '2029-01-11'],
    ['minor', '2026-04-11'],
    ['general', '2030-01-01'],
  ] as const)('rejects a %s penalty whose publicUntil %s lengthens the maximum, naming publicUntil', (severity, publicUntil) => {
    const error = thrown(() => buildRecord(penalty({ severity, publicUntil }), 'enterprise', stamp('MARKET')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toEqual(['publicUntil']);
  });

  it('rejects a publicUntil that is not after the decision date', () => {
    const error = thrown(() => buildRecord(penalty({ publicUntil: '2026-01-10' }), 'enterprise', stamp('MARKET')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toContain('publicUntil');
  });

  it('keeps the department, the author and a created event from the stamp', () => {
    const record = buildRecord(penalty({ fineAmount: 5000, warningOnly: false }), 'enterprise', stamp('MARKET'));
    expect(record).toMatchObject({
      subjectId: ENTERPRISE,
      type: 'penalty',
      department: 'MARKET',
      createdBy: 'market-recorder',
      createdAt: '2026-06-15T02:00:00.000Z',
      requestId: 'req-1',
      fineAmount: 5000,
      warningOnly: false,
    });
    expect(record.history).toEqual([
      { action: 'created', by: 'market-recorder', department: 'MARKET', at: '2026-06-15T02:00:00.000Z', requestId: 'req-1' },
    ]);
    expect(Object.values(record)).not.toContain(undefined);
  });
});

describe('publicUntil on records other than penalties', () => {
  it('is rejected on a licence, naming publicUntil', () => {
    const input: RecordInput = { ...penalty(), type: 'licence', publicUntil: '2026-06-01' };
    const error = thrown(() => buildRecord(input, 'enterprise', stamp('APPROVAL')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toEqual(['publicUntil']);
  });

  it('is rejected on a listing, naming publicUntil', () => {
    const error = thrown(() =>
      buildRecord(listing('ABNORMAL_OPERATION', { publicUntil: '2026-06-01' }), 'enterprise', stamp('MARKET')),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toEqual(['publicUntil']);
  });

  it('is absent from a licence built without it', () => {
    const record = buildRecord({ ...penalty(), type: 'licence' }, 'enterprise', stamp('APPROVAL'));
    expect(record.publicUntil).toBeUndefined();
    expect(record.severity).toBeUndefined();
  });
});

describe('building a listing', () => {
  it('takes its kind and severity from the list', () => {
    const record = buildRecord(listing('ABNORMAL_OPERATION'), 'enterprise', stamp('MARKET'));
    expect(record).toMatchObject({ listCode: 'ABNORMAL_OPERATION', listKind: 'black', severity: 'general' });
  });

  it('has no severity on a red list', () => {
    const record = buildRecord(listing('TAX_A_GRADE'), 'enterprise', stamp('TAX'));
    expect(record.listKind).toBe('red');
    expect(record.severity).toBeUndefined();
  });

  it('rejects an unknown list as inadmissible, naming listCode', () => {
    const error = thrown(() => buildRecord(listing('NO_SUCH_LIST'), 'enterprise', stamp('MARKET')));
    expect(error).toBeInstanceOf(InadmissibleError);
    expect(error.status).toBe(422);
    expect(error.errors.map((e) => e.path)).toEqual(['listCode']);
  });

  it.each([
    ['COURT_DEFAULTER', 'MARKET'],
    ['MAJOR_TAX_VIOLATION', 'MARKET'],
    ['ABNORMAL_OPERATION', 'TAX'],
    ['TAX_A_GRADE', 'MARKET'],
  ])('forbids a listing on %s by %s, which does not keep it', (listCode, department) => {
    const error = thrown(() => buildRecord(listing(listCode), 'enterprise', stamp(department)));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.status).toBe(403);
  });

  it.each([
    ['COURT_DEFAULTER', 'COURT'],
    ['MAJOR_TAX_VIOLATION', 'TAX'],
    ['ABNORMAL_OPERATION', 'MARKET'],
  ])('accepts a listing on %s by its keeper %s', (listCode, department) => {
    expect(buildRecord(listing(listCode), 'enterprise', stamp(department)).department).toBe(department);
  });

  it.each(['MARKET', 'TAX', 'COURT', 'HOUSING', 'APPROVAL'])(
    'accepts a listing on the open list COMMITMENT_BREACH by %s',
    (department) => {
      const record = buildRecord(listing('COMMITMENT_BREACH'), 'enterprise', stamp(department));
      expect(record).toMatchObject({ department, listCode: 'COMMITMENT_BREACH', listKind: 'black', severity: 'general' });
    },
  );

  it.each([
    ['SAMR_SERIOUS_VIOLATION', 'MARKET', 'person', PERSON],
    ['ABNORMAL_OPERATION', 'MARKET', 'person', PERSON],
    ['ABNORMAL_OPERATION', 'MARKET', 'organization', '121200004013590816'],
    ['MAJOR_TAX_VIOLATION', 'TAX', 'organization', '121200004013590816'],
    ['TAX_A_GRADE', 'TAX', 'person', PERSON],
  ] as const)('rejects a listing on %s (by %s) of a subject of kind %s, naming listCode', (listCode, department, kind, subjectId) => {
    const error = thrown(() => buildRecord(listing(listCode, { subjectId }), kind, stamp(department)));
    expect(error).toBeInstanceOf(InadmissibleError);
    expect(error.errors.map((e) => e.path)).toEqual(['listCode']);
  });

  it.each([
    ['COURT_DEFAULTER', 'COURT', 'person', PERSON],
    ['COMMITMENT_BREACH', 'HOUSING', 'organization', '121200004013590816'],
  ] as const)('accepts a listing on %s (by %s) of a subject of kind %s', (listCode, department, kind, subjectId) => {
    expect(buildRecord(listing(listCode, { subjectId }), kind, stamp(department)).subjectId).toBe(subjectId);
  });

  it('checks the keeper before the subject kind (403 before 422)', () => {
    const error = thrown(() => buildRecord(listing('SAMR_SERIOUS_VIOLATION', { subjectId: PERSON }), 'person', stamp('TAX')));
    expect(error).toBeInstanceOf(ForbiddenError);
  });

  it('rejects a validUntil on or before the decision date, naming validUntil', () => {
    const error = thrown(() => buildRecord(listing('ABNORMAL_OPERATION', { validUntil: '2026-01-10' }), 'enterprise', stamp('MARKET')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.path)).toEqual(['validUntil']);
  });
});

describe('record ids and content hashes', () => {
  it('derives the same record id from the same department, subject and document number', () => {
    const a = buildRecord(penalty(), 'enterprise', stamp('MARKET'));
    const b = buildRecord(penalty({ title: 'another title', decidedOn: '2026-02-01' }), 'enterprise', {
      ...stamp('MARKET'),
      at: '2026-07-01T00:00:00.000Z',
      requestId: 'req-2',
    });
    expect(a.recordId).toBe(b.recordId);
    expect(a.recordId).toBe(recordIdFor('MARKET', ENTERPRISE, '津市监罚〔2026〕1号'));
  });

  it('makes an id of 26 lower-case base32 characters', () => {
    expect(recordIdFor('MARKET', ENTERPRISE, 'X-1')).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it.each([
    ['department', ['TAX', ENTERPRISE, 'doc-1']],
    ['subject', ['MARKET', '91110000600037341L', 'doc-1']],
    ['document number', ['MARKET', ENTERPRISE, 'doc-2']],
  ] as const)('gives a different id when the %s differs', (_label, [department, subjectId, documentNo]) => {
    expect(recordIdFor(department, subjectId, documentNo)).not.toBe(recordIdFor('MARKET', ENTERPRISE, 'doc-1'));
  });

  it('does not run department, subject and document number together', () => {
    expect(recordIdFor('AB', 'C', 'D')).not.toBe(recordIdFor('A', 'BC', 'D'));
    expect(recordIdFor('A', 'B', 'CD')).not.toBe(recordIdFor('A', 'BC', 'D'));
  });

  it('hashes content regardless of key order', () => {
    expect(contentHashOf({ a: 1, b: 'x', c: true })).toBe(contentHashOf({ c: true, b: 'x', a: 1 }));
  });

  it('hashes content ignoring undefined values', () => {
    expect(contentHashOf({ a: 1, b: undefined })).toBe(contentHashOf({ a: 1 }));
  });

  it.each([
    ['a value', { a: 1, b: 'x' }, { a: 2, b: 'x' }],
    ['a key', { a: 1, b: 'x' }, { a: 1, c: 'x' }],
    ['an added field', { a: 1 }, { a: 1, b: null }],
  ])('hashes content differently when %s differs', (_label, left, right) => {
    expect(contentHashOf(left)).not.toBe(contentHashOf(right));
  });

  it('gives records of the same input in any key order the same content hash', () => {
    const input = penalty({ fineAmount: 1000, severity: 'serious' });
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as unknown as RecordInput;
    const withUndefined: RecordInput = { ...input, legalBasis: undefined, content: undefined };
    const hash = buildRecord(input, 'enterprise', stamp('MARKET')).contentHash;
    expect(buildRecord(reordered, 'enterprise', stamp('MARKET')).contentHash).toBe(hash);
    expect(buildRecord(withUndefined, 'enterprise', stamp('MARKET')).contentHash).toBe(hash);
    expect(buildRecord({ ...input, fineAmount: 1001 }, 'enterprise', stamp('MARKET')).contentHash).not.toBe(hash);
  });
});

/** A stored record, built directly so that status tests do not depend on buildRecord. */
function stored(overrides: Partial<CreditRecord>): CreditRecord {
  return {
    recordId: 'r1',
    subjectId: ENTERPRISE,
    type: 'penalty',
    documentNo: 'doc-1',
    decidedOn: '2026-01-10',
    title: 'a record',
    department: 'MARKET',
    contentHash: 'h',
    createdAt: '2026-01-10T02:00:00.000Z',
    createdBy: 'market-recorder',
    requestId: 'req-1',
    version: 1,
    history: [],
    ...overrides,
  };
}

/** The instant at noon CST of a date: the at/date pair inForceAt expects. */
const noonOf = (date: string) => `${date}T04:00:00.000Z`;

describe('the status of a record on a day', () => {
  const generalPenalty = stored({ type: 'penalty', severity: 'general', publicUntil: '2027-01-10' });

  it.each([
    ['2027-01-09', 'active', true],
    ['2027-01-10', 'expired', false],
    ['2027-01-11', 'expired', false],
  ] as const)('a penalty public until 2027-01-10 is on %s %s (in force: %s)', (day, status, inForce) => {
    expect(recordStatus(generalPenalty, day)).toBe(status);
    expect(inForceAt(generalPenalty, noonOf(day), day)).toBe(inForce);
    expect(isPublic(generalPenalty, day)).toBe(inForce);
  });

  const listingUntil = stored({ type: 'listing', listCode: 'ABNORMAL_OPERATION', listKind: 'black', severity: 'general', validUntil: '2026-09-01' });

  it.each([
    ['2026-08-31', 'active', true],
    ['2026-09-01', 'expired', false],
    ['2026-09-02', 'expired', false],
  ] as const)('a listing valid until 2026-09-01 is on %s %s (in force and public: %s)', (day, status, inForce) => {
    expect(recordStatus(listingUntil, day)).toBe(status);
    expect(inForceAt(listingUntil, noonOf(day), day)).toBe(inForce);
    expect(isPublic(listingUntil, day)).toBe(inForce);
  });

  const licence = stored({ type: 'licence', validUntil: '2028-01-10' });

  it.each([
    ['2028-01-09', 'active', true],
    ['2028-01-10', 'expired', false],
    ['2028-01-11', 'expired', false],
  ] as const)('a licence valid until 2028-01-10 is on %s %s (public: %s)', (day, status, visible) => {
    expect(recordStatus(licence, day)).toBe(status);
    expect(isPublic(licence, day)).toBe(visible);
  });

  it('keeps a licence without validUntil public indefinitely', () => {
    const open = stored({ type: 'licence' });
    expect(recordStatus(open, '2099-12-31')).toBe('active');
    expect(isPublic(open, '2099-12-31')).toBe(true);
  });

  it('keeps a listing without validUntil or endedOn in force years later (no automatic end by severity)', () => {
    const open = stored({ type: 'listing', listCode: 'COURT_DEFAULTER', listKind: 'black', severity: 'serious' });
    expect(recordStatus(open, '2036-01-10')).toBe('active');
    expect(inForceAt(open, noonOf('2036-01-10'), '2036-01-10')).toBe(true);
  });

  const ended = stored({ type: 'listing', listCode: 'ABNORMAL_OPERATION', listKind: 'black', severity: 'general', endedOn: '2026-05-20' });

  it.each([
    ['2026-05-19', 'active', true],
    ['2026-05-20', 'ended', false],
    ['2026-05-21', 'ended', false],
  ] as const)('a listing ended on 2026-05-20 is on %s %s (in force and public: %s)', (day, status, inForce) => {
    expect(recordStatus(ended, day)).toBe(status);
    expect(inForceAt(ended, noonOf(day), day)).toBe(inForce);
    expect(isPublic(ended, day)).toBe(inForce);
  });

  it('reports ended, not expired, when a listing ended before its validUntil', () => {
    const both = stored({ ...ended, validUntil: '2026-09-01' });
    expect(recordStatus(both, '2026-10-01')).toBe('ended');
  });

  describe('a retracted record', () => {
    const retracted = stored({ severity: 'serious', publicUntil: '2029-01-10', retractedAt: '2026-03-01T02:00:00.000Z' });

    it('is retracted on any day, even one before the retraction', () => {
      expect(recordStatus(retracted, '2026-02-01')).toBe('retracted');
      expect(recordStatus(retracted, '2026-06-15')).toBe('retracted');
    });

    it.each(['2026-01-10', '2026-02-01', '2026-03-01', '2026-06-15'])('was never in force, not even on %s', (day) => {
      expect(inForceAt(retracted, noonOf(day), day)).toBe(false);
    });

    it('is never public', () => {
      expect(isPublic(retracted, '2026-02-01')).toBe(false);
    });
  });

  describe('a repaired record', () => {
    const repaired = stored({ severity: 'general', publicUntil: '2027-01-10', repairedAt: '2026-05-01T03:00:00.000Z' });

    it('is in force up to the instant of repair', () => {
      expect(inForceAt(repaired, '2026-05-01T02:59:59.999Z', '2026-05-01')).toBe(true);
      expect(inForceAt(repaired, '2026-04-01T04:00:00.000Z', '2026-04-01')).toBe(true);
    });

    it('stops being in force at the instant of repair', () => {
      expect(inForceAt(repaired, '2026-05-01T03:00:00.000Z', '2026-05-01')).toBe(false);
      expect(inForceAt(repaired, '2026-06-15T04:00:00.000Z', '2026-06-15')).toBe(false);
    });

    it('is repaired and not public afterwards', () => {
      expect(recordStatus(repaired, '2026-06-15')).toBe('repaired');
      expect(isPublic(repaired, '2026-06-15')).toBe(false);
    });
  });

  describe('penalties that are never public', () => {
    it.each([
      ['minor', { severity: 'minor' as const, publicUntil: '2026-04-10' }],
      ['warning-only general', { severity: 'general' as const, warningOnly: true, publicUntil: '2027-01-10' }],
      ['warning-only serious', { severity: 'serious' as const, warningOnly: true, publicUntil: '2029-01-10' }],
    ])('hides a %s penalty while it is active', (_label, fields) => {
      const record = stored(fields);
      expect(recordStatus(record, '2026-02-01')).toBe('active');
      expect(isPublic(record, '2026-02-01')).toBe(false);
    });

    it('shows a general penalty that is not warning-only on the same day (control)', () => {
      expect(isPublic(stored({ severity: 'general', warningOnly: false, publicUntil: '2027-01-10' }), '2026-02-01')).toBe(true);
    });
  });

  describe('a record decided in the future', () => {
    const future = stored({ decidedOn: '2026-07-01', severity: 'general', publicUntil: '2027-07-01' });

    it('is not in force before its decision date', () => {
      expect(inForceAt(future, noonOf('2026-06-30'), '2026-06-30')).toBe(false);
    });

    it('is in force from its decision date', () => {
      expect(inForceAt(future, noonOf('2026-07-01'), '2026-07-01')).toBe(true);
    });

    it('is not public before its decision date', () => {
      expect(isPublic(future, '2026-06-30')).toBe(false);
      expect(isPublic(future, '2026-07-01')).toBe(true);
    });
  });
});
