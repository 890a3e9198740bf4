import { describe, expect, it } from 'vitest';
import reference from '#catalogue/memoranda.json' with { type: 'json' };
import { evaluateMeasures, findHits, type AppliedMeasure, type Hit, type Verdict } from '#domain/checks.ts';
import { indexCatalogue, type Catalogue, type Measure, type MemorandumContent } from '#domain/memoranda.ts';
import type { CreditRecord } from '#domain/records.ts';

/**
 * The pure evaluation of a credit check (API.md "Credit checks", DOMAIN.md §4–5): which listings hit at
 * an instant, which measures reach the checking department for a matter, and the verdict. The list
 * facts (kind, extendsTo) come from data/lists.json; the memoranda here are hand-made so that every
 * force, kind, department and matter combination is under our control.
 */

const ENTERPRISE = '91120224064012553U';
const OTHER_ENTERPRISE = '91110000600037341L';
const PERSON = '11010519491231002X';

// 2026-06-15 10:00 in China Standard Time.
const AT = '2026-06-15T02:00:00.000Z';
const DATE = '2026-06-15';

let serial = 0;

/** A listing as the store holds it; only what the evaluation reads is meaningful. */
function listing(listCode: string, overrides: Partial<CreditRecord> = {}): CreditRecord {
  serial += 1;
  return {
    recordId: `rec${String(serial).padStart(23, '0')}`,
    subjectId: ENTERPRISE,
    type: 'listing',
    documentNo: `文号〔2026〕${serial}号`,
    decidedOn: '2026-03-01',
    title: `列入${listCode}`,
    department: 'MARKET',
    listCode,
    contentHash: 'hash',
    createdAt: '2026-03-01T02:00:00.000Z',
    createdBy: 'recorder',
    requestId: 'req',
    version: 1,
    history: [],
    ...overrides,
  };
}

const measure = (code: string, kind: Measure['kind'], force: Measure['force'], departments: string[], matters: string[]): Measure => ({
  code,
  kind,
  force,
  departments,
  matters,
  content: `措施${code}的内容`,
  legalBasis: `依据${code}`,
});

const memo = (code: string, version: number, targetLists: string[], measures: Measure[]) => ({
  code,
  version,
  title: `${code} 备忘录`,
  documentNo: null,
  issuedOn: '2020-01-01',
  leadDepartment: 'DRC',
  targetLists,
  measures,
});

/** A small catalogue: black and red lists, measures of each force, several departments and matters. */
const catalogue: Catalogue = {
  version: 7,
  memoranda: [
    memo('M-A', 2, ['COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION'], [
      measure('A1', 'punish', 'mandatory', ['FINANCE'], ['PROCUREMENT']),
      measure('A2', 'punish', 'reference', ['FINANCE', 'DRC'], ['SUBSIDY']),
      measure('A3', 'punish', 'market', ['PBOC'], ['FINANCING']),
      measure('A4', 'punish', 'mandatory', ['MARKET'], ['INSPECTION', 'LICENCE']),
    ]),
    memo('M-B', 1, ['ABNORMAL_OPERATION'], [
      measure('B1', 'punish', 'reference', ['FINANCE'], ['PROCUREMENT']),
      measure('B2', 'punish', 'market', ['PBOC'], ['FINANCING']),
    ]),
    memo('M-C', 4, ['PROCUREMENT_SERIOUS'], [measure('C1', 'punish', 'mandatory', ['FINANCE'], ['PROCUREMENT'])]),
    memo('M-R', 3, ['TAX_A_GRADE', 'CONTRACT_HONORING'], [
      measure('R1', 'reward', 'mandatory', ['APPROVAL'], ['LICENCE']),
      measure('R2', 'reward', 'reference', ['APPROVAL', 'MARKET'], ['LICENCE', 'INSPECTION']),
      measure('R3', 'reward', 'market', ['PBOC'], ['FINANCING']),
    ]),
    memo('M-S', 1, ['CUSTOMS_AEO'], [measure('S1', 'reward', 'mandatory', ['CUSTOMS'], ['CUSTOMS_CLEARANCE'])]),
  ],
};
const index = indexCatalogue(catalogue);

