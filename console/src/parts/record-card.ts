import { ApiProblem, type FieldError } from '../api.ts';
import { fill, h, uid } from '../dom.ts';
import { field, input, select } from '../forms.ts';
import { formatInstant, nameOf, RECORD_ACTIONS, RECORD_FIELDS, RECORD_STATUSES, RECORD_TYPES, SEVERITIES, todayInChina } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { checkbox, dateInput, textArea } from './controls.ts';
import { confirmForm } from './confirm-form.ts';

/**
 * One credit record as the recorder reads it — what it says, its status today and every event of its
 * history — and, on a record of the caller's own department, its four actions: 撤销 (retract), 终止 (end),
 * 信用修复 (repair) and 更正 (correct), each a two-step form (confirm-form.ts).
 */

export interface RecordEvent {
  action: string;
  by: string;
  department: string;
  at: string;
  reason?: string;
  endedOn?: string;
  correctedOn?: string;
  previous?: Record<string, unknown>;
}
export interface CreditRecord {
  recordId: string;
  subjectId: string;
  type: string;
  documentNo: string;
  decidedOn: string;
  title: string;
  department: string;
  listCode?: string;
  listKind?: 'black' | 'red';
  severity?: string;
  warningOnly?: boolean;
  fineAmount?: number;
  legalBasis?: string;
  content?: string;
  publicUntil?: string;
  validUntil?: string;
  endedOn?: string;
  retractedAt?: string;
  repairedAt?: string;
  status: string;
  history: RecordEvent[];
}

const ENTERED_TYPES = new Set(['licence', 'penalty', 'listing']);
/** The records credit repair is for (repair.ts): penalties and black-list memberships, not those their keepers end. */
const NOT_REPAIRABLE_LISTS = new Set(['COURT_DEFAULTER', 'MAJOR_TAX_VIOLATION']);
const repairable = (r: CreditRecord) => r.type === 'penalty' || (r.type === 'listing' && r.listKind === 'black' && !NOT_REPAIRABLE_LISTS.has(r.listCode ?? ''));

type Action = 'retract' | 'end' | 'repair' | 'correct';
const ACTION_NAMES: Record<Action, string> = { retract: '撤销', end: '终止', repair: '信用修复', correct: '更正' };

const valueText = (f: string, v: unknown) => {
  if (v === null || v === undefined || v === '') return '（空）';
  if (f === 'severity') return nameOf(SEVERITIES, String(v));
  if (f === 'warningOnly') return v ? '是' : '否';
  return String(v);
};

