import { code, fill, h, uid } from '../dom.ts';
import { clearFieldErrors, field, input, select } from '../forms.ts';
import { APPROVAL_DECISIONS, nameOf, todayInChina } from '../labels.ts';
import { publicationText, trailView, type Approval, type Trail } from '../parts/approval-view.ts';
import { dateInput, radios } from '../parts/controls.ts';
import { explained } from '../parts/explain.ts';
import { pager } from '../parts/pager.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import { normaliseId } from '../parts/entity-view.ts';

/**
 * 行政审批: record an approval result for the caller's department (POST /v1/approvals) — relying on a
 * check or a commitment, naming the supervising departments or leaving the matter's default — and show it
 * with its supervision tasks and its licence record (GET /v1/approvals/{id}); the department's approvals,
 * a page at a time (GET /v1/approvals). `#/approvals/<approvalId>` shows one.
 */

export async function renderApprovals(ctx: ScreenContext) {
  const result = h('div', { id: 'approval-result' });
  const body = h('tbody');
  const list = pager<Approval>(ctx, {
    label: '审批结果',
    load: async (cursor) => {
      const page = await ctx.api.get<{ approvals: Approval[]; nextCursor?: string }>('/v1/approvals', { limit: 50, cursor });
      return { items: page.approvals, nextCursor: page.nextCursor };
    },
    draw: (items) => items.map((a) => approvalRow(ctx, a)),
  });
  const table = h(
    'table',
    { class: 'records approvals' },
    h('caption', { class: 'visually-hidden' }, '本部门的审批结果，最近决定的在前'),
    h('thead', null, h('tr', null, ['决定日期', '主体', '事项', '许可文号', '决定', '双公示', '查看'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, '本部门还没有审批结果。');
  ctx.root.append(
    approvalForm(ctx, async (receipt) => {
      const trail = await ctx.api.get<Trail>(`/v1/approvals/${encodeURIComponent(receipt.approvalId)}`);
      if (ctx.signal.aborted) return;
      fill(result, await trailView(ctx, trail, 2));
      const tasks = receipt.tasks.length ? `，监管任务 ${receipt.tasks.length} 项（${receipt.tasks.map((t) => ctx.catalogue.departmentName(t.department)).join('、')}）` : '';
      ctx.announce(`已推送审批结果 ${receipt.licenceNo}：${nameOf(APPROVAL_DECISIONS, receipt.decision)}${tasks}。`, 'success');
      if (!body.querySelector(`tr[data-approval="${receipt.approvalId}"]`)) body.prepend(approvalRow(ctx, trail));
      table.hidden = false;
      empty.hidden = true;
      result.querySelector<HTMLElement>('h2')?.focus();
    }),
    result,
    h('section', { 'aria-labelledby': 'approvals-title' }, h('h2', { id: 'approvals-title' }, '本部门的审批结果'), h('div', { class: 'table-wrap' }, table), empty, h('p', null, list.more)),
  );
  await list.start(body);
  empty.hidden = list.count() > 0;
  table.hidden = list.count() === 0;
}

/** One approval (GET /v1/approvals/{approvalId}). */
export async function renderApproval(ctx: ScreenContext) {
  const trail = await ctx.api.get<Trail>(`/v1/approvals/${encodeURIComponent(ctx.params.approvalId ?? '')}`);
  if (ctx.signal.aborted) return;
  ctx.heading.textContent = `行政审批：${trail.title}（${trail.licenceNo}）`;
  document.title = `${ctx.heading.textContent} — 部门工作台`;
  ctx.root.append(h('p', { class: 'crumbs' }, h('a', { href: href('approvals') }, '返回行政审批')), await trailView(ctx, trail, 2));
  ctx.announce(`已读取审批结果，监管任务 ${trail.tasks.length} 项。`);
}

function approvalRow(ctx: ScreenContext, a: Approval) {
  return h(
    'tr',
    { 'data-approval': a.approvalId },
    h('td', { 'data-label': '决定日期', class: 'date' }, a.decidedOn),
    h('td', { 'data-label': '主体' }, code(a.subjectId)),
    h('td', { 'data-label': '事项' }, ctx.catalogue.matterName(a.matter)),
    h('td', { 'data-label': '许可文号', class: 'docno' }, a.licenceNo),
    h('td', { 'data-label': '决定' }, nameOf(APPROVAL_DECISIONS, a.decision)),
    h('td', { 'data-label': '双公示' }, publicationText(a)),
    h('td', { 'data-label': '查看' }, h('a', { href: href(`approvals/${a.approvalId}`) }, '查看', h('span', { class: 'visually-hidden' }, ` ${a.licenceNo}`))),
  );
}

function approvalForm(ctx: ScreenContext, onSaved: (receipt: Approval & { tasks: { taskId: string; department: string; dueOn: string }[] }) => Promise<void>) {
  const subject = input({ name: 'subjectId', maxlength: '64', spellcheck: 'false', inputmode: 'latin' });
  const matter = select(ctx.catalogue.matters.map((m) => ({ value: m.code, label: m.name })), { name: 'matter' }, '请选择');
  const licenceNo = input({ name: 'licenceNo', maxlength: '200' });
  const title = input({ name: 'title', maxlength: '200' });
  const decidedOn = dateInput({ name: 'decidedOn', value: todayInChina(), max: todayInChina() });
  const decision = radios('审批决定', 'decision', Object.entries(APPROVAL_DECISIONS).map(([value, label]) => ({ value, label })), 'decision');
  const checkId = input({ name: 'checkId', maxlength: '25', spellcheck: 'false' });
  const commitmentCode = input({ name: 'commitmentCode', maxlength: '20', inputmode: 'numeric', spellcheck: 'false' });
  const supervisorsError = uid('supervisors');
  const boxes = ctx.catalogue.departments.map((d, i) => {
    const id = i === 0 ? supervisorsError : uid('d');
    return h('div', { class: 'choice' }, h('input', { type: 'checkbox', id, name: 'supervisingDepartments', value: d.code, ...(i === 0 ? { 'data-path': 'supervisingDepartments' } : {}) }), h('label', { for: id }, d.name));
  });
  const supervisors = h(
    'fieldset',
    { class: 'field departments', 'aria-describedby': `${supervisorsError}-hint ${supervisorsError}-error` },
    h('legend', null, '监管部门'),
    h('p', { class: 'hint', id: `${supervisorsError}-hint` }, '准予许可后由这些部门开展事中事后监管；不选则按事项配置的监管部门。'),
    h('div', { class: 'choices' }, boxes),
    h('p', { class: 'field-error', id: `${supervisorsError}-error`, hidden: true }),
  );
  const button = h('button', { type: 'submit' }, '推送审批结果');
  const form = h(
    'form',
    { class: 'panel', id: 'approval-form', novalidate: true, 'aria-labelledby': 'approval-form-title' },
    h('h2', { id: 'approval-form-title' }, '推送审批结果'),
    h(
      'div',
      { class: 'form-grid' },
      field(subject, { label: '主体代码', path: 'subjectId', required: true }),
      field(matter, { label: '审批事项', path: 'matter', required: true }),
      field(licenceNo, { label: '许可文号', path: 'licenceNo', required: true, hint: '同一文号再次推送返回已推送的结果。' }),
      field(title, { label: '许可名称', path: 'title', required: true, hint: '如“食品经营许可证”。' }),
      field(decidedOn, { label: '决定日期', path: 'decidedOn', required: true }),
      decision.element,
      field(checkId, { label: '所依据的核查编号', path: 'checkId', hint: '选填：本部门对该主体的信用核查。' }),
      field(commitmentCode, { label: '所依据的承诺编号', path: 'commitmentCode', hint: '选填：本部门受理的该主体的信用承诺。' }),
    ),
    supervisors,
    h('p', null, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const body: Record<string, unknown> = {
      subjectId: normaliseId(subject.value),
      matter: matter.value,
      licenceNo: licenceNo.value.trim(),
      title: title.value.trim(),
      decidedOn: decidedOn.value,
      decision: decision.value(),
    };
    for (const [k, v] of Object.entries(body)) if (!v) delete body[k];
    if (checkId.value.trim()) body.checkId = checkId.value.trim().toLowerCase();
    if (commitmentCode.value.trim()) body.commitmentCode = commitmentCode.value.trim();
    const chosen = [...supervisors.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
    if (chosen.length) body.supervisingDepartments = chosen;
    button.disabled = true;
    try {
      await onSaved(await ctx.api.post('/v1/approvals', body));
    } catch (error) {
      ctx.problem(explained(error, ctx.catalogue), form);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
