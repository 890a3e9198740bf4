import { ApiProblem, statusText } from './api.ts';
import { h, uid, type Child } from './dom.ts';

/**
 * Labelled fields whose errors show beside them. Each control carries `data-path`, the problem+json
 * field path (`errors[].path`, e.g. "subjectId" or "subjectIds.3") that names it; showFieldErrors puts a
 * 400's messages next to those fields and returns the ones no field on the form claims.
 */

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldOptions {
  label: string;
  /** The API field path this control fills. */
  path?: string;
  hint?: string;
  required?: boolean;
  class?: string;
}

/** A control with its label, hint and error slot, tied together by ids (aria-describedby). */
export function field(control: Control, options: FieldOptions): HTMLDivElement {
  control.id ||= uid('f');
  if (options.path) control.dataset.path = options.path;
  if (options.required) control.required = true;
  const hint = options.hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, options.hint) : null;
  const error = h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
  return h(
    'div',
    { class: `field ${options.class ?? ''}`.trim() },
    h('label', { for: control.id }, options.label),
    // Outside the label, so that the field's name stays the label alone (the field itself says it is required).
    options.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, '*') : null,
    control,
    hint,
    error,
  );
}

export const input = (attrs: Record<string, string | boolean | undefined> = {}) => h('input', { type: 'text', autocomplete: 'off', ...attrs });

export function select(options: { value: string; label: string }[], attrs: Record<string, string | boolean | undefined> = {}, placeholder?: string): HTMLSelectElement {
  return h(
    'select',
    attrs,
    placeholder !== undefined ? h('option', { value: '' }, placeholder) : null,
    options.map((o) => h('option', { value: o.value }, o.label)),
  );
}

/** Removes the error marks of a scope. */
export function clearFieldErrors(scope: Element): void {
  for (const el of scope.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
  for (const el of scope.querySelectorAll<HTMLElement>('.field-error')) {
    el.hidden = true;
    el.textContent = '';
  }
}

/** The control of a scope that a field path names: exactly, else its nearest named parent ("subjectIds.3" → "subjectIds"). */
function controlFor(scope: Element, path: string): Control | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const wanted = parts.slice(0, n).join('.');
    const found = [...scope.querySelectorAll<Control>('[data-path]')].find((el) => el.dataset.path === wanted);
    if (found) return found;
  }
  return undefined;
}

/** Marks the fields a problem names; returns the errors no field claims. Focuses the first marked field. */
export function showFieldErrors(scope: Element, problem: ApiProblem): { path: string; message: string }[] {
  clearFieldErrors(scope);
  const unplaced: { path: string; message: string }[] = [];
  let first: Control | undefined;
  for (const error of problem.errors) {
    const control = controlFor(scope, error.path);
    const slot = control ? document.getElementById(`${control.id}-error`) : null;
    if (!control || !slot) {
      unplaced.push(error);
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    slot.hidden = false;
    slot.textContent = slot.textContent ? `${slot.textContent}；${error.message}` : error.message;
    if (control.dataset.path !== error.path) slot.textContent += `（${error.path}）`;
    first ??= control;
  }
  first?.focus();
  return unplaced;
}

/** What the live region says of a failure: the Chinese sentence, the fields, the request id to quote. */
export function problemMessage(error: unknown, unplaced?: { path: string; message: string }[]): Child[] {
  if (!(error instanceof ApiProblem)) return [error instanceof Error ? error.message : statusText(0)];
  const fields = unplaced ?? error.errors;
  return [
    error.message,
    fields.length ? h('ul', { class: 'problem-fields' }, fields.map((e) => h('li', null, h('code', null, e.path), '：', e.message))) : null,
    error.status >= 409 && error.status !== 429 && error.detail ? h('span', { class: 'sub' }, `服务说明：${error.detail}`) : null,
    error.requestId && error.status >= 500 ? h('span', { class: 'sub' }, `请求编号：${error.requestId}`) : null,
  ];
}
