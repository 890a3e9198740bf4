import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RiskClass } from './risk-classes.ts';
import type { Stratum } from './public-plan.ts';

export { STRATA, type Stratum, type RosterInspector } from './public-plan.ts';

/**
 * Double-random inspection plans (双随机、一公开, DOMAIN.md §6): the population frozen at creation by
 * risk class, the inspector roster frozen with it, and the rules for who is exempt.
 */
export interface PlanScope {
  regionPrefix?: string | undefined;
  industryPrefix?: string | undefined;
}

export interface PlanRequest {
  title: string;
  departments: string[];
  scope: PlanScope;
  ratios: Record<Stratum, number>;
  teamSize: number;
  mode: 'routine' | 'key-item';
  seedCommitment: string;
}

export interface PopulationCandidate {
  id: string;
  kind: string;
  status: string;
  region: string;
  industry?: string | undefined;
  riskClass: RiskClass;
  onRedList: boolean;
}

/** Which candidates a plan covers, and whether each is drawn from or exempt (无事不扰 in routine plans). */
export function placeInPopulation(candidate: PopulationCandidate, request: Pick<PlanRequest, 'scope' | 'mode'>): Stratum | 'exempt' | undefined {
  if (candidate.kind !== 'enterprise' || candidate.status !== 'active') return undefined;
  if (request.scope.regionPrefix && !candidate.region.startsWith(request.scope.regionPrefix)) return undefined;
  if (request.scope.industryPrefix && !(candidate.industry ?? '').startsWith(request.scope.industryPrefix)) return undefined;
  if (request.mode === 'routine' && (candidate.riskClass === 'A' || candidate.onRedList)) return 'exempt';
  return candidate.riskClass;
}

/** A plan's id follows from its seed commitment, so a retried creation finds the same plan. */
export function planIdFor(seedCommitment: string): string {
  return `pl${createHash('sha256').update(`plan|${seedCommitment}`).digest('hex').slice(0, 22)}`;
}

export function planRequestHash(request: PlanRequest): string {
  const { title, departments, scope, ratios, teamSize, mode, seedCommitment } = request;
  return createHash('sha256')
    .update(JSON.stringify([title, departments, scope.regionPrefix ?? '', scope.industryPrefix ?? '', ratios.A, ratios.B, ratios.C, ratios.D, teamSize, mode, seedCommitment]))
    .digest('hex');
}

const perStratum = <T extends z.ZodType>(value: T) => z.object({ A: value, B: value, C: value, D: value });
/** How many chunk items each named list took. */
const chunkIndex = z.record(z.string(), z.number().int().min(0));

/**
 * A plan as its meta item stores it. The frozen population, roster and sample live in chunk items
 * written by one freeze (or draw) attempt, `freezeId` (or `drawId`); the meta names the attempt whose
 * chunks count, so a lost concurrent attempt's chunks are never read.
 */
export const planSchema = z.object({
  planId: z.string(),
  title: z.string(),
  departments: z.array(z.string()),
  scope: z.object({ regionPrefix: z.string().optional(), industryPrefix: z.string().optional() }),
  ratios: perStratum(z.number()),
  teamSize: z.number().int(),
  mode: z.enum(['routine', 'key-item']),
  seedCommitment: z.string(),
  status: z.enum(['frozen', 'drawn']),
  population: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number(), exempt: z.number() }),
  populationHash: z.string(),
  strataSalt: z.string(),
  strataHashes: perStratum(z.string()),
  freezeId: z.string(),
  populationChunks: chunkIndex,
  rosterChunks: chunkIndex,
  requestHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByDepartment: z.string(),
  requestId: z.string(),
  seed: z.string().optional(),
  drawnAt: z.string().optional(),
  drawnBy: z.string().optional(),
  drawRequestId: z.string().optional(),
  drawId: z.string().optional(),
  sampleChunks: chunkIndex.optional(),
  sampleSize: z.number().int().optional(),
});
export type Plan = z.infer<typeof planSchema>;

/** A recorded inspection result (结果告知), one per sampled subject and plan. */
export const resultSchema = z.object({
  resultId: z.string(),
  planId: z.string(),
  subjectId: z.string(),
  outcome: z.string(),
  inspectedOn: z.string(),
  findings: z.string().optional(),
  publishBy: z.string(),
  late: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  department: z.string(),
  listingRecordId: z.string().optional(),
  referralNoticeId: z.string().optional(),
});
export type PlanResult = z.infer<typeof resultSchema>;

/** The same result again (200), not a different one (409). */
export function sameResult(stored: Pick<PlanResult, 'outcome' | 'inspectedOn' | 'findings'>, input: { outcome: string; inspectedOn: string; findings?: string | undefined }): boolean {
  return stored.outcome === input.outcome && stored.inspectedOn === input.inspectedOn && (stored.findings ?? '') === (input.findings ?? '');
}

/** The referral of a listing outcome to a keeper outside the plan: one notice per plan, subject and keeper. */
export function referralNoticeId(planId: string, subjectId: string, keeper: string): string {
  return `ref${createHash('sha256').update(`referral|${planId}|${subjectId}|${keeper}`).digest('hex').slice(0, 24)}`;
}

/** Results that list the subject on 经营异常名录 (DOMAIN.md §6). */
export const ABNORMAL_OUTCOMES = new Set(['NOT_PUBLISHED', 'FALSE_INFO', 'UNREACHABLE']);

export const OUTCOME_TITLES: Record<string, string> = {
  NO_ISSUE: '未发现问题',
  NOT_PUBLISHED: '未按规定公示应当公示的信息',
  FALSE_INFO: '公示信息隐瞒真实情况弄虚作假',
  UNREACHABLE: '通过登记的住所(经营场所)无法联系',
  CORRECTED: '发现问题已责令改正',
  NON_COOPERATION: '不配合检查情节严重',
  NO_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  CLOSED: '已关闭停业或正在组织清算',
};
