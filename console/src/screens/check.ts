import { fill, h } from '../dom.ts';
import { clearFieldErrors, field, input, select } from '../forms.ts';
import type { ScreenContext } from '../screen.ts';
import { checkView, type CheckAnswer } from '../parts/check-view.ts';
import { batchSection } from '../parts/batch-check.ts';

/**
 * 信用核查: one subject for a matter, the answer with its feedback forms below; or a list of subjects
 * (pasted or from a file), checked in batches of at most 100.
 */
export function renderCheck(ctx: ScreenContext) {
  const matters = ctx.catalogue.matters.map((m) => ({ value: m.code, label: m.name }));
  const matter = select(matters, { name: 'matter' }, '请选择事项');
  const subject = input({ name: 'subjectId', maxlength: '64', spellcheck: 'false', inputmode: 'latin' });
  const button = h('button', { type: 'submit' }, '核查');
  const result = h('div', { id: 'check-result' });
  const form = h(
    'form',
    { class: 'panel', id: 'check-form', novalidate: true, 'aria-labelledby': 'check-form-title' },
    h('h2', { id: 'check-form-title' }, '单个主体核查'),
    h(
      'div',
      { class: 'form-grid' },
      field(matter, { label: '办理事项', path: 'matter', required: true }),
      field(subject, { label: '统一社会信用代码或身份证号', path: 'subjectId', required: true, hint: '18 位代码，大小写、空格和连字符不影响。' }),
    ),
    h('p', null, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    button.disabled = true;
    ctx.announce('正在核查…');
    try {
      const check = await ctx.api.post<CheckAnswer>('/v1/checks', { subjectId: subject.value.trim(), ...(matter.value ? { matter: matter.value } : {}) });
      const view = checkView(ctx, check, { headingLevel: 2 });
      fill(result, view);
      ctx.announce(`核查完成：${check.subject.name ?? check.subject.id}，结论“${view.querySelector('.verdict-badge')?.textContent}”，名单记录 ${check.hitCount ?? check.hits.length} 条，奖惩措施 ${check.measures.length} 项。`, 'success');
      view.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
      view.querySelector<HTMLElement>('h2')?.focus();
    } catch (error) {
      ctx.problem(error, form);
    } finally {
      button.disabled = false;
    }
  });
  ctx.root.append(form, result, batchSection(ctx, matters));
}
