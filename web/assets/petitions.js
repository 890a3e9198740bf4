// 异议申诉 and 信用修复申请 on the lookup page: for each public record, a 提出异议 control (reason, contact) and,
// for a repairable record, 申请信用修复 (correctedOn, the application, the 守信承诺书, contact) — or, before its
// first allowed day (repairableFrom), that day. Each form POSTs with an Idempotency-Key kept while the same
// submission is retried, and answers with the id and tracking code to keep, linked to /track.
import { announce, ApiError, code, h, postJson } from './common.js';

/** Today in China (YYYY-MM-DD): the day the service compares repairableFrom with. */
export function chinaToday() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A fresh Idempotency-Key: 128 random bits, hex. */
export const newKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The 异议处理中 tag of a record with an open objection. */
export const objectionTag = () => h('span', { class: 'tag tag-warn objection-open' }, '异议处理中');

/** The tracking page of an objection or application. */
export const trackHref = (kind, id, trackingCode) => `/track?${kind}=${encodeURIComponent(id)}&code=${encodeURIComponent(trackingCode)}`;

let seq = 0;

/** A labelled control with its hint; the control is the form's field for `path`. */
function labelled(control, label, hint) {
  const id = control.id || `pt-${++seq}`;
  control.id = id;
  control.dataset.path = control.name;
  control.required = true;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label, h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')), control, hintEl);
}

const CONTACT_HINT = '联系方式仅供作出认定的部门核实办理时与您联系，不予公示，也不会出现在查询结果和进度查询中。';

const KINDS = {
  objection: {
    path: '/v1/public/objections',
    noun: '异议',
    idLabel: '异议编号',
    idOf: (r) => r.objectionId,
    messages: {
      400: '提交的内容不符合要求，请检查标出的项目。',
      404: '未找到该记录，无法提出异议。',
      422: '该记录当前已不再公示，不能提出异议。',
    },
  },
  application: {
    path: '/v1/public/repair-applications',
    noun: '信用修复申请',
    idLabel: '申请编号',
    idOf: (r) => r.applicationId,
    messages: {
      400: '提交的内容不符合要求，请检查标出的项目（纠正日期不能晚于今日，也不能早于决定日期）。',
      404: '未找到该记录，无法申请信用修复。',
      422: '该记录当前不能申请信用修复：尚未满最短公示期限，或已不再公示。',
    },
  },
};

/**
 * A petition form (objection or repair application) for one record. `onFiled` is told of a filed objection
 * (the row shows 异议处理中). The same submission retried after a failure reuses its Idempotency-Key, so the
 * service answers with what it may already have filed; any change to the fields is a new submission.
 */
function petitionForm(kind, record, subjectId, status, { fields, body, onFiled, close }) {
  const spec = KINDS[kind];
  const button = h('button', { type: 'submit' }, `提交${spec.noun}`);
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: close }, '取消');
  const titleId = `pt-title-${++seq}`;
  const form = h(
    'form',
    { class: 'petition', novalidate: true, 'aria-labelledby': titleId },
    h('h4', { id: titleId }, kind === 'objection' ? '提出异议' : '申请信用修复', '：', record.title),
    h('p', { class: 'hint' }, '文号 ', h('span', { class: 'docno' }, record.documentNo), kind === 'objection' ? '。异议由作出认定的部门核实处理（谁产生、谁负责），处理期间该记录标注“异议处理中”。' : '。信用修复申请由作出认定的部门审核（谁认定、谁修复）；准予修复的，该记录停止公示。'),
    fields,
    h('p', { class: 'actions' }, button, cancel),
  );
  let pending;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    const missing = [...form.querySelectorAll('[data-path]')].filter((el) => !el.value.trim());
    if (missing.length) {
      for (const el of missing) el.setAttribute('aria-invalid', 'true');
      announce(status, `请填写：${missing.map((el) => form.querySelector(`label[for="${el.id}"]`)?.firstChild?.textContent).join('、')}。`, 'error');
      missing[0].focus();
      return;
    }
    const payload = { recordId: record.recordId, subjectId, ...body() };
    const request = JSON.stringify(payload);
    if (pending?.request !== request) pending = { request, key: newKey() };
    button.disabled = true;
    announce(status, `正在提交${spec.noun}…`);
    try {
      const filed = await postJson(spec.path, payload, { headers: { 'Idempotency-Key': pending.key }, messages: spec.messages });
      pending = undefined;
      const id = spec.idOf(filed);
      const receipt = h(
        'div',
        { class: 'receipt', tabindex: '-1', role: 'group', 'aria-label': `${spec.noun}已提交` },
        h('p', { class: 'receipt-title' }, `${spec.noun}已提交，请妥善保存${spec.idLabel}和查询码`),
        h(
          'dl',
          { class: 'ids' },
          h('div', {}, h('dt', {}, spec.idLabel), h('dd', {}, code(id))),
          h('div', {}, h('dt', {}, '查询码'), h('dd', {}, code(filed.trackingCode))),
          h('div', {}, h('dt', {}, '办理期限'), h('dd', {}, h('time', { datetime: filed.dueBy }, filed.dueBy))),
        ),
        h('p', { class: 'keep' }, `请妥善保存：查询码仅显示这一次，凭${spec.idLabel}和查询码可查询办理进度和结果。`),
        h('p', {}, h('a', { class: 'button', href: trackHref(kind, id, filed.trackingCode) }, '查询办理进度')),
      );
      form.replaceWith(receipt);
      onFiled?.(filed);
      announce(status, h('span', {}, `${spec.noun}已提交：${spec.idLabel} `, code(id), '，查询码 ', code(filed.trackingCode), '。请妥善保存。'), 'success');
      receipt.focus();
    } catch (error) {
      // A request the service refused (other than for its rate) is not retried as it was.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) pending = undefined;
      for (const path of error.fields ?? []) form.querySelector(`[data-path="${path}"]`)?.setAttribute('aria-invalid', 'true');
      announce(status, error instanceof ApiError ? error.message : `${spec.noun}提交失败，请稍后再试。`, 'error');
      button.disabled = false;
      form.querySelector('[aria-invalid="true"]')?.focus();
    }
  });
  return form;
}

