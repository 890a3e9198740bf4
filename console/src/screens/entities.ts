import { ApiProblem } from '../api.ts';
import { code, fill, h } from '../dom.ts';
import { clearFieldErrors, field, input, select } from '../forms.ts';
import { ENTITY_FIELDS, ENTITY_KINDS, ENTITY_STATUSES } from '../labels.ts';
import { changeHistory, entityFacts, normaliseId, REGISTRATION_KEEPER, type Entity } from '../parts/entity-view.ts';
import { dateInput } from '../parts/controls.ts';
import { explained } from '../parts/explain.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

/**
 * 主体登记: look an entity up by its code (GET /v1/entities/{id}) — its fields, risk class, current lists
 * and every change — and register it, change it, or complete a provisional one (PUT /v1/entities/{id}).
 * The first PUT registers it for the caller's department; later ones only that department or an admin
 * may make; a provisional entity (registered by an import from a record's name and code) only the
 * registration keeper (MARKET) or an admin completes, becoming its registrar.
 */

/** 主体登记: find an entity by its code; an unregistered code opens its registration. */
export function renderEntities(ctx: ScreenContext) {
  const id = input({ name: 'id', maxlength: '64', spellcheck: 'false', inputmode: 'latin' });
  const form = h(
    'form',
    { class: 'panel', id: 'entity-lookup', novalidate: true, 'aria-labelledby': 'entity-lookup-title' },
    h('h2', { id: 'entity-lookup-title' }, '查询或登记主体'),
    field(id, { label: '统一社会信用代码或身份证号', path: 'id', required: true, hint: '已登记的显示登记信息、风险分类、名单和变更记录；未登记的可在此登记。' }),
    h('p', null, h('button', { type: 'submit' }, '查询')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const value = normaliseId(id.value);
    if (!value) return ctx.problem(new ApiProblem(400, '请填写主体代码。', [{ path: 'id', message: '必填' }]), form);
    ctx.navigate(`entities/${encodeURIComponent(value)}`);
  });
  ctx.root.append(h('p', { class: 'lead' }, '登记市场主体、组织和自然人，或查看、修改本部门登记的主体。批量导入临时登记的主体由市场监管部门补全。'), form);
}

/** 主体登记 of one code: the entity and its changes, with the form that changes it; or its registration. */
export async function renderEntity(ctx: ScreenContext) {
  const id = normaliseId(ctx.params.id ?? '');
  let entity: Entity | undefined;
  try {
    entity = await ctx.api.get<Entity>(`/v1/entities/${encodeURIComponent(id)}`);
  } catch (error) {
    if (!(error instanceof ApiProblem && error.status === 404)) throw error;
  }
  if (ctx.signal.aborted) return;
  draw(ctx, id, entity);
  if (ctx.query.get('saved')) {
    ctx.announce(`已登记主体：${entity?.name ?? id}。`, 'success');
    history.replaceState(null, '', href(`entities/${encodeURIComponent(id)}`));
  } else {
    ctx.announce(entity ? `已读取主体“${entity.name}”，变更 ${entity.changes.length} 次。` : `主体 ${id} 尚未登记，可在下方登记。`);
  }
}

function mayChange(ctx: ScreenContext, entity: Entity) {
  if (ctx.can('admin')) return true;
  if (!ctx.can('recorder')) return false;
  return entity.provisional ? ctx.session.dept === REGISTRATION_KEEPER : entity.registeredBy === ctx.session.dept;
}

function draw(ctx: ScreenContext, id: string, entity: Entity | undefined) {
  ctx.heading.textContent = entity ? `主体登记：${entity.name}` : '主体登记：登记新主体';
  document.title = `${ctx.heading.textContent} — 部门工作台`;
  const back = h('p', { class: 'crumbs' }, h('a', { href: href('entities') }, '查询其他主体'), entity && ctx.can('recorder') ? [' · ', h('a', { href: href('records', { subject: entity.id }) }, '查看信用记录')] : null);
  if (!entity) {
    fill(ctx.root, back, h('p', { class: 'empty', id: 'entity-missing' }, '代码 ', code(id), ' 尚未登记。填写下列信息登记主体，登记部门为本部门。'), entityForm(ctx, id, undefined));
    return;
  }
  const changeable = mayChange(ctx, entity);
  fill(
    ctx.root,
    back,
    entityFacts(ctx, entity),
    changeHistory(ctx, entity),
    changeable
      ? entityForm(ctx, id, entity)
      : h('p', { class: 'muted' }, entity.provisional ? `临时登记的主体由${ctx.catalogue.departmentName(REGISTRATION_KEEPER)}或管理员补全。` : `该主体由${ctx.catalogue.departmentName(entity.registeredBy)}登记，只有该部门或管理员可以修改。`),
  );
}

