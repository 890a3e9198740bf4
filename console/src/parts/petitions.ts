import { code, fill, h, type Child } from '../dom.ts';
import { field } from '../forms.ts';
import { formatInstant, nameOf, PETITION_STATUSES, RECORD_TYPES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import { confirmForm } from './confirm-form.ts';
import { radios, textArea } from './controls.ts';
import { pager } from './pager.ts';

/**
 * What 异议处理 (screens/objections.ts) and 信用修复申请 (screens/repair-applications.ts) share: the
 * department's petitions by status (open, overdue, decided) a page at a time, each with its record, what the
 * filer said, the contact (the deciding department alone sees it), the due date with overdue marked, and a
 * two-step decision form whose note is required and told to the filer.
 */
export interface Petition {
  subjectId: string;
  recordId: string;
  record: { type: string; documentNo: string; title: string; decidedOn: string };
  contact: string;
  filedAt: string;
  dueBy: string;
  status: 'open' | 'decided';
  decision?: string;
  note?: string;
  decidedAt?: string;
  decidedBy?: string;
  overdue: boolean;
}

export interface PetitionScreen<P extends Petition> {
  route: string;
  /** 异议 or 信用修复申请. */
  noun: string;
  list: { path: string; key: string };
  idOf: (p: P) => string;
  /** What the filer said (reason; application and commitment). */
  said: (p: P) => Child;
  decisions: Record<string, string>;
  /** Fields shown beside the decision (the correction of a corrected objection), and what they add to the request. */
  extra?: (ctx: ScreenContext, p: P, decision: () => string) => { element: HTMLElement; check: () => { path: string; message: string }[]; body: () => Record<string, unknown>; describe: () => Child };
  /** What the confirmation says a decision does. */
  effect: (decision: string, p: P) => string;
  decidePath: (p: P) => string;
}

const STATUSES = ['open', 'overdue', 'decided'] as const;
const TAB_LABELS: Record<string, string> = { open: '待处理（含逾期）', overdue: '已逾期', decided: '已办结' };

export async function renderPetitions<P extends Petition>(ctx: ScreenContext, screen: PetitionScreen<P>) {
  const status = (STATUSES as readonly string[]).includes(ctx.query.get('status') ?? '') ? ctx.query.get('status')! : 'open';
  const decideArea = h('div', { id: 'decide-area' });
  const body = h('tbody');

  const row = (p: P) => {
    const tr = h('tr', { 'data-id': screen.idOf(p) });
    const draw = (x: P) => {
      tr.className = x.overdue ? 'overdue' : '';
      fill(
        tr,
        h('td', { 'data-label': '编号' }, code(screen.idOf(x))),
        h(
          'td',
          { 'data-label': '信用记录' },
          x.record.title,
          h('span', { class: 'sub' }, `${nameOf(RECORD_TYPES, x.record.type)} · ${x.record.documentNo} · 决定日期 ${x.record.decidedOn}`),
          h('span', { class: 'sub' }, '主体 ', code(x.subjectId)),
        ),
        h('td', { 'data-label': '申请内容' }, screen.said(x)),
        h('td', { 'data-label': '联系方式' }, x.contact),
        h('td', { 'data-label': '提交时间', class: 'date' }, formatInstant(x.filedAt)),
        h('td', { 'data-label': '办理期限', class: 'date' }, x.dueBy, x.overdue ? h('span', { class: 'tag commitment-overdue' }, '已逾期') : null),
        h(
          'td',
          { 'data-label': '状态' },
          h('span', { class: `tag petition-${x.status}` }, nameOf(PETITION_STATUSES, x.status)),
          x.decision ? h('span', { class: 'sub' }, `${nameOf(screen.decisions, x.decision)}：${x.note ?? ''}（${x.decidedBy ?? ''}，${x.decidedAt ? formatInstant(x.decidedAt) : ''}）`) : null,
        ),
        h(
          'td',
          { 'data-label': '操作' },
          x.status === 'decided' ? '—' : h('button', { type: 'button', class: 'secondary', onclick: () => openDecide(x, draw) }, '处理', h('span', { class: 'visually-hidden' }, ` ${screen.idOf(x)}`)),
        ),
      );
    };
    draw(p);
    return tr;
  };

  function openDecide(p: P, redraw: (p: P) => void) {
    const id = screen.idOf(p);
    const decision = radios('处理结果', 'decision', Object.entries(screen.decisions).map(([value, label]) => ({ value, label })), 'decision');
    const note = textArea({ name: 'note' });
    const extra = screen.extra?.(ctx, p, decision.value);
    const form = confirmForm(ctx, {
      title: `处理${screen.noun} ${id}`,
      level: 2,
      class: 'panel',
      fields: [
        h('p', { class: 'hint' }, `记录“${p.record.title}”（${p.record.documentNo}），主体 ${p.subjectId}，办理期限 ${p.dueBy}${p.overdue ? '（已逾期）' : ''}。`),
        decision.element,
        extra?.element,
        field(note, { label: '处理理由', path: 'note', required: true, hint: '将告知申请人，可凭查询码查看。' }),
      ],
      confirm: '确认处理结果',
      check: () => [
        ...(decision.value() ? [] : [{ path: 'decision', message: '请选择处理结果' }]),
        ...(extra?.check() ?? []),
        ...(note.value.trim() ? [] : [{ path: 'note', message: '必须填写处理理由' }]),
      ],
      summary: () => [
        h('p', null, `${screen.noun} ${id} 的处理结果为“${nameOf(screen.decisions, decision.value())}”。${screen.effect(decision.value(), p)}处理结果确定后不能改为其他结果。`),
        extra?.describe(),
        h('p', null, `理由：${note.value.trim()}`),
      ],
      send: async () => {
        const saved = await ctx.api.post<P>(screen.decidePath(p), { decision: decision.value(), note: note.value.trim(), ...(extra?.body() ?? {}) });
        redraw(saved);
        decideArea.replaceChildren();
        ctx.announce(`已处理${screen.noun} ${id}：${nameOf(screen.decisions, saved.decision)}。`, 'success');
        const cell = body.querySelector<HTMLElement>(`tr[data-id="${id}"] td`);
        cell?.setAttribute('tabindex', '-1');
        cell?.focus();
      },
      onCancel: () => {
        decideArea.replaceChildren();
        body.querySelector<HTMLElement>(`tr[data-id="${id}"] button`)?.focus();
      },
    });
    fill(decideArea, form);
    form.querySelector<HTMLElement>('input')?.focus();
  }

  const list = pager<P>(ctx, {
    label: screen.noun,
    load: async (cursor) => {
      const page = await ctx.api.get<Record<string, unknown> & { nextCursor?: string }>(screen.list.path, { status, limit: 50, cursor });
      return { items: page[screen.list.key] as P[], nextCursor: page.nextCursor };
    },
    draw: (items) => items.map(row),
  });
  const table = h(
    'table',
    { class: 'records petitions' },
    h('caption', { class: 'visually-hidden' }, `本部门信用记录的${screen.noun}：${TAB_LABELS[status]}`),
    h('thead', null, h('tr', null, ['编号', '信用记录', '申请内容', '联系方式', '提交时间', '办理期限', '状态', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, `没有${TAB_LABELS[status]}的${screen.noun}。`);
  const tabs = h(
    'nav',
    { class: 'status-tabs', 'aria-label': '按状态查看' },
    h('ul', null, STATUSES.map((s) => h('li', null, h('a', { href: href(screen.route, { status: s }), ...(s === status ? { 'aria-current': 'page' } : {}) }, TAB_LABELS[s])))),
  );
  ctx.root.append(
    h('p', { class: 'lead' }, `对本部门信用记录提出的${screen.noun}，须在办理期限（工作日）内处理；联系方式仅供本部门核实办理，不得公开。`),
    h('section', { 'aria-labelledby': 'petitions-title' }, h('h2', { id: 'petitions-title' }, `本部门的${screen.noun}`), tabs, h('div', { class: 'table-wrap' }, table), empty, h('p', null, list.more)),
    decideArea,
  );
  await list.start(body);
  empty.hidden = list.count() > 0;
  table.hidden = list.count() === 0;
}
