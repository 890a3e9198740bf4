import { code, h } from '../dom.ts';
import { field, select } from '../forms.ts';
import { formatInstant } from '../labels.ts';
import { pager } from '../parts/pager.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

interface Awaiting {
  checkId: string;
  subjectId: string;
  checkedAt: string;
  matter: string;
  pending: string[];
  dueOn: string;
  overdue: boolean;
}

/**
 * 待反馈: a department's checks whose measures still lack feedback, oldest first, overdue ones marked,
 * each opening the check to give feedback. A checker sees its own department; an auditor or admin
 * chooses the department (`?department=`, the ledger's drill-down).
 */
export async function renderAwaiting(ctx: ScreenContext) {
  const cityWide = ctx.can('auditor', 'admin');
  const department = (cityWide && ctx.query.get('department')) || ctx.session.dept;
  const name = ctx.catalogue.departmentName(department);
  ctx.heading.textContent = `待反馈：${name}`;
  document.title = `${ctx.heading.textContent} — 部门工作台`;

  if (cityWide) {
    const choose = select(ctx.catalogue.departments.map((d) => ({ value: d.code, label: d.name })), { name: 'department' });
    choose.value = department;
    const form = h('form', { class: 'toolbar', 'aria-label': '选择部门' }, field(choose, { label: '部门', path: 'department' }), h('button', { type: 'submit' }, '查看'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      location.hash = href('awaiting', { department: choose.value });
    });
    ctx.root.append(form);
  }

  const body = h('tbody');
  const list = pager<Awaiting>(ctx, {
    label: '待反馈的核查',
    load: async (cursor) => {
      const page = await ctx.api.get<{ checks: Awaiting[]; nextCursor?: string }>('/v1/checks', {
        awaiting: 'feedback',
        ...(cityWide ? { department } : {}),
        limit: 50,
        cursor,
      });
      return { items: page.checks, nextCursor: page.nextCursor };
    },
    draw: (checks) =>
      checks.map((c) =>
        h(
          'tr',
          { class: c.overdue ? 'overdue' : '' },
          h('td', { 'data-label': '核查时间', class: 'date' }, formatInstant(c.checkedAt)),
          h('td', { 'data-label': '主体' }, code(c.subjectId)),
          h('td', { 'data-label': '事项' }, ctx.catalogue.matterName(c.matter)),
          h('td', { 'data-label': '待反馈措施' }, `${c.pending.length} 项`, h('span', { class: 'sub' }, c.pending.join('、'))),
          h('td', { 'data-label': '反馈期限', class: 'date' }, c.dueOn, c.overdue ? h('span', { class: 'tag tag-black' }, '已逾期') : null),
          h(
            'td',
            { 'data-label': '操作' },
            h('a', { href: href(`checks/${encodeURIComponent(c.checkId)}`) }, ctx.can('checker') && department === ctx.session.dept ? '反馈' : '查看', h('span', { class: 'visually-hidden' }, ` ${c.subjectId} 的核查`)),
          ),
        ),
      ),
  });
  const table = h(
    'table',
    { class: 'records awaiting' },
    h('caption', { class: 'visually-hidden' }, `${name}待反馈的核查，按核查时间从早到晚`),
    h('thead', null, h('tr', null, ['核查时间', '主体', '事项', '待反馈措施', '反馈期限', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, '没有待反馈的核查：每项返回的措施均已反馈。');
  ctx.root.append(h('p', { class: 'lead' }, '返回了奖惩措施、尚有措施未反馈的核查，最早的在前；超过反馈期限的标为“已逾期”。'), h('div', { class: 'table-wrap' }, table), empty, h('p', null, list.more));
  await list.start(body);
  empty.hidden = list.count() > 0;
  table.hidden = list.count() === 0;
}
