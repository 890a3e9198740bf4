import { ApiProblem } from '../api.ts';
import { fill, h, uid } from '../dom.ts';
import { clearFieldErrors, field, input, select } from '../forms.ts';
import { formatInstant, PLAN_MODE_NAMES } from '../labels.ts';
import type { ScreenContext } from '../screen.ts';
import { countsTable, freezeProgress, hashLine, isPendingPlan, localizeProblem, planLink, pollPlan, saveTextFile, sha256Hex, STRATA, type Counts, type PlanView } from './plans.ts';

/** 32 symbols, so each random byte's low five bits pick one uniformly; no 0/O, 1/I/L look-alikes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789a';

/** A fresh seed from the browser's random source: 40 symbols (200 bits) in groups of five. */
export function newSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(40));
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!).join('');
  return chars.match(/.{5}/g)!.join('-');
}

const DEFAULT_RATIOS: Record<(typeof STRATA)[number], string> = { A: '3', B: '5', C: '20', D: '100' };
const MESSAGES: Record<string, string> = {
  'must be between 0 and 1': '须在 0% 到 100% 之间',
  'must have at most 4 decimals': '百分比最多保留两位小数',
  'must be 1–6 digits of a region code': '须为 1–6 位区划代码数字',
  'must be a GB/T 4754 prefix': '须为国民经济行业分类代码前缀，如 C 或 C13',
  'must be at least 2': '至少 2 人',
};
const fileSafe = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

interface Created {
  planId: string;
  status: string;
  population?: Counts;
  populationHash?: string;
}

/**
 * 新建计划 (planner): title, departments (the caller's always, others from the catalogue, in that order),
 * scope, ratios per risk class (percent), team size and mode. The seed is made here from
 * crypto.getRandomValues and must be downloaded as a file (抽查种子-<title>.txt) or printed before 创建计划
 * is enabled; only its SHA-256 is sent as seedCommitment. 201 shows the frozen population; 202 follows the
 * freezing job's progress until the plan is frozen or failed (then the same request can be sent again).
 */
