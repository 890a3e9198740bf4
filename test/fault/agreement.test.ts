import { describe, expect, it } from 'vitest';
import { disagreements, expectedHits, type ObservedHit, type ObservedRecord, type ObservedSubject } from '../support/agreement.ts';

const TODAY = '2026-11-22';
const EXTENDS = new Set(['COURT_DEFAULTER']);
const listing = (recordId: string, extra: Partial<ObservedRecord> = {}): ObservedRecord => ({
  recordId,
  type: 'listing',
  listCode: 'COURT_DEFAULTER',
  status: 'active',
  decidedOn: '2026-01-10',
  ...extra,
});
const hit = (recordId: string, extra: Partial<ObservedHit> = {}): ObservedHit => ({ listCode: 'COURT_DEFAULTER', recordId, via: 'self', since: '2026-01-10', ...extra });
const worldOf = (...subjects: ObservedSubject[]) => new Map(subjects.map((s) => [s.id, s]));

describe('the agreement oracle', () => {
  it('expects an active listing in force, and none that is retracted, repaired, ended or expired today', () => {
    const world = worldOf({
      id: 'E',
      kind: 'enterprise',
      records: [
        listing('active'),
        listing('ending-later', { endedOn: '2026-12-01', validUntil: '2027-01-01' }),
        listing('retracted', { status: 'retracted' }),
        listing('repaired', { status: 'repaired' }),
        listing('ended-today', { status: 'ended', endedOn: TODAY }),
        listing('expired', { status: 'expired', validUntil: '2026-11-01' }),
        listing('active-but-ended', { endedOn: TODAY }),
        { recordId: 'penalty', type: 'penalty', status: 'active', decidedOn: '2026-01-10' },
      ],
    });
    expect(expectedHits('E', world, EXTENDS, TODAY).map((h) => [h.recordId, h.until])).toEqual([
      ['active', undefined],
      ['ending-later', '2026-12-01'],
    ]);
  });

  it('finds a missing hit, an unexpected hit and a stale period', () => {
    const world = worldOf({ id: 'E', kind: 'enterprise', records: [listing('a'), listing('b', { validUntil: '2027-01-01' }), listing('c', { status: 'retracted' })] });
    const checks = new Map([['E', [hit('b'), hit('c')]]]);
    expect(disagreements(checks, world, EXTENDS, TODAY).map((d) => [d.recordId, d.problem])).toEqual([
      ['a', 'missing'],
      ['b', 'stale'],
      ['c', 'unexpected'],
    ]);
  });

  it("follows a person to the enterprise whose current profile names them, on lists that extend to the representative", () => {
    const world = worldOf(
      { id: 'P', kind: 'person', records: [] },
      { id: 'Q', kind: 'person', records: [] },
      { id: 'E1', kind: 'enterprise', legalRepresentativeId: 'P', records: [listing('e1'), listing('e1-abnormal', { listCode: 'ABNORMAL_OPERATION' })] },
      { id: 'E2', kind: 'enterprise', legalRepresentativeId: 'Q', records: [listing('e2')] },
    );
    expect(expectedHits('P', world, EXTENDS, TODAY).map((h) => [h.recordId, h.via, h.ownerId])).toEqual([['e1', 'legalRepresentative', 'E1']]);
    const checks = new Map([
      ['P', [hit('e2', { via: 'legalRepresentative' })]],
      ['Q', [hit('e2', { via: 'legalRepresentative' })]],
    ]);
    expect(disagreements(checks, world, EXTENDS, TODAY).map((d) => [d.subjectId, d.recordId, d.problem])).toEqual([
      ['P', 'e1', 'missing'],
      ['P', 'e2', 'unexpected'],
    ]);
  });

  it('agrees when the checks say exactly what the records say', () => {
    const world = worldOf(
      { id: 'P', kind: 'person', records: [] },
      { id: 'E', kind: 'enterprise', legalRepresentativeId: 'P', records: [listing('e', { endedOn: '2027-03-01' }), listing('gone', { status: 'retracted' })] },
    );
    const checks = new Map([
      ['E', [hit('e', { until: '2027-03-01' })]],
      ['P', [hit('e', { via: 'legalRepresentative', until: '2027-03-01' })]],
    ]);
    expect(disagreements(checks, world, EXTENDS, TODAY)).toEqual([]);
  });
});
