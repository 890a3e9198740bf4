import { ApiProblem } from '../api.ts';
import { code, h } from '../dom.ts';
import { PLAN_STATUS_NAMES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * What the plan screens share: the shapes of GET /v1/plans/{planId} (frozen or still freezing), the
 * seed's SHA-256 computed in the browser, a text file saved from the page, the population counts, and
 * polling a plan while a job freezes or draws it.
 */

export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Counts = Record<(typeof STRATA)[number] | 'exempt', number>;

export interface SampleEntry {
  subjectId: string;
  stratum: string;
  ticket: string;
  team: string[] | null;
  unassignedReason?: string;
}
export interface PlanResult {
  resultId: string;
  subjectId: string;
  outcome: string;
  inspectedOn: string;
  findings?: string;
  publishBy: string;
  late: boolean;
  recordedAt: string;
  recordedBy: string;
  department: string;
  listingRecordId?: string;
  referralNoticeId?: string;
}
export interface PlanBase {
  planId: string;
  title: string;
  departments: string[];
  scope: { regionPrefix?: string; industryPrefix?: string };
  ratios: Record<(typeof STRATA)[number], number>;
  teamSize: number;
  mode: string;
  seedCommitment: string;
  createdAt: string;
  createdBy: string;
  createdByDepartment: string;
}
export interface FrozenPlan extends PlanBase {
  status: 'frozen' | 'drawing' | 'drawn';
  population: Counts;
  populationHash: string;
  frozenAt?: string;
  asOf?: string;
  draw?: { seed: string; drawnAt: string; sample: SampleEntry[] };
  results: PlanResult[];
  lateResults: PlanResult[];
}
export interface PendingPlan extends PlanBase {
  status: 'freezing' | 'failed';
  failure?: string;
  progress: { segments: number; segmentsFrozen: number; subjectsFrozen: number };
}
export type PlanView = FrozenPlan | PendingPlan;

export const isPendingPlan = (plan: PlanView): plan is PendingPlan => plan.status === 'freezing' || plan.status === 'failed';

/** Lower-case hex SHA-256 of the UTF-8 text, as the seed commitment is. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Saves text as a file the browser downloads. */
export function saveTextFile(name: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const statusTag = (status: string) =>
  h('span', { class: `tag plan-status plan-status-${status}`, 'data-status': status }, PLAN_STATUS_NAMES[status] ?? status);

/** A ratio 0–1 (at most 4 decimals) as a percentage with at most 2 decimals. */
export const percent = (ratio: number) => `${Number((ratio * 100).toFixed(2))}%`;

export const ratiosText = (ratios: PlanBase['ratios']) => STRATA.map((s) => `${s} 类 ${percent(ratios[s])}`).join('，');

export const scopeText = (scope: PlanBase['scope']) =>
  [scope.regionPrefix ? `区划代码以 ${scope.regionPrefix} 开头` : '', scope.industryPrefix ? `行业代码以 ${scope.industryPrefix} 开头` : ''].filter(Boolean).join('，') || '全部在业企业';

/** The frozen counts per risk class as a small table. */
export function countsTable(counts: Counts, caption: string) {
  const total = STRATA.reduce((n, s) => n + counts[s], 0);
  return h(
    'table',
    { class: 'records counts-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, [...STRATA.map((s) => `${s} 类`), '抽查对象合计', '免于抽查'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      h(
        'tr',
        null,
        STRATA.map((s) => h('td', { class: 'num', 'data-label': `${s} 类`, 'data-stratum': s }, String(counts[s]))),
        h('td', { class: 'num', 'data-label': '抽查对象合计', 'data-stratum': 'total' }, String(total)),
        h('td', { class: 'num', 'data-label': '免于抽查', 'data-stratum': 'exempt' }, String(counts.exempt)),
      ),
    ),
  );
}

export const hashLine = (label: string, hash: string) => h('div', null, h('dt', null, label), h('dd', null, h('code', { class: 'hash' }, hash)));

export const planLink = (planId: string, text?: string) => h('a', { href: `#/plans/${encodeURIComponent(planId)}` }, text ?? code(planId));

/** Where the public site shows a plan: /plans/{id}, or /plans?plan={id} where the deployment maps no such paths. */
let planLinks: Promise<'path' | 'query'> | undefined;
export async function publicPlanHref(planId: string): Promise<string> {
  planLinks ??= fetch('/catalogue.json', { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : undefined))
    .then((c: { site?: { planLinks?: string } } | undefined) => (c?.site?.planLinks === 'query' ? 'query' : 'path'))
    .catch(() => 'path' as const);
  const id = encodeURIComponent(planId);
  return (await planLinks) === 'query' ? `/plans?plan=${id}` : `/plans/${id}`;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Reads the plan every `interval` ms while `pending` says it is still being worked on, calling `update`
 * with each answer; resolves with the last one (undefined once the user left the screen).
 */
export async function pollPlan(ctx: ScreenContext, planId: string, pending: (plan: PlanView) => boolean, update: (plan: PlanView) => void, interval = 1000): Promise<PlanView | undefined> {
  for (;;) {
    await sleep(interval, ctx.signal);
    if (ctx.signal.aborted) return undefined;
    const plan = await ctx.api.get<PlanView>(`/v1/plans/${encodeURIComponent(planId)}`);
    if (ctx.signal.aborted) return undefined;
    update(plan);
    if (!pending(plan)) return plan;
  }
}

/** A freeze job's progress: a progress bar with its figures in words. */
export function freezeProgress(plan: PendingPlan) {
  const { segments, segmentsFrozen, subjectsFrozen } = plan.progress;
  if (plan.status === 'failed') {
    return h('p', { class: 'freeze-failed' }, h('strong', null, '冻结失败：'), plan.failure ?? '作业未能完成', '。以同一请求再次提交即可重新冻结。');
  }
  const id = `freeze-${plan.planId}`;
  return h(
    'div',
    { class: 'freeze-progress' },
    h('label', { for: id }, '冻结进度'),
    h('progress', { id, max: String(segments), value: String(segmentsFrozen) }),
    h('p', { class: 'progress-text' }, `已冻结 ${segmentsFrozen}/${segments} 段，已归类 ${subjectsFrozen} 户企业。`),
  );
}

/**
 * A 400's field errors in this screen's words: messages by `messages`, and an error on one entry of a
 * list (`conflicts.1`) placed on the list's field, naming the entry as it was sent (第 2 项 …).
 */
export function localizeProblem(error: unknown, messages: Record<string, string>, sent: Record<string, unknown> = {}): unknown {
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return error;
  const errors = error.errors.map((e) => {
    const message = messages[e.message] ?? e.message;
    const m = /^([A-Za-z]+)\.(\d+)$/.exec(e.path);
    const list = m ? sent[m[1]!] : undefined;
    if (!m || !Array.isArray(list)) return { path: e.path, message };
    return { path: m[1]!, message: `第 ${Number(m[2]) + 1} 项 ${String(list[Number(m[2])] ?? '')}：${message}` };
  });
  return new ApiProblem(error.status, error.message, errors, error.requestId, error.detail);
}
