import { code, h } from '../dom.ts';
import { field, select } from '../forms.ts';
import { formatInstant, PLAN_STATUS_NAMES } from '../labels.ts';
import { pager } from '../parts/pager.ts';
import { planForm } from '../parts/plan-form.ts';
import { STRATA, statusTag, type Counts } from '../parts/plans.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

interface PlanEntry {
  planId: string;
  title: string;
  departments: string[];
  status: string;
  createdAt: string;
  drawnAt?: string;
  strataSizes: Counts | null;
  sampleSize: number | null;
  resultCount: number;
}

const STATUSES = ['all', 'freezing', 'frozen', 'drawing', 'drawn', 'failed'] as const;

/**
 * 抽查计划: the plans the department takes part in (an auditor: every plan, read-only), newest first, of
 * one status or all (GET /v1/plans?status=, a page at a time); for a planner, 新建计划 above the list.
 */
export async function renderPlans(ctx: ScreenContext) {
  const wanted = (STATUSES as readonly string[]).includes(ctx.query.get('status') ?? '') ? ctx.query.get('status')! : 'all';
  const auditor = ctx.can('auditor') && !ctx.can('planner', 'inspector');
  if (ctx.can('planner')) ctx.root.append(planForm(ctx, () => undefined));

  const choose = select(STATUSES.map((s) => ({ value: s, label: s === 'all' ? '全部' : PLAN_STATUS_NAMES[s]! })), { name: 'status' });
  choose.value = wanted;
  const filter = h('form', { class: 'toolbar', 'aria-label': '按状态筛选计划' }, field(choose, { label: '计划状态', path: 'status' }), h('button', { type: 'submit' }, '查看'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    if (choose.value === wanted) void reload();
    else location.hash = href('plans', choose.value === 'all' ? {} : { status: choose.value });
  });

  const body = h('tbody');
  const table = h(
    'table',
    { class: 'records plans' },
    h('caption', null, auditor ? '全市抽查计划（只读），最新的在前' : `${ctx.catalogue.departmentName(ctx.session.dept)}参与的抽查计划，最新的在前`),
    h('thead', null, h('tr', null, ['计划名称', '参与部门', '状态', '创建时间', '抽查对象', '抽取', '结果'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, wanted === 'all' ? '暂无抽查计划。' : `没有状态为“${PLAN_STATUS_NAMES[wanted]}”的计划。`);
  const more = h('p');
  const draw = (plans: PlanEntry[]) =>
    plans.map((p) => {
      const total = p.strataSizes ? STRATA.reduce((n, s) => n + p.strataSizes![s], 0) : undefined;
      return h(
        'tr',
        { 'data-plan': p.planId },
        h('th', { scope: 'row', 'data-label': '计划名称' }, h('a', { href: href(`plans/${encodeURIComponent(p.planId)}`) }, p.title), h('span', { class: 'sub' }, code(p.planId))),
        h('td', { 'data-label': '参与部门' }, p.departments.map((d) => ctx.catalogue.departmentName(d)).join('、')),
        h('td', { 'data-label': '状态' }, statusTag(p.status)),
        h('td', { 'data-label': '创建时间', class: 'date' }, formatInstant(p.createdAt)),
        h('td', { 'data-label': '抽查对象' }, total === undefined ? '—' : `${total} 户`, p.strataSizes ? h('span', { class: 'sub' }, `免于抽查 ${p.strataSizes.exempt} 户`) : null),
        h('td', { 'data-label': '抽取' }, p.sampleSize === null ? '未抽取' : `${p.sampleSize} 户`, p.drawnAt ? h('span', { class: 'sub' }, formatInstant(p.drawnAt)) : null),
        h('td', { 'data-label': '结果', class: 'num' }, `${p.resultCount} 条`),
      );
    });

  async function reload() {
    body.replaceChildren();
    const list = pager<PlanEntry>(ctx, {
      label: '抽查计划',
      load: async (cursor) => {
        const page = await ctx.api.get<{ plans: PlanEntry[]; nextCursor?: string }>('/v1/plans', { status: wanted, limit: 50, cursor });
        return { items: page.plans, nextCursor: page.nextCursor };
      },
      draw,
    });
    more.replaceChildren(list.more);
    await list.start(body);
    empty.hidden = list.count() > 0;
    table.hidden = list.count() === 0;
  }

  ctx.root.append(
    h('h2', null, auditor ? '全市抽查计划' : '本部门参与的计划'),
    h('p', { class: 'lead' }, auditor ? '信用主管部门审阅全市各部门的抽查计划及其完整文档，只读。' : '新建的计划可能稍后才出现在列表中，可按“查看”刷新。'),
    filter,
    h('div', { class: 'table-wrap' }, table),
    empty,
    more,
  );
  await reload();
}
