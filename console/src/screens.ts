import type { ScreenEntry } from './screen.ts';
import { renderHome } from './screens/home.ts';
import { renderCheck } from './screens/check.ts';
import { renderTrail, renderTrailLookup } from './screens/trail.ts';
import { renderAwaiting } from './screens/awaiting.ts';
import { renderNotices } from './screens/notices.ts';
import { renderLedger } from './screens/ledger.ts';
import { renderEntities, renderEntity } from './screens/entities.ts';
import { renderRecords } from './screens/records.ts';
import { renderCommitments } from './screens/commitments.ts';
import { renderApproval, renderApprovals } from './screens/approvals.ts';
import { renderImports } from './screens/imports.ts';
import { renderMemoranda } from './screens/memoranda.ts';
import { renderInspectors } from './screens/inspectors.ts';
import { renderPlans } from './screens/plans.ts';
import { renderPlan } from './screens/plan.ts';
import { renderAssignments } from './screens/assignments.ts';
import { renderTasks } from './screens/tasks.ts';
import { renderObjections } from './screens/objections.ts';
import { renderRepairApplications } from './screens/repair-applications.ts';

/**
 * Every screen of the workbench: route, Chinese title, the roles that see it, its module. The nav lists
 * them in this order (those the session's roles allow); adding a screen is a module under screens/ and
 * one line here.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { route: '', title: '工作台首页', roles: 'any', render: renderHome },
  { route: 'check', title: '信用核查', roles: ['checker'], render: renderCheck },
  { route: 'awaiting', title: '待反馈', roles: ['checker', 'auditor', 'admin'], render: renderAwaiting },
  { route: 'notices', title: '通知', roles: ['checker'], render: renderNotices },
  { route: 'ledger', title: '反馈台账', roles: ['checker', 'auditor', 'admin'], render: renderLedger },
  { route: 'checks', title: '核查记录查询', roles: ['checker', 'auditor', 'admin'], render: renderTrailLookup },
  { route: 'checks/:checkId', title: '核查记录', roles: ['checker', 'auditor', 'admin'], nav: false, render: renderTrail },
  // recorder and admin screens
  { route: 'entities', title: '主体登记', roles: ['recorder', 'admin'], render: renderEntities },
  { route: 'entities/:id', title: '主体登记', roles: ['recorder', 'admin'], nav: false, render: renderEntity },
  { route: 'records', title: '信用记录', roles: ['recorder'], render: renderRecords },
  { route: 'commitments', title: '信用承诺', roles: ['recorder'], render: renderCommitments },
  { route: 'objections', title: '异议处理', roles: ['recorder'], render: renderObjections },
  { route: 'repair-applications', title: '信用修复申请', roles: ['recorder'], render: renderRepairApplications },
  { route: 'approvals', title: '行政审批', roles: ['recorder'], render: renderApprovals },
  { route: 'approvals/:approvalId', title: '行政审批', roles: ['recorder', 'checker', 'admin'], nav: false, render: renderApproval },
  { route: 'imports', title: '数据导入', roles: ['recorder'], render: renderImports },
  { route: 'memoranda', title: '备忘录目录', roles: ['admin', 'auditor'], render: renderMemoranda },
  // planner, inspector and auditor plan screens
  { route: 'inspectors', title: '检查人员名录', roles: ['planner'], render: renderInspectors },
  { route: 'plans', title: '抽查计划', roles: ['planner', 'inspector', 'auditor'], render: renderPlans },
  { route: 'plans/:planId', title: '计划详情', roles: ['planner', 'inspector', 'auditor'], nav: false, render: renderPlan },
  { route: 'assignments', title: '我的检查任务', roles: ['inspector'], render: renderAssignments },
  { route: 'tasks', title: '监管任务', roles: ['planner', 'inspector'], render: renderTasks },
];
