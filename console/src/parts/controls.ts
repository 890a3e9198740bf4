import { h, uid } from '../dom.ts';

/**
 * Controls the recorder and admin screens share, beside forms.ts: dates, amounts, free text, and a
 * checkbox whose label follows it (with its own error slot, so a field path can name it).
 */
export const dateInput = (attrs: Record<string, string | boolean | undefined> = {}) => h('input', { type: 'date', ...attrs });

export const textArea = (attrs: Record<string, string | boolean | undefined> = {}) => h('textarea', { rows: '3', maxlength: '4000', ...attrs });

export function checkbox(label: string, attrs: Record<string, string | boolean | undefined> = {}, hint?: string) {
  const id = uid('c');
  const box = h('input', { type: 'checkbox', id, ...attrs });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  box.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return { box, element: h('div', { class: 'field' }, h('div', { class: 'choice' }, box, h('label', { for: id }, label)), hintEl, error) };
}

/** A radio group as one field: the fieldset's legend names it; the first radio carries the path and the error slot. */
export function radios(legend: string, name: string, options: { value: string; label: string }[], path: string, required = true) {
  const group = uid(name);
  const error = h('p', { class: 'field-error', id: `${group}-error`, hidden: true });
  const items = options.map((o, i) => {
    const id = i === 0 ? group : uid('r');
    return h('div', { class: 'choice' }, h('input', { type: 'radio', name: group, id, value: o.value, ...(i === 0 ? { 'data-path': path } : {}), ...(required ? { required: true } : {}) }), h('label', { for: id }, o.label));
  });
  const element = h('fieldset', { class: 'field radio-field', 'aria-describedby': error.id }, h('legend', null, legend), items, error);
  const value = () => element.querySelector<HTMLInputElement>('input:checked')?.value ?? '';
  return { element, value };
}
