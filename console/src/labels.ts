import type { Role } from './session.ts';

/** The Chinese words for the API's codes, in one place. */

export const ROLE_NAMES: Record<Role, string> = {
  recorder: '信息录入',
  checker: '信用核查',
  planner: '抽查计划',
  inspector: '检查人员',
  auditor: '信用主管（审阅）',
  admin: '系统管理',
};

export const VERDICTS: Record<string, { label: string; tone: string; explain: string }> = {
  restrict: { label: '限制', tone: 'bad', explain: '存在必须执行的惩戒措施，应依法限制。' },
  caution: { label: '提示', tone: 'warn', explain: '主体在失信名单上，无必须执行的惩戒措施，请审慎办理。' },
  reward: { label: '激励', tone: 'good', explain: '主体在守信名单上，可适用激励措施。' },
  clear: { label: '通过', tone: 'ok', explain: '未发现名单记录。' },
};

export const VIA: Record<string, string> = { self: '主体本身', legalRepresentative: '法定代表人' };
export const MEASURE_KINDS: Record<string, string> = { punish: '惩戒', reward: '激励' };
export const FORCES: Record<string, string> = { mandatory: '必须执行', reference: '参考执行', market: '市场性约束' };
export const OUTCOMES: Record<string, string> = { applied: '已采用', 'not-applied': '未采用' };
export const LIST_KINDS: Record<string, string> = { black: '失信', red: '守信' };

const TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant in China Standard Time, as people read it. */
export const formatInstant = (iso: string) => TIME.format(new Date(iso));

/** A rate 0–1 as a percentage with one decimal; null → —. */
export const formatRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

// records, entities, commitments, approvals, imports and memoranda

// inspectors, plans, results and supervision tasks
