import { ApiProblem } from '../api.ts';
import type { CatalogueList } from '../catalogue.ts';
import { code, fill, h } from '../dom.ts';
import { clearFieldErrors, field, input, select } from '../forms.ts';
import { ENTITY_KINDS, LIST_KINDS, nameOf, RECORD_TYPES, SEVERITIES, todayInChina } from '../labels.ts';
import { checkbox, dateInput, textArea } from '../parts/controls.ts';
import { explained } from '../parts/explain.ts';
import { recordCard, type CreditRecord } from '../parts/record-card.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import { normaliseId, type Entity } from '../parts/entity-view.ts';

/**
 * 信用记录: a subject's records (GET /v1/entities/{id}/records) with their status and history, the actions
 * on those of the caller's department (record-card.ts), and the entry of a licence, penalty or listing
 * (POST /v1/records) for the caller's department, the fields shown per type. `#/records?subject=<id>`.
 */

/** What the catalogue says of a list beyond its name (GET /v1/catalogue). */
type ListEntry = CatalogueList & { keeper?: string | null; subjects?: string[] };

export async function renderRecords(ctx: ScreenContext) {
  const subject = normaliseId(ctx.query.get('subject') ?? '');
  ctx.root.append(subjectForm(ctx, subject));
  if (!subject) {
    ctx.root.append(h('p', { class: 'lead' }, '输入主体代码，查看该主体的全部信用记录，录入行政许可、行政处罚或名单，并处理本部门录入的记录。'));
    return;
  }
  const body = h('div', { id: 'records-body' });
  ctx.root.append(body);
  ctx.announce('正在读取信用记录…');
  let entity: Entity;
  try {
    entity = await ctx.api.get<Entity>(`/v1/entities/${encodeURIComponent(subject)}`);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) {
      fill(body, h('p', { class: 'empty' }, '主体 ', code(subject), ' 尚未登记，不能录入记录。', h('a', { href: href(`entities/${encodeURIComponent(subject)}`) }, '去登记该主体')));
      ctx.announce(`主体 ${subject} 尚未登记。`);
      return;
    }
    throw error;
  }
  if (ctx.signal.aborted) return;
  ctx.heading.textContent = `信用记录：${entity.name}`;
  document.title = `${ctx.heading.textContent} — 部门工作台`;

  const list = h('ol', { class: 'record-list', id: 'record-list' });
  const count = h('span', { class: 'count' });
  const empty = h('p', { class: 'empty', hidden: true }, '该主体没有信用记录。');
  let records: CreditRecord[] = [];
  const drawList = () => {
    fill(list, records.map((r) => recordCard(ctx, r, (saved) => (records = records.map((x) => (x.recordId === saved.recordId ? saved : x))))));
    count.textContent = ` ${records.length} 条`;
    empty.hidden = records.length > 0;
    list.hidden = records.length === 0;
  };
  const load = async () => {
    records = (await ctx.api.get<{ records: CreditRecord[] }>(`/v1/entities/${encodeURIComponent(subject)}/records`)).records;
  };
  await load();
  if (ctx.signal.aborted) return;
  drawList();
  fill(
    body,
    h(
      'p',
      { class: 'muted' },
      code(entity.id),
      ` · ${nameOf(ENTITY_KINDS, entity.kind)} · `,
      h('a', { href: href(`entities/${encodeURIComponent(entity.id)}`) }, '登记信息'),
      entity.lists?.length ? ` · 当前名单：${entity.lists.map((l) => ctx.catalogue.listName(l)).join('、')}` : null,
    ),
    h('section', { class: 'records-section', 'aria-labelledby': 'records-title' }, h('h2', { id: 'records-title' }, '全部记录', count), list, empty),
    entryForm(ctx, entity, async (saved, repeated) => {
      await load();
      if (ctx.signal.aborted) return;
      drawList();
      ctx.announce(repeated ? `该文书号的记录已录入过，内容相同，未重复录入：“${saved.title}”。` : `已录入${nameOf(RECORD_TYPES, saved.type)}“${saved.title}”（${saved.documentNo}）。`, 'success');
      list.querySelector<HTMLElement>(`[data-record="${saved.recordId}"] h3`)?.focus();
    }, () => records),
  );
  ctx.announce(`已读取 ${entity.name} 的信用记录 ${records.length} 条。`);
}

function subjectForm(ctx: ScreenContext, subject: string) {
  const id = input({ name: 'subject', maxlength: '64', spellcheck: 'false', inputmode: 'latin', value: subject });
  const form = h(
    'form',
    { class: 'toolbar', id: 'records-subject', novalidate: true, 'aria-label': '选择主体' },
    field(id, { label: '主体代码（统一社会信用代码或身份证号）', path: 'subject', required: true }),
    h('button', { type: 'submit' }, '查看记录'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const value = normaliseId(id.value);
    if (!value) return ctx.problem(new ApiProblem(400, '请填写主体代码。', [{ path: 'subject', message: '必填' }]), form);
    location.hash = href('records', { subject: value });
  });
  return form;
}

const TITLE_HINTS: Record<string, string> = {
  licence: '许可证件或许可事项名称，如“食品经营许可证”。',
  penalty: '违法行为类型或处罚事由。',
  listing: '列入名单的事由。',
};

