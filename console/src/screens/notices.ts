import { code, h } from '../dom.ts';
import { formatInstant } from '../labels.ts';
import { pager } from '../parts/pager.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

interface Notice {
  noticeId: string;
  subjectId: string;
  reason: string;
  at: string;
  checkIds: string[];
  listCode?: string;
}

/** 通知: the department's notices (GET /v1/notices), newest first, a page at a time. */
export async function renderNotices(ctx: ScreenContext) {
  const list = h('ol', { class: 'notice-list plan-list' });
  const empty = h('p', { class: 'empty', hidden: true }, '暂无通知。本部门近 30 日核查过的主体名单状态变化时，会在这里收到通知。');
  const pages = pager<Notice>(ctx, {
    label: '通知',
    load: async (cursor) => {
      const page = await ctx.api.get<{ notices: Notice[]; nextCursor?: string }>('/v1/notices', { limit: 20, cursor });
      return { items: page.notices, nextCursor: page.nextCursor };
    },
    draw: (notices) =>
      notices.map((n) =>
        h(
          'li',
          null,
          h('p', { class: 'plan-title' }, n.reason),
          h(
            'dl',
            { class: 'plan-meta' },
            h('div', null, h('dt', null, '时间'), h('dd', null, formatInstant(n.at))),
            h('div', null, h('dt', null, '主体'), h('dd', null, code(n.subjectId))),
            n.listCode ? h('div', null, h('dt', null, '名单'), h('dd', null, ctx.catalogue.listName(n.listCode))) : null,
            n.checkIds.length
              ? h(
                  'div',
                  null,
                  h('dt', null, '相关核查'),
                  h('dd', null, n.checkIds.map((id, i) => [i ? '、' : '', h('a', { href: href(`checks/${encodeURIComponent(id)}`) }, code(id))])),
                )
              : null,
          ),
        ),
      ),
  });
  ctx.root.append(h('p', { class: 'lead' }, '本部门核查过的主体在核查后 30 日内名单状态发生变化（列入、移出、撤销、修复、更正），或监管发现涉及本部门的审批时，系统推送通知，最新的在前。'), list, empty, h('p', null, pages.more));
  await pages.start(list);
  empty.hidden = pages.count() > 0;
  list.hidden = pages.count() === 0;
}
