import { describe, expect, it } from 'vitest';
import type { CreditRecord } from '#domain/records.ts';
import { DEFAULT_RISK_POLICY, isActivePenalty, riskClass, type RiskPolicy } from '#domain/risk-classes.ts';

/** Monday 15 June 2026, noon in CST. */
const TODAY = '2026-06-15';
const AT = '2026-06-15T04:00:00.000Z';
/** Established long enough ago that age alone never makes the subject B. */
const OLD = { establishedOn: '2015-03-01' };

const SUBJECT = '91120224064012553U';
let counter = 0;

/** A stored record with the fields of CreditRecord; defaults to a general penalty in force on TODAY. */
function record(overrides: Partial<CreditRecord> = {}): CreditRecord {
  counter += 1;
  return {
    recordId: `r${counter}`,
    subjectId: SUBJECT,
    type: 'penalty',
    documentNo: `doc-${counter}`,
    decidedOn: '2026-01-10',
    title: 'a record',
    department: 'MARKET',
    severity: 'general',
    publicUntil: '2027-01-10',
    contentHash: 'h',
    createdAt: '2026-01-10T02:00:00.000Z',
    createdBy: 'market-recorder',
    requestId: `req-${counter}`,
    version: 1,
    history: [],
    ...overrides,
  };
}

const penalties = (n: number, overrides: Partial<CreditRecord> = {}) =>
  Array.from({ length: n }, () => record(overrides));

function listing(listCode: string, kind: 'black' | 'red', overrides: Partial<CreditRecord> = {}): CreditRecord {
  const { severity: _s, publicUntil: _p, ...base } = record({ type: 'listing', listCode, listKind: kind });
  return { ...base, ...overrides };
}

function inspection(decidedOn: string, outcome: string, overrides: Partial<CreditRecord> = {}): CreditRecord {
  const { severity: _s, publicUntil: _p, ...base } = record({ type: 'inspection', decidedOn, outcome, source: 'plan-1' });
  return { ...base, ...overrides };
}

const classify = (records: CreditRecord[], subject: { establishedOn?: string } = OLD, policy?: RiskPolicy) =>
  riskClass(subject, records, AT, TODAY, policy);

describe('the number of active penalties', () => {
  it.each([
    [0, 'A'],
    [1, 'B'],
    [5, 'B'],
    [6, 'C'],
    [10, 'C'],
    [11, 'D'],
    [20, 'D'],
  ] as const)('with %i active penalties and no fines gives %s', (n, expected) => {
    expect(classify(penalties(n))).toBe(expected);
  });
});

describe('the sum of fines over active penalties', () => {
  it.each([
    [[99_999.99], 'B'],
    [[100_000], 'C'],
    [[60_000, 40_000], 'C'],
    [[69_121.15, 24_691.34, 6_187.51], 'C'], // exactly 100,000.00, though binary floating point sums it to 99,999.99999999999
    [[250_000, 249_999.99], 'C'],
    [[500_000], 'C'],
    [[500_000.01], 'D'],
    [[250_000, 250_000.01], 'D'],
    [[300_000, 300_000], 'D'],
  ] as const)('of %j yuan gives %s', (fines, expected) => {
    expect(classify(fines.map((fineAmount) => record({ fineAmount })))).toBe(expected);
  });

  it('ignores the fine of a penalty that is no longer active', () => {
    const expired = record({ fineAmount: 600_000, decidedOn: '2025-01-10', publicUntil: '2026-01-10' });
    expect(classify([expired, record({ fineAmount: 1000 })])).toBe('B');
  });
});

