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
let auditor: string;
/** The public document (no strata) and the full one (strata, roster) of the drawn plan. */
let published: any;
let full: any;

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser();
  drawn = await makePlan(svc, { title: '2026年第四季度联合抽查', draw: true, offset: 1 });
  undrawn = await makePlan(svc, { title: '2027年第一季度联合抽查', draw: false, offset: 101 });
  auditor = await svc.token('DRC', ['auditor'], 'credit-office');
  published = (await svc.call('GET', `/v1/public/plans/${drawn.planId}`)).body;
  full = (await svc.call('GET', `/v1/plans/${drawn.planId}/population`, { token: auditor })).body;
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

async function paste(doc: unknown) {
  await openPage('/verify');
  await page.getByText('核验一份计划文档（JSON）').click();
  await page.getByLabel('粘贴计划文档').fill(JSON.stringify(doc, null, 2));
  await page.getByRole('button', { name: '核验文档' }).click();
  return verdict();
}

const stepState = (key: string) => page.locator(`#checks li[data-step="${key}"]`).getAttribute('class');

describe('the draw verification page, on the public document', () => {
  it('checks a real draw’s public document in the browser: 一致, saying what needs the full one', async () => {
    expect(published).not.toHaveProperty('strata');
    expect(published.sample.length).toBeGreaterThan(0);
    await openPage(`/verify?plan=${encodeURIComponent(drawn.planId)}`);
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：一致');
    expect(detail).toContain(`${published.sample.length} 个抽取对象的签号逐条一致`);
    expect(detail).toContain('完整文档');
    for (const key of ['shape', 'seed', 'tickets', 'size', 'results']) await expect(stepState(key)).resolves.toBe('pass');
    for (const key of ['population', 'sample', 'teams']) {
      await expect(stepState(key)).resolves.toBe('skip');
      await expect(page.locator(`#checks li[data-step="${key}"] .detail`).innerText()).resolves.toContain('需凭完整文档核验');
    }
    // The table lists the server's sample, in the server's order, with the server's teams.
    const rows = await page.locator('#sample tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r[1])).toEqual(drawn.draw.sample.map((s: { subjectId: string }) => s.subjectId));
    expect(rows.map((r) => r[3])).toEqual(drawn.draw.sample.map((s: { team: string[] | null }) => (s.team ? s.team.join('、') : '未组成')));
    await expect(page.locator('#summary').innerText()).resolves.toContain('市场监督管理委员会、生态环境局');
    await expect(page.locator('#summary').innerText()).resolves.toContain('公开文档');
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

  it('flags a pasted document with two sample entries swapped: out of ticket order', async () => {
    const [first, second, ...rest] = published.sample;
    const { title, detail } = await paste({ ...published, sample: [second, first, ...rest] });
    expect(title).toBe('核验结论：不一致');
    expect(detail).toContain('第 2 条（sample[1]）：签号小于上一条');
    await expect(stepState('tickets')).resolves.toBe('fail');
    await expect(page.locator('#sample tbody tr.row-bad').count()).resolves.toBe(1);
    await browser.screenshot(page, 'verify-tampered-sample');
  });

  it('flags a pasted document with a changed ticket, naming it and the recomputed one', async () => {
    const sample = published.sample.map((s: { ticket: string }, i: number) => (i === 2 ? { ...s, ticket: '0.123' } : s));
    const { detail } = await paste({ ...published, sample });
    expect(detail).toContain(`第 3 条（sample[2]）的签号（ticket）：公布为 0.123，按种子重新计算为 ${published.sample[2].ticket}`);
    await expect(page.locator('#sample tbody tr').nth(2).getAttribute('class')).resolves.toBe('row-bad');
    await expect(page.locator('#sample tbody tr').nth(2).innerText()).resolves.toContain('签号不符');
  });

  it('flags a pasted document with a sampled subject dropped: the sample size', async () => {
    const { detail } = await paste({ ...published, sample: published.sample.slice(0, -1) });
    expect(detail).toContain(`样本量不符：公布了 ${published.sample.length - 1} 个抽取对象，按各类名录规模与比例应为 ${published.sample.length} 个`);
    await expect(stepState('size')).resolves.toBe('fail');
  });

  it('checks a plan not drawn yet as far as it can', async () => {
    await openPage('/verify');
    await page.getByLabel('抽查计划编号').fill(undrawn.planId);
    await page.keyboard.press('Enter');
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：尚未抽取');
    expect(detail).toContain('尚未公布种子');
    expect(new URL(page.url()).searchParams.get('plan')).toBe(undrawn.planId);
    await browser.screenshot(page, 'verify-pending');
  });
});

describe('the draw verification page, on the full document', () => {
  it('fetches the full document with a token and re-runs the whole draw', async () => {
    await openPage('/verify');
    await page.getByLabel('抽查计划编号').fill(drawn.planId);
    await page.getByLabel('访问令牌（可选）').fill(auditor);
    await page.getByRole('button', { name: '获取并核验' }).click();
    const { title, detail } = await verdict();
    expect(title).toBe('核验结论：一致');
    expect(detail).toContain(`依据完整文档重新计算的 ${full.sample.length} 个抽取对象及其检查组`);
    for (const key of ['shape', 'seed', 'population', 'sample', 'teams', 'results']) await expect(stepState(key)).resolves.toBe('pass');
    const rows = await page.locator('#sample tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r[2])).toEqual(full.sample.map((s: { stratum: string }) => s.stratum));
    expect(rows.map((r) => r[4])).toEqual(full.sample.map((s: { team: string[] | null }) => (s.team ? s.team.join('、') : expect.stringContaining('未组成'))));
    await expect(page.locator('#summary').innerText()).resolves.toContain('完整文档');
    // The token goes into the request only, never into the address.
    expect(page.url()).not.toContain(auditor);
    await browser.screenshot(page, 'verify-full');
  });

  it('says in Chinese when the token may not read the full document', async () => {
    const tax = await svc.token('TAX', ['planner']);
    await openPage('/verify');
    await page.getByLabel('抽查计划编号').fill(drawn.planId);
    await page.getByLabel('访问令牌（可选）').fill(tax);
    await page.getByRole('button', { name: '获取并核验' }).click();
    await page.locator('#status.status-error').filter({ hasText: '该令牌无权查看此计划的完整文档' }).waitFor();
  });

  it('flags a pasted full document with two sample entries swapped, naming the first difference', async () => {
    const [first, second, ...rest] = full.sample;
    const { title, detail } = await paste({ ...full, sample: [second, first, ...rest] });
    expect(title).toBe('核验结论：不一致');
    expect(detail).toContain('第 1 条（sample[0]）的主体代码（subjectId）');
    expect(detail).toContain(`公布为 ${second.subjectId}，重新计算为 ${first.subjectId}`);
    await expect(page.locator('#sample tbody tr.row-bad').count()).resolves.toBe(2);
  });

  it('flags a pasted full document whose team was changed', async () => {
    const index = full.sample.findIndex((s: { team: string[] | null }) => s.team !== null);
    const sample = full.sample.map((s: { team: string[] | null }, i: number) => (i === index ? { ...s, team: [...s.team!].reverse() } : s));
    const { detail } = await paste({ ...full, sample });
    expect(detail).toContain(`第 ${index + 1} 条（sample[${index}]）的检查组（team）`);
  });

  it('flags a pasted full document whose strata do not match their published hashes', async () => {
    const { detail } = await paste({ ...full, strataSalt: 'a-guessed-salt' });
    expect(detail).toContain('A 类哈希不符');
    await expect(stepState('population')).resolves.toBe('fail');
  });
});

describe('the draw verification page, on anything else', () => {
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
