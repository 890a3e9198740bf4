import { code, fill, h } from '../dom.ts';
import { field, select } from '../forms.ts';
import { formatInstant, PLAN_RESULT_OUTCOMES } from '../labels.ts';
import { pager } from '../parts/pager.ts';
import { teamText } from '../parts/plan-sample.ts';
import type { PlanResult } from '../parts/plans.ts';
import { resultForm } from '../parts/result-form.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

interface Assignment {
  planId: string;
  planTitle: string;
  subjectId: string;
  subjectName: string;
  team: string[];
  result?: PlanResult;
}

/**
 * 我的检查任务 (GET /v1/assignments?status=open|done): the sampled subjects whose drawn team includes the
 * signed-in inspector, each with its plan, subject and team; an open one carries the result form (the
 * same POST /v1/plans/{planId}/results), a done one the recorded result.
 */
export async function renderAssignments(ctx: ScreenContext) {
  const status = ctx.query.get('status') === 'done' ? 'done' : 'open';
  const choose = select([{ value: 'open', label: '待检查' }, { value: 'done', label: '已录入结果' }], { name: 'status' });
  choose.value = status;
  const filter = h('form', { class: 'toolbar', 'aria-label': '按状态筛选检查任务' }, field(choose, { label: '任务状态', path: 'status' }), h('button', { type: 'submit' }, '查看'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('assignments', choose.value === 'open' ? {} : { status: choose.value });
  });

  const list = h('ol', { class: 'plan-list assignments' });
  const empty = h('p', { class: 'empty', hidden: true }, status === 'open' ? '暂无待检查的任务。计划抽取后，您所在检查组的对象会出现在这里。' : '尚无已录入结果的任务。');
  const shown = (r: PlanResult) =>
    h('p', { class: 'result-given' }, h('strong', null, `检查结果：${PLAN_RESULT_OUTCOMES[r.outcome] ?? r.outcome}`), `（检查日期 ${r.inspectedOn}，公示期限 ${r.publishBy}${r.late ? '，逾期录入' : ''}）`, h('span', { class: 'sub' }, `${r.recordedBy} · ${formatInstant(r.recordedAt)}`));
  const pages = pager<Assignment>(ctx, {
    label: status === 'open' ? '待检查的任务' : '已完成的任务',
    load: async (cursor) => {
      const page = await ctx.api.get<{ assignments: Assignment[]; nextCursor?: string }>('/v1/assignments', { status, limit: 50, cursor });
      return { items: page.assignments, nextCursor: page.nextCursor };
    },
    draw: (assignments) =>
      assignments.map((a) => {
        const slot = h('div');
        const item = h(
          'li',
          { 'data-assignment': `${a.planId}/${a.subjectId}` },
          h('h2', { class: 'plan-title' }, a.subjectName, ' ', code(a.subjectId)),
          h(
            'dl',
            { class: 'plan-meta' },
            h('div', null, h('dt', null, '抽查计划'), h('dd', null, h('a', { href: href(`plans/${encodeURIComponent(a.planId)}`) }, a.planTitle))),
            h('div', null, h('dt', null, '检查组'), h('dd', null, teamText(a.team, new Map(), ctx.session.sub))),
          ),
          slot,
        );
        if (a.result) fill(slot, shown(a.result));
        else
          fill(
            slot,
            resultForm(ctx, a.planId, a.subjectId, (r) => {
              fill(slot, shown(r));
              slot.querySelector('p')!.tabIndex = -1;
              slot.querySelector('p')!.focus();
            }, '录入检查结果', a.planTitle),
          );
        return item;
      }),
  });
  ctx.root.append(
    h('p', { class: 'lead' }, '您所在检查组抽中的检查对象。检查后录入结果，结果提交后立即公示，须在检查后 20 个工作日内录入。'),
    filter,
    list,
    empty,
    h('p', null, pages.more),
  );
  await pages.start(list);
  empty.hidden = pages.count() > 0;
  list.hidden = pages.count() === 0;
}
