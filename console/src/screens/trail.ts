import { ApiProblem } from '../api.ts';
import { fill, h } from '../dom.ts';
import { clearFieldErrors, field, input } from '../forms.ts';
import { formatInstant } from '../labels.ts';
import { checkView, type CheckAnswer } from '../parts/check-view.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * 核查记录: one check by id (GET /v1/checks/{checkId}) — the answer as it was given, who made it, and every
 * feedback, with the forms for the measures still lacking one (a checker of the department that made it).
 */
export async function renderTrail(ctx: ScreenContext) {
  const checkId = ctx.params.checkId ?? '';
  ctx.announce('正在读取核查记录…');
  const check = await ctx.api.get<CheckAnswer & { checkedBy: string; requestId: string }>(`/v1/checks/${encodeURIComponent(checkId)}`);
  if (ctx.signal.aborted) return;
  ctx.heading.textContent = `核查记录：${check.subject.name ?? check.subject.id}`;
  document.title = `${ctx.heading.textContent} — 部门工作台`;
  ctx.root.append(
    h('p', { class: 'muted' }, `由 ${check.checkedBy} 于 ${formatInstant(check.checkedAt)} 核查（${ctx.catalogue.departmentName(check.department)}）。`),
    checkView(ctx, check, { headingLevel: 2 }),
  );
  ctx.announce(`已读取核查记录，反馈 ${check.feedback?.length ?? 0} 条。`);
}

/** 核查记录查询: open a check by its id. */
export function renderTrailLookup(ctx: ScreenContext) {
  const id = input({ name: 'checkId', maxlength: '64', spellcheck: 'false' });
  const form = h(
    'form',
    { class: 'panel', novalidate: true, 'aria-label': '查询核查记录' },
    field(id, { label: '核查编号', path: 'checkId', required: true, hint: '核查结果和批量核查结果中显示的 25 位编号。' }),
    h('p', null, h('button', { type: 'submit' }, '查看')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const value = id.value.trim().toLowerCase();
    if (!/^[0-9a-z]{9}[0-9a-f]{16}$/.test(value)) return ctx.problem(new ApiProblem(400, '请输入正确的核查编号。', [{ path: 'checkId', message: '核查编号为 25 位小写字母和数字' }]), form);
    ctx.navigate(`checks/${value}`);
  });
  fill(ctx.root, form);
}
