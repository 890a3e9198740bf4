import { ApiProblem } from '../api.ts';
import { code, fill, h, uid } from '../dom.ts';
import { clearFieldErrors, field, select } from '../forms.ts';
import { LISTING_OUTCOMES, PLAN_RESULT_OUTCOMES, todayInChina } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import type { PlanResult } from './plans.ts';

/** Outcomes that find nothing wrong: the others need the findings written down. */
const PLAIN = ['NO_ISSUE', 'NO_ACTIVITY'];

/**
 * The result of one sampled subject (POST /v1/plans/{planId}/results): the day of the inspection, the
 * outcome (the 8 result codes in Chinese) and the findings. The result is published at once, and three
 * outcomes list the subject on 经营异常名录, so the form asks for confirmation in the page first.
 * `subjects`: the sampled subjects to choose from, or the one subject this form is for; `planTitle` names
 * the plan where forms of several plans share a page.
 */
export function resultForm(ctx: ScreenContext, planId: string, subjects: string[] | string, onRecorded: (result: PlanResult) => void, label = '录入检查结果', planTitle?: string): HTMLFormElement {
  const fixed = typeof subjects === 'string' ? subjects : undefined;
  const subject = fixed ? undefined : select((subjects as string[]).map((s) => ({ value: s, label: s })), { name: 'subjectId' }, '请选择抽中的主体');
  const today = todayInChina();
  const inspectedOn = h('input', { type: 'date', name: 'inspectedOn', value: today, max: today, required: true });
  const outcome = select(Object.entries(PLAN_RESULT_OUTCOMES).map(([value, text]) => ({ value, label: text })), { name: 'outcome' }, '请选择检查结果');
  const findings = h('textarea', { name: 'findings', rows: '2', maxlength: '4000' });
  const submit = h('button', { type: 'submit' }, '提交结果');
  const confirmBox = h('div', { class: 'confirm', hidden: true, role: 'group', 'aria-label': '确认提交' });
  const titleId = uid('result');
  const form = h(
    'form',
    { class: 'result-form', novalidate: true, 'aria-labelledby': titleId },
    h('h3', { id: titleId }, label, fixed ? h('span', { class: 'sub' }, '主体 ', code(fixed)) : null, planTitle ? h('span', { class: 'visually-hidden' }, `（${planTitle}）`) : null),
    h(
      'div',
      { class: 'form-grid' },
      subject ? field(subject, { label: '抽中的主体', path: 'subjectId', required: true }) : null,
      field(inspectedOn, { label: '检查日期', path: 'inspectedOn', required: true, hint: '结果须在检查后 20 个工作日内公示。' }),
      field(outcome, { label: '检查结果', path: 'outcome', required: true }),
    ),
    field(findings, { label: '检查发现', path: 'findings', hint: '发现问题时必须填写；结果公示时不公开此项。' }),
    h('p', null, submit),
    confirmBox,
  );

  const body = () => {
    const text = findings.value.trim();
    return { subjectId: fixed ?? subject!.value, inspectedOn: inspectedOn.value, outcome: outcome.value, ...(text ? { findings: text } : {}) };
  };

  async function send(sent: ReturnType<typeof body>) {
    confirmBox.hidden = true;
    submit.disabled = true;
    try {
      const result = await ctx.api.post<PlanResult>(`/v1/plans/${encodeURIComponent(planId)}/results`, sent);
      ctx.announce(
        `已录入并公示 ${result.subjectId} 的检查结果：${PLAN_RESULT_OUTCOMES[result.outcome] ?? result.outcome}。公示期限 ${result.publishBy}${result.late ? '，已逾期录入' : ''}${LISTING_OUTCOMES.includes(result.outcome) ? '；主体按规定列入经营异常名录（或已告知名录主管部门）' : ''}。`,
        'success',
      );
      onRecorded(result);
    } catch (error) {
      submit.disabled = false;
      if (error instanceof ApiProblem && error.status === 409) ctx.problem(new ApiProblem(409, '该主体在本计划中已有不同的检查结果，或计划尚未抽取。', [], error.requestId, error.detail), form);
      else ctx.problem(error, form);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const sent = body();
    const local: { path: string; message: string }[] = [];
    if (!sent.subjectId) local.push({ path: 'subjectId', message: '必填' });
    if (!sent.inspectedOn) local.push({ path: 'inspectedOn', message: '必填' });
    else if (sent.inspectedOn > today) local.push({ path: 'inspectedOn', message: '不能晚于今天' });
    if (!sent.outcome) local.push({ path: 'outcome', message: '必填' });
    else if (!PLAIN.includes(sent.outcome) && !sent.findings) local.push({ path: 'findings', message: '发现问题时必须填写检查发现' });
    if (local.length) return ctx.problem(new ApiProblem(400, '请补全检查结果。', local), form);
    const yes = h('button', { type: 'button' }, '确认提交并公示');
    const back = h('button', { type: 'button', class: 'secondary' }, '返回修改');
    yes.addEventListener('click', () => void send(sent));
    back.addEventListener('click', () => {
      confirmBox.hidden = true;
      outcome.focus();
    });
    fill(
      confirmBox,
      h('p', null, h('strong', null, `将公示 ${sent.subjectId} 的检查结果“${PLAN_RESULT_OUTCOMES[sent.outcome]}”（检查日期 ${sent.inspectedOn}）。`), ' 结果提交后立即公示，不能撤回或改为其他结果。'),
      LISTING_OUTCOMES.includes(sent.outcome) ? h('p', { class: 'warn' }, '此结果将使该主体列入经营异常名录。') : null,
      h('div', { class: 'actions' }, yes, back),
    );
    confirmBox.hidden = false;
    yes.focus();
  });
  return form;
}
