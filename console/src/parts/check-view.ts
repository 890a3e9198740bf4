import { ApiProblem } from '../api.ts';
import { code, fill, h, uid } from '../dom.ts';
import { clearFieldErrors, field } from '../forms.ts';
import { FORCES, formatInstant, MEASURE_KINDS, OUTCOMES, VERDICTS, VIA } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

/**
 * One check as a person reads it: the verdict, the hits (list, via whom, since/until), the measures with
 * their content, legal basis and force, and the feedback on each — with a form for each measure still
 * lacking one, for a checker of the department that made the check — until every measure has feedback
 * (办结). Shared by 信用核查 (the answer just given) and 核查记录 (GET /v1/checks/{checkId}).
 */

export interface Hit {
  listCode: string;
  kind: 'black' | 'red';
  recordId: string;
  via: 'self' | 'legalRepresentative';
  since: string;
  until?: string;
  enterpriseId?: string;
}
export interface Measure {
  memorandum: string;
  version: number;
  measure: string;
  kind: 'punish' | 'reward';
  force: 'mandatory' | 'reference' | 'market';
  content: string;
  legalBasis: string;
  triggeredBy: string[];
}
export interface Feedback {
  measure: string;
  outcome: 'applied' | 'not-applied';
  note?: string;
  by: string;
  at: string;
}
export interface CheckAnswer {
  checkId: string;
  checkedAt: string;
  matter: string;
  department: string;
  subject: { id: string; known: boolean; name?: string };
  hits: Hit[];
  hitCount?: number;
  measures: Measure[];
  verdict: 'restrict' | 'caution' | 'reward' | 'clear';
  checkedBy?: string;
  feedback?: Feedback[];
}

export const measureKey = (m: Pick<Measure, 'memorandum' | 'measure'>) => `${m.memorandum}/${m.measure}`;

export function verdictBadge(verdict: string) {
  const v = VERDICTS[verdict] ?? { label: verdict, tone: 'ok', explain: '' };
  return h('span', { class: `verdict-badge tone-${v.tone}` }, v.label);
}

/** 办结 once every returned measure has feedback; 待反馈 while any lacks it; no measures, nothing to feed back. */
export function progressOf(check: CheckAnswer, feedback: Feedback[]): 'none' | 'pending' | 'done' {
  if (check.measures.length === 0) return 'none';
  const given = new Set(feedback.map((f) => f.measure));
  return check.measures.every((m) => given.has(measureKey(m))) ? 'done' : 'pending';
}

