import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';
import { launchBrowser, scriptBytes, type Browser } from './browser.ts';

const MASKED_PERSON = '110105********002X';

let svc: TestService;
// demo-data.ts reaches the data client, which reads its endpoint when first imported: import it once the service runs.
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

async function openPage(path = '/') {
  await page?.close();
  page = await browser.newPage();
  await page.goto(svc.url + path);
  return page;
}

/** Everything a person could read or copy from the page: text, markup and address. */
async function visible(p: Page) {
  return [await p.locator('body').innerText(), await p.content(), p.url()].join('\n');
}

/** The status line once it says `text` (it first says 正在查询…). */
async function statusSays(text: string | RegExp) {
  const status = page.locator('#status').filter({ hasText: text });
  await status.waitFor();
  return status;
}

const activeId = (p: Page) => p.evaluate(() => document.activeElement?.id ?? '');
const activeText = (p: Page) => p.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');

describe('the public credit lookup page', () => {
  it('finds an enterprise by a name fragment and opens its report with every section', async () => {
    await openPage();
    await page.getByLabel('主体名称或统一社会信用代码').fill('华为');
    await page.getByRole('button', { name: '查询' }).click();
    const result = page.getByRole('link', { name: /华为技术有限公司/ });
    await expect(result.innerText()).resolves.toContain(DEMO.huawei);
    await statusSays('找到 1 个主体');
    expect(new URL(page.url()).searchParams.get('q')).toBe('华为');
    await browser.screenshot(page, 'lookup-search-results');

    await result.click();
    const report = page.locator('#report');
    await expect(report.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('华为技术有限公司');
    for (const title of ['行政许可', '行政处罚', '名单', '检查结果']) {
      await expect(report.getByRole('heading', { level: 3, name: new RegExp(`^${title}`) }).count()).resolves.toBe(1);
    }
    const licences = report.locator('#sec-licence');
    await expect(licences.innerText()).resolves.toMatch(/深环批〔2026〕12号[\s\S]*生态环境局[\s\S]*2026-01-15/);
    await expect(report.innerText()).resolves.toMatch(/数据截至[：\s]*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
    expect(new URL(page.url()).searchParams.get('id')).toBe(DEMO.huawei);
    await browser.screenshot(page, 'lookup-report-huawei');
  });

  it('links a report by its URL, naming lists and departments in Chinese', async () => {
    await openPage(`/?id=${DEMO.abnormal}`);
    const report = page.locator('#report');
    await expect(report.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('天津宝坻示范商贸有限公司');
    const listings = await report.locator('#sec-listing').innerText();
    expect(listings).toContain('经营异常名录');
    // A warning list (black, general): not badged as a black list.
    expect(listings).toContain('警示名录');
    expect(listings).not.toContain('黑名单');
    expect(listings).toContain('市场监督管理委员会');
    expect(listings).not.toContain('ABNORMAL_OPERATION');
    const penalties = await report.locator('#sec-penalty').innerText();
    expect(penalties).toContain('津宝市监罚〔2026〕88号');
    expect(penalties).toContain('¥20,000.00');
    // The warning-only penalty is never public.
    expect(penalties).not.toContain('津宝市监罚〔2026〕89号');
    await browser.screenshot(page, 'lookup-report-abnormal');

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#search-panel').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '打印报告' }).isVisible()).resolves.toBe(false);
    await expect(report.locator('#sec-penalty').isVisible()).resolves.toBe(true);
    await browser.screenshot(page, 'lookup-report-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('finds a person only by the full identity number and never shows it whole', async () => {
    await openPage();
    await page.getByLabel('主体名称或统一社会信用代码').fill(DEMO.defaulterPerson);
    await page.keyboard.press('Enter');
    const result = page.getByRole('link', { name: /张某某/ });
    await expect(result.innerText()).resolves.toContain(MASKED_PERSON);
    expect(await visible(page)).not.toContain(DEMO.defaulterPerson);
    expect(await page.locator('#q').inputValue()).toBe('');
    await browser.screenshot(page, 'lookup-person-results');

    await result.click();
    const report = page.locator('#report');
    await expect(report.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('张某某');
    await expect(report.innerText()).resolves.toContain(MASKED_PERSON);
    await expect(report.innerText()).resolves.toContain('公民身份号码');
    expect(await visible(page)).not.toContain(DEMO.defaulterPerson);
    await browser.screenshot(page, 'lookup-person-report');

    // Back to the results, still masked, still not in the address.
    await page.getByRole('link', { name: '← 返回查询结果' }).click();
    await expect(page.getByRole('link', { name: /张某某/ }).innerText()).resolves.toContain(MASKED_PERSON);
    expect(await visible(page)).not.toContain(DEMO.defaulterPerson);
  });

  it('works with the keyboard alone: Tab to the search box, Enter, Tab to the first result, Enter', async () => {
    await openPage();
    let tabs = 0;
    while ((await activeId(page)) !== 'q' && tabs < 9) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    expect(await activeId(page)).toBe('q');
    // Skip link, brand, three navigation links, then the search box.
    expect(tabs).toBe(6);
    await page.keyboard.type('示范');
    await page.keyboard.press('Enter');
    await page.locator('#result-list a').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('查询');
    await page.keyboard.press('Tab');
    const first = await page.locator('#result-list a').first().innerText();
    expect(await activeText(page)).toBe(first);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await browser.screenshot(page, 'lookup-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.locator('#report-title').waitFor();
    // Focus moves to the report's heading so the next Tab continues inside the report.
    expect(await activeId(page)).toBe('report-title');
    expect(first).toContain(await page.locator('#report-title').innerText());
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('打印报告');
  });

  it('says in Chinese what went wrong: 400, 404, 429 with Retry-After', async () => {
    await openPage('/?id=91110000600037341X');
    await expect((await statusSays('代码格式不正确')).getAttribute('class')).resolves.toContain('status-error');

    await openPage('/?id=91350100M000100Y43');
    await statusSays('未找到该主体。请核对代码，或通过名称查询。');
    await expect(page.locator('#report').isHidden()).resolves.toBe(true);

    await openPage();
    await page.getByLabel('主体名称或统一社会信用代码').fill('华');
    await page.keyboard.press('Enter');
    await statusSays('至少 2 个字');

    await page.route('**/v1/public/search**', (route) =>
      route.fulfill({ status: 429, headers: { 'retry-after': '42', 'content-type': 'application/problem+json' }, body: '{"status":429}' }),
    );
    await page.getByLabel('主体名称或统一社会信用代码').fill('华为');
    await page.keyboard.press('Enter');
    await statusSays('查询过于频繁，请在 42 秒后重试');
    await browser.screenshot(page, 'lookup-error-429');
  });

  it('loads under 100 KB of script', async () => {
    await openPage(`/?id=${DEMO.huawei}`);
    await page.locator('#report-title').waitFor();
    const { total, files } = await scriptBytes(page);
    expect(Object.keys(files).sort()).toEqual(['/assets/common.js', '/assets/lookup.js', '/assets/petitions.js']);
    expect(total).toBeLessThan(100 * 1024);
  });
});
