import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../functions/domain/clock.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking, type AxeAudit } from './axe.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { activeElement, openScreen, signIn, statusSays } from './console-support.ts';

/**
 * The checker's work in the workbench (issue 13): 信用核查 of one subject with feedback on every measure until
 * 办结, by mouse and by keyboard alone; a batch check of a pasted list longer than one request takes; the
 * notices inbox; the checks awaiting feedback with overdue ones marked; and the ledger as the credit office
 * (auditor) reads it, showing those checks and that feedback, with its drill-down. axe on every screen.
 */
let svc: TestService;
let DEMO: typeof import('../../functions/local/demo-data.ts').DEMO;
let demoCode: typeof import('../../functions/local/demo-data.ts').demoCode;
let browser: Browser;
let page: Page;
const audits: AxeAudit[] = [];
/** The checks this file makes through the page. */
const made: { honest?: string; keyboard?: string } = {};

beforeAll(async () => {
  svc = await startTestService({ demoData: true, env: { OUTBOX_SWEEP_MS: '200' } });
  ({ DEMO, demoCode } = await import('../../functions/local/demo-data.ts'));
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, svc, { dept: 'APPROVAL', roles: ['checker'], sub: 'clerk-wang' });
});

afterAll(async () => {
  fixClock(undefined);
  if (audits.length) console.log(`axe summary:\n${audits.map((a) => `  ${a.page.padEnd(26)} critical ${a.byImpact.critical}, serious ${a.byImpact.serious}, moderate ${a.byImpact.moderate}, minor ${a.byImpact.minor}`).join('\n')}`);
  await browser?.close();
  await svc?.close();
});

async function audit(name: string) {
  const result = await auditPage(page, name);
  audits.push(result);
  expect(blocking(result), JSON.stringify(blocking(result), null, 2)).toEqual([]);
}

/** The check view's measure items. */
const measures = (p: Page) => p.locator('.check-view .measure');

