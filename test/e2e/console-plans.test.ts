import { readFileSync } from 'node:fs';
import type { Download, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobMessage } from '#jobs/messages.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking, type AxeAudit } from './axe.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { activeElement, openScreen, signIn, statusSays } from './console-support.ts';
import { code, sha256 } from './plan-fixture.ts';

/**
 * The plan screens of the workbench (issue 13), through the page: a MARKET planner keeps its inspector
 * library (a person's id as a conflict refused beside the field), creates a joint plan whose seed is made
 * and downloaded in the browser — only its SHA-256 goes to the server — and sees it frozen, inline and as a
 * job with its progress; a wrong seed is refused in the browser, the right one (loaded from the seed file)
 * draws the sample with its teams; an inspector on a team records a result from 我的检查任务, which the plan
 * shows and the public document publishes; a supervision task is completed by keyboard alone; the credit
 * office (auditor) reads the plans without any form and downloads the full document. axe on every screen.
 */
let svc: TestService;
let browser: Browser;
let page: Page;
const audits: AxeAudit[] = [];
const ids = Array.from({ length: 16 }, (_, i) => code(700 + i));
const TITLE = '2026年第四季度双随机联合抽查';
const JOB_TITLE = '2026年第四季度全区抽查（后台冻结）';
const made: { planId?: string; seed?: string; seedFile?: string; jobPlanId?: string; jobSeed?: string; taskId?: string } = {};
let marketPlanner: string;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const inDays = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86_400_000));

async function ok(promise: Promise<{ status: number; body: any }>, what: string) {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser();
  const recorder = await svc.token('MARKET', ['recorder']);
  marketPlanner = await svc.token('MARKET', ['planner'], 'market-planner-wang');
  const ecology = await svc.token('ECOLOGY', ['planner']);
  // Sixteen young enterprises (class B) in 蓟州区, three in four in C13, the others in F51.
  for (const [i, id] of ids.entries()) {
    await ok(svc.call('PUT', `/v1/entities/${id}`, { token: recorder, body: { kind: 'enterprise', name: `蓟州抽查示例企业${i + 1}`, region: '120119', industry: i % 4 ? 'C13' : 'F51', status: 'active', establishedOn: '2025-06-01' } }), `entity ${id}`);
  }
  for (const [id, fields] of [['E01', ['C']], ['E02', ['C', 'F5']]] as const) {
    await ok(svc.call('PUT', `/v1/inspectors/${id}`, { token: ecology, body: { name: `生态检查员${id}`, certificateNo: `津环执-${id}`, fields } }), `inspector ${id}`);
  }
  // An approval granted on a commitment, supervised by MARKET: the task 监管任务 completes.
  const approver = await svc.token('APPROVAL', ['recorder'], 'approval-clerk-li');
  const commitment = await ok(
    svc.call('POST', '/v1/commitments', { token: approver, body: { subjectId: ids[0], type: 'APPROVAL_REPLACEMENT', matter: 'COMMITMENT_APPROVAL', content: '承诺经营场所符合食品安全要求，60日内补齐卫生检测报告', dueOn: inDays(60) } }),
    'commitment',
  );
  const approval = await ok(
    svc.call('POST', '/v1/approvals', {
      token: approver,
      body: { subjectId: ids[0], matter: 'COMMITMENT_APPROVAL', licenceNo: '津蓟审批食经〔2026〕0001号', title: '食品经营许可证', decidedOn: today(), decision: 'granted', commitmentCode: commitment.code, supervisingDepartments: ['MARKET'] },
    }),
    'approval',
  );
  made.taskId = approval.taskIds[0];
});

afterAll(async () => {
  delete process.env.PLAN_INLINE_POPULATION;
  svc?.service.jobs.reattach();
  if (audits.length) console.log(`axe summary:\n${audits.map((a) => `  ${a.page.padEnd(28)} critical ${a.byImpact.critical}, serious ${a.byImpact.serious}, moderate ${a.byImpact.moderate}, minor ${a.byImpact.minor}`).join('\n')}`);
  await browser?.close();
  await svc?.close();
});

