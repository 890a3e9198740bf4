import { code, h } from '../dom.ts';
import { ENTITY_FIELDS, ENTITY_KINDS, ENTITY_STATUSES, formatInstant, LIST_KINDS, nameOf, RISK_CLASSES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';

/** An entity's registration as 主体登记 shows it: its fields, risk class and lists, and every change of its fields. */

export interface EntityChange {
  at: string;
  by: string;
  department: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}
export interface Entity {
  id: string;
  kind: 'enterprise' | 'organization' | 'person';
  name: string;
  region: string;
  industry?: string;
  status: string;
  establishedOn?: string;
  legalRepresentativeId?: string;
  registeredBy: string;
  provisional?: true;
  updatedAt: string;
  updatedBy: string;
  updatedByDepartment: string;
  version: number;
  changes: EntityChange[];
  riskClass?: string;
  lists?: string[];
}

export const REGISTRATION_KEEPER = 'MARKET';

/** The id as the service normalises it (upper case, spaces and hyphens removed). */
export const normaliseId = (raw: string) => raw.trim().replace(/[\s-]+/g, '').toUpperCase();

const shown = (field: string, value: unknown, ctx: ScreenContext): string => {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'kind') return nameOf(ENTITY_KINDS, String(value));
  if (field === 'status') return nameOf(ENTITY_STATUSES, String(value));
  if (field === 'registeredBy') return ctx.catalogue.departmentName(String(value));
  if (field === 'provisional') return value ? '是' : '否';
  return String(value);
};

export function entityFacts(ctx: ScreenContext, e: Entity) {
  const fact = (label: string, ...value: (Node | string)[]) => h('div', null, h('dt', null, label), h('dd', null, ...value));
  return h(
    'section',
    { class: 'panel entity-view', 'aria-labelledby': 'entity-title' },
    h('h2', { id: 'entity-title', tabindex: '-1' }, '登记信息', e.provisional ? h('span', { class: 'tag tag-warn' }, '临时登记') : null),
    e.provisional
      ? h('p', { class: 'provisional-note' }, `该主体由批量导入根据记录中的名称和代码临时登记：类别和行政区划由代码推定，没有行业代码。由${ctx.catalogue.departmentName(REGISTRATION_KEEPER)}或管理员补全后，补全部门成为其登记部门。`)
      : null,
    h(
      'dl',
      { class: 'facts plan-facts' },
      fact('代码', code(e.id)),
      fact('名称', e.name),
      fact('主体类别', nameOf(ENTITY_KINDS, e.kind)),
      fact('行政区划代码', e.region),
      fact('行业代码', e.industry ?? '—'),
      fact('登记状态', nameOf(ENTITY_STATUSES, e.status)),
      fact('成立日期', e.establishedOn ?? '—'),
      e.kind === 'person' ? null : fact('法定代表人', e.legalRepresentativeId ? code(e.legalRepresentativeId) : '—'),
      fact('登记部门', ctx.catalogue.departmentName(e.registeredBy)),
      fact('风险分类', e.riskClass ? nameOf(RISK_CLASSES, e.riskClass) : '—', h('span', { class: 'sub' }, '内部使用，不对外公开')),
      fact(
        '当前名单',
        ...(e.lists?.length
          ? e.lists.map((l) => {
              const list = ctx.catalogue.lists.find((x) => x.code === l);
              return h('span', { class: 'list-name' }, ctx.catalogue.listName(l), list ? h('span', { class: `tag tag-${list.kind}` }, LIST_KINDS[list.kind]!) : null);
            })
          : ['无']),
      ),
      fact('最后更新', `${formatInstant(e.updatedAt)}（${e.updatedBy}，${ctx.catalogue.departmentName(e.updatedByDepartment)}）`),
    ),
  );
}

export function changeHistory(ctx: ScreenContext, e: Entity) {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'entity-changes-title' },
    h('h2', { id: 'entity-changes-title' }, '变更记录', h('span', { class: 'count' }, ` ${e.changes.length} 次`)),
    e.changes.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'records entity-changes' },
            h('caption', { class: 'visually-hidden' }, '主体登记信息的每次变更，最早的在前'),
            h('thead', null, h('tr', null, ['时间', '修改人', '部门', '变更内容'].map((t) => h('th', { scope: 'col' }, t)))),
            h(
              'tbody',
              null,
              e.changes.map((c) =>
                h(
                  'tr',
                  null,
                  h('td', { 'data-label': '时间', class: 'date' }, formatInstant(c.at)),
                  h('td', { 'data-label': '修改人' }, c.by),
                  h('td', { 'data-label': '部门' }, ctx.catalogue.departmentName(c.department)),
                  h(
                    'td',
                    { 'data-label': '变更内容' },
                    h(
                      'ul',
                      { class: 'change-fields' },
                      Object.entries(c.fields).map(([f, v]) => h('li', null, `${ENTITY_FIELDS[f] ?? f}：${shown(f, v.from, ctx)} → ${shown(f, v.to, ctx)}`)),
                    ),
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, '登记以来没有变更。'),
  );
}