function entryForm(ctx: ScreenContext, entity: Entity, onSaved: (record: CreditRecord, repeated: boolean) => Promise<void>, current: () => CreditRecord[]) {
  const dept = ctx.session.dept;
  const lists = (ctx.catalogue.lists as ListEntry[]).filter((l) => (!l.keeper || l.keeper === dept) && (!l.subjects || l.subjects.includes(entity.kind)));
  const type = select(Object.entries(RECORD_TYPES).filter(([t]) => t === 'licence' || t === 'penalty' || t === 'listing').map(([value, label]) => ({ value, label })), { name: 'type' });
  type.value = 'penalty';
  const listCode = select(lists.map((l) => ({ value: l.code, label: `${l.name}（${LIST_KINDS[l.kind]}）` })), { name: 'listCode' }, lists.length ? '请选择名单' : '没有可用的名单');
  const documentNo = input({ name: 'documentNo', maxlength: '200' });
  const decidedOn = dateInput({ name: 'decidedOn', value: todayInChina() });
  const title = input({ name: 'title', maxlength: '200' });
  const severity = select(Object.entries(SEVERITIES).map(([value, label]) => ({ value, label })), { name: 'severity' });
  severity.value = 'general';
  const warning = checkbox('仅警告（不公示）', { name: 'warningOnly', 'data-path': 'warningOnly' });
  const fineAmount = input({ name: 'fineAmount', inputmode: 'decimal', maxlength: '16' });
  const publicUntil = dateInput({ name: 'publicUntil' });
  const validUntil = dateInput({ name: 'validUntil' });
  const legalBasis = textArea({ name: 'legalBasis', maxlength: '1000', rows: '2' });
  const content = textArea({ name: 'content' });

  const titleField = field(title, { label: '事项名称', path: 'title', required: true, hint: TITLE_HINTS.penalty! });
  const only: [HTMLElement, string[]][] = [
    [field(listCode, { label: '名单', path: 'listCode', required: true, hint: `本部门可列入${nameOf(ENTITY_KINDS, entity.kind)}的名单：认定部门为本部门或不限部门的名单。` }), ['listing']],
    [field(severity, { label: '严重程度', path: 'severity', hint: '决定最长公示期：轻微 3 个月（不公示）、一般 1 年、严重 3 年。' }), ['penalty']],
    [warning.element, ['penalty']],
    [field(fineAmount, { label: '罚款金额（元）', path: 'fineAmount', hint: '以元为单位；没有罚款的不填。' }), ['penalty']],
    [field(publicUntil, { label: '公示截止日期', path: 'publicUntil', hint: '不公示的第一天；可缩短、不得延长最长公示期，不填按严重程度计算。' }), ['penalty']],
    [field(validUntil, { label: '有效期至', path: 'validUntil', hint: '不再生效的第一天；不填表示长期有效（名单至移出为止）。' }), ['licence', 'listing']],
  ];
  const byType = () => {
    for (const [el, types] of only) el.hidden = !types.includes(type.value);
    fill(titleField.querySelector('.hint')!, TITLE_HINTS[type.value] ?? '');
  };
  type.addEventListener('change', byType);
  byType();

  const button = h('button', { type: 'submit' }, '录入');
  const form = h(
    'form',
    { class: 'panel', id: 'record-form', novalidate: true, 'aria-labelledby': 'record-form-title' },
    h('h2', { id: 'record-form-title' }, '录入信用记录'),
    h('p', { class: 'hint' }, `录入部门为${ctx.catalogue.departmentName(dept)}。同一文书号再次提交相同内容不会重复录入。`),
    h(
      'div',
      { class: 'form-grid' },
      field(type, { label: '记录类型', path: 'type', required: true }),
      only[0]![0],
      field(documentNo, { label: '文书号', path: 'documentNo', required: true, hint: '决定书或许可证件的文号。' }),
      field(decidedOn, { label: '决定日期', path: 'decidedOn', required: true }),
      titleField,
      only.slice(1).map(([el]) => el),
    ),
    field(legalBasis, { label: '法律依据', path: 'legalBasis' }),
    field(content, { label: '内容', path: 'content', hint: '处罚内容、许可内容或列入情形。' }),
    h('p', null, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const t = type.value;
    const body: Record<string, unknown> = { subjectId: entity.id, type: t, documentNo: documentNo.value.trim(), decidedOn: decidedOn.value, title: title.value.trim() };
    const text = (name: string, el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) => {
      if (el.value.trim()) body[name] = el.value.trim();
    };
    if (t === 'listing') text('listCode', listCode);
    if (t === 'penalty') {
      body.severity = severity.value;
      if (warning.box.checked) body.warningOnly = true;
      const amount = fineAmount.value.trim().replace(/[,，\s]/g, '');
      if (amount) {
        if (!(Number(amount) >= 0)) return ctx.problem(new ApiProblem(400, '请按提示修改。', [{ path: 'fineAmount', message: '应为不小于 0 的金额（元）' }]), form);
        body.fineAmount = Number(amount);
      }
      text('publicUntil', publicUntil);
    } else text('validUntil', validUntil);
    text('legalBasis', legalBasis);
    text('content', content);
    const known = new Set(current().map((r) => r.recordId));
    button.disabled = true;
    ctx.announce('正在录入…');
    try {
      const saved = await ctx.api.post<CreditRecord>('/v1/records', body);
      for (const el of [documentNo, title, fineAmount, publicUntil, validUntil, legalBasis, content]) el.value = '';
      warning.box.checked = false;
      await onSaved(saved, known.has(saved.recordId));
    } catch (error) {
      ctx.problem(explained(error, ctx.catalogue), form);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