async function audit(name: string) {
  const result = await auditPage(page, name);
  audits.push(result);
  expect(blocking(result), JSON.stringify(blocking(result), null, 2)).toEqual([]);
}

async function as(who: { dept: string; roles: ('planner' | 'inspector' | 'auditor')[]; sub: string }) {
  await page?.close();
  page = await browser.newPage();
  await signIn(page, svc, who);
}

/** Fills the plan form's title and downloads its seed; returns the file's seed and path. */
async function downloadSeed(title: string) {
  const form = page.locator('#plan-form');
  await form.getByLabel('计划名称').fill(title);
  const [download] = (await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: '下载种子文件' }).click()])) as [Download, unknown];
  expect(download.suggestedFilename()).toBe(`抽查种子-${title}.txt`);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  const seed = /^种子：(.+)$/m.exec(text)?.[1] ?? '';
  return { seed, path, text };
}

describe('检查人员名录', () => {
  it('adds inspectors, refusing a person’s id among the conflicts beside the field, and updates one', async () => {
    await as({ dept: 'MARKET', roles: ['planner'], sub: 'market-planner-wang' });
    await openScreen(page, 'inspectors', '检查人员名录');
    await statusSays(page, '没有检查人员');
    await audit('console-inspectors');
    const form = page.locator('#inspector-form');
    await form.getByLabel('人员编号').fill('M01');
    await form.getByLabel('姓名').fill('张建国');
    await form.getByLabel('执法证号').fill('津市监执字120119001号');
    await form.getByLabel('检查领域（行业代码前缀）').fill('C F');
    await form.getByLabel('回避对象（统一社会信用代码）').fill(`${ids[2]}\n11010519491231002X`);
    await form.getByRole('button', { name: '保存检查人员' }).click();
    await statusSays(page, '提交的内容有误');
    const conflicts = form.getByLabel('回避对象（统一社会信用代码）');
    await expect(conflicts.getAttribute('aria-invalid')).resolves.toBe('true');
    const error = await form.locator('.field-error:not([hidden])').innerText();
    expect(error).toContain('第 2 项 11010519491231002X');
    expect(error).toContain('身份证号');
    await expect(activeElement(page)).resolves.toMatchObject({ name: 'conflicts' });
    expect((await svc.call('GET', '/v1/inspectors', { token: marketPlanner })).body.inspectors).toEqual([]);
    await audit('console-inspectors-error');

    await conflicts.fill(ids[2]!);
    await form.getByRole('button', { name: '保存检查人员' }).click();
    await statusSays(page, '已保存检查人员 张建国（M01）');
    for (const [id, name, fields] of [['M02', '李明', 'C13'], ['M03', '王芳', 'F51']]) {
      await form.getByLabel('人员编号').fill(id!);
      await form.getByLabel('姓名').fill(name!);
      await form.getByLabel('执法证号').fill(`津市监执字-${id}`);
      await form.getByLabel('检查领域（行业代码前缀）').fill(fields!);
      await form.getByRole('button', { name: '保存检查人员' }).click();
      await statusSays(page, `已保存检查人员 ${name}（${id}）`);
    }
    // 编辑 loads a row into the form; saving updates it.
    await page.locator('tr[data-inspector="M02"]').getByRole('button', { name: /编辑/ }).click();
    await expect(form.getByLabel('检查领域（行业代码前缀）').inputValue()).resolves.toBe('C13');
    await form.getByLabel('执法证号').fill('津市监执字120119002号');
    await form.getByRole('button', { name: '保存检查人员' }).click();
    await statusSays(page, '已更新检查人员 李明（M02）');
    await expect(page.locator('table.inspectors tbody tr').count()).resolves.toBe(3);
    await expect(page.locator('tr[data-inspector="M02"]').innerText()).resolves.toContain('津市监执字120119002号');

    const stored = (await svc.call('GET', '/v1/inspectors', { token: marketPlanner })).body.inspectors;
    expect(stored.map((i: { id: string; fields: string[]; conflicts: string[]; certificateNo: string }) => [i.id, i.fields, i.conflicts, i.certificateNo])).toEqual([
      ['M01', ['C', 'F'], [ids[2]], '津市监执字120119001号'],
      ['M02', ['C13'], [], '津市监执字120119002号'],
      ['M03', ['F51'], [], '津市监执字-M03'],
    ]);
    await browser.screenshot(page, 'console-inspectors');
  });
});

