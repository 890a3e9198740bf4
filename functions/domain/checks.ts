import { inForceAt, type RecordEffect } from './records.ts';
import { findList } from './reference.ts';
import type { CatalogueIndex, MeasureForce, MeasureKind } from './memoranda.ts';

/**
 * A credit check (联合奖惩): which lists a subject is on at an instant, and which measures the
 * checking department must or may apply to a matter. Pure: the store is read before, the log written after.
 */
export interface Hit {
  listCode: string;
  kind: 'black' | 'red';
  recordId: string;
  via: 'self' | 'legalRepresentative';
  since: string;
  until?: string;
  /** For a hit via the legal representative: the enterprise that is listed. */
  enterpriseId?: string;
}

export interface AppliedMeasure {
  memorandum: string;
  version: number;
  measure: string;
  kind: MeasureKind;
  force: MeasureForce;
  content: string;
  legalBasis: string;
  triggeredBy: string[];
}

export type Verdict = 'restrict' | 'caution' | 'reward' | 'clear';

function hitOf(record: RecordEffect, via: Hit['via'], enterpriseId?: string): Hit | undefined {
  const list = findList(record.listCode ?? '');
  if (!list) return undefined;
  const ends = [record.endedOn, record.validUntil].filter((d): d is string => d !== undefined).sort();
  return {
    listCode: list.code,
    kind: list.kind,
    recordId: record.recordId,
    via,
    since: record.decidedOn,
    ...(ends[0] ? { until: ends[0] } : {}),
    ...(enterpriseId ? { enterpriseId } : {}),
  };
}

/**
 * Memberships in force at `at` (`date` its CST date): the subject's own, and for a person those of each
 * enterprise they legally represent, on lists that extend to the legal representative.
 */
export function findHits(
  ownRecords: readonly RecordEffect[],
  represented: readonly { enterpriseId: string; listings: readonly RecordEffect[] }[],
  at: string,
  date: string,
): Hit[] {
  const hits: Hit[] = [];
  for (const record of ownRecords) {
    if (record.type !== 'listing' || !inForceAt(record, at, date)) continue;
    const hit = hitOf(record, 'self');
    if (hit) hits.push(hit);
  }
  for (const { enterpriseId, listings } of represented) {
    for (const record of listings) {
      if (record.type !== 'listing' || !inForceAt(record, at, date)) continue;
      if (!findList(record.listCode ?? '')?.extendsTo.includes('legalRepresentative')) continue;
      const hit = hitOf(record, 'legalRepresentative', enterpriseId);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}

/**
 * The measures for the hits, filtered to the department and matter; any black hit suppresses every
 * reward (一处失信，处处受限); and the verdict that follows.
 */
export function evaluateMeasures(
  hits: readonly Hit[],
  catalogue: CatalogueIndex,
  department: string,
  matter: string,
): { measures: AppliedMeasure[]; verdict: Verdict } {
  const anyBlack = hits.some((h) => h.kind === 'black');
  const byKey = new Map<string, AppliedMeasure>();
  for (const hit of hits) {
    for (const entry of catalogue.byList.get(hit.listCode) ?? []) {
      const m = entry.measure;
      if (!m.departments.includes(department) || !m.matters.includes(matter)) continue;
      if (anyBlack && m.kind === 'reward') continue;
      const key = `${entry.memorandum}/${m.code}`;
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.triggeredBy.includes(hit.listCode)) existing.triggeredBy.push(hit.listCode);
        continue;
      }
      byKey.set(key, {
        memorandum: entry.memorandum,
        version: entry.version,
        measure: m.code,
        kind: m.kind,
        force: m.force,
        content: m.content,
        legalBasis: m.legalBasis,
        triggeredBy: [hit.listCode],
      });
    }
  }
  const measures = [...byKey.values()];
  let verdict: Verdict = 'clear';
  if (measures.some((m) => m.kind === 'punish' && m.force === 'mandatory')) verdict = 'restrict';
  else if (anyBlack) verdict = 'caution';
  else if (measures.some((m) => m.kind === 'reward')) verdict = 'reward';
  return { measures, verdict };
}

/** The key a department uses to give feedback on one measure of a check. */
export const measureKey = (m: Pick<AppliedMeasure, 'memorandum' | 'measure'>) => `${m.memorandum}/${m.measure}`;