export function recordCard(ctx: ScreenContext, initial: CreditRecord, onChanged: (record: CreditRecord) => void): HTMLLIElement {
  let record = initial;
  const item = h('li', { class: 'record-card', 'data-record': record.recordId });
  const actionArea = h('div', { class: 'record-action' });
  const titleId = uid('record');

  const draw = () => {
    const own = ctx.can('recorder') && record.department === ctx.session.dept && ENTERED_TYPES.has(record.type);
    const actions: Action[] = !own || record.status === 'retracted' ? [] : ['retract', ...(record.endedOn ? [] : ['end' as const]), ...(repairable(record) && !record.repairedAt ? ['repair' as const] : []), 'correct'];
    const fact = (label: string, value: unknown) => (value === undefined || value === null || value === '' ? null : h('div', null, h('dt', null, label), h('dd', null, String(value))));
    fill(
      item,
      h(
        'h3',
        { id: titleId, tabindex: '-1' },
        h('span', { class: record.status === 'retracted' ? 'retracted-title' : '' }, record.title),
        h('span', { class: 'tag tag-state' }, nameOf(RECORD_TYPES, record.type)),
        record.listKind ? h('span', { class: `tag tag-${record.listKind}` }, record.listKind === 'black' ? '失信' : '守信') : null,
        h('span', { class: `tag record-status status-${record.status}` }, nameOf(RECORD_STATUSES, record.status)),
      ),
      h(
        'dl',
        { class: 'facts plan-facts' },
        h('div', null, h('dt', null, '文书号'), h('dd', { class: 'docno' }, record.documentNo)),
        fact('决定日期', record.decidedOn),
        record.listCode ? fact('名单', ctx.catalogue.listName(record.listCode)) : null,
        record.severity ? fact('严重程度', nameOf(SEVERITIES, record.severity)) : null,
        record.warningOnly ? fact('处罚种类', '仅警告') : null,
        record.fineAmount !== undefined ? fact('罚款金额', `${record.fineAmount.toLocaleString('zh-CN')} 元`) : null,
        fact('公示截止', record.publicUntil),
        fact('有效期至', record.validUntil),
        fact('终止日期', record.endedOn),
        fact('录入部门', ctx.catalogue.departmentName(record.department)),
        fact('法律依据', record.legalBasis),
        fact('内容', record.content),
        h('div', null, h('dt', null, '记录编号'), h('dd', null, h('code', null, record.recordId))),
      ),
      h(
        'details',
        { class: 'record-history' },
        h('summary', null, `处理记录（${record.history.length} 条）`),
        h(
          'ol',
          null,
          record.history.map((e) =>
            h(
              'li',
              null,
              h('strong', null, nameOf(RECORD_ACTIONS, e.action)),
              ` ${formatInstant(e.at)} · ${e.by} · ${ctx.catalogue.departmentName(e.department)}`,
              e.endedOn ? `，终止日期 ${e.endedOn}` : null,
              e.correctedOn ? `，纠正日期 ${e.correctedOn}` : null,
              e.reason ? h('span', { class: 'sub' }, `理由：${e.reason}`) : null,
              e.previous ? h('span', { class: 'sub' }, `更正前：${Object.entries(e.previous).map(([f, v]) => `${RECORD_FIELDS[f] ?? f} ${valueText(f, v)}`).join('；')}`) : null,
            ),
          ),
        ),
      ),
      actions.length
        ? h(
            'p',
            { class: 'actions record-buttons' },
            actions.map((a) =>
              h('button', { type: 'button', class: 'secondary', 'data-action': a, onclick: () => open(a) }, ACTION_NAMES[a], h('span', { class: 'visually-hidden' }, `：${record.title}（${record.documentNo}）`)),
            ),
          )
        : null,
      actionArea,
    );
  };

  const close = () => {
    actionArea.replaceChildren();
    item.querySelector<HTMLElement>('.record-buttons button')?.focus();
  };

  const done = (saved: CreditRecord, said: string) => {
    record = saved;
    actionArea.replaceChildren();
    draw();
    onChanged(saved);
    ctx.announce(said, 'success');
    document.getElementById(titleId)?.focus();
  };

  const post = (path: string, body: unknown) => ctx.api.post<CreditRecord>(`/v1/records/${encodeURIComponent(record.recordId)}/${path}`, body);

  function open(action: Action) {
    const form = action === 'retract' ? retractForm() : action === 'end' ? endForm() : action === 'repair' ? repairForm() : correctForm();
    fill(actionArea, form);
    form.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  const reasonField = (label = '理由') => {
    const reason = textArea({ name: 'reason' });
    return { reason, element: field(reason, { label, path: 'reason', required: true }) };
  };
  const needReason = (reason: HTMLTextAreaElement): FieldError[] => (reason.value.trim() ? [] : [{ path: 'reason', message: '必须说明理由' }]);

  function retractForm() {
    const { reason, element } = reasonField('撤销理由');
    return confirmForm(ctx, {
      title: `撤销：${record.title}`,
      level: 4,
      fields: [h('p', { class: 'hint' }, '撤销用于纠正录入错误：记录视为从未存在，任何时点的核查都不再计入，文书号仍被占用。'), element],
      confirm: '确认撤销',
      check: () => needReason(reason),
      summary: () => [h('p', null, `将撤销记录“${record.title}”（${record.documentNo}）。撤销后不能恢复。`), h('p', null, `理由：${reason.value.trim()}`)],
      send: async () => done(await post('retract', { reason: reason.value.trim() }), `已撤销记录“${record.title}”。`),
      onCancel: close,
    });
  }

  function endForm() {
    const endedOn = dateInput({ name: 'endedOn', value: todayInChina() });
    const { reason, element } = reasonField('终止理由');
    return confirmForm(ctx, {
      title: `终止：${record.title}`,
      level: 4,
      fields: [field(endedOn, { label: '终止日期', path: 'endedOn', required: true, hint: '记录不再生效的第一天；日期在今后的，到那天前仍为有效。' }), element],
      confirm: '确认终止',
      check: () => [...(endedOn.value ? [] : [{ path: 'endedOn', message: '请选择终止日期' }]), ...needReason(reason)],
      summary: () => [h('p', null, `记录“${record.title}”（${record.documentNo}）自 ${endedOn.value} 起不再生效。终止日期确定后不能改为其他日期。`), h('p', null, `理由：${reason.value.trim()}`)],
      send: async () => done(await post('end', { endedOn: endedOn.value, reason: reason.value.trim() }), `已终止记录“${record.title}”，自 ${endedOn.value} 起不再生效。`),
      onCancel: close,
    });
  }

  function repairForm() {
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
      send: async () => done(await post('repair', { reason: reason.value.trim(), repairCommitment: true, correctedOn: correctedOn.value }), `已完成信用修复：“${record.title}”。`),
      onCancel: close,
    });
  }

  function correctForm() {
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
    const { reason, element } = reasonField('更正理由');
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
    return confirmForm(ctx, {
      title: `更正：${record.title}`,
      level: 4,
      fields: [h('p', { class: 'hint' }, '文书号、名单、主体和记录类型不能更正；如有错误，请撤销后以正确的文书号重新录入。'), h('div', { class: 'form-grid' }, fields), element],
      confirm: '确认更正',
      check: () => {
        const problems: FieldError[] = [];
        const amount = controls.fineAmount?.value.trim();
        if (amount && !(Number(amount) >= 0)) problems.push({ path: 'changes.fineAmount', message: '应为不小于 0 的金额（元）' });
        if (!problems.length && Object.keys(changes()).length === 0) problems.push({ path: 'changes.title', message: '没有修改任何内容' });
        return [...problems, ...needReason(reason)];
      },
      summary: () => {
        const c = changes();
        return [
          h('p', null, `将更正记录“${record.title}”（${record.documentNo}）：`),
          h('ul', null, Object.entries(c).map(([f, v]) => h('li', null, `${RECORD_FIELDS[f] ?? f}：${valueText(f, (record as unknown as Record<string, unknown>)[f])} → ${valueText(f, v)}`))),
          h('p', null, `理由：${reason.value.trim()}`),
        ];
      },
      send: async () => {
        const c = changes();
        if (Object.keys(c).length === 0) throw new ApiProblem(400, '没有修改任何内容。');
        done(await post('correct', { changes: c, reason: reason.value.trim() }), `已更正记录“${record.title}”。`);
      },
      onCancel: close,
    });
  }

  draw();
  return item;
}