/** The subject's own hits on the given lists, each from one listing in force at AT. */
const hitsOn = (...listCodes: string[]): Hit[] => findHits(listCodes.map((c) => listing(c)), [], AT, DATE);

const keysOf = (measures: AppliedMeasure[]) => measures.map((m) => `${m.memorandum}/${m.measure}`).sort();

describe('which listings hit at an instant', () => {
  // decidedOn 2026-03-01; instants given with their CST date (UTC+8).
  it.each<[string, Partial<CreditRecord>, string, string, boolean]>([
    ['the last instant before the decision day (CST)', {}, '2026-02-28T15:59:59.999Z', '2026-02-28', false],
    ['the first instant of the decision day (CST)', {}, '2026-02-28T16:00:00.000Z', '2026-03-01', true],
    ['the day before endedOn', { endedOn: '2026-06-01' }, '2026-05-31T15:00:00.000Z', '2026-05-31', true],
    ['endedOn itself, the first day without effect', { endedOn: '2026-06-01' }, '2026-05-31T16:00:00.000Z', '2026-06-01', false],
    ['the day before validUntil', { validUntil: '2027-03-01' }, '2027-02-28T12:00:00.000Z', '2027-02-28', true],
    ['validUntil itself, the first day without effect', { validUntil: '2027-03-01' }, '2027-02-28T16:00:00.000Z', '2027-03-01', false],
    ['a retracted listing, even at an instant before its retraction', { retractedAt: '2026-05-01T00:00:00.000Z' }, '2026-04-01T00:00:00.000Z', '2026-04-01', false],
    ['a retracted listing after its retraction', { retractedAt: '2026-05-01T00:00:00.000Z' }, AT, DATE, false],
    ['a repaired listing just before the instant of repair', { repairedAt: '2026-05-10T03:00:00.000Z' }, '2026-05-10T02:59:59.999Z', '2026-05-10', true],
    ['a repaired listing at the instant of repair', { repairedAt: '2026-05-10T03:00:00.000Z' }, '2026-05-10T03:00:00.000Z', '2026-05-10', false],
    ['a repaired listing later the same day', { repairedAt: '2026-05-10T03:00:00.000Z' }, '2026-05-10T09:00:00.000Z', '2026-05-10', false],
    ['a repaired listing asked about a month before the repair', { repairedAt: '2026-05-10T03:00:00.000Z' }, '2026-04-10T03:00:00.000Z', '2026-04-10', true],
  ])('%s → hit: %s', (_label, overrides, at, date, expected) => {
    const record = listing('COURT_DEFAULTER', overrides);
    const hits = findHits([record], [], at, date);
    expect(hits.map((h) => h.recordId)).toEqual(expected ? [record.recordId] : []);
  });

  it.each<[string, CreditRecord['type']]>([
    ['a penalty', 'penalty'],
    ['a licence', 'licence'],
  ])('never counts %s as a hit, whatever list code it carries', (_label, type) => {
    expect(findHits([listing('COURT_DEFAULTER', { type })], [], AT, DATE)).toEqual([]);
  });

  it('reports a listing with its kind, the decision day as since, and no until when open-ended', () => {
    const record = listing('ABNORMAL_OPERATION', { decidedOn: '2026-01-05' });
    const [hit, ...rest] = findHits([record], [], AT, DATE);
    expect(rest).toEqual([]);
    expect(hit).toEqual({ listCode: 'ABNORMAL_OPERATION', kind: 'black', recordId: record.recordId, via: 'self', since: '2026-01-05' });
    expect(hit).not.toHaveProperty('until');
    expect(hit).not.toHaveProperty('enterpriseId');
  });

  it('reports a red listing as kind red', () => {
    expect(hitsOn('TAX_A_GRADE', 'CUSTOMS_AEO').map((h) => [h.listCode, h.kind])).toEqual([
      ['TAX_A_GRADE', 'red'],
      ['CUSTOMS_AEO', 'red'],
    ]);
  });

  it.each<[string, Partial<CreditRecord>, string]>([
    ['only validUntil', { validUntil: '2027-03-01' }, '2027-03-01'],
    ['only endedOn', { endedOn: '2026-09-01' }, '2026-09-01'],
    ['endedOn before validUntil', { endedOn: '2026-09-01', validUntil: '2027-03-01' }, '2026-09-01'],
    ['validUntil before endedOn', { endedOn: '2026-12-01', validUntil: '2026-10-01' }, '2026-10-01'],
  ])('gives until as the earlier end when the listing has %s', (_label, overrides, until) => {
    const [hit] = findHits([listing('PROCUREMENT_SERIOUS', overrides)], [], AT, DATE);
    expect(hit?.since).toBe('2026-03-01');
    expect(hit?.until).toBe(until);
  });
});

