import { ApiProblem, type FieldError } from '../api.ts';
import { fill, h, uid, type Child } from '../dom.ts';
import { clearFieldErrors } from '../forms.ts';
import type { ScreenContext } from '../screen.ts';
import { explained } from './explain.ts';

/**
 * A form whose action cannot be undone (retract, end, repair, correct, verify, publish) in two steps on
 * the page: the fields, then a confirmation saying what will happen, with its own button. Changing a field
 * returns to the first step. Local checks (a reason is required, …) show beside their fields before the
 * confirmation; the service's refusals after it, in Chinese (explain.ts).
 */
export interface ConfirmFormOptions {
  title: string;
  /** Labelled fields (forms.ts field()). */
  fields: Child[];
  /** The first step's button, e.g. 下一步. */
  next?: string;
  /** The confirmation's button, e.g. 确认撤销. */
  confirm: string;
  /** Field errors found before anything is sent. */
  check?: () => FieldError[];
  /** What the confirmation says will happen. */
  summary: () => Child;
  /** Sends the request; a failure returns to the first step with the service's answer. */
  send: () => Promise<void>;
  onCancel?: () => void;
  class?: string;
  /** The form's heading level (default 3). */
  level?: 2 | 3 | 4;
}

export function confirmForm(ctx: ScreenContext, options: ConfirmFormOptions): HTMLFormElement {
  const titleId = uid('action');
  const summaryId = uid('confirm');
  const summary = h('div', { id: summaryId, class: 'confirm-text' });
  const confirm = h('button', { type: 'button', class: 'danger', 'aria-describedby': summaryId }, options.confirm);
  const back = h('button', { type: 'button', class: 'secondary' }, '返回修改');
  const box = h('div', { class: 'confirm-box', hidden: true }, summary, h('p', { class: 'actions' }, confirm, back));
  const next = h('button', { type: 'submit' }, options.next ?? '下一步');
  const cancel = options.onCancel ? h('button', { type: 'button', class: 'secondary', onclick: options.onCancel }, '取消') : null;
  const firstStep = h('p', { class: 'actions first-step' }, next, cancel);
  const form = h(
    'form',
    { class: `action-form ${options.class ?? ''}`.trim(), novalidate: true, 'aria-labelledby': titleId },
    h(`h${options.level ?? 3}` as 'h3', { id: titleId }, options.title),
    options.fields,
    firstStep,
    box,
  );
  const firstControl = () => form.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea');
  const edit = () => {
    box.hidden = true;
    firstStep.hidden = false;
  };
  form.addEventListener('input', edit);
  form.addEventListener('change', edit);
  back.addEventListener('click', () => {
    edit();
    firstControl()?.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const problems = options.check?.() ?? [];
    if (problems.length) {
      ctx.problem(new ApiProblem(400, '请按提示补全或修改。', problems), form);
      return;
    }
    fill(summary, options.summary());
    box.hidden = false;
    firstStep.hidden = true;
    ctx.announce(`请核对后点击“${options.confirm}”，或返回修改。`);
    confirm.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    back.disabled = true;
    try {
      await options.send();
    } catch (error) {
      edit();
      ctx.problem(explained(error, ctx.catalogue), form);
      if (document.activeElement === confirm || document.activeElement === document.body) firstControl()?.focus();
    } finally {
      confirm.disabled = false;
      back.disabled = false;
    }
  });
  return form;
}
