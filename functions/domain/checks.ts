import { z } from 'zod';
import { inForceAt, type RecordEffect } from './records.ts';
import { findList } from './reference.ts';
import { measureForce, measureKind, type CatalogueIndex } from './memoranda.ts';
import { ENTITY_KINDS } from './entities.ts';
import type { Role } from './roles.ts';
import { calendarDate, instant } from './values.ts';

/**
 * A credit check (联合奖惩): which lists a subject is on at an instant, and which measures the
 * checking department must or may apply to a matter. Pure: the store is read before, the log written after.
 */
export const LIST_KINDS = ['black', 'red'] as const;
export const HIT_VIAS = ['self', 'legalRepresentative'] as const;
export const VERDICTS = ['restrict', 'caution', 'reward', 'clear'] as const;

export const verdictSchema = z
  .enum(VERDICTS)
  .describe(
    'What the checking department must do for this matter, the first that applies: restrict 限制 — at least one mandatory punishment applies (the department must restrict, e.g. refuse or exclude); caution 审慎 — the subject is on a black list but no mandatory punishment applies to this department and matter (weigh the reference measures, if any); reward 激励 — red-list reward measures apply and nothing is black; clear 无记录 — no measure applies and no black hit (an unknown subject is clear too).',
  );
export type Verdict = z.infer<typeof verdictSchema>;

/** One list membership in force at the check's instant. */
export const hitSchema = z.object({
  listCode: z.string().describe('The list (data/lists.json)'),
  kind: z.enum(LIST_KINDS).describe('black 失信名单 (punishments follow) · red 守信名单 (rewards follow)'),
  recordId: z.string().describe('The listing record'),
  via: z.enum(HIT_VIAS).describe('self: the subject itself is listed · legalRepresentative: the subject is a person who legally represents a listed enterprise (enterpriseId), on a list that extends to the legal representative'),
  since: calendarDate.describe("The listing's decidedOn"),
  until: calendarDate.optional().describe('The first day the listing no longer counts, when one is known (its end or validity date)'),
  enterpriseId: z.string().optional().describe('Via the legal representative: the listed enterprise'),
});
export type Hit = z.infer<typeof hitSchema>;

/** A measure the check returns: one measure of one memorandum version, for this department and matter. */
export const appliedMeasureSchema = z
  .object({
    memorandum: z.string().describe('The memorandum’s code'),
    version: z.number().int().min(1).describe('The memorandum version that decided it'),
    measure: z.string().describe('The measure’s code within the memorandum; feedback names it as "<memorandum>/<measure>", e.g. "M-COURT-DEFAULTER-2016/CP"'),
    kind: measureKind,
    force: measureForce,
    content: z.string(),
    legalBasis: z.string(),
    triggeredBy: z.array(z.string()).describe('The hit list codes that bring this measure in'),
  })
  .describe('A measure the checking department must or may apply (联合奖惩措施).');
export type AppliedMeasure = z.infer<typeof appliedMeasureSchema>;

/** A credit check's answer: given once it is logged, and read back from the log as it was given. */
export const checkAnswerSchema = z
  .object({
    checkId: z.string().describe('Quote it in feedback and approvals'),
    checkedAt: instant,
    asOf: instant.describe('The instant the memberships were evaluated at (checkedAt unless the request gave asOf)'),
    matter: z.string().describe('The matter checked for'),
    department: z.string().describe('The checking department (the token’s)'),
    catalogueVersion: z.number().int().min(0).describe('The catalogue version that decided the measures'),
    subject: z
      .object({
        id: z.string(),
        known: z.boolean().describe('Whether the subject is registered; an unknown subject is not an error (known: false, verdict clear)'),
        name: z.string().optional(),
        kind: z.enum(ENTITY_KINDS).optional(),
      })
      .describe('The subject checked; name and kind when known'),
    hits: z.array(hitSchema).describe('Every membership in force at asOf (the latest 100 when there are more)'),
    hitCount: z.number().int().min(0).optional().describe('Present when the subject has more hits than the answer lists; every hit still counts for the measures'),
    measures: z.array(appliedMeasureSchema).describe('The measures of every memorandum that targets a hit list, for the checking department and matter; any black hit suppresses every reward (一处失信，处处受限)'),
    verdict: verdictSchema,
  })
  .describe('The answer to a credit check (联合奖惩核查).');
export type CheckAnswer = z.infer<typeof checkAnswerSchema>;

/** What a check was asked. */
export const checkRequestSchema = z.object({ subjectId: z.string(), matter: z.string(), asOf: instant.optional() });
export type CheckRequest = z.infer<typeof checkRequestSchema>;

/** The check aggregate: its log (查询 → 推送 → 受理 → 办结), who asked what, and the answer given. */
export const checkLogSchema = z.object({
  checkId: z.string(),
  subjectId: z.string(),
  department: z.string(),
  sub: z.string(),
  requestId: z.string(),
  checkedAt: instant,
  catalogueVersion: z.number().int().min(0),
  request: checkRequestSchema,
  answer: checkAnswerSchema,
});
export type CheckLog = z.infer<typeof checkLogSchema>;

/** Who reads any department's trail: the city's credit office as auditor, and admins; a checker only its own. */
export const readsEveryCheck = (roles: readonly Role[]) => roles.includes('admin') || roles.includes('auditor');

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

/** The key a department uses to give feedback on one measure of a check: "<memorandum>/<measure>". */
export const measureKey = (m: Pick<AppliedMeasure, 'memorandum' | 'measure'>) => `${m.memorandum}/${m.measure}`;

/** Whether the check returned the measure `key` names: feedback is taken only on those (422 otherwise). */
export const returnedMeasure = (answer: Pick<CheckAnswer, 'measures'>, key: string) => answer.measures.some((m) => measureKey(m) === key);