describe('hits through the enterprises a person legally represents', () => {
  it.each<[string, 'black' | 'red', boolean]>([
    ['COURT_DEFAULTER', 'black', true],
    ['MAJOR_TAX_VIOLATION', 'black', true],
    ['WAGE_ARREARS', 'black', true],
    ['SAMR_SERIOUS_VIOLATION', 'black', true],
    ['ABNORMAL_OPERATION', 'black', false],
    ['PROCUREMENT_SERIOUS', 'black', false],
    ['PUBLIC_TRADING_SERIOUS', 'black', false],
    ['COMMITMENT_BREACH', 'black', false],
    ['TAX_A_GRADE', 'red', false],
  ])('an enterprise listed on %s (%s) reaches its legal representative: %s', (listCode, kind, reaches) => {
    const record = listing(listCode, { decidedOn: '2026-02-02', validUntil: '2028-02-02' });
    const hits = findHits([], [{ enterpriseId: ENTERPRISE, listings: [record] }], AT, DATE);
    expect(hits).toEqual(
      reaches
        ? [{ listCode, kind, recordId: record.recordId, via: 'legalRepresentative', since: '2026-02-02', until: '2028-02-02', enterpriseId: ENTERPRISE }]
        : [],
    );
  });

  it("applies the same in-force rules to the enterprise's listings", () => {
    const ended = listing('COURT_DEFAULTER', { endedOn: '2026-06-15' });
    const retracted = listing('COURT_DEFAULTER', { retractedAt: '2026-06-20T00:00:00.000Z' });
    const repaired = listing('MAJOR_TAX_VIOLATION', { repairedAt: '2026-06-15T01:59:59.999Z' });
    const future = listing('WAGE_ARREARS', { decidedOn: '2026-06-16' });
    expect(findHits([], [{ enterpriseId: ENTERPRISE, listings: [ended, retracted, repaired, future] }], AT, DATE)).toEqual([]);
  });

  it('keeps own hits and hits via each represented enterprise apart, naming the enterprise', () => {
    const own = listing('COURT_DEFAULTER', { subjectId: PERSON });
    const first = listing('COURT_DEFAULTER');
    const abnormal = listing('ABNORMAL_OPERATION');
    const second = listing('MAJOR_TAX_VIOLATION', { subjectId: OTHER_ENTERPRISE });
    const hits = findHits(
      [own],
      [
        { enterpriseId: ENTERPRISE, listings: [first, abnormal] },
        { enterpriseId: OTHER_ENTERPRISE, listings: [second] },
      ],
      AT,
      DATE,
    );
    expect(hits.map((h) => [h.recordId, h.listCode, h.via, h.enterpriseId])).toEqual([
      [own.recordId, 'COURT_DEFAULTER', 'self', undefined],
      [first.recordId, 'COURT_DEFAULTER', 'legalRepresentative', ENTERPRISE],
      [second.recordId, 'MAJOR_TAX_VIOLATION', 'legalRepresentative', OTHER_ENTERPRISE],
    ]);
  });

  it("restricts a person for an enterprise's court-defaulter listing, not for its abnormal-operation listing", () => {
    const viaCourt = findHits([], [{ enterpriseId: ENTERPRISE, listings: [listing('COURT_DEFAULTER')] }], AT, DATE);
    expect(evaluateMeasures(viaCourt, index, 'FINANCE', 'PROCUREMENT')).toMatchObject({
      verdict: 'restrict',
      measures: [{ memorandum: 'M-A', measure: 'A1', triggeredBy: ['COURT_DEFAULTER'] }],
    });
    const viaAbnormal = findHits([], [{ enterpriseId: ENTERPRISE, listings: [listing('ABNORMAL_OPERATION')] }], AT, DATE);
    expect(evaluateMeasures(viaAbnormal, index, 'FINANCE', 'PROCUREMENT')).toEqual({ measures: [], verdict: 'clear' });
  });
});

