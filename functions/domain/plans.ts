import { createHash } from 'node:crypto';
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
