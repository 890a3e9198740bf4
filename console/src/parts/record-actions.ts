import { ApiProblem, type FieldError } from '../api.ts';
import { h } from '../dom.ts';
import { field, input, select } from '../forms.ts';
import { nameOf, RECORD_FIELDS, SEVERITIES, todayInChina } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { checkbox, dateInput, textArea } from './controls.ts';
import { confirmForm } from './confirm-form.ts';
import type { CreditRecord } from './record-card.ts';

/**
 * The four actions on a record of the caller's department, each a two-step form (confirm-form.ts) with its
 * reason required: 撤销 (POST /v1/records/{id}/retract), 终止 (…/end: endedOn), 信用修复 (…/repair:
 * correctedOn and the subject's repair commitment, a box the user ticks) and 更正 (…/correct: the correctable
 * fields of its type, only those changed sent).
 */
export type Action = 'retract' | 'end' | 'repair' | 'correct';
export const ACTION_NAMES: Record<Action, string> = { retract: '撤销', end: '终止', repair: '信用修复', correct: '更正' };

interface Outcome {
  /** The record as the service answered, and what to announce. */
  done: (saved: CreditRecord, said: string) => void;
  close: () => void;
}

export function actionForm(ctx: ScreenContext, action: Action, record: CreditRecord, outcome: Outcome): HTMLFormElement {
  if (action === 'retract') return retractForm(ctx, record, outcome);
  if (action === 'end') return endForm(ctx, record, outcome);
  if (action === 'repair') return repairForm(ctx, record, outcome);
  return correctForm(ctx, record, outcome);
}

const post = (ctx: ScreenContext, record: CreditRecord, path: string, body: unknown) =>
  ctx.api.post<CreditRecord>(`/v1/records/${encodeURIComponent(record.recordId)}/${path}`, body);

export const valueText = (f: string, v: unknown) => {
  if (v === null || v === undefined || v === '') return '（空）';
  if (f === 'severity') return nameOf(SEVERITIES, String(v));
  if (f === 'warningOnly') return v ? '是' : '否';
  return String(v);
};

const reasonField = (label = '理由') => {
  const reason = textArea({ name: 'reason' });
  return { reason, element: field(reason, { label, path: 'reason', required: true }) };
};
const needReason = (reason: HTMLTextAreaElement): FieldError[] => (reason.value.trim() ? [] : [{ path: 'reason', message: '必须说明理由' }]);

function retractForm(ctx: ScreenContext, record: CreditRecord, { done, close }: Outcome) {
  const { reason, element } = reasonField('撤销理由');
  return confirmForm(ctx, {
    title: `撤销：${record.title}`,
    level: 4,
    fields: [h('p', { class: 'hint' }, '撤销用于纠正录入错误：记录视为从未存在，任何时点的核查都不再计入，文书号仍被占用。'), element],
    confirm: '确认撤销',
    check: () => needReason(reason),
    summary: () => [h('p', null, `将撤销记录“${record.title}”（${record.documentNo}）。撤销后不能恢复。`), h('p', null, `理由：${reason.value.trim()}`)],
    send: async () => done(await post(ctx, record, 'retract', { reason: reason.value.trim() }), `已撤销记录“${record.title}”。`),
    onCancel: close,
  });
}

function endForm(ctx: ScreenContext, record: CreditRecord, { done, close }: Outcome) {
  const endedOn = dateInput({ name: 'endedOn', value: todayInChina() });
  const { reason, element } = reasonField('终止理由');
  return confirmForm(ctx, {
    title: `终止：${record.title}`,
    level: 4,
    fields: [field(endedOn, { label: '终止日期', path: 'endedOn', required: true, hint: '记录不再生效的第一天；日期在今后的，到那天前仍为有效。' }), element],
    confirm: '确认终止',
    check: () => [...(endedOn.value ? [] : [{ path: 'endedOn', message: '请选择终止日期' }]), ...needReason(reason)],
    summary: () => [h('p', null, `记录“${record.title}”（${record.documentNo}）自 ${endedOn.value} 起不再生效。终止日期确定后不能改为其他日期。`), h('p', null, `理由：${reason.value.trim()}`)],
    send: async () => done(await post(ctx, record, 'end', { endedOn: endedOn.value, reason: reason.value.trim() }), `已终止记录“${record.title}”，自 ${endedOn.value} 起不再生效。`),
    onCancel: close,
  });
}