export function planForm(ctx: ScreenContext, onCreated: (planId: string) => void): HTMLElement {
  const title = input({ name: 'title', maxlength: '200' });
  const own = ctx.session.dept;
  const departmentBoxes = [own, ...ctx.catalogue.departments.map((d) => d.code).filter((c) => c !== own)].map((c) => {
    const id = uid('dept');
    const box = h('input', { type: 'checkbox', id, name: 'departments', value: c, checked: c === own, disabled: c === own, 'data-path': c === own ? 'departments' : undefined });
    return { code: c, box, el: h('div', { class: 'choice' }, box, h('label', { for: id }, ctx.catalogue.departmentName(c), c === own ? '（本部门）' : '')) };
  });
  const departmentsError = h('p', { class: 'field-error', id: `${departmentBoxes[0]!.box.id}-error`, hidden: true });
  const region = input({ name: 'regionPrefix', maxlength: '6', inputmode: 'numeric', spellcheck: 'false' });
  const industry = input({ name: 'industryPrefix', maxlength: '5', spellcheck: 'false' });
  const ratios = STRATA.map((s) => ({ s, el: h('input', { type: 'number', name: `ratio${s}`, min: '0', max: '100', step: '0.01', value: DEFAULT_RATIOS[s], inputmode: 'decimal' }) }));
  const teamSize = h('input', { type: 'number', name: 'teamSize', min: '2', max: '100', step: '1', inputmode: 'numeric' });
  const mode = select(Object.entries(PLAN_MODE_NAMES).map(([value, label]) => ({ value, label })), { name: 'mode' });

  let seed = newSeed();
  let kept = false;
  const seedText = h('code', { class: 'seed-value hash block', id: 'plan-seed' });
  const commitmentText = h('code', { class: 'hash block', id: 'plan-commitment' });
  const keptText = h('p', { class: 'seed-kept', id: 'seed-kept' });
  const download = h('button', { type: 'button', id: 'seed-download' }, '下载种子文件');
  const print = h('button', { type: 'button', class: 'secondary', id: 'seed-print' }, '打印种子');
  const renew = h('button', { type: 'button', class: 'secondary', id: 'seed-renew' }, '重新生成种子');
  const submit = h('button', { type: 'submit', disabled: true, 'aria-describedby': keptText.id }, '创建计划');
  const printSheet = h('div', { class: 'seed-print' });
  const result = h('div', { id: 'plan-created' });

  const showSeed = async () => {
    seedText.textContent = seed;
    commitmentText.textContent = await sha256Hex(seed);
  };
  const markKept = (how: string | undefined) => {
    kept = how !== undefined;
    submit.disabled = !kept;
    keptText.className = `seed-kept ${kept ? 'kept' : 'not-kept'}`;
    keptText.textContent = how ?? '请先下载或打印种子并妥善保管，之后才能创建计划。抽取样本时须凭此种子。';
  };
  const seedSheet = () =>
    [`抽查种子（请妥善保管，抽取样本时须凭此种子；抽取后将随结果公开）`, `计划名称：${title.value.trim()}`, `生成时间：${formatInstant(new Date().toISOString())}`, `种子承诺值（SHA-256）：${commitmentText.textContent}`, `种子：${seed}`, ''].join('\n');
  const needTitle = () => {
    if (title.value.trim()) return false;
    ctx.problem(new ApiProblem(400, '请先填写计划名称：种子文件以计划名称命名。', [{ path: 'title', message: '必填' }]), form);
    return true;
  };
  download.addEventListener('click', () => {
    clearFieldErrors(form);
    if (needTitle()) return;
    const name = `抽查种子-${fileSafe(title.value.trim())}.txt`;
    saveTextFile(name, seedSheet());
    markKept(`已下载种子文件“${name}”。请将其保存在安全的位置。`);
    ctx.announce(`已下载种子文件“${name}”，现在可以创建计划。`, 'success');
  });
  print.addEventListener('click', () => {
    clearFieldErrors(form);
    if (needTitle()) return;
    fill(printSheet, h('h2', null, '抽查种子'), h('pre', null, seedSheet()));
    document.body.classList.add('print-seed');
    window.addEventListener('afterprint', () => document.body.classList.remove('print-seed'), { once: true });
    window.print();
    markKept('已打印种子。请将打印件保存在安全的位置。');
    ctx.announce('已发送打印，现在可以创建计划。', 'success');
  });
  renew.addEventListener('click', () => {
    seed = newSeed();
    markKept(undefined);
    void showSeed().then(() => ctx.announce('已重新生成种子，请重新下载或打印。'));
  });

  const form = h(
    'form',
    { class: 'panel plan-form', id: 'plan-form', novalidate: true, 'aria-labelledby': 'plan-form-title' },
    h('h2', { id: 'plan-form-title' }, '新建计划'),
    h('div', { class: 'form-grid' }, field(title, { label: '计划名称', path: 'title', required: true }), field(mode, { label: '抽查类型', path: 'mode', hint: '常规：A 类和守信名单企业免于抽查（无事不扰）；重点：不设免查。' })),
    h('fieldset', { 'aria-describedby': `${departmentsError.id} plan-depts-hint` }, h('legend', null, '参与部门'), departmentBoxes.map((d) => d.el), h('p', { class: 'hint', id: 'plan-depts-hint' }, '本部门必选；联合抽查可加选其他部门。组队时按本部门在前、其余按列表顺序各取一名检查人员。'), departmentsError),
    h(
      'fieldset',
      null,
      h('legend', null, '抽查范围'),
      h('div', { class: 'form-grid' }, field(region, { label: '区划代码前缀', path: 'scope.regionPrefix', hint: '如 120116（滨海新区）；留空为全市。' }), field(industry, { label: '行业代码前缀', path: 'scope.industryPrefix', hint: '如 C13；留空为全部行业。' })),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, '各风险类别抽查比例（%）'),
      h('div', { class: 'form-grid ratios' }, ratios.map(({ s, el }) => field(el, { label: `${s} 类`, path: `ratios.${s}`, required: true }))),
      h('p', { class: 'hint' }, '默认 A 类 3%、B 类 5%、C 类 20%、D 类 100%（好的少查、差的多查、严重失信的全查）。'),
    ),
    field(teamSize, { label: '每组检查人员数', path: 'teamSize', hint: '至少 2 人且不少于参与部门数；留空按默认（2 与部门数中的较大者）。' }),
    h(
      'section',
      { class: 'seed-panel', 'aria-labelledby': 'seed-title' },
      h('h3', { id: 'seed-title' }, '抽查种子'),
      h('p', { class: 'hint' }, '种子在本浏览器中随机生成，创建计划时只提交其 SHA-256 承诺值，种子本身不发送到服务器。抽取样本时须凭此种子，抽取后种子随结果公开，任何人都可复核。'),
      h('dl', { class: 'facts plan-facts' }, h('div', null, h('dt', null, '种子'), h('dd', null, seedText)), h('div', null, h('dt', null, '承诺值（SHA-256）'), h('dd', null, commitmentText))),
      h('div', { class: 'actions' }, download, print, renew),
      keptText,
    ),
    h('p', null, submit),
    printSheet,
  );

  let lastBody: Record<string, unknown> | undefined;
  const send = async (body: Record<string, unknown>) => {
    submit.disabled = true;
    ctx.announce('正在创建计划并冻结抽查对象…');
    try {
      const created = await ctx.api.post<Created>('/v1/plans', body);
      lastBody = body;
      seed = newSeed();
      await showSeed();
      markKept(undefined);
      if (created.status === 'freezing') await followFreeze(created.planId, String(body.title));
      else showFrozen(created.planId, String(body.title), created.population!, created.populationHash!);
      onCreated(created.planId);
    } catch (error) {
      submit.disabled = !kept;
      ctx.problem(localizeProblem(error, MESSAGES), form);
    }
  };

  const panel = (planId: string, name: string, ...children: (Node | string)[]) => {
    const heading = h('h2', { tabindex: '-1', id: 'plan-created-title' }, `已创建计划：${name}`);
    fill(result, h('section', { class: 'panel', 'aria-labelledby': heading.id }, heading, h('p', null, '计划编号 ', planLink(planId), '　', h('a', { href: `#/plans/${encodeURIComponent(planId)}` }, '查看计划详情')), ...children));
    return heading;
  };
  const showFrozen = (planId: string, name: string, population: Counts, populationHash: string) => {
    panel(planId, name, countsTable(population, '已冻结的抽查对象（按风险类别）'), h('dl', { class: 'facts plan-facts' }, hashLine('名录哈希（populationHash）', populationHash))).focus();
    ctx.announce(`计划“${name}”已创建，抽查对象已冻结：${STRATA.map((s) => `${s} 类 ${population[s]}`).join('，')}，免于抽查 ${population.exempt}。`, 'success');
  };
  const followFreeze = async (planId: string, name: string) => {
    const progress = h('div', { class: 'freeze-state', 'aria-live': 'off' }, h('p', null, '抽查对象较多，正由后台作业冻结…'));
    panel(planId, name, progress).focus();
    ctx.announce(`计划“${name}”已受理，正在后台冻结抽查对象。`);
    const last = await pollPlan(ctx, planId, isPendingPlan, (plan) => {
      if (isPendingPlan(plan)) fill(progress, freezeProgress(plan));
    });
    if (!last) return;
    if (isPendingPlan(last)) {
      const retry = h('button', { type: 'button', class: 'secondary' }, '重新冻结');
      retry.addEventListener('click', () => lastBody && void send(lastBody));
      progress.append(h('p', null, retry));
      ctx.announce(`计划“${name}”冻结失败：${last.failure ?? '作业未能完成'}。`, 'error');
      return;
    }
    showFrozen(planId, name, last.population, last.populationHash);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    if (!kept) return;
    const local: { path: string; message: string }[] = [];
    if (!title.value.trim()) local.push({ path: 'title', message: '必填' });
    const ratioValues = Object.fromEntries(
      ratios.map(({ s, el }) => {
        const pct = el.value.trim() === '' ? NaN : Number(el.value);
        if (!Number.isFinite(pct) || pct < 0 || pct > 100) local.push({ path: `ratios.${s}`, message: '须在 0 到 100 之间' });
        return [s, Math.round(pct * 100) / 10_000];
      }),
    );
    if (local.length) return ctx.problem(new ApiProblem(400, '请补全计划信息。', local), form);
    const scope = { ...(region.value.trim() ? { regionPrefix: region.value.trim() } : {}), ...(industry.value.trim() ? { industryPrefix: industry.value.trim().toUpperCase() } : {}) };
    const chosen = departmentBoxes.filter((d) => d.box.checked).map((d) => d.code);
    void sha256Hex(seed).then((seedCommitment) =>
      send({ title: title.value.trim(), departments: chosen, scope, ratios: ratioValues, ...(teamSize.value ? { teamSize: Number(teamSize.value) } : {}), mode: mode.value, seedCommitment }),
    );
  });
  markKept(undefined);
  void showSeed();
  return h('div', { class: 'print-host' }, form, result);
}