describe('信用核查 with feedback to 办结', () => {
  it('checks one subject and shows the verdict, the hits and the measures with legal basis and force', async () => {
    await openScreen(page, 'check', '信用核查');
    await audit('console-check');
    await page.getByLabel('办理事项').first().selectOption({ label: '行政许可' });
    await page.getByLabel('统一社会信用代码或身份证号').fill(DEMO.honest);
    await page.getByRole('button', { name: '核查', exact: true }).click();
    await statusSays(page, '核查完成');
    const view = page.locator('.check-view');
    await expect(view.locator('.verdict-badge').innerText()).resolves.toBe('激励');
    const hits = await view.locator('table.hits tbody tr').allInnerTexts();
    expect(hits).toHaveLength(1);
    expect(hits[0]).toContain('纳税信用A级纳税人');
    expect(hits[0]).toContain('主体本身');
    expect(hits[0]).toContain('2026-04-01');
    expect(hits[0]).toContain('2027-04-01');
    await expect(measures(page).count()).resolves.toBe(2);
    const first = await measures(page).first().innerText();
    expect(first).toContain('行政审批开辟绿色通道，优先办理');
    expect(first).toContain('激励 · 必须执行');
    expect(first).toContain('M-TAX-A-GRADE-2016/1');
    expect(await view.locator('.progress').innerText()).toContain('待反馈 2 项');
    made.honest = (await view.locator('a[href^="#/checks/"]').first().innerText()).trim();
    expect(made.honest).toMatch(/^[0-9a-z]{25}$/);
    await audit('console-check-result');
    await browser.screenshot(page, 'console-check-result');
  });

  it('requires a reason for 未采用, shown beside the field, then records both feedbacks and shows 办结', async () => {
    const second = measures(page).nth(1);
    await second.getByLabel('未采用').check();
    await second.getByRole('button', { name: '提交反馈' }).click();
    await statusSays(page, '请补全反馈');
    await expect(second.getByLabel('说明').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(second.locator('.field-error:not([hidden])').innerText()).resolves.toBe('未采用时必须说明理由');
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'textarea' });
    await second.getByLabel('说明').fill('申请材料齐全，无需容缺受理');
    await second.getByRole('button', { name: '提交反馈' }).click();
    await statusSays(page, '已反馈“容缺受理');
    expect(await second.locator('.feedback-given').innerText()).toContain('未采用（申请材料齐全，无需容缺受理）');

    const first = measures(page).first();
    await first.getByLabel('已采用').check();
    await first.getByRole('button', { name: '提交反馈' }).click();
    await statusSays(page, '核查办结');
    await expect(page.locator('.check-view .progress').innerText()).resolves.toContain('办结');
    await expect(page.locator('.feedback-form').count()).resolves.toBe(0);
    await browser.screenshot(page, 'console-check-done');
  });

  it('shows the check’s trail by id with both feedbacks, who gave them and 办结', async () => {
    await openScreen(page, 'checks', '核查记录查询');
    await audit('console-trail-lookup');
    await page.getByLabel('核查编号').fill(made.honest!);
    await page.getByRole('button', { name: '查看' }).click();
    await page.locator('#screen-title', { hasText: '核查记录：天津滨海示范制造股份有限公司' }).waitFor();
    await statusSays(page, '反馈 2 条');
    const text = await page.locator('#screen').innerText();
    expect(text).toContain('由 clerk-wang 于');
    expect(text).toContain('反馈：已采用');
    expect(text).toContain('反馈：未采用');
    expect(text).toContain('办结');
    await audit('console-trail');
  });

  it('works by keyboard alone: matter, subject, check, each measure’s feedback, 办结', async () => {
    await openScreen(page, 'check', '信用核查');
    await expect(activeElement(page)).resolves.toMatchObject({ id: 'screen-title' });
    const tabTo = async (predicate: (a: Awaited<ReturnType<typeof activeElement>>) => boolean, limit = 40) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const a = await activeElement(page);
        if (predicate(a)) return a;
      }
      throw new Error('not reached by Tab');
    };
    await tabTo((a) => a.name === 'matter');
    // A select takes its option by typing/arrow keys; choose 告知承诺审批 by its value through the keyboard.
    const wanted = await page.locator('#check-form select[name="matter"] option', { hasText: '告知承诺审批' }).getAttribute('value');
    for (let i = 0; i < 20 && (await page.locator('#check-form select[name="matter"]').inputValue()) !== wanted; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#check-form select[name="matter"]').inputValue()).toBe(wanted);
    await tabTo((a) => a.name === 'subjectId');
    await page.keyboard.type(DEMO.defaulterPerson);
    await page.keyboard.press('Enter');
    await statusSays(page, '核查完成');
    // Focus is on the result's heading.
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'h2' });
    await expect(page.locator('.check-view .verdict-badge').innerText()).resolves.toBe('限制');
    const hits = await page.locator('.check-view table.hits tbody').innerText();
    expect(hits).toContain('法定代表人');
    expect(hits).toContain('主体本身');
    await tabTo((a) => a.tag === 'input' && a.name.startsWith('outcome'));
    // The first radio of the group: 已采用; Space selects it.
    await page.keyboard.press('Space');
    await tabTo((a) => a.tag === 'textarea');
    await page.keyboard.type('不适用告知承诺，转一般程序办理');
    await tabTo((a) => a.text === '提交反馈');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await statusSays(page, '核查办结');
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'p' });
    await expect(page.locator('.check-view .progress').innerText()).resolves.toContain('办结');
    made.keyboard = (await page.locator('.check-view a[href^="#/checks/"]').first().innerText()).trim();
  });

  it('has a skip link first, which goes to the main content without leaving the screen', async () => {
    await page.goto(`${svc.url}/console#/check`);
    await page.locator('#screen-title', { hasText: '信用核查' }).waitFor();
    // The first stop of the Tab order is the skip link.
    const firstStop = await page.evaluate(() => {
      const stops = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter((el) => el.tabIndex >= 0 && !el.closest('[hidden]'));
      return stops[0]?.textContent;
    });
    expect(firstStop).toBe('跳到主要内容');
    await page.locator('.skip-link').focus();
    await page.keyboard.press('Enter');
    await expect(activeElement(page)).resolves.toMatchObject({ id: 'main' });
    expect(new URL(page.url()).hash).toBe('#/check');
    await expect(page.locator('#screen-title').innerText()).resolves.toBe('信用核查');
    // Then the screen's fields, in order.
    await page.keyboard.press('Tab');
    await expect(activeElement(page)).resolves.toMatchObject({ name: 'matter' });
  });
});

