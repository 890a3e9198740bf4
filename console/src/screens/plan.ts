import { ApiProblem } from '../api.ts';
import { code, fill, h } from '../dom.ts';
import { clearFieldErrors, field, input } from '../forms.ts';
import { formatInstant, PLAN_MODE_NAMES, PLAN_RESULT_OUTCOMES } from '../labels.ts';
import { drawnSection, type Names } from '../parts/plan-sample.ts';
import {
  countsTable,
  freezeProgress,
  hashLine,
  isPendingPlan,
  pollPlan,
  publicPlanHref,
  ratiosText,
  saveTextFile,
  scopeText,
  sha256Hex,
  statusTag,
  type FrozenPlan,
  type PlanView,
} from '../parts/plans.ts';
import type { ScreenContext } from '../screen.ts';

/** The seed in a seed file (the line 种子：…), or the text itself when it is only the seed. */
export function seedInText(text: string): string {
  return /^种子[：:]\s*(.+?)\s*$/m.exec(text)?.[1] ?? text.trim();
}

/**
 * 计划详情 (GET /v1/plans/{planId}): status, departments, scope, ratios, the frozen counts and
 * populationHash; while a job freezes or draws, its progress until done. A planner of a plan department
 * draws with the seed (typed, or loaded from the seed file), checked against the commitment here first —
 * a seed that does not match is never sent. Once drawn: the sample with tickets, strata and teams, the
 * results (and the late ones), and the result form. Links to the public page and to /verify; the full
 * document for a plan department's planner or inspector, or an auditor.
 */
export async function renderPlan(ctx: ScreenContext) {
  const planId = ctx.params.planId ?? '';
  ctx.announce('正在读取抽查计划…');
  let plan = await ctx.api.get<PlanView>(`/v1/plans/${encodeURIComponent(planId)}`);
  if (ctx.signal.aborted) return;
  const names = await inspectorNames(ctx);
  const ours = () => plan.departments.includes(ctx.session.dept);
  const heading = () => {
    ctx.heading.textContent = `抽查计划：${plan.title}`;
    document.title = `${ctx.heading.textContent} — 部门工作台`;
  };
  const summary = h('section', { class: 'panel plan-summary', 'aria-labelledby': 'plan-summary-title' });
  const work = h('div', { id: 'plan-work' });
  const links = h('p', { class: 'actions plan-links' });

  const drawSummary = () => {
    fill(
      summary,
      h('h2', { id: 'plan-summary-title' }, '计划概况 ', statusTag(plan.status)),
      h(
        'dl',
        { class: 'facts plan-facts' },
        h('div', null, h('dt', null, '计划编号'), h('dd', null, code(plan.planId))),
        h('div', null, h('dt', null, '参与部门'), h('dd', null, plan.departments.map((d) => ctx.catalogue.departmentName(d)).join('、'))),
        h('div', null, h('dt', null, '抽查类型'), h('dd', null, PLAN_MODE_NAMES[plan.mode] ?? plan.mode)),
        h('div', null, h('dt', null, '抽查范围'), h('dd', null, scopeText(plan.scope))),
        h('div', null, h('dt', null, '抽查比例'), h('dd', null, ratiosText(plan.ratios))),
        h('div', null, h('dt', null, '每组检查人员'), h('dd', null, `${plan.teamSize} 人`)),
        h('div', null, h('dt', null, '创建'), h('dd', null, `${formatInstant(plan.createdAt)}，${plan.createdBy}（${ctx.catalogue.departmentName(plan.createdByDepartment)}）`)),
        !isPendingPlan(plan) && plan.frozenAt ? h('div', null, h('dt', null, '冻结时间'), h('dd', null, formatInstant(plan.frozenAt))) : null,
        hashLine('种子承诺值', plan.seedCommitment),
        !isPendingPlan(plan) ? hashLine('名录哈希（populationHash）', plan.populationHash) : null,
      ),
      isPendingPlan(plan) ? freezeProgress(plan) : countsTable(plan.population, '冻结的抽查对象（按风险类别）'),
    );
  };

  const drawWork = () => {
    if (isPendingPlan(plan)) return fill(work);
    if (plan.status === 'drawn' && plan.draw)
      return fill(
        work,
        drawnSection(ctx, plan, names, (result) =>
          // Keyboard users continue at the results, where the new one now shows.
          void refresh(`已录入 ${result.subjectId} 的结果：${PLAN_RESULT_OUTCOMES[result.outcome]}。`).then(() => document.getElementById('results-title')?.focus()),
        ),
      );
    if (plan.status === 'drawing') return fill(work, h('p', { class: 'panel' }, '正在由后台作业抽取样本，完成后自动显示。'));
    if (ours() && ctx.can('planner')) return fill(work, drawForm(plan));
    fill(work, h('p', { class: 'empty' }, '尚未抽取样本：由计划部门的计划人员凭种子抽取。'));
  };

  async function refresh(message?: string) {
    plan = await ctx.api.get<PlanView>(`/v1/plans/${encodeURIComponent(planId)}`);
    if (ctx.signal.aborted) return;
    heading();
    drawSummary();
    drawWork();
    if (message) ctx.announce(message, 'success');
    if (isPendingPlan(plan) ? plan.status === 'freezing' : plan.status === 'drawing') await follow();
  }

  async function follow() {
    const last = await pollPlan(ctx, planId, (p) => p.status === 'freezing' || p.status === 'drawing', (p) => {
      plan = p;
      drawSummary();
    });
    if (!last) return;
    plan = last;
    drawSummary();
    drawWork();
    ctx.announce(last.status === 'failed' ? `冻结失败：${(last as { failure?: string }).failure ?? '作业未能完成'}。` : last.status === 'drawn' ? '样本已抽取。' : '抽查对象已冻结。', last.status === 'failed' ? 'error' : 'success');
  }

  function drawForm(frozen: FrozenPlan) {
    const seed = input({ name: 'seed', spellcheck: 'false', autocomplete: 'off', class: 'mono' });
    const file = h('input', { type: 'file', name: 'seedFile', accept: '.txt,text/plain' });
    const button = h('button', { type: 'submit' }, '抽取样本');
    const form = h(
      'form',
      { class: 'panel', id: 'draw-form', novalidate: true, 'aria-labelledby': 'draw-title' },
      h('h2', { id: 'draw-title' }, '抽取样本'),
      h('p', { class: 'hint' }, '输入创建计划时保存的种子，或载入种子文件。本页先核对种子的 SHA-256 与计划的承诺值，一致才提交；抽取后种子与样本随计划公开。'),
      h('div', { class: 'form-grid' }, field(seed, { label: '种子', path: 'seed', required: true }), field(file, { label: '载入种子文件', path: 'seedFile', hint: '创建计划时下载的“抽查种子-…txt”。' })),
      h('p', null, button),
    );
    file.addEventListener('change', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      seed.value = seedInText(await chosen.text());
      ctx.announce(`已从文件“${chosen.name}”载入种子。`);
      seed.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      const value = seed.value.trim();
      if (!value) return ctx.problem(new ApiProblem(400, '请输入种子。', [{ path: 'seed', message: '必填' }]), form);
      if ((await sha256Hex(value)) !== frozen.seedCommitment) {
        return ctx.problem(new ApiProblem(400, '种子与计划的承诺值不符，未提交。请核对种子（区分大小写）或载入正确的种子文件。', [{ path: 'seed', message: '与承诺值不符' }]), form);
      }
      button.disabled = true;
      ctx.announce('种子与承诺值一致，正在抽取…');
      try {
        const answer = await ctx.api.post<{ status?: string }>(`/v1/plans/${encodeURIComponent(planId)}/draw`, { seed: value });
        if (answer.status === 'drawing') ctx.announce('种子已受理，样本较多，正由后台作业抽取…');
        await refresh(answer.status === 'drawing' ? undefined : '样本已抽取。');
        if (ctx.signal.aborted) return;
        document.getElementById('sample-title')?.focus();
      } catch (error) {
        button.disabled = false;
        ctx.problem(error, form);
      }
    });
    return form;
  }

  heading();
  drawSummary();
  drawWork();
  const publicHref = await publicPlanHref(planId);
  links.append(
    h('a', { href: publicHref, id: 'public-plan-link' }, '公示页面'),
    h('a', { href: `/verify?plan=${encodeURIComponent(planId)}`, id: 'verify-link' }, '核验抽取结果'),
  );
  if (ctx.can('auditor') || (ours() && ctx.can('planner', 'inspector'))) links.append(populationButton(ctx, planId));
  ctx.root.append(summary, links, work);
  ctx.announce(`已读取抽查计划“${plan.title}”。`);
  if (plan.status === 'freezing' || plan.status === 'drawing') await follow();
}

