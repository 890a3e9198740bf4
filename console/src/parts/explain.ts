import { ApiProblem, type FieldError } from '../api.ts';
import type { Catalogue } from '../catalogue.ts';
import { nameOf, SEVERITIES, VERIFICATION_OUTCOMES } from '../labels.ts';

/**
 * The service's reasons in Chinese. A 400 names fields; a 403, 409 or 422 says why in its detail or its
 * field messages (English, written for integrators). The recorder and admin screens show them in Chinese:
 * each pattern below is one rule of the service (functions/domain, functions/use-cases) as a person reads
 * it, with list and department codes named as the catalogue names them. Anything unknown stays as written.
 */
type Rule = [RegExp, (m: RegExpExecArray, c: Catalogue) => string];

const RULES: Rule[] = [
  [/^must be a resident identity number/, () => '应为 18 位居民身份证号（地区码、出生日期、顺序码、校验码），请核对校验码'],
  [/^must be a unified social credit code or a resident identity number/, () => '应为校验码正确的统一社会信用代码或居民身份证号'],
  [/^must be a unified social credit code/, () => '应为 18 位统一社会信用代码，校验码不正确或与主体类别不符'],
  [/^must be a valid resident identity number$/, () => '应为有效的居民身份证号'],
  [/^must be a 6-digit region code/, () => '应为 6 位行政区划代码'],
  [/^must be a GB\/T 4754 code/, () => '应为国民经济行业分类代码，如 C13、I65'],
  [/^is required unless kind is person$/, () => '自然人以外的主体必须填写'],
  [/^is required for a listing$/, () => '名单记录必须选择名单'],
  [/^must be a calendar date/, () => '应为日期（年-月-日）'],
  [/^must not be empty$|^is required$/, () => '必填'],
  [/^must not be in the future$/, () => '不能晚于今天'],
  [/^must not be in the past$/, () => '不能早于今天'],
  [/^must not be negative$/, () => '不能为负数'],
  [/^must not be before (?:decidedOn|the decision) \((\d{4}-\d{2}-\d{2})\)$/, (m) => `不能早于决定日期（${m[1]}）`],
  [/^must be after decidedOn$/, () => '应晚于决定日期'],
  [/^applies to penalties only$/, () => '仅适用于行政处罚'],
  [/^does not apply to penalties/, () => '不适用于行政处罚（请改公示截止日期）'],
  [/^may shorten but not lengthen the (\w+) period \(at most (\d{4}-\d{2}-\d{2})\)$/, (m) => `只能缩短、不能延长${nameOf(SEVERITIES, m[1])}处罚的公示期（最迟 ${m[2]}）`],
  [/^must name at least one field to correct$/, () => '请至少更正一项'],
  [/^must be true: repair needs/, () => '信用修复须有主体作出的信用修复承诺'],
  [/^must be a department code$/, () => '应为部门代码'],
  [/^must name at least one (department|matter|list)$/, (m) => `至少指定一个${m[1] === 'department' ? '部门' : m[1] === 'matter' ? '事项' : '名单'}`],
  [/^must match the path \((.+)\)$/, (m) => `应与所修订的备忘录编号（${m[1]}）一致`],
  [/^measure codes must be unique$/, () => '措施编号不能重复'],
  [/^must hold at least one measure$/, () => '至少包含一项措施'],
  [/^no entity (\S+) is registered$/, (m) => `主体 ${m[1]} 尚未登记，请先在“主体登记”中登记`],
  [/^unknown list\(?s?\)?:? (.+)$/, (m) => `未知的名单：${m[1]}`],
  [/^unknown department\(?s?\)?:? (.+)$/, (m) => `未知的部门：${m[1]}`],
  [/^unknown matter (.+)$/, (m) => `未知的事项：${m[1]}`],
  [/^(\w+) does not take subjects of kind (\w+)$/, (m, c) => `“${c.listName(m[1]!)}”不收录此类主体`],
  [/^Only (\w+) may list subjects on (\w+)$/, (m, c) => `“${c.listName(m[2]!)}”只能由${c.departmentName(m[1]!)}列入`],
  [/^the minimum period for a (\w+) record runs until (\d{4}-\d{2}-\d{2})/, (m) => `${nameOf(SEVERITIES, m[1])}失信记录的最短公示期未满，自 ${m[2]} 起方可申请信用修复`],
  [/^listings on (\w+) are ended by their keeper/, (m, c) => `“${c.listName(m[1]!)}”由认定部门移出名单，不适用信用修复`],
  [/^a red-list membership has nothing to repair$/, () => '守信名单记录无需信用修复'],
  [/^a (\w+) record is not repairable/, () => '只有行政处罚和失信名单记录可以信用修复'],
  [/^a (\w+) record is written by the service itself/, () => '该记录由系统生成，不能在此更正'],
  [/^a record is corrected at most (\d+) times/, (m) => `一条记录最多更正 ${m[1]} 次；请撤销后以正确的文书号重新录入`],
  [/^Record \w+ was already retracted at (\S+)$/, () => '该记录已被撤销，不能再以其他理由撤销'],
  [/^Record \w+ is retracted and cannot be ended$/, () => '该记录已撤销，不能终止'],
  [/^Record \w+ already ends on (\d{4}-\d{2}-\d{2})$/, (m) => `该记录已定于 ${m[1]} 终止，不能改为其他日期`],
  [/^Record \w+ is retracted; there is nothing to repair$/, () => '该记录已撤销，无需信用修复'],
  [/^Record \w+ is retracted; it cannot be corrected/, () => '该记录已撤销，不能更正（其文书号仍被占用）'],
  [/^Record \w+ is being changed by other requests/, () => '该记录正被其他操作修改，请刷新后重试'],
  [/^Record \w+ belongs to (\w+)/, (m, c) => `该记录由${c.departmentName(m[1]!)}录入，只有该部门可以处理`],
  [/^(\w+) already entered document (.+) for (\S+) with different content/, () => '本部门已以该文书号录入了内容不同的记录；如需修改，请更正原记录'],
  [/^Entity \S+ is provisional; only the registration keeper (\w+)/, (m, c) => `该主体为临时登记，只有${c.departmentName(m[1]!)}或管理员可以补全`],
  [/^Entity \S+ is registered by (\w+)/, (m, c) => `该主体由${c.departmentName(m[1]!)}登记，只有该部门或管理员可以修改`],
  [/^an entity keeps at most (\d+) changes/, (m) => `一个主体最多保留 ${m[1]} 次变更记录`],
  [/the subject is listed on COMMITMENT_BREACH .* since (\d{4}-\d{2}-\d{2})/, (m, c) => `该主体自 ${m[1]} 起在“${c.listName('COMMITMENT_BREACH')}”名单上，修复前不得作出审批替代型、容缺受理型或证明事项型承诺`],
  [/the subject is on the serious black list (\w+) .* since (\d{4}-\d{2}-\d{2})/, (m, c) => `该主体自 ${m[2]} 起在严重失信名单“${c.listName(m[1]!)}”上，修复前不得作出审批替代型、容缺受理型或证明事项型承诺`],
  [/^Commitment \d+ was already verified as (\w+) on (\S+)$/, (m) => `该承诺已核查为“${nameOf(VERIFICATION_OUTCOMES, m[1])}”，不能改为其他结果`],
  [/^Commitment \d+ was accepted by (\w+)/, (m, c) => `该承诺由${c.departmentName(m[1]!)}受理，只有该部门可以核查`],
  [/^no check (\S+) by (\w+)$/, (m) => `核查 ${m[1]} 不是本部门的核查`],
  [/^check (\S+) was about (\S+), not (\S+)$/, (m) => `该核查针对的是 ${m[2]}，不是本主体`],
  [/^no commitment (\d+)$/, (m) => `没有编号为 ${m[1]} 的信用承诺`],
  [/^commitment (\d+) was not accepted by/, () => '该承诺不是本部门受理的'],
  [/^commitment (\d+) was made by (\S+)$/, (m) => `该承诺由 ${m[2]} 作出，不是本主体`],
  [/^no supervising department is configured for (\w+)/, (m, c) => `事项“${c.matterName(m[1]!)}”未配置监管部门，请指定监管部门`],
  [/^Idempotency-Key .* was used for another import request/, () => '该次提交已用于另一个导入请求，请重新选择文件后再导入'],
  [/^The catalogue is changing too often/, () => '目录正被频繁修改，请稍后重试'],
  [/^is not an? (commitment code|check id|approval id|record id|import id)/, () => '编号格式不正确'],
];