describe('which measures reach the checking department for a matter', () => {
  it.each<[string, string, string, string[]]>([
    ['the department and the matter both match', 'FINANCE', 'PROCUREMENT', ['M-A/A1']],
    ['the second listed department matches', 'DRC', 'SUBSIDY', ['M-A/A2']],
    ['the second listed matter matches', 'MARKET', 'LICENCE', ['M-A/A4']],
    ['the department matches but not the matter', 'FINANCE', 'FINANCING', []],
    ['the matter matches but not the department', 'HOUSING', 'PROCUREMENT', []],
    ['neither matches', 'CUSTOMS', 'CUSTOMS_CLEARANCE', []],
  ])('on COURT_DEFAULTER, when %s (%s, %s) → %j', (_label, department, matter, expected) => {
    expect(keysOf(evaluateMeasures(hitsOn('COURT_DEFAULTER'), index, department, matter).measures)).toEqual(expected);
  });

  it('copies the measure with its memorandum version and the list that triggered it', () => {
    const { measures } = evaluateMeasures(hitsOn('MAJOR_TAX_VIOLATION'), index, 'FINANCE', 'PROCUREMENT');
    expect(measures).toEqual([
      {
        memorandum: 'M-A',
        version: 2,
        measure: 'A1',
        kind: 'punish',
        force: 'mandatory',
        content: '措施A1的内容',
        legalBasis: '依据A1',
        triggeredBy: ['MAJOR_TAX_VIOLATION'],
      },
    ]);
  });

  it('lists a measure reached through two hit lists once, triggered by both', () => {
    const { measures } = evaluateMeasures(hitsOn('COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION'), index, 'FINANCE', 'PROCUREMENT');
    expect(measures).toHaveLength(1);
    expect(measures[0]).toMatchObject({ memorandum: 'M-A', measure: 'A1', triggeredBy: ['COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION'] });
  });

  it('names a list once when two listings on it reach the same measure', () => {
    const { measures } = evaluateMeasures(hitsOn('COURT_DEFAULTER', 'COURT_DEFAULTER'), index, 'FINANCE', 'PROCUREMENT');
    expect(measures.map((m) => [m.measure, m.triggeredBy])).toEqual([['A1', ['COURT_DEFAULTER']]]);
  });

  it('lists a reward reached through two red lists once, triggered by both', () => {
    const { measures, verdict } = evaluateMeasures(hitsOn('TAX_A_GRADE', 'CONTRACT_HONORING'), index, 'PBOC', 'FINANCING');
    expect(measures.map((m) => [m.memorandum, m.version, m.measure, m.triggeredBy])).toEqual([['M-R', 3, 'R3', ['TAX_A_GRADE', 'CONTRACT_HONORING']]]);
    expect(verdict).toBe('reward');
  });

  it('keeps measures of different memoranda apart, each triggered by its own list', () => {
    const { measures } = evaluateMeasures(hitsOn('COURT_DEFAULTER', 'PROCUREMENT_SERIOUS', 'ABNORMAL_OPERATION'), index, 'FINANCE', 'PROCUREMENT');
    expect(measures.map((m) => [`${m.memorandum}/${m.measure}`, m.version, m.force, m.triggeredBy]).sort()).toEqual([
      ['M-A/A1', 2, 'mandatory', ['COURT_DEFAULTER']],
      ['M-B/B1', 1, 'reference', ['ABNORMAL_OPERATION']],
      ['M-C/C1', 4, 'mandatory', ['PROCUREMENT_SERIOUS']],
    ]);
  });

  it.each<[string, string[], string[], string, string, string[], Verdict]>([
    ['a black hit suppresses a mandatory reward', ['TAX_A_GRADE', 'ABNORMAL_OPERATION'], [], 'APPROVAL', 'LICENCE', [], 'caution'],
    ['a black hit suppresses a market reward but not a market punishment', ['TAX_A_GRADE', 'ABNORMAL_OPERATION'], [], 'PBOC', 'FINANCING', ['M-B/B2'], 'caution'],
    ['a black hit suppresses rewards beside a mandatory punishment', ['CONTRACT_HONORING', 'COURT_DEFAULTER'], [], 'MARKET', 'INSPECTION', ['M-A/A4'], 'restrict'],
    ['a black hit via a legal representative suppresses own rewards', ['TAX_A_GRADE'], ['WAGE_ARREARS'], 'APPROVAL', 'LICENCE', [], 'caution'],
  ])('%s', (_label, ownLists, enterpriseLists, department, matter, expected, verdict) => {
    const represented = [{ enterpriseId: OTHER_ENTERPRISE, listings: enterpriseLists.map((c) => listing(c)) }];
    const hits = findHits(ownLists.map((c) => listing(c)), represented, AT, DATE);
    expect(hits.some((h) => h.kind === 'red')).toBe(true);
    const result = evaluateMeasures(hits, index, department, matter);
    expect(keysOf(result.measures)).toEqual(expected);
    expect(result.measures.every((m) => m.kind === 'punish')).toBe(true);
    expect(result.verdict).toBe(verdict);
  });
});

