import { code, h } from '../dom.ts';
import { formatInstant, LISTING_OUTCOMES, PLAN_RESULT_OUTCOMES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import type { FrozenPlan, PlanResult } from './plans.ts';
import { resultForm } from './result-form.ts';

/** Inspector id → name, where the caller may know it. */
export type Names = Map<string, string>;

export const teamText = (team: string[], names: Names, self?: string) =>
  team.map((id, n) => [n ? '、' : '', names.get(id) ?? (id === self ? '本人' : ''), names.has(id) || id === self ? h('span', { class: 'muted' }, `（${id}）`) : code(id)]);

/**
 * A drawn plan: the seed and the sample by ticket, with each subject's stratum, team (or why it has none)
 * and result; the results recorded, the late ones marked; and the result form for whoever may record —
 * a planner of a plan department for any sampled subject, an inspector for the subjects of its teams.
 */
export function drawnSection(ctx: ScreenContext, plan: FrozenPlan, names: Names, onRecorded: (result: PlanResult) => void): HTMLElement {
  const draw = plan.draw!;
  const bySubject = new Map(plan.results.map((r) => [r.subjectId, r]));
  const late = new Set(plan.lateResults.map((r) => r.subjectId));
  const ours = plan.departments.includes(ctx.session.dept);
  const self = ctx.can('inspector') ? ctx.session.sub : undefined;
  const recordable = draw.sample
    .filter((s) => !bySubject.has(s.subjectId))
    .filter((s) => ours && (ctx.can('planner') || (ctx.can('inspector') && s.team?.includes(ctx.session.sub))))
    .map((s) => s.subjectId);
  const teamed = draw.sample.filter((s) => s.team).length;

  const sample = h(
    'table',
    { class: 'records sample' },
    h('caption', null, `抽中的主体（${draw.sample.length} 户，按签号升序）`),
    h('thead', null, h('tr', null, ['序号', '主体', '风险类别', '签号', '检查组', '检查结果'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      draw.sample.map((s, n) => {
        const result = bySubject.get(s.subjectId);
        return h(
          'tr',
          { 'data-subject': s.subjectId },
          h('td', { 'data-label': '序号', class: 'num' }, String(n + 1)),
          h('th', { scope: 'row', 'data-label': '主体' }, code(s.subjectId)),
          h('td', { 'data-label': '风险类别' }, `${s.stratum} 类`),
          h('td', { 'data-label': '签号' }, h('code', { class: 'hash ticket' }, s.ticket)),
          h('td', { 'data-label': '检查组', class: 'team' }, s.team ? teamText(s.team, names, self) : [h('span', { class: 'tag tag-warn' }, '未组队'), h('span', { class: 'sub unassigned' }, s.unassignedReason ?? '符合条件的检查人员不足')]),
          h('td', { 'data-label': '检查结果' }, result ? [PLAN_RESULT_OUTCOMES[result.outcome] ?? result.outcome, late.has(s.subjectId) ? h('span', { class: 'tag tag-black' }, '逾期') : null] : h('span', { class: 'muted' }, '未录入')),
        );
      }),
    ),
  );

  const results = plan.results.length
    ? h(
        'table',
        { class: 'records results-table' },
        h('caption', null, `已录入的检查结果（${plan.results.length} 条，逾期公示 ${plan.lateResults.length} 条）`),
        h('thead', null, h('tr', null, ['主体', '检查结果', '检查日期', '公示期限', '录入', '检查发现'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          null,
          plan.results.map((r) =>
            h(
              'tr',
              { 'data-result': r.subjectId, class: r.late ? 'overdue' : '' },
              h('th', { scope: 'row', 'data-label': '主体' }, code(r.subjectId)),
              h('td', { 'data-label': '检查结果' }, PLAN_RESULT_OUTCOMES[r.outcome] ?? r.outcome, LISTING_OUTCOMES.includes(r.outcome) ? h('span', { class: 'sub' }, r.listingRecordId ? '已列入经营异常名录' : '已告知名录主管部门') : null),
              h('td', { 'data-label': '检查日期', class: 'date' }, r.inspectedOn),
              h('td', { 'data-label': '公示期限', class: 'date' }, r.publishBy, r.late ? h('span', { class: 'tag tag-black' }, '逾期录入') : h('span', { class: 'tag tag-done' }, '按期')),
              h('td', { 'data-label': '录入' }, formatInstant(r.recordedAt), h('span', { class: 'sub' }, `${r.recordedBy}（${ctx.catalogue.departmentName(r.department)}）`)),
              h('td', { 'data-label': '检查发现' }, r.findings ?? '—'),
            ),
          ),
        ),
      )
    : h('p', { class: 'empty' }, '尚未录入检查结果。');

  return h(
    'section',
    { class: 'panel plan-drawn', 'aria-labelledby': 'sample-title' },
    h('h2', { id: 'sample-title', tabindex: '-1' }, '抽取结果'),
    h(
      'dl',
      { class: 'facts plan-facts' },
      h('div', null, h('dt', null, '种子'), h('dd', null, h('code', { class: 'hash', id: 'drawn-seed' }, draw.seed))),
      h('div', null, h('dt', null, '抽取时间'), h('dd', null, formatInstant(draw.drawnAt))),
      h('div', null, h('dt', null, '抽中'), h('dd', null, `${draw.sample.length} 户，已组队 ${teamed} 户`)),
    ),
    h('div', { class: 'table-wrap' }, sample),
    h('h3', { id: 'results-title', tabindex: '-1' }, '检查结果'),
    h('div', { class: 'table-wrap' }, results),
    recordable.length ? resultForm(ctx, plan.planId, recordable, onRecorded, ctx.can('planner') ? '录入检查结果（代检查组录入）' : '录入检查结果') : null,
  );
}