/** The registration (no entity yet) or change form; saving reads the entity back and draws it again. */
function entityForm(ctx: ScreenContext, id: string, entity: Entity | undefined) {
  const options = (table: Record<string, string>) => Object.entries(table).map(([value, label]) => ({ value, label }));
  const idInput = input({ name: 'id', maxlength: '64', spellcheck: 'false', value: id });
  const kind = select(options(ENTITY_KINDS), { name: 'kind' }, entity ? undefined : '请选择');
  const name = input({ name: 'name', maxlength: '200' });
  const region = input({ name: 'region', maxlength: '6', inputmode: 'numeric', pattern: '\\d{6}' });
  const industry = input({ name: 'industry', maxlength: '5', spellcheck: 'false' });
  const status = select(options(ENTITY_STATUSES), { name: 'status' });
  const establishedOn = dateInput({ name: 'establishedOn' });
  const legal = input({ name: 'legalRepresentativeId', maxlength: '64', spellcheck: 'false' });
  if (entity) {
    kind.value = entity.kind;
    name.value = entity.name;
    region.value = entity.region;
    industry.value = entity.industry ?? '';
    status.value = entity.status;
    establishedOn.value = entity.establishedOn ?? '';
    legal.value = entity.legalRepresentativeId ?? '';
  }
  const industryField = field(industry, { label: '行业代码', path: 'industry', required: true, hint: '国民经济行业分类（GB/T 4754），如 C13、I65；自然人不填。' });
  const legalField = field(legal, { label: '法定代表人身份证号', path: 'legalRepresentativeId', hint: '有效的居民身份证号；该自然人无须先登记。' });
  const byKind = () => {
    const person = kind.value === 'person';
    industry.required = !person;
    industryField.querySelector<HTMLElement>('.req')!.hidden = person;
    legalField.hidden = person;
  };
  kind.addEventListener('change', byKind);
  byKind();
  const completing = entity?.provisional === true;
  const button = h('button', { type: 'submit' }, !entity ? '登记' : completing ? '补全登记' : '保存修改');
  const titleId = entity ? 'entity-form-title' : 'entity-register-title';
  const form = h(
    'form',
    { class: 'panel', id: 'entity-form', novalidate: true, 'aria-labelledby': titleId },
    h('h2', { id: titleId }, !entity ? '登记主体' : completing ? '补全临时登记' : '修改登记信息'),
    h(
      'div',
      { class: 'form-grid' },
      entity ? null : field(idInput, { label: '统一社会信用代码或身份证号', path: 'id', required: true, hint: '企业、组织为 18 位统一社会信用代码，自然人为 18 位居民身份证号。' }),
      field(kind, { label: '主体类别', path: 'kind', required: true }),
      field(name, { label: '名称', path: 'name', required: true, hint: '自然人填写姓名。' }),
      field(region, { label: '行政区划代码', path: 'region', required: true, hint: '6 位数字（GB/T 2260），如 120116。' }),
      industryField,
      field(status, { label: '登记状态', path: 'status', required: true }),
      field(establishedOn, { label: '成立日期', path: 'establishedOn' }),
      legalField,
    ),
    h('p', null, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const target = entity ? id : normaliseId(idInput.value);
    if (!target) return ctx.problem(new ApiProblem(400, '请填写主体代码。', [{ path: 'id', message: '必填' }]), form);
    const person = kind.value === 'person';
    const body: Record<string, string> = { kind: kind.value, name: name.value.trim(), region: region.value.trim(), status: status.value };
    if (industry.value.trim() && !person) body.industry = industry.value.trim().toUpperCase();
    if (establishedOn.value) body.establishedOn = establishedOn.value;
    if (legal.value.trim() && !person) body.legalRepresentativeId = normaliseId(legal.value);
    if (!kind.value) delete body.kind;
    button.disabled = true;
    ctx.announce(entity ? '正在保存…' : '正在登记…');
    try {
      await ctx.api.put<Entity>(`/v1/entities/${encodeURIComponent(target)}`, body);
      if (!entity) {
        ctx.navigate(`entities/${encodeURIComponent(target)}?saved=1`);
        return;
      }
      const fresh = await ctx.api.get<Entity>(`/v1/entities/${encodeURIComponent(target)}`);
      if (ctx.signal.aborted) return;
      draw(ctx, target, fresh);
      const last = fresh.changes.at(-1);
      const changed = fresh.version !== entity.version && last ? Object.keys(last.fields).map((f) => ENTITY_FIELDS[f] ?? f).join('、') : '';
      ctx.announce(changed ? `已保存：${fresh.name}，变更了${changed}。` : '内容没有变化，未产生新的变更记录。', 'success');
      document.getElementById('entity-title')?.focus();
    } catch (error) {
      ctx.problem(explained(error, ctx.catalogue), form);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