describe('the verdict', () => {
  it.each<[string, string[], string, string, string[], Verdict]>([
    ['a mandatory punishment restricts', ['COURT_DEFAULTER'], 'FINANCE', 'PROCUREMENT', ['M-A/A1'], 'restrict'],
    ['a mandatory punishment restricts beside reference ones', ['COURT_DEFAULTER', 'ABNORMAL_OPERATION'], 'FINANCE', 'PROCUREMENT', ['M-A/A1', 'M-B/B1'], 'restrict'],
    ['a black hit with only a reference punishment cautions', ['COURT_DEFAULTER'], 'FINANCE', 'SUBSIDY', ['M-A/A2'], 'caution'],
    ['a black hit with only a market punishment cautions', ['COURT_DEFAULTER'], 'PBOC', 'FINANCING', ['M-A/A3'], 'caution'],
    ['a black hit without measures for this department cautions', ['COURT_DEFAULTER'], 'HOUSING', 'BIDDING', [], 'caution'],
    ['a black hit on a list no memorandum targets cautions', ['WAGE_ARREARS'], 'FINANCE', 'PROCUREMENT', [], 'caution'],
    ['a red hit with mandatory and reference rewards rewards', ['TAX_A_GRADE'], 'APPROVAL', 'LICENCE', ['M-R/R1', 'M-R/R2'], 'reward'],
    ['a red hit with only a reference reward rewards', ['CONTRACT_HONORING'], 'MARKET', 'INSPECTION', ['M-R/R2'], 'reward'],
    ['a red hit with only a market reward rewards', ['TAX_A_GRADE'], 'PBOC', 'FINANCING', ['M-R/R3'], 'reward'],
    ['a red hit without measures for this department is clear', ['TAX_A_GRADE'], 'FINANCE', 'PROCUREMENT', [], 'clear'],
    ['a red hit without measures for this matter is clear', ['CUSTOMS_AEO'], 'CUSTOMS', 'LICENCE', [], 'clear'],
    ['no hit is clear', [], 'FINANCE', 'PROCUREMENT', [], 'clear'],
  ])('%s', (_label, lists, department, matter, expected, verdict) => {
    const result = evaluateMeasures(hitsOn(...lists), index, department, matter);
    expect(keysOf(result.measures)).toEqual(expected);
    expect(result.verdict).toBe(verdict);
  });

  it('is clear when every listing has lapsed by the instant asked about', () => {
    const hits = findHits([listing('COURT_DEFAULTER', { endedOn: '2026-06-15' })], [], AT, DATE);
    expect(evaluateMeasures(hits, index, 'FINANCE', 'PROCUREMENT')).toEqual({ measures: [], verdict: 'clear' });
  });
});