describe('批量核查', () => {
  it('checks a pasted list longer than one request takes (in two requests) and links each check', async () => {
    await openScreen(page, 'check', '信用核查');
    const unknown = Array.from({ length: 118 }, (_, i) => demoCode(`91120000MA${String(i).padStart(7, '0')}`));
    const pasted = [`统一社会信用代码`, DEMO.abnormal, DEMO.honest, ...unknown].join('\n');
    const batch = page.locator('#batch-form');
    await batch.getByLabel('办理事项').selectOption({ label: '行政许可' });
    await batch.getByLabel('主体代码清单').fill(pasted);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/checks/batch')) requests.push(r.postData() ?? '');
    });
    await batch.getByRole('button', { name: '批量核查' }).click();
    await statusSays(page, '批量核查完成：共 120 个主体');
    expect(requests.map((b) => JSON.parse(b).subjectIds.length)).toEqual([100, 20]);
    const rows = batch.locator('table.batch-results tbody tr');
    await expect(rows.count()).resolves.toBe(120);
    const abnormal = await rows.first().innerText();
    expect(abnormal).toContain('天津宝坻示范商贸有限公司');
    expect(abnormal).toContain('提示');
    expect(await rows.nth(1).innerText()).toContain('激励');
    expect(await rows.nth(2).innerText()).toContain('未登记');
    expect(await batch.locator('caption').innerText()).toContain('通过 118 个');
    await audit('console-batch');
    await browser.screenshot(page, 'console-batch');
    // Each row opens its check.
    await rows.first().getByRole('link', { name: /查看并反馈/ }).click();
    await page.locator('#screen-title', { hasText: '核查记录：天津宝坻示范商贸有限公司' }).waitFor();
  });

  it('names the id the service refuses, beside the list', async () => {
    await openScreen(page, 'check', '信用核查');
    const batch = page.locator('#batch-form');
    await batch.getByLabel('办理事项').selectOption({ label: '行政许可' });
    const wrong = `${DEMO.honest.slice(0, 17)}${DEMO.honest.endsWith('0') ? '1' : '0'}`;
    await batch.getByLabel('主体代码清单').fill(`${DEMO.abnormal}\n${wrong}`);
    await batch.getByRole('button', { name: '批量核查' }).click();
    await statusSays(page, '提交的内容有误');
    await expect(batch.getByLabel('主体代码清单').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await batch.locator('.field-error:not([hidden])').innerText()).toContain(wrong);
  });
});

describe('通知 and 待反馈', () => {
  it('shows a notice when a subject the department checked is listed, linked to the check', async () => {
    // The court lists the honest enterprise the checker checked above: APPROVAL is told.
    const court = await svc.token('COURT', ['recorder']);
    const listed = await svc.call('POST', '/v1/records', {
      token: court,
      body: { subjectId: DEMO.honest, type: 'listing', listCode: 'COURT_DEFAULTER', documentNo: '(2026)津02执77号', decidedOn: '2026-05-01', title: '列入失信被执行人名单' },
    });
    expect(listed.status).toBe(201);
    await openScreen(page, 'notices', '通知');
    await statusSays(page, /已显示 \d+ 条通知/);
    const item = page.locator('.notice-list li').first();
    const text = await item.innerText();
    expect(text).toContain('(2026)津02执77号');
    expect(text).toContain(DEMO.honest);
    expect(text).toContain('失信被执行人');
    await expect(item.getByRole('link', { name: made.honest! }).count()).resolves.toBe(1);
    await audit('console-notices');
    await browser.screenshot(page, 'console-notices');
  });

  it('lists the checks awaiting feedback, oldest first, overdue ones marked, each opening its check', async () => {
    // A check of three weeks ago still lacks its feedback: past 10 working days, overdue.
    fixClock(new Date(Date.now() - 21 * 86_400_000));
    const checker = await svc.token('APPROVAL', ['checker'], 'clerk-zhao');
    const old = await svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: DEMO.defaulter, matter: 'COMMITMENT_APPROVAL' } });
    fixClock(undefined);
    expect(old.status).toBe(200);
    // A check made "three weeks ago" is read from the days its department's ledger shows awaiting: once the
    // sweep has counted it (within a second here). Read the screen again until it is listed.
    const deadline = Date.now() + 15_000;
    for (;;) {
      await openScreen(page, 'awaiting', '待反馈：政务服务办公室（行政审批）');
      await statusSays(page, /已显示 \d+ 条待反馈的核查/);
      if ((await page.locator('table.awaiting').innerText()).includes(DEMO.defaulter)) break;
      if (Date.now() > deadline) throw new Error('the overdue check was never listed');
      await openScreen(page, '', '工作台首页');
      await page.waitForTimeout(300);
    }
    const rows = page.locator('table.awaiting tbody tr');
    const first = rows.first();
    expect(await first.innerText()).toContain(DEMO.defaulter);
    expect(await first.innerText()).toContain('已逾期');
    await expect(first.getAttribute('class')).resolves.toContain('overdue');
    // The abnormal enterprise's check from the batch awaits its one measure, not overdue.
    const abnormal = rows.filter({ hasText: DEMO.abnormal });
    expect(await abnormal.innerText()).not.toContain('已逾期');
    expect(await abnormal.innerText()).toContain('M-ABNORMAL-OPERATION/2');
    // Checks fed back to 办结 are not listed.
    const opened = await page.locator('table.awaiting a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(opened.length).toBeGreaterThan(1);
    expect(opened).not.toContain(`#/checks/${made.honest}`);
    expect(opened).not.toContain(`#/checks/${made.keyboard}`);
    await audit('console-awaiting');
    await browser.screenshot(page, 'console-awaiting');
    await first.getByRole('link', { name: /反馈/ }).click();
    await page.locator('#screen-title', { hasText: '核查记录：北京示范建设工程有限公司' }).waitFor();
    const form = page.locator('.feedback-form').first();
    await form.getByLabel('已采用').check();
    await form.getByRole('button', { name: '提交反馈' }).click();
    await statusSays(page, '核查办结');
    await openScreen(page, 'awaiting', '待反馈');
    await statusSays(page, /已显示 \d+ 条待反馈的核查|没有待反馈的核查/);
    expect(await page.locator('#screen').innerText()).not.toContain(DEMO.defaulter);
  });

  it('shows the checker its own department’s ledger', async () => {
    await openScreen(page, 'ledger', '反馈台账');
    await statusSays(page, '已读取台账');
    const departments = await page.locator('table.ledger-table tbody th').allInnerTexts();
    expect(new Set(departments)).toEqual(new Set(['政务服务办公室（行政审批）']));
  });
});

