import { ApiProblem } from '../api.ts';
import { code, fill, h } from '../dom.ts';
import { clearFieldErrors, field, input, select } from '../forms.ts';
import { COMMITMENT_STATUSES, COMMITMENT_TYPES, formatInstant, nameOf, todayInChina, VERIFICATION_OUTCOMES } from '../labels.ts';
import { confirmForm } from '../parts/confirm-form.ts';
import { dateInput, radios, textArea } from '../parts/controls.ts';
import { explained } from '../parts/explain.ts';
import { pager } from '../parts/pager.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import { normaliseId } from '../parts/entity-view.ts';

/**
 * 信用承诺: accept a subject's commitment for the caller's department (POST /v1/commitments), the
 * department's commitments by status a page at a time (GET /v1/commitments?status=), and the verification
 * of one (POST /v1/commitments/{code}/verify) — a breach (partly, unfulfilled) lists the subject on
 * COMMITMENT_BREACH, which the confirmation says first. `#/commitments?status=open|overdue|verified`.
 */

interface Commitment {
  code: string;
  subjectId: string;
  type: string;
  matter: string;
  content: string;
  dueOn: string;
  department: string;
  madeOn: string;
  status: 'open' | 'overdue' | 'verified';
  outcome?: string;
  verification?: { outcome: string; note: string; by: string; at: string };
}

const STATUSES = ['open', 'overdue', 'verified'] as const;
const STATUS_LABELS: Record<string, string> = { open: '未核查（含逾期）', overdue: '已逾期', verified: '已核查' };