function objectionForm(record, subjectId, status, hooks) {
  const reason = h('textarea', { name: 'reason', rows: '4', maxlength: '4000' });
  const contact = h('input', { name: 'contact', type: 'text', maxlength: '200', autocomplete: 'tel' });
  return petitionForm('objection', record, subjectId, status, {
    ...hooks,
    fields: [labelled(reason, '异议理由', '请说明该记录哪里有误及依据，例如已被复议撤销、金额或日期录入错误。'), labelled(contact, '联系方式', CONTACT_HINT)],
    body: () => ({ reason: reason.value.trim(), contact: contact.value.trim() }),
  });
}

function repairForm(record, subjectId, status, hooks) {
  const today = chinaToday();
  const correctedOn = h('input', { name: 'correctedOn', type: 'date', min: record.decidedOn, max: today });
  const application = h('textarea', { name: 'application', rows: '4', maxlength: '4000' });
  const commitment = h('textarea', { name: 'commitment', rows: '4', maxlength: '4000' });
  const contact = h('input', { name: 'contact', type: 'text', maxlength: '200', autocomplete: 'tel' });
  return petitionForm('application', record, subjectId, status, {
    ...hooks,
    fields: [
      labelled(correctedOn, '纠正失信行为日期', `已纠正失信行为、履行相关义务的日期，在 ${record.decidedOn} 至今日之间。`),
      labelled(application, '修复申请书', '说明已纠正失信行为、履行法定义务（如缴清罚款、补报信息）的情况。'),
      labelled(commitment, '守信承诺书', '承诺今后依法守信的内容；提交后记为信用修复型承诺，由作出认定的部门核查履行情况。'),
      labelled(contact, '联系方式', CONTACT_HINT),
    ],
    body: () => ({ correctedOn: correctedOn.value, application: application.value.trim(), commitment: commitment.value.trim(), contact: contact.value.trim() }),
  });
}

/**
 * The cell of a record's row offering 提出异议 and, where the record is repairable, 申请信用修复 (or the day it
 * becomes possible). The form opens in `area` (below the section's table).
 */
export function petitionCell(record, { subjectId, area, status, onObjection }) {
  const today = chinaToday();
  const open = (button, make) => {
    const close = () => {
      area.replaceChildren();
      button.focus();
    };
    const form = make(record, subjectId, status, { close, onFiled: (filed) => onObjection && 'objectionId' in filed && onObjection(record) });
    area.replaceChildren(form);
    form.querySelector('input, textarea')?.focus();
  };
  const objection = h('button', { type: 'button', class: 'secondary small', 'aria-label': `对“${record.title}”提出异议` }, '提出异议');
  objection.addEventListener('click', () => open(objection, objectionForm));
  let repair = null;
  if (record.repairableFrom && record.repairableFrom <= today) {
    repair = h('button', { type: 'button', class: 'secondary small', 'aria-label': `对“${record.title}”申请信用修复` }, '申请信用修复');
    repair.addEventListener('click', () => open(repair, repairForm));
  } else if (record.repairableFrom) {
    repair = h('span', { class: 'sub repair-later' }, '自 ', h('time', { datetime: record.repairableFrom }, record.repairableFrom), ' 起可申请信用修复');
  }
  return h('span', { class: 'petition-actions' }, objection, repair);
}
