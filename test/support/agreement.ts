/**
 * The agreement oracle of the fault tests: what a credit check must answer, derived only from what the
 * records and entity profiles say, and where a check's answer differs. Pure: the tests read the
 * records, profiles and checks over HTTP once every write has answered, then ask this.
 */

/** A record as `GET /v1/entities/{id}/records` shows it (the fields the oracle needs). */
export interface ObservedRecord {
  recordId: string;
  type: string;
  listCode?: string;
  status: string;
  decidedOn: string;
  endedOn?: string;
  validUntil?: string;
}

/** A subject as `GET /v1/entities/{id}` and its records show it. */
export interface ObservedSubject {
  id: string;
  kind?: string;
  legalRepresentativeId?: string;
  records: ObservedRecord[];
}

/** A hit as `POST /v1/checks` answers it. */
export interface ObservedHit {
  listCode: string;
  recordId: string;
  via: 'self' | 'legalRepresentative';
  since?: string;
  until?: string;
}

export interface ExpectedHit {
  listCode: string;
  recordId: string;
  via: 'self' | 'legalRepresentative';
  /** The subject whose record it is (the enterprise, for a hit via the legal representative). */
  ownerId: string;
  since: string;
  until?: string;
}

export interface Disagreement {
  /** The checked subject. */
  subjectId: string;
  recordId: string;
  via: string;
  problem: 'missing' | 'unexpected' | 'stale';
  detail: string;
}

/** A listing hits iff its record is `active` today and in force today (decidedOn ≤ today < its first end). */
export function listingHits(record: ObservedRecord, today: string): boolean {
  if (record.type !== 'listing' || record.status !== 'active') return false;
  if (record.decidedOn > today) return false;
  if (record.endedOn !== undefined && record.endedOn <= today) return false;
  if (record.validUntil !== undefined && record.validUntil <= today) return false;
  return true;
}

function expectedOf(record: ObservedRecord, via: ExpectedHit['via'], ownerId: string): ExpectedHit {
  const ends = [record.endedOn, record.validUntil].filter((d): d is string => d !== undefined).sort();
  return { listCode: record.listCode ?? '', recordId: record.recordId, via, ownerId, since: record.decidedOn, ...(ends[0] ? { until: ends[0] } : {}) };
}

/**
 * What a check of `subjectId` must hit now: its own listings that hit, and, for a person, the listings
 * that hit of every enterprise whose current profile names the person as legal representative, on
 * lists extending to the legal representative.
 */
export function expectedHits(
  subjectId: string,
  world: ReadonlyMap<string, ObservedSubject>,
  extendsToRepresentative: ReadonlySet<string>,
  today: string,
): ExpectedHit[] {
  const hits: ExpectedHit[] = [];
  const subject = world.get(subjectId);
  for (const record of subject?.records ?? []) if (listingHits(record, today)) hits.push(expectedOf(record, 'self', subjectId));
  if (subject?.kind === 'person') {
    for (const enterprise of world.values()) {
      if (enterprise.kind !== 'enterprise' || enterprise.legalRepresentativeId !== subjectId) continue;
      for (const record of enterprise.records) {
        if (listingHits(record, today) && extendsToRepresentative.has(record.listCode ?? '')) hits.push(expectedOf(record, 'legalRepresentative', enterprise.id));
      }
    }
  }
  return hits;
}

/** Every difference between the checks' hits and what the records say (empty when they agree). */
export function disagreements(
  checks: ReadonlyMap<string, readonly ObservedHit[]>,
  world: ReadonlyMap<string, ObservedSubject>,
  extendsToRepresentative: ReadonlySet<string>,
  today: string,
): Disagreement[] {
  const found: Disagreement[] = [];
  const statusOf = (recordId: string) => {
    for (const s of world.values()) for (const r of s.records) if (r.recordId === recordId) return `${r.status} on ${s.id}`;
    return 'no such record';
  };
  for (const [subjectId, hits] of checks) {
    const expected = new Map(expectedHits(subjectId, world, extendsToRepresentative, today).map((h) => [`${h.via}/${h.recordId}`, h]));
    const observed = new Map(hits.map((h) => [`${h.via}/${h.recordId}`, h]));
    for (const [key, want] of expected) {
      const got = observed.get(key);
      if (!got) {
        found.push({ subjectId, recordId: want.recordId, via: want.via, problem: 'missing', detail: `record ${statusOf(want.recordId)} but the check does not hit it` });
      } else if (got.listCode !== want.listCode || got.since !== want.since || got.until !== want.until) {
        found.push({
          subjectId,
          recordId: want.recordId,
          via: want.via,
          problem: 'stale',
          detail: `record says ${want.listCode} ${want.since}–${want.until ?? '…'}, check says ${got.listCode} ${got.since}–${got.until ?? '…'}`,
        });
      }
    }
    for (const [key, got] of observed) {
      if (!expected.has(key)) found.push({ subjectId, recordId: got.recordId, via: got.via, problem: 'unexpected', detail: `record ${statusOf(got.recordId)} but the check hits it` });
    }
  }
  return found;
}