export async function renderCommitments(ctx: ScreenContext) {
  const status = (STATUSES as readonly string[]).includes(ctx.query.get('status') ?? '') ? ctx.query.get('status')! : 'open';
  const verifyArea = h('div', { id: 'verify-area' });
  const body = h('tbody');

  const row = (c: Commitment) => {
    const tr = h('tr', { 'data-code': c.code, class: c.status === 'overdue' ? 'overdue' : '' });
    const drawRow = (x: Commitment) =>
      fill(
        tr,
        h('td', { 'data-label': '承诺编号' }, code(x.code)),
        h('td', { 'data-label': '主体' }, code(x.subjectId)),
        h('td', { 'data-label': '类型' }, nameOf(COMMITMENT_TYPES, x.type)),
        h('td', { 'data-label': '事项' }, ctx.catalogue.matterName(x.matter)),
        h('td', { 'data-label': '承诺内容' }, x.content),
        h('td', { 'data-label': '履行期限', class: 'date' }, x.dueOn),
        h(
          'td',
          { 'data-label': '状态' },
          h('span', { class: `tag commitment-${x.status}` }, nameOf(COMMITMENT_STATUSES, x.status)),
          x.verification ? h('span', { class: 'sub' }, `${nameOf(VERIFICATION_OUTCOMES, x.verification.outcome)}：${x.verification.note}（${x.verification.by}，${formatInstant(x.verification.at)}）`) : null,
        ),
        h(
          'td',
          { 'data-label': '操作' },
          x.status === 'verified'
            ? '—'
            : h('button', { type: 'button', class: 'secondary', onclick: () => openVerify(x, drawRow) }, '核查履约', h('span', { class: 'visually-hidden' }, ` ${x.code}`)),
        ),
      );
    drawRow(c);
    return tr;
  };

  function openVerify(c: Commitment, redraw: (c: Commitment) => void) {
    const outcome = radios('履约情况', 'outcome', Object.entries(VERIFICATION_OUTCOMES).map(([value, label]) => ({ value, label })), 'outcome');
    const note = textArea({ name: 'note' });
    const form = confirmForm(ctx, {
      title: `核查承诺 ${c.code}`,
      level: 2,
      class: 'panel',
      fields: [
        h('p', { class: 'hint' }, `${nameOf(COMMITMENT_TYPES, c.type)} · ${ctx.catalogue.matterName(c.matter)} · 履行期限 ${c.dueOn}：${c.content}`),
        outcome.element,
        field(note, { label: '核查说明', path: 'note', required: true, hint: '核查方式和发现的情况。' }),
      ],
      confirm: '确认核查结果',
      check: () => [...(outcome.value() ? [] : [{ path: 'outcome', message: '请选择履约情况' }]), ...(note.value.trim() ? [] : [{ path: 'note', message: '必须填写核查说明' }])],
      summary: () => {
        const o = outcome.value();
        return [
          h('p', null, `承诺 ${c.code}（主体 ${c.subjectId}）的核查结果为“${nameOf(VERIFICATION_OUTCOMES, o)}”。核查结果确定后不能改为其他结果。`),
          o !== 'fulfilled'
            ? h('p', { class: 'warning', role: 'note' }, `注意：“${nameOf(VERIFICATION_OUTCOMES, o)}”属于违反承诺，确认后该主体将被列入“${ctx.catalogue.listName('COMMITMENT_BREACH')}”名单（COMMITMENT_BREACH），修复前不得再作出审批替代型、容缺受理型或证明事项型承诺。`)
            : null,
        ];
      },
      send: async () => {
        const saved = await ctx.api.post<Commitment>(`/v1/commitments/${encodeURIComponent(c.code)}/verify`, { outcome: outcome.value(), note: note.value.trim() });
        redraw(saved);
        verifyArea.replaceChildren();
        const breach = saved.outcome !== 'fulfilled';
        ctx.announce(`已核查承诺 ${saved.code}：${nameOf(VERIFICATION_OUTCOMES, saved.outcome)}。${breach ? `主体已列入“${ctx.catalogue.listName('COMMITMENT_BREACH')}”名单。` : ''}`, 'success');
        body.querySelector<HTMLElement>(`tr[data-code="${saved.code}"] td`)?.setAttribute('tabindex', '-1');
        body.querySelector<HTMLElement>(`tr[data-code="${saved.code}"] td`)?.focus();
      },
      onCancel: () => {
        verifyArea.replaceChildren();
        body.querySelector<HTMLElement>(`tr[data-code="${c.code}"] button`)?.focus();
      },
    });
    fill(verifyArea, form);
    form.querySelector<HTMLElement>('input')?.focus();
  }

  const list = pager<Commitment>(ctx, {
    label: '信用承诺',
    load: async (cursor) => {
      const page = await ctx.api.get<{ commitments: Commitment[]; nextCursor?: string }>('/v1/commitments', { status, limit: 50, cursor });
      return { items: page.commitments, nextCursor: page.nextCursor };
    },
    draw: (items) => items.map(row),
  });

  const table = h(
    'table',
    { class: 'records commitments' },
    h('caption', { class: 'visually-hidden' }, `本部门受理的信用承诺：${STATUS_LABELS[status]}`),
    h('thead', null, h('tr', null, ['承诺编号', '主体', '类型', '事项', '承诺内容', '履行期限', '状态', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, `没有${STATUS_LABELS[status]}的信用承诺。`);
  const tabs = h(
    'nav',
    { class: 'status-tabs', 'aria-label': '按状态查看' },
    h('ul', null, STATUSES.map((s) => h('li', null, h('a', { href: href('commitments', { status: s }), ...(s === status ? { 'aria-current': 'page' } : {}) }, STATUS_LABELS[s])))),
  );
  ctx.root.append(
    makeForm(ctx, (made) => {
      if (status === 'open') {
        body.prepend(row(made));
        table.hidden = false;
        empty.hidden = true;
      }
    }),
    h('section', { 'aria-labelledby': 'commitments-title' }, h('h2', { id: 'commitments-title' }, '本部门受理的承诺'), tabs, h('div', { class: 'table-wrap' }, table), empty, h('p', null, list.more)),
    verifyArea,
  );
  await list.start(body);
  empty.hidden = list.count() > 0;
  table.hidden = list.count() === 0;
}

function makeForm(ctx: ScreenContext, onMade: (c: Commitment) => void) {
  const subject = input({ name: 'subjectId', maxlength: '64', spellcheck: 'false', inputmode: 'latin' });
  const type = select(Object.entries(COMMITMENT_TYPES).map(([value, label]) => ({ value, label })), { name: 'type' }, '请选择');
  const matter = select(ctx.catalogue.matters.map((m) => ({ value: m.code, label: m.name })), { name: 'matter' }, '请选择');
  const content = textArea({ name: 'content' });
  const dueOn = dateInput({ name: 'dueOn', min: todayInChina() });
  const result = h('div', { id: 'commitment-made' });
  const button = h('button', { type: 'submit' }, '受理承诺');
  const form = h(
    'form',
    { class: 'panel', id: 'commitment-form', novalidate: true, 'aria-labelledby': 'commitment-form-title' },
    h('h2', { id: 'commitment-form-title' }, '受理信用承诺'),
    h(
      'div',
      { class: 'form-grid' },
      field(subject, { label: '主体代码', path: 'subjectId', required: true, hint: '作出承诺的已登记主体。' }),
      field(type, { label: '承诺类型', path: 'type', required: true, hint: '在严重失信名单或违诺名单上的主体不得作出审批替代型、容缺受理型、证明事项型承诺。' }),
      field(matter, { label: '办理事项', path: 'matter', required: true }),
      field(dueOn, { label: '履行期限', path: 'dueOn', required: true, hint: '最迟履行日期，不能早于今天。' }),
    ),
    field(content, { label: '承诺内容', path: 'content', required: true }),
    h('p', null, button),
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const id = normaliseId(subject.value);
    const body: Record<string, string> = { subjectId: id, type: type.value, matter: matter.value, content: content.value.trim(), dueOn: dueOn.value };
    for (const [k, v] of Object.entries(body)) if (!v) delete body[k];
    if (!id) return ctx.problem(new ApiProblem(400, '请填写主体代码。', [{ path: 'subjectId', message: '必填' }]), form);
    button.disabled = true;
    try {
      const made = await ctx.api.post<Commitment>('/v1/commitments', body);
      fill(result, h('p', { class: 'made', tabindex: '-1' }, '承诺编号 ', code(made.code), `：${made.subjectId}，${nameOf(COMMITMENT_TYPES, made.type)}，履行期限 ${made.dueOn}。`));
      ctx.announce(`已受理承诺：${made.subjectId}，${nameOf(COMMITMENT_TYPES, made.type)}，编号 ${made.code}。`, 'success');
      content.value = '';
      onMade(made);
      result.querySelector<HTMLElement>('.made')?.focus();
    } catch (error) {
      ctx.problem(explained(error, ctx.catalogue), form);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
