import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking } from './axe.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { openScreen, signIn, statusSays } from './console-support.ts';

/**
 * The department workbench's shell (issue 13): the development sign-in, the header with the department's
 * Chinese name and the roles, the nav by roles, the API client, sign-out and the return to sign-in on 401.
 */
let svc: TestService;
let DEMO: typeof import('../../functions/local/demo-data.ts').DEMO;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  svc = await startTestService({ demoData: true });
  ({ DEMO } = await import('../../functions/local/demo-data.ts'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function freshPage() {
  await page?.close();
  page = await browser.newPage();
  return page;
}

const navItems = (p: Page) => p.locator('#nav a').allInnerTexts();

describe('the workbench shell', () => {
  it('asks to sign in, signs a checker in through the development sign-in, and shows the department in Chinese', async () => {
    await freshPage();
    await page.goto(`${svc.url}/console`);
    await expect(page.locator('#screen-title').innerText()).resolves.toBe('登录部门工作台');
    expect(blocking(await auditPage(page, 'console-sign-in-dev'))).toEqual([]);
    await page.getByRole('link', { name: '开发登录' }).click();
    await page.waitForURL(/\/dev\/sign-in$/);
    expect(blocking(await auditPage(page, 'dev-sign-in'))).toEqual([]);
    await browser.screenshot(page, 'dev-sign-in');
    await signIn(page, svc, { dept: 'APPROVAL', roles: ['checker'], sub: 'clerk-wang' });
    await expect(page.locator('#who-dept').innerText()).resolves.toBe('政务服务办公室（行政审批）');
    await expect(page.locator('#who-sub').innerText()).resolves.toBe('clerk-wang');
    await expect(page.locator('#who-roles').innerText()).resolves.toBe('信用核查');
    expect(await navItems(page)).toEqual(['工作台首页', '信用核查', '待反馈', '通知', '反馈台账', '核查记录查询']);
    // The token is in sessionStorage, never in the address.
    expect(page.url()).not.toMatch(/eyJ/);
    expect(await page.evaluate(() => sessionStorage.getItem('credit-console-token'))).toMatch(/^eyJ/);
    await browser.screenshot(page, 'console-home-checker');
  });

  it('shows each role only the screens it may use', async () => {
    await freshPage();
    await signIn(page, svc, { dept: 'DRC', roles: ['auditor'] });
    expect(await navItems(page)).toEqual(['工作台首页', '待反馈', '反馈台账', '核查记录查询', '备忘录目录', '抽查计划']);
    await openScreen(page, 'check', '无权访问');
    expect(blocking(await auditPage(page, 'console-forbidden'))).toEqual([]);
    await openScreen(page, 'no-such-screen', '页面不存在');
  });

  it('checks a subject through the API client and shows the verdict', async () => {
    await freshPage();
    await signIn(page, svc, { dept: 'APPROVAL', roles: ['checker'] });
    await openScreen(page, 'check', '信用核查');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('screen-title');
    await page.locator('#check-form').getByLabel('办理事项').selectOption({ label: '告知承诺审批' });
    await page.getByLabel('统一社会信用代码或身份证号').fill(DEMO.defaulterPerson);
    await page.getByRole('button', { name: '核查', exact: true }).click();
    await statusSays(page, '核查完成');
    await expect(page.locator('.check-view .verdict-badge').innerText()).resolves.toBe('限制');
  });

  it('shows a 400 beside the field it names', async () => {
    await page.getByLabel('统一社会信用代码或身份证号').fill('123');
    await page.getByRole('button', { name: '核查', exact: true }).click();
    await statusSays(page, '提交的内容有误');
    await expect(page.getByLabel('统一社会信用代码或身份证号').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#check-form .field-error:not([hidden])').count()).resolves.toBeGreaterThan(0);
  });

  it('refuses a sign-in without a role or with a name it cannot take, saying why', async () => {
    await page.goto(`${svc.url}/dev/sign-in`);
    for (const box of await page.locator('input[name="roles"]').all()) await box.uncheck();
    await page.getByLabel('用户名（sub）').fill('王 clerk');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = await page.getByRole('alert').innerText();
    expect(alert).toContain('请至少选择一个角色');
    expect(alert).toContain('用户名只能包含');
    expect(page.url()).toMatch(/\/dev\/sign-in$/);
  });

  it('returns to sign-in when the API answers 401, and signs out', async () => {
    await page.goto(`${svc.url}/console`);
    await page.locator('#screen-title').waitFor();
    await page.evaluate(() => sessionStorage.setItem('credit-console-token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiZGVwdCI6IkFQUFJPVkFMIiwicm9sZXMiOlsiY2hlY2tlciJdfQ.bad'));
    await page.reload();
    await statusSays(page, '登录已失效');
    await expect(page.locator('#screen-title').innerText()).resolves.toBe('登录部门工作台');
    expect(await page.evaluate(() => sessionStorage.getItem('credit-console-token'))).toBeNull();

    await signIn(page, svc, { dept: 'APPROVAL', roles: ['checker'] });
    await page.getByRole('button', { name: '退出登录' }).click();
    await statusSays(page, '已退出登录');
    expect(await page.evaluate(() => sessionStorage.getItem('credit-console-token'))).toBeNull();
    await expect(page.locator('#nav').isHidden()).resolves.toBe(true);
  });
});
