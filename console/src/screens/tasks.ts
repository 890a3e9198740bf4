import { ApiProblem } from '../api.ts';
import { code, fill, h, uid } from '../dom.ts';
import { clearFieldErrors, field, select } from '../forms.ts';
import { formatInstant, VERIFICATION_OUTCOMES, COMMITMENT_TYPES, TASK_OUTCOMES, TASK_STATUSES } from '../labels.ts';
import { pager } from '../parts/pager.ts';
import type { ScreenContext } from '../screen.ts';
import { href } from '../screen.ts';

interface Task {
  taskId: string;
  approvalId: string;
  subjectId: string;
  matter: string;
  licenceNo: string;
  department: string;
  approvingDepartment: string;
  dueOn: string;
  commitment?: { code: string; type: string; content: string; dueOn: string };
  createdAt: string;
  completion?: { outcome: string; findings: string; commitmentOutcome?: string; noticeId?: string; by: string; at: string };
  status: 'open' | 'overdue' | 'done';
}

const STATUSES = ['open', 'overdue', 'done'] as const;
/** Commitment outcomes that list the subject on 信用承诺失信 at once. */
const BREACH = ['partly', 'unfulfilled'];

/**
 * 监管任务 (GET /v1/supervision/tasks?status=open|overdue|done): the supervision of approvals granted by
 * other departments, a page at a time, overdue ones marked. An open task is completed here (POST
 * /v1/supervision/tasks/{taskId}/complete): compliant or not, the findings, and — when the approval relied
 * on a commitment — whether it was kept; a breached commitment lists the subject at once, so that
 * completion asks for confirmation in the page.
 */
export async function renderTasks(ctx: ScreenContext) {
  const status = (STATUSES as readonly string[]).includes(ctx.query.get('status') ?? '') ? ctx.query.get('status')! : 'open';
  const choose = select(STATUSES.map((s) => ({ value: s, label: s === 'open' ? '待监管（含逾期）' : TASK_STATUSES[s]! })), { name: 'status' });
  choose.value = status;
  const filter = h('form', { class: 'toolbar', 'aria-label': '按状态筛选监管任务' }, field(choose, { label: '任务状态', path: 'status' }), h('button', { type: 'submit' }, '查看'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href('tasks', choose.value === 'open' ? {} : { status: choose.value });
  });

  const list = h('ol', { class: 'plan-list tasks' });
  const empty = h('p', { class: 'empty', hidden: true }, `没有${status === 'open' ? '待监管' : TASK_STATUSES[status]}的任务。`);
  const pages = pager<Task>(ctx, {
    label: '监管任务',
    load: async (cursor) => {
      const page = await ctx.api.get<{ tasks: Task[]; nextCursor?: string }>('/v1/supervision/tasks', { status, limit: 50, cursor });
      return { items: page.tasks, nextCursor: page.nextCursor };
    },
    draw: (tasks) => tasks.map((t) => taskItem(ctx, t)),
  });
  ctx.root.append(
    h('p', { class: 'lead' }, '其他部门准予许可后推送给本部门的事中事后监管任务（谁审批谁负责、谁主管谁监管），最新的在前；超过期限未完成的标为“已逾期”。'),
    filter,
    list,
    empty,
    h('p', null, pages.more),
  );
  await pages.start(list);
  empty.hidden = pages.count() > 0;
  list.hidden = pages.count() === 0;
}

function completionShown(ctx: ScreenContext, c: NonNullable<Task['completion']>) {
  return h(
    'p',
    { class: `result-given outcome-${c.outcome}`, tabindex: '-1' },
    h('strong', null, `监管结果：${TASK_OUTCOMES[c.outcome] ?? c.outcome}`),
    `（${c.findings}）`,
    c.commitmentOutcome ? ` 承诺核验：${VERIFICATION_OUTCOMES[c.commitmentOutcome] ?? c.commitmentOutcome}。` : null,
    c.noticeId ? ' 已通知审批部门。' : null,
    h('span', { class: 'sub' }, `${c.by} · ${formatInstant(c.at)}`),
  );
}

