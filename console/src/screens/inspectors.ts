import { ApiProblem } from '../api.ts';
import { code, h } from '../dom.ts';
import { clearFieldErrors, field, input } from '../forms.ts';
import { formatInstant } from '../labels.ts';
import { pager } from '../parts/pager.ts';
import { localizeProblem } from '../parts/plans.ts';
import type { ScreenContext } from '../screen.ts';

interface Inspector {
  id: string;
  department: string;
  name: string;
  certificateNo: string;
  fields: string[];
  conflicts: string[];
  updatedAt: string;
  updatedBy: string;
}

/** Codes typed one a line, or separated by commas, 、 or spaces. */
const listOf = (text: string) => text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

const MESSAGES: Record<string, string> = {
  'must be a unified social credit code with a valid check character (a resident identity number is not accepted)': '须为校验位正确的统一社会信用代码（身份证号不能作为回避对象）',
  'must be a GB/T 4754 industry prefix such as C or C13': '须为国民经济行业分类代码前缀，如 C 或 C13',
  'must name at least one field': '至少填写一个检查领域',
  'must be 1–64 letters, digits, _ or -': '须为 1–64 位字母、数字、下划线或连字符',
};

/**
 * 检查人员名录: the department's inspectors (GET /v1/inspectors, a page at a time) and the form that adds
 * or updates one (PUT /v1/inspectors/{id}). Fields are industry prefixes; conflicts (回避) are unified
 * social credit codes only — a person's identity number is refused (400), shown beside the field with
 * the entry it names. 编辑 on a row loads it into the form.
 */
export async function renderInspectors(ctx: ScreenContext) {
  const id = input({ name: 'id', maxlength: '64', spellcheck: 'false', inputmode: 'latin' });
  const name = input({ name: 'name', maxlength: '100' });
  const certificate = input({ name: 'certificateNo', maxlength: '64' });
  const fields = input({ name: 'fields', spellcheck: 'false' });
  const conflicts = h('textarea', { name: 'conflicts', rows: '3', spellcheck: 'false', class: 'mono-input' });
  const button = h('button', { type: 'submit' }, '保存检查人员');
  const form = h(
    'form',
    { class: 'panel', id: 'inspector-form', novalidate: true, 'aria-labelledby': 'inspector-form-title' },
    h('h2', { id: 'inspector-form-title' }, '录入或更新检查人员'),
    h(
      'div',
      { class: 'form-grid' },
      field(id, { label: '人员编号', path: 'id', required: true, hint: '本部门内唯一，字母、数字、下划线或连字符；检查人员登录账号的用户名即此编号。' }),
      field(name, { label: '姓名', path: 'name', required: true }),
      field(certificate, { label: '执法证号', path: 'certificateNo', required: true }),
      field(fields, { label: '检查领域（行业代码前缀）', path: 'fields', required: true, hint: '国民经济行业分类代码前缀，多个用空格或逗号分隔，如 C13 F5。' }),
    ),
    field(conflicts, { label: '回避对象（统一社会信用代码）', path: 'conflicts', hint: '与本人存在利害关系、须回避的企业或组织，每行一个；不接受身份证号。' }),
    h('p', null, button),
  );

  const body = h('tbody');
  const rows = new Map<string, HTMLTableRowElement>();
  const row = (i: Inspector) => {
    const edit = h('button', { type: 'button', class: 'secondary' }, '编辑', h('span', { class: 'visually-hidden' }, ` ${i.name}`));
    edit.addEventListener('click', () => {
      clearFieldErrors(form);
      id.value = i.id;
      name.value = i.name;
      certificate.value = i.certificateNo;
      fields.value = i.fields.join(' ');
      conflicts.value = i.conflicts.join('\n');
      ctx.announce(`已载入检查人员 ${i.name}（${i.id}），修改后保存。`);
      name.focus();
    });
    const tr = h(
      'tr',
      { 'data-inspector': i.id },
      h('td', { 'data-label': '人员编号' }, code(i.id)),
      h('th', { scope: 'row', 'data-label': '姓名' }, i.name),
      h('td', { 'data-label': '执法证号' }, i.certificateNo),
      h('td', { 'data-label': '检查领域' }, i.fields.join('、')),
      h('td', { 'data-label': '回避对象' }, i.conflicts.length ? i.conflicts.map((c, n) => [n ? h('br') : null, code(c)]) : '—'),
      h('td', { 'data-label': '更新', class: 'date' }, formatInstant(i.updatedAt), h('span', { class: 'sub' }, i.updatedBy)),
      h('td', { 'data-label': '操作' }, edit),
    );
    rows.get(i.id)?.replaceWith(tr);
    rows.set(i.id, tr);
    return tr;
  };
  const list = pager<Inspector>(ctx, {
    label: '检查人员',
    load: async (cursor) => {
      const page = await ctx.api.get<{ inspectors: Inspector[]; nextCursor?: string }>('/v1/inspectors', { limit: 50, cursor });
      return { items: page.inspectors, nextCursor: page.nextCursor };
    },
    draw: (inspectors) => inspectors.map(row),
  });
  const table = h(
    'table',
    { class: 'records inspectors' },
    h('caption', null, `${ctx.catalogue.departmentName(ctx.session.dept)}检查人员名录，按编号排列`),
    h('thead', null, h('tr', null, ['人员编号', '姓名', '执法证号', '检查领域', '回避对象', '更新', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const empty = h('p', { class: 'empty', hidden: true }, '本部门尚未录入检查人员。');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const key = id.value.trim();
    const local: { path: string; message: string }[] = [];
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) local.push({ path: 'id', message: key ? MESSAGES['must be 1–64 letters, digits, _ or -']! : '必填' });
    for (const [control, path] of [[name, 'name'], [certificate, 'certificateNo'], [fields, 'fields']] as const) if (!control.value.trim()) local.push({ path, message: '必填' });
    if (local.length) return ctx.problem(new ApiProblem(400, '请补全检查人员信息。', local), form);
    const sent = { name: name.value.trim(), certificateNo: certificate.value.trim(), fields: listOf(fields.value), conflicts: listOf(conflicts.value) };
    button.disabled = true;
    try {
      const known = rows.has(key);
      const saved = await ctx.api.put<Inspector>(`/v1/inspectors/${encodeURIComponent(key)}`, sent);
      const tr = row(saved);
      if (!tr.isConnected) body.append(tr);
      table.hidden = false;
      empty.hidden = true;
      ctx.announce(`已${known ? '更新' : '保存'}检查人员 ${saved.name}（${saved.id}），检查领域 ${saved.fields.join('、')}，回避对象 ${saved.conflicts.length} 个。`, 'success');
      form.reset();
      id.focus();
    } catch (error) {
      ctx.problem(
        error instanceof ApiProblem && error.status === 403
          ? new ApiProblem(403, '该人员编号已由其他部门登记，请使用本部门的编号。', [{ path: 'id', message: '已由其他部门使用' }])
          : localizeProblem(error, MESSAGES, sent),
        form,
      );
    } finally {
      button.disabled = false;
    }
  });

  ctx.root.append(
    h('p', { class: 'lead' }, '本部门执法检查人员名录库：双随机抽查从中随机选派检查人员，只选派检查领域与企业行业相符、且不在其回避对象中的人员。计划冻结时连同名录一并固定。'),
    form,
    h('h2', null, '本部门检查人员'),
    h('div', { class: 'table-wrap' }, table),
    empty,
    h('p', null, list.more),
  );
  await list.start(body);
  empty.hidden = list.count() > 0;
  table.hidden = list.count() === 0;
}