describe('the reference catalogue (data/memoranda.json, every memorandum at version 1)', () => {
  const real = indexCatalogue({
    version: 1,
    memoranda: (reference.memoranda as MemorandumContent[]).map((m) => ({ ...m, version: 1 })),
  });

  it('forbids government procurement to a major tax violator, for FINANCE', () => {
    const result = evaluateMeasures(hitsOn('MAJOR_TAX_VIOLATION'), real, 'FINANCE', 'PROCUREMENT');
    expect(result).toEqual({
      measures: [
        {
          memorandum: 'M-MAJOR-TAX-2016',
          version: 1,
          measure: '11',
          kind: 'punish',
          force: 'mandatory',
          content: '依法禁止参加政府采购活动',
          legalBasis: '政府采购法第二十二条、第七十七条',
          triggeredBy: ['MAJOR_TAX_VIOLATION'],
        },
      ],
      verdict: 'restrict',
    });
  });

  it.each<[string[], string, string, string[], Verdict]>([
    [['MAJOR_TAX_VIOLATION'], 'PBOC', 'FINANCING', ['M-MAJOR-TAX-2016/9'], 'caution'],
    [['MAJOR_TAX_VIOLATION', 'SAMR_SERIOUS_VIOLATION'], 'FINANCE', 'PROCUREMENT', ['M-MAJOR-TAX-2016/11', 'M-SAMR-SERIOUS/1'], 'restrict'],
    [['COURT_DEFAULTER'], 'PBOC', 'SENIOR_POST', ['M-COURT-DEFAULTER-2016/3'], 'restrict'],
    // Measure 22 of the court-defaulter memorandum: no government procurement for court defaulters.
    [['COURT_DEFAULTER'], 'FINANCE', 'PROCUREMENT', ['M-COURT-DEFAULTER-2016/22'], 'restrict'],
    [['ABNORMAL_OPERATION'], 'APPROVAL', 'LICENCE', ['M-ABNORMAL-OPERATION/2'], 'caution'],
    [['TAX_A_GRADE'], 'APPROVAL', 'LICENCE', ['M-TAX-A-GRADE-2016/1', 'M-TAX-A-GRADE-2016/2'], 'reward'],
    [['TAX_A_GRADE', 'CUSTOMS_AEO'], 'APPROVAL', 'LICENCE', ['M-CUSTOMS-AEO-2016/2', 'M-TAX-A-GRADE-2016/1', 'M-TAX-A-GRADE-2016/2'], 'reward'],
    [['TAX_A_GRADE', 'ABNORMAL_OPERATION'], 'APPROVAL', 'LICENCE', ['M-ABNORMAL-OPERATION/2'], 'caution'],
    [['CUSTOMS_AEO'], 'CUSTOMS', 'CUSTOMS_CLEARANCE', ['M-CUSTOMS-AEO-2016/1'], 'reward'],
    [['CONTRACT_HONORING'], 'APPROVAL', 'LICENCE', [], 'clear'],
  ])('on %j, %s checking %s gets %j → %s', (lists, department, matter, expected, verdict) => {
    const result = evaluateMeasures(hitsOn(...lists), real, department, matter);
    expect(keysOf(result.measures)).toEqual(expected);
    expect(result.verdict).toBe(verdict);
    expect(result.measures.every((m) => m.version === 1)).toBe(true);
  });
});