/** The names of the caller's department's inspectors (a planner may list them); others are shown by id. */
async function inspectorNames(ctx: ScreenContext): Promise<Names> {
  const names: Names = new Map();
  if (!ctx.can('planner')) return names;
  let cursor: string | undefined;
  try {
    for (let pages = 0; pages < 5; pages++) {
      const page = await ctx.api.get<{ inspectors: { id: string; name: string }[]; nextCursor?: string }>('/v1/inspectors', { limit: 200, cursor });
      for (const i of page.inspectors) names.set(i.id, i.name);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
  } catch {
    /* names are a courtesy: ids are shown instead */
  }
  return names;
}

/** 下载完整文档: GET /v1/plans/{planId}/population, following a 303 to its file; saved as JSON, the file's address offered. */
function populationButton(ctx: ScreenContext, planId: string) {
  const button = h('button', { type: 'button', class: 'secondary', id: 'population-download' }, '下载完整文档');
  const where = h('span', { class: 'population-link' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    ctx.announce('正在获取计划完整文档…');
    try {
      let res: Response;
      try {
        res = await fetch(`/v1/plans/${encodeURIComponent(planId)}/population`, { headers: { accept: 'application/json', authorization: `Bearer ${ctx.session.token}` } });
      } catch {
        throw new ApiProblem(0, '无法获取完整文档：网络错误，或文件地址无法在本页打开。');
      }
      if (!res.ok) throw new ApiProblem(res.status, res.status === 403 ? '当前账号无权下载该计划的完整文档。' : `完整文档获取失败（${res.status}）。`);
      const text = await res.text();
      saveTextFile(`抽查计划完整文档-${planId}.json`, text, 'application/json;charset=utf-8');
      fill(where, res.redirected ? h('a', { href: res.url, rel: 'noopener' }, '文件地址（短时有效）') : null);
      ctx.announce(`已下载计划完整文档（${Math.ceil(new Blob([text]).size / 1024)} KB）${res.redirected ? '，文档较大，由文件地址提供' : ''}。可在“核验抽取结果”页面重新计算整个抽取。`, 'success');
    } catch (error) {
      ctx.problem(error);
    } finally {
      button.disabled = false;
    }
  });
  return h('span', { class: 'population' }, button, where);
}
