import { fill, h, uid } from '../dom.ts';
import { formatInstant, nameOf, RECORD_ACTIONS, RECORD_FIELDS, RECORD_STATUSES, RECORD_TYPES, SEVERITIES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { ACTION_NAMES, actionForm, valueText, type Action } from './record-actions.ts';

/**
 * One credit record as the recorder reads it — what it says, its status today and every event of its
 * history — and, on a record of the caller's own department, its four actions: 撤销 (retract), 终止 (end),
 * 信用修复 (repair) and 更正 (correct), each a two-step form (record-actions.ts).
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

  function open(action: Action) {
    const form = actionForm(ctx, action, record, { done, close });
    fill(actionArea, form);
    form.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  draw();
  return item;
}