/** One of the service's messages in Chinese (unknown ones as written). */
export function inChinese(message: string, catalogue: Catalogue): string {
  for (const [pattern, say] of RULES) {
    const m = pattern.exec(message);
    if (m) return say(m, catalogue);
  }
  return message;
}

/**
 * A failure as the screens show it: field messages in Chinese; for a refusal (403, 409, 422) the reason in
 * the sentence itself. Field errors on paths no form holds (`recordId`: the rule is the record's) are folded
 * into the sentence rather than listed by path.
 */
export function explained(error: unknown, catalogue: Catalogue, unplacedPaths: readonly string[] = ['recordId']): unknown {
  if (!(error instanceof ApiProblem)) return error;
  const errors: FieldError[] = error.errors.map((e) => ({ path: e.path, message: inChinese(e.message, catalogue) }));
  if (error.status === 400) return new ApiProblem(400, error.message, errors, error.requestId, error.detail);
  const reasons = errors.length ? errors.map((e) => e.message) : error.detail ? [inChinese(error.detail, catalogue)] : [];
  const sentence = reasons.length ? `${error.message.replace(/。$/, '')}：${reasons.join('；')}。` : error.message;
  return new ApiProblem(
    error.status,
    sentence,
    errors.filter((e) => !unplacedPaths.includes(e.path)),
    error.requestId,
  );
}
