import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../functions/web-pages.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { launchBrowser, type Browser } from './browser.ts';

let svc: TestService;
let browser: Browser;
let page: Page;
const requests: Request[] = [];
const violations: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser();
  page = await browser.newPage();
  // Chromium reports each blocked load or style as this event, console messages aside.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  page.on('request', (r) => requests.push(r));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${svc.url}/docs`);
  await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

describe('the API documentation page', () => {
  it('renders the published OpenAPI document under the Chinese page chrome', async () => {
    expect(await page.title()).toBe('接口文档 — 信用联合奖惩平台');
    await expect(page.getByRole('heading', { level: 1, name: '接口文档' }).isVisible()).resolves.toBe(true);
    const info = page.locator('.swagger-ui .info .title');
    await expect(info.innerText()).resolves.toContain('信用联合奖惩 Credit Joint Reward and Punishment API');
    await expect(page.locator('#docs-status').innerText()).resolves.toBe('接口文档已载入。');
    await browser.screenshot(page, 'docs');
  });

  it('shows the check endpoint as an operation, and opens it to its responses', async () => {
    const check = page.locator('.opblock-post').filter({ has: page.locator('[data-path="/v1/checks"]') });
    await expect(check.count()).resolves.toBe(1);
    await check.locator('.opblock-summary-control').click();
    await check.locator('.responses-wrapper').waitFor();
    await expect(check.locator('.responses-table').first().innerText()).resolves.toContain('200');
    await check.getByRole('button', { name: 'Try it out' }).click();
    await check.locator('.body-param textarea, textarea.body-param__text').first().waitFor();
    await browser.screenshot(page, 'docs-check-operation');
  });

  it('loads everything from this origin: no request leaves localhost, and the pages’ strict policy blocks nothing', async () => {
    const origin = new URL(svc.url).origin;
    const elsewhere = requests.map((r) => r.url()).filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
    const paths = requests.map((r) => new URL(r.url()).pathname);
    expect(paths).toEqual(expect.arrayContaining(['/docs', '/docs/viewer/swagger-ui-bundle.js', '/docs/viewer/swagger-ui.css', '/v1/openapi.json']));
    const document = requests.find((r) => new URL(r.url()).pathname === '/docs')!;
    expect((await document.response())!.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