describe('list memberships', () => {
  it.each([
    'COURT_DEFAULTER',
    'MAJOR_TAX_VIOLATION',
    'SAMR_SERIOUS_VIOLATION',
    'PROCUREMENT_SERIOUS',
    'WAGE_ARREARS',
    'SOCIAL_INSURANCE_SERIOUS',
    'WORK_SAFETY_DISHONEST',
    'AGRI_INPUT_SERIOUS',
    'PUBLIC_TRADING_SERIOUS',
  ])('a membership in force on the serious black list %s gives D', (listCode) => {
    expect(classify([listing(listCode, 'black')])).toBe('D');
  });

  it.each(['ABNORMAL_OPERATION', 'COMMITMENT_BREACH'])(
    'a membership in force on the general black list %s gives C',
    (listCode) => {
      expect(classify([listing(listCode, 'black')])).toBe('C');
    },
  );

  it('a serious black listing gives D even for a red-listed subject', () => {
    expect(classify([listing('TAX_A_GRADE', 'red'), listing('COURT_DEFAULTER', 'black')])).toBe('D');
  });

  it('a general black listing gives C even for a red-listed subject', () => {
    expect(classify([listing('TAX_A_GRADE', 'red'), listing('ABNORMAL_OPERATION', 'black')])).toBe('C');
  });

  it.each([
    ['2026-06-14', 'A'],
    ['2026-06-15', 'A'],
    ['2026-06-16', 'C'],
  ] as const)('a general black listing ended on %s gives %s on 2026-06-15', (endedOn, expected) => {
    expect(classify([listing('ABNORMAL_OPERATION', 'black', { endedOn })])).toBe(expected);
  });

  it.each([
    ['2026-06-15', 'A'],
    ['2026-06-16', 'D'],
  ] as const)('a serious black listing valid until %s gives %s on 2026-06-15', (validUntil, expected) => {
    expect(classify([listing('COURT_DEFAULTER', 'black', { validUntil })])).toBe(expected);
  });

  it('a retracted serious black listing does not count', () => {
    expect(classify([listing('COURT_DEFAULTER', 'black', { retractedAt: '2026-03-01T00:00:00.000Z' })])).toBe('A');
  });

  it('a serious black listing decided after today does not count yet', () => {
    expect(classify([listing('COURT_DEFAULTER', 'black', { decidedOn: '2026-06-16' })])).toBe('A');
  });

  it('a listing on an unknown list does not count', () => {
    expect(classify([listing('NO_SUCH_LIST', 'black')])).toBe('A');
  });
});

describe('non-cooperation with an inspection', () => {
  it.each([
    ['2026-06-15', 'C', 'today'],
    ['2025-06-15', 'C', 'exactly 12 months ago, the boundary included'],
    ['2025-06-14', 'A', '12 months and one day ago'],
    ['2024-01-10', 'A', 'long ago'],
    ['2026-06-16', 'A', 'tomorrow, not yet'],
  ] as const)('a NON_COOPERATION result decided on %s gives %s (%s)', (decidedOn, expected, _why) => {
    expect(classify([inspection(decidedOn, 'NON_COOPERATION')])).toBe(expected);
  });

  it('an inspection with another outcome does not count', () => {
    expect(classify([inspection('2026-03-01', 'NO_PROBLEM')])).toBe('A');
  });

  it('a retracted NON_COOPERATION result does not count', () => {
    expect(classify([inspection('2026-03-01', 'NON_COOPERATION', { retractedAt: '2026-04-01T00:00:00.000Z' })])).toBe('A');
  });

  it('a penalty record is not an inspection even if it carries the outcome', () => {
    expect(classify([record({ outcome: 'NON_COOPERATION', warningOnly: true })])).toBe('A');
  });
});

describe('establishment date', () => {
  it.each([
    ['2023-06-15', 'A', 'exactly 3 years ago, the boundary included'],
    ['2023-06-16', 'B', '3 years less a day'],
    ['2023-06-14', 'A', '3 years and a day'],
    ['2026-01-01', 'B', 'this year'],
  ] as const)('a subject established on %s with no negative record is %s (%s)', (establishedOn, expected, _why) => {
    expect(classify([], { establishedOn })).toBe(expected);
  });

  it('a subject without an establishment date is B', () => {
    expect(classify([], {})).toBe('B');
  });

  it.each(['TAX_A_GRADE', 'CUSTOMS_AEO', 'CONTRACT_HONORING'])(
    'a young subject on the red list %s is A',
    (listCode) => {
      expect(classify([listing(listCode, 'red')], { establishedOn: '2026-01-01' })).toBe('A');
    },
  );

  it('a subject without an establishment date but on a red list is A', () => {
    expect(classify([listing('TAX_A_GRADE', 'red')], {})).toBe('A');
  });

  it('a red listing that ended no longer lifts a young subject to A', () => {
    expect(classify([listing('TAX_A_GRADE', 'red', { endedOn: '2026-06-01' })], { establishedOn: '2026-01-01' })).toBe('B');
  });

  it('a red-listed subject with an active penalty is B', () => {
    expect(classify([listing('TAX_A_GRADE', 'red'), record()])).toBe('B');
  });
});