describe('反馈台账 as the credit office (auditor)', () => {
  it('shows the department’s checks and feedback, with the rate, charts with their tables, and a drill-down', async () => {
    const auditor = await browser.newPage();
    const previous = page;
    page = auditor;
    await signIn(page, svc, { dept: 'DRC', roles: ['auditor'], sub: 'credit-office-li' });
    await openScreen(page, 'ledger', '反馈台账');
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const row = () => page.locator(`table.ledger-table tbody tr[data-department="APPROVAL"][data-month="${month}"]`);
    const count = async (name: string) => Number(await row().locator(`td[data-count="${name}"]`).innerText());
    // The ledger counts checks within seconds (the sweep): read again through the page's 刷新 until it has them.
    // This month: the honest check (2 measures: 1 applied, 1 not), the keyboard check (1 applied), 120 batch checks
    // (the abnormal enterprise's with 1 measure awaiting), the failing batch checks none; the overdue check is last month's or this one's.
    const deadline = Date.now() + 15_000;
    for (;;) {
      await statusSays(page, /已读取台账|没有核查记录/);
      if ((await row().count()) && (await count('checks')) >= 122 && (await count('applied')) >= 2) break;
      if (Date.now() > deadline) throw new Error(`the ledger did not show the checks: ${await page.locator('#ledger-output').innerText()}`);
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: '刷新' }).click();
    }
    expect(await count('notApplied')).toBe(1);
    expect(await count('applied')).toBeGreaterThanOrEqual(2);
    const returned = await count('measuresReturned');
    const fed = (await count('applied')) + (await count('notApplied'));
    expect(await row().locator('td[data-count="feedbackRate"]').innerText()).toBe(`${((fed / returned) * 100).toFixed(1)}%`);
    expect(await count('awaiting')).toBe(returned - fed);
    // Charts: inline SVG labelled as images, each with its figures as a table.
    const charts = page.locator('figure.chart');
    await expect(charts.count()).resolves.toBe(2);
    await expect(charts.first().locator('svg[role="img"] title').textContent()).resolves.toContain('政务服务办公室（行政审批）');
    await expect(charts.first().locator('details table tbody tr').count()).resolves.toBeGreaterThan(0);
    await audit('console-ledger');
    await browser.screenshot(page, 'console-ledger');

    await row().getByRole('link', { name: /查看/ }).click();
    await page.locator('#screen-title', { hasText: '待反馈：政务服务办公室（行政审批）' }).waitFor();
    await statusSays(page, /已显示 \d+ 条待反馈的核查/);
    expect(await page.locator('table.awaiting').innerText()).toContain(DEMO.abnormal);
    // The auditor reads, and gives no feedback: the row offers 查看, not 反馈.
    expect(await page.locator('table.awaiting tbody tr').first().getByRole('link').innerText()).toMatch(/^查看/);
    await audit('console-awaiting-auditor');
    await page.close();
    page = previous;
  });
});

describe('the workbench’s start screen', () => {
  it('passes axe', async () => {
    await openScreen(page, '', '工作台首页');
    await audit('console-home');
  });
});