function taskItem(ctx: ScreenContext, t: Task) {
  const slot = h('div');
  const item = h(
    'li',
    { 'data-task': t.taskId, class: t.status === 'overdue' ? 'overdue' : '' },
    h('p', { class: 'plan-title' }, ctx.catalogue.matterName(t.matter), ' ', code(t.subjectId), h('span', { class: `tag ${t.status === 'overdue' ? 'tag-black' : t.status === 'done' ? 'tag-done' : 'tag-state'}` }, TASK_STATUSES[t.status])),
    h(
      'dl',
      { class: 'plan-meta' },
      h('div', null, h('dt', null, '许可证号'), h('dd', null, t.licenceNo)),
      h('div', null, h('dt', null, '审批部门'), h('dd', null, ctx.catalogue.departmentName(t.approvingDepartment))),
      h('div', null, h('dt', null, '监管期限'), h('dd', null, t.dueOn)),
      h('div', null, h('dt', null, '推送时间'), h('dd', null, formatInstant(t.createdAt))),
      t.commitment ? h('div', null, h('dt', null, '信用承诺'), h('dd', null, `${COMMITMENT_TYPES[t.commitment.type] ?? t.commitment.type} `, code(t.commitment.code), `：${t.commitment.content}（履行期限 ${t.commitment.dueOn}）`)) : null,
    ),
    slot,
  );
  fill(
    slot,
    t.completion
      ? completionShown(ctx, t.completion)
      : completionForm(ctx, t, (done) => {
          // Drawn again as done: its status tag and its completion; focus on the completion.
          const shown = taskItem(ctx, done);
          item.replaceWith(shown);
          shown.querySelector<HTMLElement>('.result-given')?.focus();
        }),
  );
  return item;
}

function completionForm(ctx: ScreenContext, t: Task, onDone: (task: Task) => void) {
  const name = uid('task-outcome');
  const radios = Object.entries(TASK_OUTCOMES).map(([value, label], n) => {
    const id = n === 0 ? name : uid('to');
    return h('div', { class: 'choice' }, h('input', { type: 'radio', name, id, value, 'data-path': n === 0 ? 'outcome' : undefined }), h('label', { for: id }, label));
  });
  const outcomeError = h('p', { class: 'field-error', id: `${name}-error`, hidden: true });
  const findings = h('textarea', { name: 'findings', rows: '2', maxlength: '4000' });
  const commitment = t.commitment ? select(Object.entries(VERIFICATION_OUTCOMES).map(([value, label]) => ({ value, label })), { name: 'commitmentOutcome' }, '暂不核验') : undefined;
  const submit = h('button', { type: 'submit' }, '提交监管结果');
  const confirmBox = h('div', { class: 'confirm', hidden: true, role: 'group', 'aria-label': '确认提交' });
  const form = h(
    'form',
    { class: 'feedback-form task-form', novalidate: true, 'aria-label': `反馈监管结果：${t.subjectId}` },
    h('fieldset', { 'aria-describedby': outcomeError.id }, h('legend', null, '监管结果'), radios, outcomeError),
    field(findings, { label: '监管发现', path: 'findings', required: true, hint: '不合规时，发现将通知审批部门。' }),
    commitment ? field(commitment, { label: '承诺履行情况', path: 'commitmentOutcome', hint: '代承诺受理部门核验；部分履行或未履行的，主体列入信用承诺失信名单。' }) : null,
    h('p', null, submit),
    confirmBox,
  );

  async function send(body: Record<string, string>) {
    confirmBox.hidden = true;
    submit.disabled = true;
    try {
      const done = await ctx.api.post<Task>(`/v1/supervision/tasks/${encodeURIComponent(t.taskId)}/complete`, body);
      ctx.announce(`已提交 ${t.subjectId} 的监管结果：${TASK_OUTCOMES[done.completion!.outcome]}${done.completion!.commitmentOutcome ? `，承诺核验为“${VERIFICATION_OUTCOMES[done.completion!.commitmentOutcome]}”` : ''}。`, 'success');
      onDone(done);
    } catch (error) {
      submit.disabled = false;
      ctx.problem(error, form);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const outcome = (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value;
    const text = findings.value.trim();
    const local: { path: string; message: string }[] = [];
    if (!outcome) local.push({ path: 'outcome', message: '请选择合规或不合规' });
    if (!text) local.push({ path: 'findings', message: '必填' });
    if (local.length) return ctx.problem(new ApiProblem(400, '请补全监管结果。', local), form);
    const body = { outcome: outcome!, findings: text, ...(commitment?.value ? { commitmentOutcome: commitment.value } : {}) };
    if (!body.commitmentOutcome || !BREACH.includes(body.commitmentOutcome)) return void send(body);
    const yes = h('button', { type: 'button' }, '确认提交');
    const back = h('button', { type: 'button', class: 'secondary' }, '返回修改');
    yes.addEventListener('click', () => void send(body));
    back.addEventListener('click', () => {
      confirmBox.hidden = true;
      commitment!.focus();
    });
    fill(confirmBox, h('p', null, h('strong', null, `承诺核验为“${VERIFICATION_OUTCOMES[body.commitmentOutcome]}”：${t.subjectId} 将立即列入信用承诺失信名单。`), ' 提交后不能改为其他结果。'), h('div', { class: 'actions' }, yes, back));
    confirmBox.hidden = false;
    yes.focus();
  });
  return form;
}