describe('penalties that do not count', () => {
  // Five active penalties give B; each case adds a sixth that would make C if it counted.
  const five = () => penalties(5);

  it('six counting penalties give C (control)', () => {
    expect(classify([...five(), record()])).toBe('C');
  });

  it.each([
    ['warning-only', { warningOnly: true }],
    ['minor', { severity: 'minor' as const, publicUntil: '2026-07-10', decidedOn: '2026-04-10' }],
    ['retracted', { retractedAt: '2026-03-01T00:00:00.000Z' }],
    ['repaired', { repairedAt: '2026-05-01T00:00:00.000Z' }],
    ['expired on today', { decidedOn: '2025-06-15', publicUntil: '2026-06-15' }],
    ['expired before today', { decidedOn: '2025-01-10', publicUntil: '2026-01-10' }],
    ['decided after today', { decidedOn: '2026-06-16', publicUntil: '2027-06-16' }],
  ] as const)('a %s penalty does not count', (_label, overrides) => {
    const extra = record(overrides);
    expect(isActivePenalty(extra, AT, TODAY)).toBe(false);
    expect(classify([...five(), extra])).toBe('B');
  });

  it('a penalty whose publicity ends tomorrow still counts', () => {
    expect(classify([...five(), record({ decidedOn: '2025-06-16', publicUntil: '2026-06-16' })])).toBe('C');
  });

  it('a warning-only or minor penalty alone leaves an old subject A', () => {
    expect(classify([record({ warningOnly: true }), record({ severity: 'minor', publicUntil: '2026-07-10', decidedOn: '2026-04-10' })])).toBe('A');
  });

  it('a fine on a retracted penalty is not summed', () => {
    expect(classify([record({ fineAmount: 600_000, retractedAt: '2026-03-01T00:00:00.000Z' })])).toBe('A');
  });

  it('a penalty repaired later still counted at an earlier instant', () => {
    const repaired = record({ repairedAt: '2026-05-01T00:00:00.000Z' });
    expect(riskClass(OLD, [...five(), repaired], '2026-04-15T04:00:00.000Z', '2026-04-15')).toBe('C');
  });

  it('a retracted penalty does not count even at an instant before its retraction', () => {
    const retracted = record({ retractedAt: '2026-05-01T00:00:00.000Z' });
    expect(riskClass(OLD, [...five(), retracted], '2026-04-15T04:00:00.000Z', '2026-04-15')).toBe('B');
  });
});

describe('a custom policy', () => {
  const policy = (change: (p: RiskPolicy) => void): RiskPolicy => {
    const p = structuredClone(DEFAULT_RISK_POLICY);
    change(p);
    return p;
  };

  it('leaves the default policy as DOMAIN.md §6 describes it', () => {
    expect(DEFAULT_RISK_POLICY).toEqual({
      D: { blackSeverities: ['serious'], activePenaltiesAbove: 10, finesAbove: 500_000 },
      C: { blackSeverities: ['general'], activePenaltiesFrom: 6, finesFrom: 100_000, nonCooperationWithinMonths: 12 },
      B: { activePenaltiesFrom: 1, establishedWithinYears: 3 },
    });
  });

  it('lowers the C threshold to 3 active penalties', () => {
    const strict = policy((p) => (p.C.activePenaltiesFrom = 3));
    expect(classify(penalties(3))).toBe('B');
    expect(classify(penalties(3), OLD, strict)).toBe('C');
  });

  it('treats a general black listing as D', () => {
    const strict = policy((p) => p.D.blackSeverities.push('general'));
    expect(classify([listing('ABNORMAL_OPERATION', 'black')], OLD, strict)).toBe('D');
  });

  it('lowers the D fine threshold', () => {
    const strict = policy((p) => (p.D.finesAbove = 200_000));
    expect(classify([record({ fineAmount: 200_000.01 })], OLD, strict)).toBe('D');
    expect(classify([record({ fineAmount: 200_000 })], OLD, strict)).toBe('C');
  });

  it('widens the non-cooperation window to 24 months', () => {
    const wide = policy((p) => (p.C.nonCooperationWithinMonths = 24));
    expect(classify([inspection('2024-06-15', 'NON_COOPERATION')], OLD, wide)).toBe('C');
    expect(classify([inspection('2024-06-14', 'NON_COOPERATION')], OLD, wide)).toBe('A');
  });

  it('requires 5 years of existence for A', () => {
    const patient = policy((p) => (p.B.establishedWithinYears = 5));
    expect(classify([], { establishedOn: '2022-06-15' }, patient)).toBe('B');
    expect(classify([], { establishedOn: '2021-06-15' }, patient)).toBe('A');
  });
});
