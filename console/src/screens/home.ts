import { h } from '../dom.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import { SCREENS } from '../screens.ts';

/** The start screen: who is signed in and the screens the roles open, each with a line on what it is for. */
const PURPOSE: Record<string, string> = {
  check: '查询申请人是否在失信或守信名单上，以及本部门在该事项上应执行的奖惩措施，并逐项反馈。',
  awaiting: '本部门已返回措施、尚未全部反馈的核查，逾期的单独标出。',
  notices: '本部门核查过的主体名单状态变化等推送通知。',
  ledger: '按部门和月份统计核查、返回措施和反馈情况。',
  checks: '按核查编号查看一次核查的结果和反馈记录。',
};

export function renderHome(ctx: ScreenContext) {
  const { session, catalogue } = ctx;
  const open = SCREENS.filter((s) => s.route && s.nav !== false && !s.route.includes(':') && (s.roles === 'any' || ctx.can(...s.roles)));
  ctx.root.append(
    h('p', { class: 'lead' }, `${catalogue.departmentName(session.dept)}，${session.sub}，欢迎使用部门工作台。`),
    open.length
      ? h('ul', { class: 'screen-list' }, open.map((s) => h('li', null, h('a', { href: href(s.route) }, s.title), PURPOSE[s.route] ? h('span', { class: 'sub' }, PURPOSE[s.route]) : null)))
      : h('p', { class: 'empty' }, '当前账号没有可用的功能，请联系管理员分配角色。'),
  );
}
