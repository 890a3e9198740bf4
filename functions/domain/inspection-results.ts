import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cstDate } from './dates.ts';
import { calendarDate, instant } from './values.ts';

/**
 * Inspection results (抽查结果, DOMAIN.md §6): one per sampled subject and plan, published at once as
 * an inspection record on the subject, within 20 working days of the inspection (结果告知).
 */
export const OUTCOMES = ['NO_ISSUE', 'NOT_PUBLISHED', 'FALSE_INFO', 'UNREACHABLE', 'CORRECTED', 'NON_COOPERATION', 'NO_ACTIVITY', 'CLOSED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The result codes' titles, as the published results and the inspection records show them (DOMAIN.md §6). */
export const OUTCOME_TITLES: Record<Outcome, string> = {
  NO_ISSUE: '未发现问题',
  NOT_PUBLISHED: '未按规定公示应当公示的信息',
  FALSE_INFO: '公示信息隐瞒真实情况弄虚作假',
  UNREACHABLE: '通过登记的住所(经营场所)无法联系',
  CORRECTED: '发现问题已责令改正',
  NON_COOPERATION: '不配合检查情节严重',
  NO_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  CLOSED: '已关闭停业或正在组织清算',
};

/** Results that list the subject on 经营异常名录 at once (DOMAIN.md §6). */
export const ABNORMAL_OUTCOMES: readonly Outcome[] = ['NOT_PUBLISHED', 'FALSE_INFO', 'UNREACHABLE'];

export const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

export const listsAsAbnormal = (outcome: Outcome) => ABNORMAL_OUTCOMES.includes(outcome);

const outcomeText = `${OUTCOMES.map((o) => `${o} ${OUTCOME_TITLES[o]}`).join(' · ')}. ${ABNORMAL_OUTCOMES.join(', ')} also list the subject on ABNORMAL_OPERATION (经营异常名录); NON_COOPERATION raises its risk class.`;
export const outcomeField = z.enum(OUTCOMES).describe(outcomeText);

/** A recorded inspection result (结果告知), one per sampled subject and plan. */
export const planResultSchema = z
  .object({
    resultId: z.string().describe('The id of the inspection record published on the subject'),
    planId: z.string(),
    subjectId: z.string(),
    outcome: outcomeField,
    inspectedOn: calendarDate,
    findings: z.string().optional(),
    publishBy: calendarDate.describe('inspectedOn + RESULT_PUBLISH_WORKING_DAYS (default 20) working days: the last day to publish the result'),
    late: z.boolean().describe('Recorded after publishBy'),
    recordedAt: instant,
    recordedBy: z.string().describe("The token's sub"),
    department: z.string().describe("The recording caller's department"),
    listingRecordId: z.string().optional().describe('The ABNORMAL_OPERATION listing this result made, when the list keeper is a plan department'),
    referralNoticeId: z.string().optional().describe("Otherwise the notice (reason referral) that sent the listing decision to the list's keeper"),
  })
  .describe('An inspection result (抽查结果).');
export type PlanResult = z.infer<typeof planResultSchema>;

/** A result as the plan documents publish it: no findings, no recorder. */
export const publishedResultSchema = planResultSchema.pick({ subjectId: true, outcome: true, inspectedOn: true, recordedAt: true });
export type PublishedResult = z.infer<typeof publishedResultSchema>;

export const publishedResult = (r: PlanResult): PublishedResult => ({ subjectId: r.subjectId, outcome: r.outcome, inspectedOn: r.inspectedOn, recordedAt: r.recordedAt });

/** The same result again (200), not a different one (409). */
export function sameResult(stored: Pick<PlanResult, 'outcome' | 'inspectedOn' | 'findings'>, input: { outcome: string; inspectedOn: string; findings?: string | undefined }): boolean {
  return stored.outcome === input.outcome && stored.inspectedOn === input.inspectedOn && (stored.findings ?? '') === (input.findings ?? '');
}

/** The referral of a listing outcome to a keeper outside the plan: one notice per plan, subject and keeper. */
export function referralNoticeId(planId: string, subjectId: string, keeper: string): string {
  return `ref${createHash('sha256').update(`referral|${planId}|${subjectId}|${keeper}`).digest('hex').slice(0, 24)}`;
}

/**
 * The document number (文号) a person reads on a result's inspection record: 抽查〔<year of the draw>〕<plan
 * title>第<n>号, n the subject's place in the sample (by ticket, from 1). The record's identity stays the plan
 * and subject (a title need not be unique), so this number is for reading, and stable for every retry.
 */
export function inspectionDocumentNo(planTitle: string, drawnAt: string, position: number): string {
  return `抽查〔${cstDate(new Date(drawnAt)).slice(0, 4)}〕${planTitle}第${position}号`;
}

/** The 经营异常名录 listing a result makes: the inspection's number, marked as the listing's. */
export const abnormalListingDocumentNo = (inspectionNo: string) => `${inspectionNo}（列入经营异常名录）`;
