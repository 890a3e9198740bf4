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
export const ENTITY_KINDS: Record<string, string> = { enterprise: '企业', organization: '机关、事业单位或社会组织', person: '自然人' };
export const ENTITY_STATUSES: Record<string, string> = { active: '存续', revoked: '吊销', cancelled: '注销' };
export const ENTITY_FIELDS: Record<string, string> = {
  kind: '主体类别',
  name: '名称',
  region: '行政区划代码',
  industry: '行业代码',
  status: '登记状态',
  establishedOn: '成立日期',
  legalRepresentativeId: '法定代表人身份证号',
  provisional: '临时登记',
  registeredBy: '登记部门',
};
export const RISK_CLASSES: Record<string, string> = { A: 'A 类（低风险）', B: 'B 类（一般风险）', C: 'C 类（较高风险）', D: 'D 类（高风险）' };
export const RECORD_TYPES: Record<string, string> = { licence: '行政许可', penalty: '行政处罚', listing: '名单', inspection: '检查结果', commitment: '信用承诺' };
export const RECORD_STATUSES: Record<string, string> = { active: '有效', ended: '已终止', retracted: '已撤销', repaired: '已修复', expired: '已届满' };
export const SEVERITIES: Record<string, string> = { minor: '轻微', general: '一般', serious: '严重' };
export const RECORD_ACTIONS: Record<string, string> = { created: '录入', retracted: '撤销', ended: '终止', repaired: '信用修复', verified: '核查履约', corrected: '更正' };
export const RECORD_FIELDS: Record<string, string> = {
  subjectId: '主体代码',
  type: '记录类型',
  documentNo: '文书号',
  decidedOn: '决定日期',
  title: '事项名称',
  listCode: '名单',
  severity: '严重程度',
  warningOnly: '仅警告',
  fineAmount: '罚款金额（元）',
  legalBasis: '法律依据',
  content: '内容',
  publicUntil: '公示截止日期',
  validUntil: '有效期至',
  endedOn: '终止日期',
  correctedOn: '纠正失信行为日期',
  reason: '理由',
};
export const COMMITMENT_TYPES: Record<string, string> = {
  APPROVAL_REPLACEMENT: '审批替代型',
  MISSING_DOCUMENTS: '容缺受理型',
  CERTIFICATE: '证明事项型',
  CREDIT_REPAIR: '信用修复型',
  SELF_DISCIPLINE: '行业自律型',
  VOLUNTARY: '主动型',
};
export const COMMITMENT_STATUSES: Record<string, string> = { open: '未到期', overdue: '已逾期', verified: '已核查' };
export const VERIFICATION_OUTCOMES: Record<string, string> = { fulfilled: '已履行', partly: '部分履行', unfulfilled: '未履行' };
export const APPROVAL_DECISIONS: Record<string, string> = { granted: '准予许可', denied: '不予许可' };
export const TASK_STATUSES: Record<string, string> = { open: '待监管', overdue: '已逾期', done: '已完成' };
export const TASK_OUTCOMES: Record<string, string> = { compliant: '合规', 'non-compliant': '不合规' };
export const IMPORT_STATUSES: Record<string, string> = { waiting: '等待上传', running: '导入中', done: '已完成', failed: '失败' };
export const IMPORT_COUNTS: Record<string, string> = { read: '读取', created: '新增', unchanged: '未变化', conflicting: '冲突', rejected: '驳回', registered: '临时登记主体' };

/** Today's date in China Standard Time (YYYY-MM-DD), the service's "today". */
export const todayInChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A label of one of the tables above, or the code itself. */
export const nameOf = (table: Record<string, string>, code: string | undefined | null) => (code ? (table[code] ?? code) : '—');

// inspectors, plans, results and supervision tasks
export const PLAN_STATUS_NAMES: Record<string, string> = { freezing: '冻结中', failed: '冻结失败', frozen: '已冻结', drawing: '抽取中', drawn: '已抽取' };
export const PLAN_MODE_NAMES: Record<string, string> = { routine: '常规', 'key-item': '重点' };
/** The result codes of DOMAIN.md §6, as the published results name them. */
export const PLAN_RESULT_OUTCOMES: Record<string, string> = {
  NO_ISSUE: '未发现问题',
  NOT_PUBLISHED: '未按规定公示应当公示的信息',
  FALSE_INFO: '公示信息隐瞒真实情况弄虚作假',
  UNREACHABLE: '通过登记的住所(经营场所)无法联系',
  CORRECTED: '发现问题已责令改正',
  NON_COOPERATION: '不配合检查情节严重',
  NO_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  CLOSED: '已关闭停业或正在组织清算',
};
/** Results that list the subject on 经营异常名录 at once. */
export const LISTING_OUTCOMES: readonly string[] = ['NOT_PUBLISHED', 'FALSE_INFO', 'UNREACHABLE'];


// Objections (异议) and repair applications (信用修复申请), as the department decides them.
export const PETITION_STATUSES: Record<string, string> = { open: '待处理', overdue: '已逾期', decided: '已办结' };
export const OBJECTION_DECISIONS: Record<string, string> = { upheld: '维持', corrected: '更正', retracted: '撤销' };
export const REPAIR_DECISIONS: Record<string, string> = { approved: '准予修复', rejected: '不予修复' };
