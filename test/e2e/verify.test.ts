import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';
import { launchBrowser, scriptBytes, type Browser } from './browser.ts';
import { makePlan } from './plan-fixture.ts';

let svc: TestService;
let browser: Browser;
let page: Page;
let drawn: Awaited<ReturnType<typeof makePlan>>;
let undrawn: Awaited<ReturnType<typeof makePlan>>;
let published: any;

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser();
  drawn = await makePlan(svc, { title: '2026年第四季度联合抽查', draw: true, offset: 1 });
  undrawn = await makePlan(svc, { title: '2027年第一季度联合抽查', draw: false, offset: 101 });
  published = (await svc.call('GET', `/v1/public/plans/${drawn.planId}`)).body;
});

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function openPage(path: string) {
  await page?.close();
  page = await browser.newPage();
  await page.goto(svc.url + path);
  return page;
}

/** The verdict heading once verification has finished. */
async function verdict() {
  const title = page.locator('#verdict-title');
  await page.locator('#outcome:not([hidden])').waitFor();
  return { title: await title.innerText(), detail: await page.locator('#verdict-detail').innerText() };
}

describe('the draw verification page', () => {
  it('re-runs a real draw in the browser and confirms it: 一致 (match)', async () => {
    expect(published.sample.length).toBeGreaterThan(0);
    await openPage(`/verify?plan=${encodeURIComponent(drawn.planId)}`);
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：一致 (match)');
    expect(detail).toContain(`${published.sample.length} 个抽取对象`);
    await expect(page.locator('#checks li.pass').count()).resolves.toBe(5);
    // The recomputed table lists the server's sample, in the server's order, with the server's teams.
    const rows = await page.locator('#sample tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r[1])).toEqual(drawn.draw.sample.map((s: { subjectId: string }) => s.subjectId));
    expect(rows.map((r) => r[4])).toEqual(drawn.draw.sample.map((s: { team: string[] | null }) => (s.team ? s.team.join('、') : expect.stringContaining('未组成'))));
    await expect(page.locator('#summary').innerText()).resolves.toContain('市场监督管理委员会、生态环境局');
    await browser.screenshot(page, 'verify-match');
  });

  it('flags a served document whose seed was changed', async () => {
    await page?.close();
    page = await browser.newPage();
    await page.route('**/v1/public/plans/**', (route) => route.fulfill({ json: { ...published, seed: `${published.seed}-altered` } }));
    await page.goto(`${svc.url}/verify?plan=${encodeURIComponent(drawn.planId)}`);
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：不一致');
    expect(detail).toContain('第一处差异：种子与承诺不符');
    await expect(page.locator('#checks li.fail').innerText()).resolves.toContain('种子承诺');
    await browser.screenshot(page, 'verify-tampered-seed');
  });

  it('flags a pasted document with two sample entries swapped, naming the first difference', async () => {
    const [first, second, ...rest] = published.sample;
    const tampered = { ...published, sample: [second, first, ...rest] };
    await openPage('/verify');
    await page.getByText('核验一份计划文档（JSON）').click();
    await page.getByLabel('粘贴计划文档').fill(JSON.stringify(tampered, null, 2));
    await page.getByRole('button', { name: '核验文档' }).click();
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：不一致');
    expect(detail).toContain('第 1 条（sample[0]）的主体代码（subjectId）');
    expect(detail).toContain(`公布为 ${second.subjectId}，重新计算为 ${first.subjectId}`);
    await expect(page.locator('#sample tbody tr.row-bad').count()).resolves.toBe(2);
    await browser.screenshot(page, 'verify-tampered-sample');
  });

  it('flags a pasted document whose team was changed', async () => {
    const index = published.sample.findIndex((s: { team: string[] | null }) => s.team !== null);
    const sample = published.sample.map((s: { team: string[] | null }, i: number) => (i === index ? { ...s, team: [...s.team!].reverse() } : s));
    await openPage('/verify');
    await page.getByText('核验一份计划文档（JSON）').click();
    await page.getByLabel('粘贴计划文档').fill(JSON.stringify({ ...published, sample }));
    await page.getByRole('button', { name: '核验文档' }).click();
    const { detail } = await verdict();
    expect(detail).toContain(`第 ${index + 1} 条（sample[${index}]）的检查组（team）`);
  });

  it('checks a plan not drawn yet as far as it can: commitment pending, population hash matching', async () => {
    await openPage('/verify');
    await page.getByLabel('抽查计划编号').fill(undrawn.planId);
    await page.keyboard.press('Enter');
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：尚未抽取');
    expect(detail).toContain('名录哈希一致');
    expect(new URL(page.url()).searchParams.get('plan')).toBe(undrawn.planId);
    await browser.screenshot(page, 'verify-pending');
  });

  it('says so in Chinese when the plan does not exist or the JSON is not valid', async () => {
    await openPage('/verify?plan=no-such-plan');
    await page.locator('#status.status-error').filter({ hasText: /未找到该抽查计划|计划编号格式不正确/ }).waitFor();
    await page.getByText('核验一份计划文档（JSON）').click();
    await page.getByLabel('粘贴计划文档').fill('{ "planId": ');
    await page.getByRole('button', { name: '核验文档' }).click();
    await page.locator('#status.status-error').filter({ hasText: '不是有效的 JSON 文档' }).waitFor();
    await page.getByLabel('粘贴计划文档').fill('{ "planId": "x" }');
    await page.getByRole('button', { name: '核验文档' }).click();
    await expect(verdict()).resolves.toMatchObject({ detail: expect.stringContaining('文档格式不符') });
  });

  it('loads under 100 KB of script', async () => {
    await openPage(`/verify?plan=${encodeURIComponent(drawn.planId)}`);
    await verdict();
    const { total, files } = await scriptBytes(page);
    expect(Object.keys(files).sort()).toEqual(['/assets/common.js', '/assets/draw.js', '/assets/verify.js']);
    expect(total).toBeLessThan(100 * 1024);
  });
});