describe('抽查计划: creation with a seed made in the browser', () => {
  it('will not create before the seed is saved; sends only its SHA-256; shows the frozen population', async () => {
    await openScreen(page, 'plans', '抽查计划');
    await statusSays(page, '没有抽查计划');
    await audit('console-plans');
    const form = page.locator('#plan-form');
    const create = form.getByRole('button', { name: '创建计划' });
    await expect(create.isDisabled()).resolves.toBe(true);
    // The caller's department is always one of the plan's; ECOLOGY is chosen from the catalogue.
    await expect(form.locator('input[name="departments"][value="MARKET"]').isChecked()).resolves.toBe(true);
    await expect(form.locator('input[name="departments"][value="MARKET"]').isDisabled()).resolves.toBe(true);
    await form.locator('input[name="departments"][value="ECOLOGY"]').check();
    await form.getByLabel('区划代码前缀').fill('120119');
    await form.getByLabel('B 类').fill('50');
    const shown = (await page.locator('#plan-seed').innerText()).trim();
    expect(shown.length).toBeGreaterThanOrEqual(32);

    const { seed, path, text } = await downloadSeed(TITLE);
    expect(seed).toBe(shown);
    expect(text).toContain(`种子承诺值（SHA-256）：${sha256(seed)}`);
    await expect(create.isDisabled()).resolves.toBe(false);
    made.seed = seed;
    made.seedFile = path;

    const [request] = (await Promise.all([page.waitForRequest((r) => r.url().endsWith('/v1/plans') && r.method() === 'POST'), create.click()])) as [Request, unknown];
    const posted = request.postData() ?? '';
    expect(posted).not.toContain(seed);
    expect(JSON.parse(posted)).toEqual({
      title: TITLE,
      departments: ['MARKET', 'ECOLOGY'],
      scope: { regionPrefix: '120119' },
      ratios: { A: 0.03, B: 0.5, C: 0.2, D: 1 },
      mode: 'routine',
      seedCommitment: sha256(seed),
    });
    await statusSays(page, `计划“${TITLE}”已创建，抽查对象已冻结`);
    const created = page.locator('#plan-created');
    await expect(activeElement(page)).resolves.toMatchObject({ id: 'plan-created-title' });
    made.planId = (await created.locator('a .code').first().innerText()).trim();
    const plan = (await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body;
    expect(plan).toMatchObject({ status: 'frozen', seedCommitment: sha256(seed), population: { A: 0, B: 16, C: 0, D: 0, exempt: 0 } });
    await expect(created.locator('[data-stratum="B"]').innerText()).resolves.toBe('16');
    await expect(created.innerText()).resolves.toContain(plan.populationHash);
    // A new seed for the next plan, not saved yet.
    expect((await page.locator('#plan-seed').innerText()).trim()).not.toBe(seed);
    await expect(create.isDisabled()).resolves.toBe(true);
    await audit('console-plan-created');
    await browser.screenshot(page, 'console-plan-created');
  });

  it('accepts a printed seed instead, printing the seed sheet alone; a new seed must be kept again', async () => {
    const form = page.locator('#plan-form');
    const create = form.getByRole('button', { name: '创建计划' });
    await form.getByLabel('计划名称').fill('打印种子示例');
    await page.evaluate(() => {
      // The print dialog is the browser's; here it only notes that it was asked for, and what was printed.
      (window as unknown as { printed: string[] }).printed = [];
      window.print = () => (window as unknown as { printed: string[] }).printed.push(document.querySelector('.seed-print')!.textContent ?? '');
    });
    await form.getByRole('button', { name: '打印种子' }).click();
    await statusSays(page, '已发送打印');
    const seed = (await page.locator('#plan-seed').innerText()).trim();
    const printed = await page.evaluate(() => (window as unknown as { printed: string[] }).printed);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(`种子：${seed}`);
    expect(printed[0]).toContain('计划名称：打印种子示例');
    await expect(create.isDisabled()).resolves.toBe(false);
    // In print, only the seed sheet shows.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.seed-print').isVisible()).resolves.toBe(true);
    for (const hidden of ['#nav', '#plan-form fieldset', '#screen-title', '.seed-panel', 'table.plans, .screen-body > .empty']) {
      await expect(page.locator(hidden).first().isVisible()).resolves.toBe(false);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect(page.locator('body').getAttribute('class')).resolves.not.toContain('print-seed');
    await form.getByRole('button', { name: '重新生成种子' }).click();
    await statusSays(page, '已重新生成种子');
    expect((await page.locator('#plan-seed').innerText()).trim()).not.toBe(seed);
    await expect(create.isDisabled()).resolves.toBe(true);
  });

  it('follows a freeze that runs as a job: its progress, then the frozen population', async () => {
    const { useLocalRunner } = await import('#jobs/queue.ts');
    const { runJob } = await import('#jobs/run.ts');
    const captured: JobMessage[] = [];
    // Every scope is frozen by a job; the test holds the job's messages and lets them run in two steps.
    process.env.PLAN_INLINE_POPULATION = '0';
    useLocalRunner({ submit: (messages) => void captured.push(...messages) });
    try {
      const form = page.locator('#plan-form');
      const { seed } = await downloadSeed(JOB_TITLE);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/v1/plans') && r.request().method() === 'POST'), form.getByRole('button', { name: '创建计划' }).click()]);
      expect(response.status()).toBe(202);
      await statusSays(page, '正在后台冻结抽查对象');
      const segments = captured.filter((m) => m.kind === 'freeze-segment');
      expect(segments.length).toBeGreaterThan(2);
      const created = page.locator('#plan-created');
      await created.locator('.progress-text', { hasText: `已冻结 0/${segments.length} 段` }).waitFor();
      const first = segments.slice(0, Math.floor(segments.length / 3));
      for (const m of first) await runJob(m);
      await created.locator('.progress-text', { hasText: `已冻结 ${first.length}/${segments.length} 段` }).waitFor();
      await expect(created.locator('progress').getAttribute('value')).resolves.toBe(String(first.length));
      await browser.screenshot(page, 'console-plan-freezing');
      svc.service.jobs.reattach();
      const rest = captured.filter((m) => !(first as JobMessage[]).includes(m));
      for (const m of rest) await runJob(m);
      await svc.service.jobs.idle();
      await statusSays(page, `计划“${JOB_TITLE}”已创建，抽查对象已冻结`);
      await expect(created.locator('[data-stratum="B"]').innerText()).resolves.toBe('16');
      made.jobPlanId = (await created.locator('a .code').first().innerText()).trim();
      made.jobSeed = seed;
      const plan = (await svc.call('GET', `/v1/plans/${made.jobPlanId}`, { token: marketPlanner })).body;
      expect(plan).toMatchObject({ status: 'frozen', seedCommitment: sha256(seed), population: { B: 16 } });
    } finally {
      svc.service.jobs.reattach();
      delete process.env.PLAN_INLINE_POPULATION;
    }
  });
});

describe('计划详情: the draw', () => {
  it('refuses a wrong seed in the browser, sending nothing, then draws with the seed file and shows the teams', async () => {
    const drawRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/draw')) drawRequests.push(r.postData() ?? '');
    });
    await openScreen(page, `plans/${made.planId}`, `抽查计划：${TITLE}`);
    await statusSays(page, '已读取抽查计划');
    await audit('console-plan-frozen');
    const form = page.locator('#draw-form');
    await form.getByLabel('种子', { exact: true }).fill(`${made.seed}x`);
    await form.getByRole('button', { name: '抽取样本' }).click();
    await statusSays(page, '种子与计划的承诺值不符，未提交');
    await expect(form.getByLabel('种子', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(drawRequests).toEqual([]);
    expect((await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body.status).toBe('frozen');

    await form.locator('input[type="file"]').setInputFiles(made.seedFile!);
    await statusSays(page, '已从文件');
    await expect(form.getByLabel('种子', { exact: true }).inputValue()).resolves.toBe(made.seed);
    await form.getByRole('button', { name: '抽取样本' }).click();
    await statusSays(page, '样本已抽取');
    expect(drawRequests.map((b) => JSON.parse(b))).toEqual([{ seed: made.seed }]);
    await expect(activeElement(page)).resolves.toMatchObject({ id: 'sample-title' });

    const plan = (await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body;
    expect(plan.status).toBe('drawn');
    const sample = plan.draw.sample as { subjectId: string; ticket: string; team: string[] | null }[];
    expect(sample).toHaveLength(8);
    const rows = page.locator('table.sample tbody tr');
    await expect(rows.count()).resolves.toBe(8);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-subject')))).toEqual(sample.map((s) => s.subjectId));
    const names: Record<string, string> = { M01: '张建国', M02: '李明', M03: '王芳' };
    for (const [n, s] of sample.entries()) {
      const row = await rows.nth(n).innerText();
      expect(row).toContain(s.ticket);
      expect(row).toContain('B 类');
      // One MARKET inspector (named: the planner's own library) and one ECOLOGY inspector (by id).
      expect(s.team).toHaveLength(2);
      expect(row).toContain(names[s.team![0]!]);
      expect(row).toContain(s.team![1]);
    }
    await expect(page.locator('#drawn-seed').innerText()).resolves.toBe(made.seed);
    await expect(page.locator('#public-plan-link').getAttribute('href')).resolves.toBe(`/plans/${made.planId}`);
    await expect(page.locator('#verify-link').getAttribute('href')).resolves.toBe(`/verify?plan=${made.planId}`);
    await audit('console-plan-drawn');
    await browser.screenshot(page, 'console-plan-drawn');
  });
});

describe('计划详情: a draw that runs as a job', () => {
  it('accepts the seed (202), shows the draw in progress, then the sample once the job has drawn it', async () => {
    const { useLocalRunner } = await import('#jobs/queue.ts');
    const { runJob } = await import('#jobs/run.ts');
    const captured: JobMessage[] = [];
    process.env.PLAN_INLINE_POPULATION = '0';
    useLocalRunner({ submit: (messages) => void captured.push(...messages) });
    try {
      await openScreen(page, `plans/${made.jobPlanId}`, `抽查计划：${JOB_TITLE}`);
      await statusSays(page, '已读取抽查计划');
      const form = page.locator('#draw-form');
      await form.getByLabel('种子', { exact: true }).fill(made.jobSeed!);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/draw')), form.getByRole('button', { name: '抽取样本' }).click()]);
      expect(response.status()).toBe(202);
      await page.locator('#plan-work', { hasText: '正在由后台作业抽取样本' }).waitFor();
      await expect(page.locator('.plan-summary .plan-status').innerText()).resolves.toBe('抽取中');
      svc.service.jobs.reattach();
      for (const m of captured.splice(0)) await runJob(m);
      await svc.service.jobs.idle();
      await statusSays(page, '样本已抽取');
      const plan = (await svc.call('GET', `/v1/plans/${made.jobPlanId}`, { token: marketPlanner })).body;
      expect(plan.status).toBe('drawn');
      await expect(page.locator('table.sample tbody tr').count()).resolves.toBe(plan.draw.sample.length);
      await expect(page.locator('.plan-summary .plan-status').innerText()).resolves.toBe('已抽取');
    } finally {
      svc.service.jobs.reattach();
      delete process.env.PLAN_INLINE_POPULATION;
    }
  });
});

describe('我的检查任务', () => {
  it('lets an inspector on a team record a result, which the plan shows and the public document publishes', async () => {
    const plan = (await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body;
    const target = plan.draw.sample[0] as { subjectId: string; team: string[] };
    const inspector = target.team[0]!;
    await as({ dept: 'MARKET', roles: ['inspector'], sub: inspector });
    await openScreen(page, 'assignments', '我的检查任务');
    await statusSays(page, '已显示');
    await audit('console-assignments');
    const item = page.locator(`li[data-assignment="${made.planId}/${target.subjectId}"]`);
    expect(await item.innerText()).toContain(TITLE);
    expect(await item.innerText()).toContain(target.team[1]);
    await item.getByLabel('检查结果', { exact: true }).selectOption('CORRECTED');
    await item.getByRole('button', { name: '提交结果' }).click();
    await statusSays(page, '请补全检查结果');
    await expect(item.getByLabel('检查发现', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await item.getByLabel('检查发现', { exact: true }).fill('未按规定明示营业执照，已当场责令改正');
    await item.getByRole('button', { name: '提交结果' }).click();
    // Published at once: the page asks first, and nothing is sent before.
    expect((await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body.results).toEqual([]);
    await expect(item.locator('.confirm').innerText()).resolves.toContain('结果提交后立即公示');
    await audit('console-assignment-confirm');
    await item.getByRole('button', { name: '确认提交并公示' }).click();
    await statusSays(page, `已录入并公示 ${target.subjectId} 的检查结果：发现问题已责令改正`);
    await expect(item.locator('.result-given').innerText()).resolves.toContain('发现问题已责令改正');
    await browser.screenshot(page, 'console-assignments');

    const inspectorToken = await svc.token('MARKET', ['inspector'], inspector);
    const done = (await svc.call('GET', '/v1/assignments?status=done', { token: inspectorToken })).body.assignments;
    expect(done).toEqual([expect.objectContaining({ planId: made.planId, subjectId: target.subjectId, result: expect.objectContaining({ outcome: 'CORRECTED', recordedBy: inspector }) })]);
    const published = (await svc.call('GET', `/v1/public/plans/${made.planId}`)).body;
    expect(published.results).toEqual([expect.objectContaining({ subjectId: target.subjectId, outcome: 'CORRECTED', inspectedOn: today() })]);

    await openScreen(page, `plans/${made.planId}`, `抽查计划：${TITLE}`);
    await statusSays(page, '已读取抽查计划');
    const recorded = page.locator(`table.results-table tr[data-result="${target.subjectId}"]`);
    expect(await recorded.innerText()).toContain('发现问题已责令改正');
    expect(await recorded.innerText()).toContain('按期');
    expect(await page.locator(`table.sample tr[data-subject="${target.subjectId}"]`).innerText()).toContain('发现问题已责令改正');
    // The inspector may record only for the subjects of its own teams that lack a result.
    const own = plan.draw.sample.filter((s: { subjectId: string; team: string[] | null }) => s.subjectId !== target.subjectId && s.team?.includes(inspector)).map((s: { subjectId: string }) => s.subjectId);
    const offered = await page.locator('.result-form select[name="subjectId"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered).toEqual(own);
    await audit('console-plan-result');
  });
});

describe('监管任务', () => {
  it('completes a supervision task by keyboard alone, verifying the commitment', async () => {
    await openScreen(page, 'tasks', '监管任务');
    await statusSays(page, '已显示 1 条监管任务');
    await audit('console-tasks');
    const item = page.locator(`li[data-task="${made.taskId}"]`);
    expect(await item.innerText()).toContain('审批替代型');
    expect(await item.innerText()).toContain('津蓟审批食经〔2026〕0001号');
    await expect(activeElement(page)).resolves.toMatchObject({ id: 'screen-title' });
    const tabTo = async (predicate: (a: Awaited<ReturnType<typeof activeElement>>) => boolean, limit = 40) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const a = await activeElement(page);
        if (predicate(a)) return a;
      }
      throw new Error('not reached by Tab');
    };
    await tabTo((a) => a.tag === 'input' && a.name.startsWith('task-outcome'));
    await page.keyboard.press('Space');
    await tabTo((a) => a.name === 'findings');
    await page.keyboard.type('现场核查：经营场所符合承诺，卫生检测报告已补齐');
    await tabTo((a) => a.name === 'commitmentOutcome');
    const select = item.locator('select[name="commitmentOutcome"]');
    for (let i = 0; i < 5 && (await select.inputValue()) !== 'fulfilled'; i++) await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe('fulfilled');
    await tabTo((a) => a.text === '提交监管结果');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await statusSays(page, `已提交 ${ids[0]} 的监管结果：合规，承诺核验为“已履行”`);
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'p' });
    await expect(item.locator('.result-given').innerText()).resolves.toContain('监管结果：合规');
    expect(await item.innerText()).toContain('已完成');
    const token = await svc.token('MARKET', ['inspector']);
    const done = (await svc.call('GET', '/v1/supervision/tasks?status=done', { token })).body.tasks;
    expect(done).toEqual([expect.objectContaining({ taskId: made.taskId, status: 'done', completion: expect.objectContaining({ outcome: 'compliant', commitmentOutcome: 'fulfilled' }) })]);
    await browser.screenshot(page, 'console-tasks');
  });
});

describe('计划详情: a result recorded by the planner on the team’s behalf', () => {
  it('offers the sampled subjects without a result, records one, and continues at the results', async () => {
    await as({ dept: 'MARKET', roles: ['planner'], sub: 'market-planner-wang' });
    await openScreen(page, `plans/${made.planId}`, `抽查计划：${TITLE}`);
    await statusSays(page, '已读取抽查计划');
    const before = (await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body;
    const recorded = new Set(before.results.map((r: { subjectId: string }) => r.subjectId));
    const open = before.draw.sample.map((s: { subjectId: string }) => s.subjectId).filter((id: string) => !recorded.has(id));
    const form = page.locator('.result-form');
    expect(await form.locator('select[name="subjectId"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean))).toEqual(open);
    await form.getByLabel('抽中的主体').selectOption(open[0]);
    await form.getByLabel('检查结果', { exact: true }).selectOption('NO_ISSUE');
    await form.getByRole('button', { name: '提交结果' }).click();
    await form.getByRole('button', { name: '确认提交并公示' }).click();
    await statusSays(page, `已录入 ${open[0]} 的结果：未发现问题`);
    await expect(activeElement(page)).resolves.toMatchObject({ id: 'results-title' });
    await expect(page.locator('table.results-table tbody tr').count()).resolves.toBe(2);
    const after = (await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body;
    expect(after.results).toContainEqual(expect.objectContaining({ subjectId: open[0], outcome: 'NO_ISSUE', recordedBy: 'market-planner-wang', department: 'MARKET' }));
  });
});

describe('the credit office (auditor)', () => {
  it('reads the plans city-wide without any form and downloads the full document', async () => {
    await as({ dept: 'DRC', roles: ['auditor'], sub: 'credit-office' });
    expect(await page.locator('#nav a').allInnerTexts()).toContain('抽查计划');
    await openScreen(page, 'plans', '抽查计划');
    // The list is an index: a plan may show a moment after it is made.
    for (let i = 0; i < 20; i++) {
      await statusSays(page, /已显示|没有抽查计划/);
      if ((await page.locator('table.plans tbody tr').count()) === 2) break;
      await page.waitForTimeout(300);
      await page.getByRole('button', { name: '查看' }).click();
    }
    await expect(page.locator('table.plans tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#plan-form').count()).resolves.toBe(0);
    const row = await page.locator(`tr[data-plan="${made.planId}"]`).innerText();
    expect(row).toContain('已抽取');
    expect(row).toContain('8 户');
    expect(row).toContain('2 条');
    await audit('console-plans-auditor');

    await page.locator(`tr[data-plan="${made.planId}"]`).getByRole('link', { name: TITLE }).click();
    await statusSays(page, '已读取抽查计划');
    await expect(page.locator('#draw-form, .result-form').count()).resolves.toBe(0);
    const [download] = (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载完整文档' }).click()])) as [Download, unknown];
    expect(download.suggestedFilename()).toBe(`抽查计划完整文档-${made.planId}.json`);
    const document = JSON.parse(readFileSync(await download.path(), 'utf8'));
    const plan = (await svc.call('GET', `/v1/plans/${made.planId}`, { token: marketPlanner })).body;
    expect(document).toMatchObject({ planId: made.planId, populationHash: plan.populationHash, seed: made.seed, seedCommitment: sha256(made.seed!) });
    expect(document.strata.B).toEqual([...ids].sort());
    expect(document.sample.map((s: { subjectId: string }) => s.subjectId)).toEqual(plan.draw.sample.map((s: { subjectId: string }) => s.subjectId));
    await statusSays(page, '已下载计划完整文档');
    await audit('console-plan-auditor');
    await browser.screenshot(page, 'console-plan-auditor');
  });
});
