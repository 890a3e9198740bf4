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
  entities: '登记、查看和补全主体登记信息。',
  records: '录入和处理本部门的信用记录：撤销、终止、信用修复、更正。',
  commitments: '受理和核查信用承诺。',
  objections: '对本部门信用记录提出的异议：按期限核实，维持、更正或撤销。',
  'repair-applications': '主体对本部门信用记录的信用修复申请：准予或不予修复。',
  approvals: '推送审批结果并跟踪监管任务。',
  imports: '批量导入本部门的双公示记录，查看进度和退回明细。',
  memoranda: '联合奖惩备忘录及其措施；系统管理员可发布新版本。',
  inspectors: '本部门的检查人员名录：执法领域和回避对象。',
  plans: '双随机抽查计划：创建、冻结名录、抽取样本、录入结果。',
  assignments: '分配给本人的抽查对象，录入检查结果。',
  tasks: '审批后的监管任务，录入监管结果。',
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
