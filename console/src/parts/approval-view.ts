import { code, h, uid } from '../dom.ts';
import { APPROVAL_DECISIONS, formatInstant, nameOf, OUTCOMES, RECORD_STATUSES, TASK_OUTCOMES, TASK_STATUSES, VERDICTS, VERIFICATION_OUTCOMES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';
import type { CreditRecord } from './record-card.ts';

/**
 * One approval as its department reads it (GET /v1/approvals/{approvalId}): the decision, the check or
 * commitment it relied on, its licence record (read from the subject's records), its supervision tasks with
 * their outcomes, and the notices their findings sent.
 */

export interface Approval {
  approvalId: string;
  department: string;
  subjectId: string;
  matter: string;
  licenceNo: string;
  title: string;
  decidedOn: string;
  decision: 'granted' | 'denied';
  checkId?: string;
  commitmentCode?: string;
  supervisingDepartments: string[];
  licenceRecordId?: string;
  licencePublishBy?: string;
  createdAt: string;
  createdBy: string;
  publication?: { publishBy: string; publishedOn?: string; late: boolean };
}
interface Task {
  taskId: string;
  department: string;
  dueOn: string;
  status: string;
  commitment?: { code: string };
  completion?: { outcome: string; findings: string; commitmentOutcome?: string; by: string; at: string };
}
export interface Trail extends Approval {
  check?: { checkId: string; checkedAt: string; verdict: string; measures: unknown[]; feedback: { measure: string; outcome: string }[] };
  tasks: Task[];
  notices: { noticeId: string; at: string; reason: string }[];
}
export const publicationText = (a: Approval) =>
  a.decision !== 'granted' ? '—' : a.publication ? (a.publication.late ? h('span', { class: 'tag tag-black' }, `超期（应于 ${a.publication.publishBy} 前）`) : `已公示${a.publication.publishedOn ? ` ${a.publication.publishedOn}` : ''}`) : `应于 ${a.licencePublishBy ?? '—'} 前公示`;

export async function trailView(ctx: ScreenContext, t: Trail, level: 2 | 3) {
  const Hn = `h${level}` as 'h2';
  const Hm = `h${level + 1}` as 'h3';
  let licence: CreditRecord | undefined;
  if (t.licenceRecordId) {
    try {
      licence = (await ctx.api.get<{ records: CreditRecord[] }>(`/v1/entities/${encodeURIComponent(t.subjectId)}/records`)).records.find((r) => r.recordId === t.licenceRecordId);
    } catch {
      licence = undefined;
    }
  }
  const fact = (label: string, ...value: (Node | string | null)[]) => h('div', null, h('dt', null, label), h('dd', null, ...value));
  const titleId = uid('approval');
  return h(
    'section',
    { class: 'panel approval-view', 'aria-labelledby': titleId },
    h(Hn, { id: titleId, tabindex: '-1' }, `${t.title}（${nameOf(APPROVAL_DECISIONS, t.decision)}）`),
    h(
      'dl',
      { class: 'facts plan-facts' },
      fact('许可文号', t.licenceNo),
      fact('主体', code(t.subjectId)),
      fact('事项', ctx.catalogue.matterName(t.matter)),
      fact('决定日期', t.decidedOn),
      fact('审批部门', ctx.catalogue.departmentName(t.department)),
      fact('推送', `${formatInstant(t.createdAt)}（${t.createdBy}）`),
      fact('审批编号', h('a', { href: href(`approvals/${t.approvalId}`) }, code(t.approvalId))),
      t.commitmentCode ? fact('所依据的承诺', code(t.commitmentCode)) : null,
      t.decision === 'granted' ? fact('双公示', publicationText(t)) : null,
    ),
    t.check
      ? h(
          'p',
          { class: 'approval-check' },
          '所依据的核查：',
          ctx.can('checker', 'auditor', 'admin') ? h('a', { href: href(`checks/${t.check.checkId}`) }, code(t.check.checkId)) : code(t.check.checkId),
          `，${formatInstant(t.check.checkedAt)}，结论“${VERDICTS[t.check.verdict]?.label ?? t.check.verdict}”，措施 ${t.check.measures.length} 项，已反馈 ${t.check.feedback.length} 项`,
          t.check.feedback.length ? `（${t.check.feedback.map((f) => `${f.measure} ${OUTCOMES[f.outcome] ?? f.outcome}`).join('、')}）` : '',
          '。',
        )
      : t.checkId
        ? null
        : h('p', { class: 'muted' }, '未关联信用核查。'),
    h(Hm, null, '许可记录'),
    t.decision !== 'granted'
      ? h('p', { class: 'muted' }, '不予许可，不产生许可记录和监管任务。')
      : licence
        ? h(
            'p',
            { class: 'licence-record' },
            `${licence.title}（${licence.documentNo}），${nameOf(RECORD_STATUSES, licence.status)}，决定日期 ${licence.decidedOn}${licence.validUntil ? `，有效期至 ${licence.validUntil}` : ''}。记录编号 `,
            code(licence.recordId),
            ' · ',
            ctx.can('recorder') ? h('a', { href: href('records', { subject: t.subjectId }) }, '查看主体的信用记录') : null,
          )
        : h('p', null, '记录编号 ', code(t.licenceRecordId ?? '—')),
    h(Hm, null, '监管任务', h('span', { class: 'count' }, ` ${t.tasks.length} 项`)),
    t.tasks.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'records approval-tasks' },
            h('caption', { class: 'visually-hidden' }, '该审批产生的事中事后监管任务'),
            h('thead', null, h('tr', null, ['任务编号', '监管部门', '期限', '状态', '监管结果'].map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              null,
              t.tasks.map((k) =>
                h(
                  'tr',
                  { class: k.status === 'overdue' ? 'overdue' : '' },
                  h('td', { 'data-label': '任务编号' }, code(k.taskId)),
                  h('td', { 'data-label': '监管部门' }, ctx.catalogue.departmentName(k.department)),
                  h('td', { 'data-label': '期限', class: 'date' }, k.dueOn),
                  h('td', { 'data-label': '状态' }, nameOf(TASK_STATUSES, k.status)),
                  h(
                    'td',
                    { 'data-label': '监管结果' },
                    k.completion
                      ? [
                          `${nameOf(TASK_OUTCOMES, k.completion.outcome)}：${k.completion.findings}`,
                          k.completion.commitmentOutcome ? `（承诺${nameOf(VERIFICATION_OUTCOMES, k.completion.commitmentOutcome)}）` : '',
                          h('span', { class: 'sub' }, `${k.completion.by} · ${formatInstant(k.completion.at)}`),
                        ]
                      : '—',
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, '没有监管任务。'),
    t.notices.length ? [h(Hm, null, '监管发现推送'), h('ul', null, t.notices.map((n) => h('li', null, `${formatInstant(n.at)}：${n.reason}`)))] : null,
  );
}