export function checkView(ctx: ScreenContext, check: CheckAnswer, options: { headingLevel: 2 | 3; title?: string }): HTMLElement {
  const feedback: Feedback[] = [...(check.feedback ?? [])];
  const canFeedback = ctx.can('checker') && check.department === ctx.session.dept;
  const { catalogue } = ctx;
  const Hn = options.headingLevel === 2 ? 'h2' : 'h3';
  const Hm = options.headingLevel === 2 ? 'h3' : 'h4';
  const titleId = uid('check');
  const verdict = VERDICTS[check.verdict];
  const progress = h('p', { class: 'progress', id: `${titleId}-progress` });
  const measureList = h('ol', { class: 'measures' });

  const drawProgress = () => {
    const state = progressOf(check, feedback);
    fill(
      progress,
      state === 'done'
        ? h('span', { class: 'tag tag-done' }, '办结')
        : state === 'pending'
          ? h('span', { class: 'tag tag-warn' }, `待反馈 ${check.measures.length - new Set(feedback.map((f) => f.measure)).size} 项`)
          : h('span', { class: 'tag tag-state' }, '无需反馈'),
      state === 'done' ? ' 每项措施均已反馈。' : state === 'pending' ? ' 请对每项措施反馈是否采用。' : ' 本次核查没有返回奖惩措施。',
    );
  };

  const drawMeasures = () => {
    fill(
      measureList,
      check.measures.map((m) => {
        const key = measureKey(m);
        const given = feedback.find((f) => f.measure === key);
        const mid = uid('measure');
        return h(
          'li',
          { class: `measure measure-${m.kind}`, 'aria-labelledby': mid },
          h(Hm, { id: mid }, m.content),
          h(
            'dl',
            { class: 'facts' },
            h('div', null, h('dt', null, '措施类别'), h('dd', null, `${MEASURE_KINDS[m.kind] ?? m.kind} · ${FORCES[m.force] ?? m.force}`)),
            h('div', null, h('dt', null, '法律依据'), h('dd', null, m.legalBasis)),
            h('div', null, h('dt', null, '备忘录措施'), h('dd', null, code(key))),
            h('div', null, h('dt', null, '所涉名单'), h('dd', null, m.triggeredBy.map((c) => catalogue.listName(c)).join('、'))),
          ),
          given ? feedbackShown(given) : canFeedback ? feedbackForm(key, m.content) : h('p', { class: 'muted' }, '尚未反馈。'),
        );
      }),
    );
    drawProgress();
  };

  function feedbackShown(f: Feedback) {
    return h(
      'p',
      { class: `feedback-given outcome-${f.outcome}` },
      h('strong', null, `反馈：${OUTCOMES[f.outcome] ?? f.outcome}`),
      f.note ? `（${f.note}）` : null,
      h('span', { class: 'sub' }, `${f.by} · ${formatInstant(f.at)}`),
    );
  }

  function feedbackForm(key: string, content: string) {
    const name = uid('outcome');
    const radios = (['applied', 'not-applied'] as const).map((value) => {
      const id = uid('o');
      return h('div', { class: 'choice' }, h('input', { type: 'radio', name, id, value, required: true, 'data-path': 'outcome' }), h('label', { for: id }, OUTCOMES[value]!));
    });
    const outcomeError = h('p', { class: 'field-error', id: `${name}-error`, hidden: true });
    const note = h('textarea', { name: 'note', rows: '2', maxlength: '4000', class: 'note-input' });
    const button = h('button', { type: 'submit' }, '提交反馈');
    const form = h(
      'form',
      { class: 'feedback-form', novalidate: true },
      h('fieldset', { 'aria-describedby': outcomeError.id }, h('legend', null, `反馈：${content}`), radios, outcomeError),
      field(note, { label: '说明', path: 'note', hint: '未采用时必须说明理由；已采用时可简要说明如何执行。' }),
      button,
    );
    // The radio group's error slot is the fieldset's: showFieldErrors finds it by the first radio's id.
    (radios[0]!.querySelector('input') as HTMLInputElement).id = name;
    radios[0]!.querySelector('label')!.setAttribute('for', name);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      const outcome = (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value;
      const text = note.value.trim();
      const local: { path: string; message: string }[] = [];
      if (!outcome) local.push({ path: 'outcome', message: '请选择已采用或未采用' });
      if (outcome === 'not-applied' && !text) local.push({ path: 'note', message: '未采用时必须说明理由' });
      if (local.length) {
        ctx.problem(new ApiProblem(400, '请补全反馈。', local), form);
        return;
      }
      button.disabled = true;
      try {
        const saved = await ctx.api.post<Feedback>(`/v1/checks/${encodeURIComponent(check.checkId)}/feedback`, { measure: key, outcome, ...(text ? { note: text } : {}) });
        feedback.push(saved);
        drawMeasures();
        const done = progressOf(check, feedback) === 'done';
        ctx.announce(done ? `已反馈“${content}”：${OUTCOMES[saved.outcome]}。本次核查的措施均已反馈，核查办结。` : `已反馈“${content}”：${OUTCOMES[saved.outcome]}。`, 'success');
        // Keyboard users continue with the next measure's form, or the progress line once done.
        const next = measureList.querySelector<HTMLInputElement>('.feedback-form input');
        (next ?? progress).focus();
      } catch (error) {
        button.disabled = false;
        ctx.problem(error, form);
      }
    });
    return form;
  }

  progress.tabIndex = -1;
  drawMeasures();
  const subjectName = check.subject.name ?? (check.subject.known ? '' : '（未登记的主体）');
  return h(
    'section',
    { class: 'panel check-view', 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'report-head' },
      h(
        'div',
        null,
        h(Hn, { id: titleId }, options.title ?? '核查结果', ' ', verdictBadge(check.verdict)),
        h('p', { class: 'verdict-text' }, `结论：${verdict?.label ?? check.verdict}。${verdict?.explain ?? ''}`),
        h(
          'dl',
          { class: 'facts' },
          h('div', null, h('dt', null, '主体'), h('dd', null, subjectName, ' ', code(check.subject.id))),
          h('div', null, h('dt', null, '事项'), h('dd', null, catalogue.matterName(check.matter))),
          h('div', null, h('dt', null, '核查部门'), h('dd', null, catalogue.departmentName(check.department))),
          h('div', null, h('dt', null, '核查时间'), h('dd', null, formatInstant(check.checkedAt))),
          h('div', null, h('dt', null, '核查编号'), h('dd', null, h('a', { href: href(`checks/${encodeURIComponent(check.checkId)}`) }, code(check.checkId)))),
        ),
      ),
    ),
    progress,
    h(Hm, null, '名单记录', h('span', { class: 'count' }, ` ${check.hitCount ?? check.hits.length} 条`)),
    check.hits.length
      ? h(
          'table',
          { class: 'records hits' },
          h('thead', null, h('tr', null, ['名单', '类别', '关联方式', '列入日期', '截止日期'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            null,
            check.hits.map((hit) =>
              h(
                'tr',
                null,
                h('td', { 'data-label': '名单' }, catalogue.listName(hit.listCode)),
                h('td', { 'data-label': '类别' }, h('span', { class: `tag tag-${hit.kind}` }, hit.kind === 'black' ? '失信' : '守信')),
                h('td', { 'data-label': '关联方式' }, VIA[hit.via] ?? hit.via, hit.enterpriseId ? h('span', { class: 'sub' }, '企业 ', code(hit.enterpriseId)) : null),
                h('td', { 'data-label': '列入日期', class: 'date' }, hit.since),
                h('td', { 'data-label': '截止日期', class: 'date' }, hit.until ?? '—'),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, '未发现该主体（及其法定代表人关联企业）的名单记录。'),
    h(Hm, null, '奖惩措施', h('span', { class: 'count' }, ` ${check.measures.length} 项`)),
    check.measures.length ? measureList : h('p', { class: 'empty' }, '本部门在该事项上没有应执行的奖惩措施。'),
  );
}