function repairForm(ctx: ScreenContext, record: CreditRecord, { done, close }: Outcome) {
  const correctedOn = dateInput({ name: 'correctedOn', value: todayInChina() });
  const { reason, element } = reasonField('修复理由');
  const pledge = checkbox('主体已作出信用修复承诺', { name: 'repairCommitment', 'data-path': 'repairCommitment' }, '信用修复须有主体书面作出的信用修复承诺。');
  return confirmForm(ctx, {
    title: `信用修复：${record.title}`,
    level: 4,
    fields: [
      field(correctedOn, { label: '纠正失信行为日期', path: 'correctedOn', required: true, hint: '主体纠正失信行为、履行义务的日期，不能早于决定日期。' }),
      element,
      pledge.element,
    ],
    confirm: '确认修复',
    check: () => [
      ...(correctedOn.value ? [] : [{ path: 'correctedOn', message: '请选择纠正日期' }]),
      ...needReason(reason),
      ...(pledge.box.checked ? [] : [{ path: 'repairCommitment', message: '须确认主体已作出信用修复承诺' }]),
    ],
    summary: () => [h('p', null, `修复后记录“${record.title}”（${record.documentNo}）立即停止公示，不再计入核查和风险分类；记录及其处理记录保留。`), h('p', null, `理由：${reason.value.trim()}`)],
    send: async () => done(await post(ctx, record, 'repair', { reason: reason.value.trim(), repairCommitment: true, correctedOn: correctedOn.value }), `已完成信用修复：“${record.title}”。`),
    onCancel: close,
  });
}

/**
 * The correctable fields of a record (title, decidedOn, and a penalty's severity, fine and publicUntil or
 * another type's validUntil, legalBasis, content), prefilled; `changes()` names only those changed, `check()`
 * the local problems. Shared by 更正 here and by an objection decided as corrected (screens/objections.ts).
 */
export function correctionFields(record: CreditRecord) {
  const penalty = record.type === 'penalty';
  const controls: Record<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> = {};
  const fields: HTMLElement[] = [];
  const add = (name: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string) => {
    controls[name] = control;
    fields.push(field(control, { label: RECORD_FIELDS[name]!, path: `changes.${name}`, ...(name === 'title' || name === 'decidedOn' ? { required: true } : {}), ...(hint ? { hint } : {}) }));
  };
  add('title', input({ name: 'title', maxlength: '200', value: record.title }));
  add('decidedOn', dateInput({ name: 'decidedOn', value: record.decidedOn }));
  if (penalty) {
    const severity = select(Object.entries(SEVERITIES).map(([value, label]) => ({ value, label })), { name: 'severity' });
    severity.value = record.severity ?? 'general';
    add('severity', severity);
    add('fineAmount', input({ name: 'fineAmount', inputmode: 'decimal', value: record.fineAmount === undefined ? '' : String(record.fineAmount) }));
    add('publicUntil', dateInput({ name: 'publicUntil', value: record.publicUntil ?? '' }), '清空则按严重程度重新计算。');
  } else {
    add('validUntil', dateInput({ name: 'validUntil', value: record.validUntil ?? '' }), '清空表示长期有效。');
  }
  add('legalBasis', textArea({ name: 'legalBasis', maxlength: '1000', rows: '2' }));
  add('content', textArea({ name: 'content' }));
  (controls.legalBasis as HTMLTextAreaElement).value = record.legalBasis ?? '';
  (controls.content as HTMLTextAreaElement).value = record.content ?? '';
  const changes = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, control] of Object.entries(controls)) {
      const raw = control.value.trim();
      const before = (record as unknown as Record<string, unknown>)[name];
      if (name === 'fineAmount') {
        const value = raw === '' ? null : Number(raw);
        if (value !== (before ?? null)) out[name] = value;
      } else if (raw !== String(before ?? '')) out[name] = raw === '' && name !== 'title' && name !== 'decidedOn' ? null : raw;
    }
    return out;
  };
  const check = (): FieldError[] => {
    const problems: FieldError[] = [];
    const amount = controls.fineAmount?.value.trim();
    if (amount && !(Number(amount) >= 0)) problems.push({ path: 'changes.fineAmount', message: '应为不小于 0 的金额（元）' });
    if (!problems.length && Object.keys(changes()).length === 0) problems.push({ path: 'changes.title', message: '没有修改任何内容' });
    return problems;
  };
  const describe = () =>
    h('ul', null, Object.entries(changes()).map(([f, v]) => h('li', null, `${RECORD_FIELDS[f] ?? f}：${valueText(f, (record as unknown as Record<string, unknown>)[f])} → ${valueText(f, v)}`)));
  return { element: h('div', { class: 'form-grid' }, fields), changes, check, describe };
}

function correctForm(ctx: ScreenContext, record: CreditRecord, { done, close }: Outcome) {
  const { element: grid, changes, check, describe } = correctionFields(record);
  const { reason, element } = reasonField('更正理由');
  return confirmForm(ctx, {
    title: `更正：${record.title}`,
    level: 4,
    fields: [h('p', { class: 'hint' }, '文书号、名单、主体和记录类型不能更正；如有错误，请撤销后以正确的文书号重新录入。'), grid, element],
    confirm: '确认更正',
    check: () => [...check(), ...needReason(reason)],
    summary: () => [h('p', null, `将更正记录“${record.title}”（${record.documentNo}）：`), describe(), h('p', null, `理由：${reason.value.trim()}`)],
    send: async () => {
      const c = changes();
      if (Object.keys(c).length === 0) throw new ApiProblem(400, '没有修改任何内容。');
      done(await post(ctx, record, 'correct', { changes: c, reason: reason.value.trim() }), `已更正记录“${record.title}”。`);
    },
    onCancel: close,
  });
}
