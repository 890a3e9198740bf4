import { code, h } from '../dom.ts';
import { REPAIR_DECISIONS } from '../labels.ts';
import { renderPetitions, type Petition } from '../parts/petitions.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * 信用修复申请: applications for repair of the department's records (GET /v1/repair-applications?status=) and
 * their decision (POST /v1/repair-applications/{applicationId}/decide): 准予修复 repairs the record as the
 * 信用记录 screen's 信用修复 does; 不予修复 leaves it. `#/repair-applications?status=`.
 */
interface Application extends Petition {
  applicationId: string;
  correctedOn: string;
  application: string;
  commitment: string;
  commitmentCode: string;
}

export function renderRepairApplications(ctx: ScreenContext) {
  return renderPetitions<Application>(ctx, {
    route: 'repair-applications',
    noun: '信用修复申请',
    list: { path: '/v1/repair-applications', key: 'applications' },
    idOf: (a) => a.applicationId,
    said: (a) => [
      h('span', null, `纠正日期 ${a.correctedOn}。申请书：`, a.application),
      h('span', { class: 'sub' }, '守信承诺书（', code(a.commitmentCode), '）：', a.commitment),
    ],
    decisions: REPAIR_DECISIONS,
    effect: (d) => (d === 'approved' ? '记录将立即停止公示，不再计入核查和风险分类；记录及其处理记录保留。' : '记录继续公示，申请人可凭查询码看到不予修复的理由。'),
    decidePath: (a) => `/v1/repair-applications/${encodeURIComponent(a.applicationId)}/decide`,
  });
}
