import { ApiProblem } from '../api.ts';
import { fill, h } from '../dom.ts';
import { clearFieldErrors, field } from '../forms.ts';
import { formatRate } from '../labels.ts';
import { groupedBars, rateBars } from '../parts/charts.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

interface Row {
  department: string;
  month: string;
  checks: number;
  checksWithMeasures: number;
  measuresReturned: number;
  applied: number;
  notApplied: number;
  awaiting: number;
  overdue: number;
  feedbackRate: number | null;
}

const COUNTS = ['checks', 'checksWithMeasures', 'measuresReturned', 'applied', 'notApplied', 'awaiting', 'overdue'] as const;
const COUNT_NAMES: Record<(typeof COUNTS)[number], string> = {
  checks: '核查次数',
  checksWithMeasures: '返回措施的核查',
  measuresReturned: '返回措施',
  applied: '已采用',
  notApplied: '未采用',
  awaiting: '待反馈',
  overdue: '逾期未反馈',
};

/** This month in China Standard Time, and n months before it. */
function monthOf(date: Date, back = 0): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(date).split('-').map(Number);
  const index = y! * 12 + (m! - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const rateOf = (fed: number, returned: number) => (returned === 0 ? null : fed / returned);

/**
 * 反馈台账 (GET /v1/ledger): per department and month, checks, measures returned and their feedback, the
 * feedback rate; a checker sees its own department, an auditor or admin every one. A month range, a table
 * with totals, the rate by department and the monthly trend as charts (each with its figures as a table),
 * and from each row the department's checks awaiting feedback. The ledger may trail a check by a few
 * seconds: 刷新 reads it again.
 */
export function renderLedger(ctx: ScreenContext) {
  const cityWide = ctx.can('auditor', 'admin');
  const from = h('input', { type: 'month', name: 'from', value: ctx.query.get('from') ?? monthOf(new Date(), 11), required: true });
  const to = h('input', { type: 'month', name: 'to', value: ctx.query.get('to') ?? monthOf(new Date()), required: true });
  const button = h('button', { type: 'submit' }, '查询');
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'ledger-refresh' }, '刷新');
  const form = h(
    'form',
    { class: 'toolbar', novalidate: true, 'aria-label': '台账月份范围' },
    field(from, { label: '起始月份', path: 'from' }),
    field(to, { label: '截止月份', path: 'to' }),
    h('div', { class: 'actions' }, button, refresh),
  );
  const output = h('div', { id: 'ledger-output' });
  ctx.root.append(
    h('p', { class: 'lead' }, cityWide ? '全市各部门按核查月份统计：核查次数、返回的奖惩措施及其反馈情况。反馈率 =（已采用 + 未采用）÷ 返回措施。' : `${ctx.catalogue.departmentName(ctx.session.dept)}按核查月份统计的核查与反馈情况。反馈率 =（已采用 + 未采用）÷ 返回措施。`),
    form,
    output,
  );

  async function load(announceDone: boolean) {
    clearFieldErrors(form);
    if (!from.value || !to.value) return ctx.problem(new ApiProblem(400, '请选择月份范围。', [...(from.value ? [] : [{ path: 'from', message: '必填' }]), ...(to.value ? [] : [{ path: 'to', message: '必填' }])]), form);
    button.disabled = refresh.disabled = true;
    try {
      const { rows } = await ctx.api.get<{ rows: Row[] }>('/v1/ledger', { from: from.value, to: to.value });
      if (ctx.signal.aborted) return;
      draw(rows);
      if (announceDone) ctx.announce(rows.length ? `已读取台账：${rows.length} 行（${from.value} 至 ${to.value}）。` : `${from.value} 至 ${to.value} 没有核查记录。`);
    } catch (error) {
      ctx.problem(error, form);
    } finally {
      button.disabled = refresh.disabled = false;
    }
  }

  function draw(rows: Row[]) {
    if (rows.length === 0) return fill(output, h('p', { class: 'empty' }, '所选月份没有核查记录。'));
    const name = (code: string) => ctx.catalogue.departmentName(code);
    const total = Object.fromEntries(COUNTS.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) as Record<(typeof COUNTS)[number], number>;
    const drill = (department: string) => (cityWide ? href('awaiting', { department }) : href('awaiting'));
    const table = h(
      'table',
      { class: 'records ledger-table' },
      h('caption', { class: 'visually-hidden' }, `反馈台账，${from.value} 至 ${to.value}，按月份和部门`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '部门'), h('th', { scope: 'col' }, '月份'), COUNTS.map((k) => h('th', { scope: 'col' }, COUNT_NAMES[k])), h('th', { scope: 'col' }, '反馈率'), h('th', { scope: 'col' }, '待反馈清单'))),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { 'data-department': r.department, 'data-month': r.month },
            h('th', { scope: 'row', 'data-label': '部门' }, name(r.department)),
            h('td', { 'data-label': '月份', class: 'date' }, r.month),
            COUNTS.map((k) => h('td', { 'data-label': COUNT_NAMES[k], class: 'num', 'data-count': k }, String(r[k]))),
            h('td', { 'data-label': '反馈率', class: 'num', 'data-count': 'feedbackRate' }, formatRate(r.feedbackRate)),
            h('td', { 'data-label': '待反馈清单' }, r.awaiting > 0 ? h('a', { href: drill(r.department) }, '查看', h('span', { class: 'visually-hidden' }, ` ${name(r.department)}待反馈的核查`)) : '—'),
          ),
        ),
      ),
      h(
        'tfoot',
        null,
        h('tr', null, h('th', { scope: 'row', colspan: '2' }, '合计'), COUNTS.map((k) => h('td', { class: 'num', 'data-label': COUNT_NAMES[k] }, String(total[k]))), h('td', { class: 'num', 'data-label': '反馈率' }, formatRate(rateOf(total.applied + total.notApplied, total.measuresReturned))), h('td', null, '')),
      ),
    );

    const departments = [...new Set(rows.map((r) => r.department))];
    const byDepartment = departments
      .map((d) => {
        const own = rows.filter((r) => r.department === d);
        const returned = own.reduce((sum, r) => sum + r.measuresReturned, 0);
        const fed = own.reduce((sum, r) => sum + r.applied + r.notApplied, 0);
        return { label: name(d), value: rateOf(fed, returned), detail: `${fed} / ${returned}` };
      })
      .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const sum = (month: string, f: (r: Row) => number) => rows.filter((r) => r.month === month).reduce((acc, r) => acc + f(r), 0);

    fill(
      output,
      h('div', { class: 'table-wrap' }, table),
      h(
        'div',
        { class: 'charts' },
        rateBars('各部门反馈率', byDepartment, ['部门', '反馈率', '已反馈 / 返回措施']),
        groupedBars(cityWide ? '全市每月返回措施与已反馈' : '本部门每月返回措施与已反馈', months, [
          { name: '返回措施', className: 'returned', values: months.map((m) => sum(m, (r) => r.measuresReturned)) },
          { name: '已反馈', className: 'fed', values: months.map((m) => sum(m, (r) => r.applied + r.notApplied)) },
          { name: '逾期未反馈', className: 'late', values: months.map((m) => sum(m, (r) => r.overdue)) },
        ]),
      ),
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(true);
  });
  refresh.addEventListener('click', () => void load(true));
  return load(true);
}
