import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking, type AxeAudit } from './axe.ts';
import { launchBrowser, scriptBytes, type Browser } from './browser.ts';
import { makePlan } from './plan-fixture.ts';

/**
 * The public pages as a citizen reads them (issue 13, points 5–7): the 一公开 plan list and plan pages, inspection
 * records with the plan's title and a document number, list badges by kind and severity, a person's report in a
 * person's words, penalties with 处罚依据 and 处罚内容, a Chinese 404 page, the footer's 主办单位 and contact, the
 * layout at 390×844, and an axe-core audit of every page.
 */
const SITE_OWNER = '天津市发展和改革委员会';
const SITE_CONTACT = '022-23456789（工作日 9:00–17:00）';
const TITLE = '2026年第四季度市场监管与生态环境联合抽查';
const PHONE = { width: 390, height: 844 };

let svc: TestService;
let DEMO: typeof import('../../functions/local/demo-data.ts').DEMO;
let browser: Browser;
let page: Page;
let drawn: Awaited<ReturnType<typeof makePlan>>;
let undrawn: Awaited<ReturnType<typeof makePlan>>;
/** The public document of the drawn plan, once its results are recorded. */
let published: any;
/** The sampled subject with an unreachable result (listed on 经营异常名录), and its place in the sample. */
let unreachable: { subjectId: string; position: number };
const audits: AxeAudit[] = [];

beforeAll(async () => {
  svc = await startTestService({ demoData: true, env: { SITE_OWNER, SITE_CONTACT } });
  ({ DEMO } = await import('../../functions/local/demo-data.ts'));
  browser = await launchBrowser();
  undrawn = await makePlan(svc, { title: '2027年第一季度联合抽查', draw: false, offset: 201 });
  drawn = await makePlan(svc, { title: TITLE, draw: true, offset: 301 });
  const planner = await svc.token('MARKET', ['planner']);
  const sample = drawn.draw.sample as { subjectId: string; team: string[] | null }[];
  const record = async (subjectId: string, outcome: string) => {
    const res = await svc.call('POST', `/v1/plans/${drawn.planId}/results`, { token: planner, body: { subjectId, inspectedOn: '2026-11-24', outcome, findings: '现场检查记录（不公示）' } });
    expect(res.status).toBe(201);
  };
  unreachable = { subjectId: sample[0]!.subjectId, position: 1 };
  await record(sample[0]!.subjectId, 'UNREACHABLE');
  await record(sample[1]!.subjectId, 'NO_ISSUE');
  published = (await svc.call('GET', `/v1/public/plans/${drawn.planId}`)).body;
});

afterAll(async () => {
  if (audits.length) console.log(`axe summary:\n${audits.map((a) => `  ${a.page.padEnd(22)} critical ${a.byImpact.critical}, serious ${a.byImpact.serious}, moderate ${a.byImpact.moderate}, minor ${a.byImpact.minor}`).join('\n')}`);
  delete process.env.SITE_OWNER;
  delete process.env.SITE_CONTACT;
  await browser?.close();
  await svc?.close();
});

/** A plan as the list answers it (API.md: GET /v1/public/plans), from its public document. */
function listEntry(doc: any, createdAt: string) {
  const sampleSize = Array.isArray(doc.sample) ? doc.sample.length : 0;
  return {
    planId: doc.planId,
    title: doc.title,
    departments: doc.departments,
    createdAt,
    ...(doc.drawnAt ? { drawnAt: doc.drawnAt } : {}),
    strataSizes: doc.strataSizes,
    sampleSize,
    resultCount: doc.results?.length ?? 0,
  };
}

/**
 * Answers the list in the browser by its contract (`plans` newest first, `limit` per page, an opaque
 * `nextCursor` while more follow), so that paging through 23 plans needs no 23 frozen plans.
 */
async function stubList(p: Page, plans: unknown[]) {
  const requests: URL[] = [];
  await p.route('**/v1/public/plans?*', (route: Route) => {
    const url = new URL(route.request().url());
    requests.push(url);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const start = url.searchParams.has('cursor') ? Number(url.searchParams.get('cursor')!.replace('opaque-', '')) : 0;
    const slice = plans.slice(start, start + limit);
    const next = start + limit < plans.length ? { nextCursor: `opaque-${start + limit}` } : {};
    return route.fulfill({ json: { plans: slice, ...next } });
  });
  return requests;
}

async function open(path: string, viewport?: { width: number; height: number }) {
  await page?.close();
  page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const response = await page.goto(svc.url + path);
  return response!;
}

const statusSays = async (text: string | RegExp) => page.locator('#status').filter({ hasText: text }).waitFor();

async function audit(name: string) {
  const result = await auditPage(page, name);
  audits.push(result);
  expect(blocking(result), `${name}: serious or critical axe violations`).toEqual([]);
}

/** Visible text outside identifiers, hashes, document numbers and code: no English words in it. */
async function englishWords(p: Page): Promise<string[]> {
  const text = await p.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('code, .code, .mono, .hash, .docno, script, [hidden], .visually-hidden')) el.remove();
    return clone.innerText ?? clone.textContent ?? '';
  });
  // Names of standards and formats stay as they are written.
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['SHA', 'JSON', 'HTTPS'].includes(w));
}

/** At phone width: each identifier on one line, each table cell showing its column's label, nothing wider than the screen. */
async function phoneLayout(p: Page) {
  return p.evaluate(() => {
    const broken = [...document.querySelectorAll<HTMLElement>('.code, .mono')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => {
        const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight) || Number.parseFloat(getComputedStyle(el).fontSize) * 1.7;
        return el.getClientRects().length !== 1 || el.getBoundingClientRect().height > lineHeight * 1.5;
      })
      .map((el) => el.textContent);
    const cells = [...document.querySelectorAll<HTMLElement>('table.records td, table.records th[scope="row"]')].filter((el) => el.offsetParent !== null);
    const unlabelled = cells.filter((td) => {
      const label = getComputedStyle(td, '::before').content;
      return !td.dataset.label || label !== `"${td.dataset.label}"`;
    }).map((td) => td.textContent);
    const headsShown = [...document.querySelectorAll<HTMLElement>('table.records thead')].filter((t) => t.getBoundingClientRect().height > 1).length;
    return { codes: document.querySelectorAll('.code, .mono').length, broken, cells: cells.length, unlabelled, headsShown, overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
}

describe('the 一公开 plan pages', () => {
  it('lists the plans newest first, each linking to its page, with departments, draw and result counts', async () => {
    await open('/plans');
    await statusSays('已显示 2 个抽查计划');
    const items = page.locator('#plan-list > li');
    await expect(items.count()).resolves.toBe(2);
    await expect(items.nth(0).locator('a.plan-title').innerText()).resolves.toBe(TITLE);
    await expect(items.nth(0).locator('a.plan-title').getAttribute('href')).resolves.toBe(`/plans/${drawn.planId}`);
    const first = await items.nth(0).innerText();
    expect(first).toContain('市场监督管理委员会、生态环境局');
    expect(first).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间） 抽取/);
    expect(first).toContain(`/ ${published.sample.length} 户`);
    expect(first).toMatch(/已公示结果[：\s]*2 户/);
    await expect(items.nth(1).innerText()).resolves.toContain('尚未抽取');
    await expect(page.locator('#more').isHidden()).resolves.toBe(true);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'plans-list');
    await audit('plans-list');
    await page.setViewportSize(PHONE);
    await browser.screenshot(page, 'plans-list-phone');
    expect((await phoneLayout(page)).overflow).toBeLessThanOrEqual(0);
  });

  it('loads further pages with the cursor the list answered, and moves focus to the first plan loaded (stubbed list)', async () => {
    await page?.close();
    page = await browser.newPage();
    const plans = Array.from({ length: 23 }, (_, i) => ({ ...listEntry(published, `2026-10-${String(30 - i).padStart(2, '0')}T02:00:00.000Z`), planId: `pl-page-${i}`, title: `第${i + 1}号抽查计划` }));
    const requests = await stubList(page, plans);
    await page.goto(`${svc.url}/plans`);
    await statusSays('已显示 20 个抽查计划，还有更多');
    await page.getByRole('button', { name: '加载更多计划' }).click();
    await statusSays('已显示 23 个抽查计划。');
    await expect(page.locator('#plan-list > li').count()).resolves.toBe(23);
    expect(requests.map((u) => u.searchParams.get('cursor'))).toEqual([null, 'opaque-20']);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('第21号抽查计划');
    await expect(page.locator('#more').isHidden()).resolves.toBe(true);
  });

  it('shows a drawn plan: scope, departments, strata sizes, the sample with teams and the published results', async () => {
    const response = await open(`/plans/${encodeURIComponent(drawn.planId)}`);
    expect(response.status()).toBe(200);
    const view = page.locator('#plan-view');
    await expect(view.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(TITLE);
    await statusSays(`抽取 ${published.sample.length} 户，已公示结果 2 户`);
    const facts = await view.locator('.facts').innerText();
    for (const text of [drawn.planId, '市场监督管理委员会、生态环境局', '行政区划代码 120116 开头', '日常抽查', '每组 2 人']) expect(facts).toContain(text);
    const strata = await view.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(strata.map((r) => r[1])).toEqual(['A', 'B', 'C', 'D', 'exempt'].map((s) => `${published.strataSizes[s].toLocaleString('zh-CN')} 户`));
    const rows = await view.locator('#sec-sample tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r[1])).toEqual(published.sample.map((s: { subjectId: string }) => s.subjectId));
    expect(rows.map((r) => r[3])).toEqual(published.sample.map((s: { team: string[] | null }) => (s.team ? s.team.join('、') : '未组成（合格检查人员不足）')));
    expect(rows[0]![4]).toContain('通过登记的住所(经营场所)无法联系');
    expect(rows[1]![4]).toContain('未发现问题');
    expect(rows[2]![4]).toBe('尚未公示');
    await expect(view.innerText()).resolves.toContain(published.seed);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'plan-detail');
    await audit('plan-detail');
  });

  it('links to the draw’s verification in the browser, which finds it 一致', async () => {
    await open(`/plans/${encodeURIComponent(drawn.planId)}`);
    const link = page.getByRole('link', { name: '在浏览器中核验抽取' });
    await expect(link.getAttribute('href')).resolves.toBe(`/verify?plan=${encodeURIComponent(drawn.planId)}`);
    await link.click();
    await page.locator('#outcome:not([hidden])').waitFor();
    await expect(page.locator('#verdict-title').innerText()).resolves.toBe('核验结论：一致');
    await expect(page.locator('#status').innerText()).resolves.toMatch(/^核验完成：一致（用时/);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'verify-from-plan');
    await audit('verify');
    await page.setViewportSize(PHONE);
    const layout = await phoneLayout(page);
    expect(layout.broken).toEqual([]);
    expect(layout.cells).toBeGreaterThan(0);
    expect(layout.unlabelled).toEqual([]);
    expect(layout.headsShown).toBe(0);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'verify-phone');
    await audit('verify-phone');
  });

  it('shows a plan not drawn yet as such, and says in Chinese when a plan does not exist', async () => {
    await open(`/plans/${encodeURIComponent(undrawn.planId)}`);
    await statusSays('尚未抽取');
    await expect(page.locator('#sec-sample').innerText()).resolves.toContain('本计划尚未抽取');
    await expect(page.locator('.summary').innerText()).resolves.toContain('抽取时公布');
    await browser.screenshot(page, 'plan-undrawn');

    await open('/plans/pl0000000000000000000000');
    await page.locator('#status.status-error').filter({ hasText: '未找到该抽查计划' }).waitFor();
    await expect(page.getByRole('link', { name: '← 全部抽查计划' }).getAttribute('href')).resolves.toBe('/plans');
  });

  it('lays out a plan at 390×844: codes on one line, every table cell labelled, nothing wider than the screen', async () => {
    await open(`/plans/${encodeURIComponent(drawn.planId)}`, PHONE);
    await page.locator('#sec-sample tbody tr').first().waitFor();
    const layout = await phoneLayout(page);
    expect(layout.codes).toBeGreaterThan(published.sample.length);
    expect(layout.broken).toEqual([]);
    expect(layout.unlabelled).toEqual([]);
    expect(layout.headsShown).toBe(0);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'plan-detail-phone');
    await audit('plan-detail-phone');
  });

  it('works with the keyboard alone: Tab to the first plan, Enter, focus on its title, Tab to the verification link', async () => {
    await open('/plans');
    await statusSays('已显示 2 个抽查计划');
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== TITLE && tabs < 10) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    // Skip link, brand, three navigation links, then the newest plan.
    expect(tabs).toBe(6);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/plans/${drawn.planId}`);
    await page.locator('#plan-title').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('plan-title');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('在浏览器中核验抽取');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('loads under 100 KB of script', async () => {
    await open(`/plans/${encodeURIComponent(drawn.planId)}`);
    await page.locator('#sec-sample tbody tr').first().waitFor();
    const { total, files } = await scriptBytes(page);
    console.log(`script of /plans/{planId}: ${total} bytes (${Object.entries(files).map(([f, n]) => `${f} ${n}`).join(', ')})`);
    expect(Object.keys(files).sort()).toEqual(['/assets/common.js', '/assets/draw.js', '/assets/plans.js']);
    expect(total).toBeLessThan(100 * 1024);
  });
});

describe('the credit report as a citizen reads it', () => {
  it('shows an inspection result with the plan’s title, linked to the plan, and a document number people read', async () => {
    await open(`/?id=${unreachable.subjectId}`);
    const section = page.locator('#sec-inspection');
    await section.locator('tbody tr').first().waitFor();
    const year = new Date(Date.parse(published.drawnAt) + 8 * 3600_000).toISOString().slice(0, 4);
    const text = await section.innerText();
    expect(text).toContain(`抽查〔${year}〕${TITLE}第${unreachable.position}号`);
    expect(text).toContain('通过登记的住所(经营场所)无法联系');
    expect(text).not.toContain(drawn.planId);
    await expect(section.getByRole('link', { name: TITLE }).getAttribute('href')).resolves.toBe(`/plans/${drawn.planId}`);
    // The result listed the subject on 经营异常名录: a warning list, not a black-list badge.
    const listing = await page.locator('#sec-listing').innerText();
    expect(listing).toContain('经营异常名录');
    expect(listing).toContain('警示名录');
    expect(listing).not.toMatch(/黑名单|严重失信名单/);
    expect(await page.locator('#report').innerText()).not.toContain('现场检查记录');
  });

  it('badges each list by its kind and severity: 严重失信名单, 警示名录, 红名单', async () => {
    const badges = async (id: string) => {
      await open(`/?id=${id}`);
      await page.locator('#report-title').waitFor();
      return page.locator('#sec-listing .tag').allInnerTexts();
    };
    expect(await badges(DEMO.defaulter)).toEqual(['严重失信名单']);
    await browser.screenshot(page, 'report-serious');
    expect(await badges(DEMO.abnormal)).toEqual(['警示名录']);
    expect(await badges(DEMO.honest)).toEqual(['红名单']);
    await browser.screenshot(page, 'report-red');
  });

  it('shows a penalty’s 处罚依据 and 处罚内容', async () => {
    await open(`/?id=${DEMO.abnormal}`);
    const penalties = page.locator('#sec-penalty');
    await penalties.locator('tbody tr').first().waitFor();
    const headers = await penalties.locator('thead th').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['处罚依据', '处罚内容']));
    const row = await penalties.locator('tbody tr').first().evaluate((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.label, td.textContent])));
    expect(row).toMatchObject({ 决定书文号: '津宝市监罚〔2026〕88号', 处罚依据: '《企业信息公示暂行条例》第十八条', 处罚内容: '罚款两万元', 罚款金额: '¥20,000.00' });
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'report-penalty');
    await audit('report');
    await page.setViewportSize(PHONE);
    const layout = await phoneLayout(page);
    expect(layout.broken).toEqual([]);
    expect(layout.unlabelled).toEqual([]);
    expect(layout.headsShown).toBe(0);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'report-penalty-phone');
    await audit('report-phone');
  });

  it('words a person’s report for a person: no registration status, the identity number masked', async () => {
    await open('/');
    await page.getByLabel('主体名称或统一社会信用代码').fill(DEMO.defaulterPerson);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /张某某/ }).click();
    const report = page.locator('#report');
    await report.locator('#report-title').waitFor();
    const facts = await report.locator('.facts').innerText();
    expect(facts).toContain('公民身份号码');
    expect(facts).toContain('110105********002X');
    expect(facts).toContain('自然人');
    expect(facts).not.toContain('登记状态');
    expect(await report.innerText()).not.toMatch(/存续|统一社会信用代码/);
    await expect(report.locator('#sec-listing .tag').allInnerTexts()).resolves.toEqual(['严重失信名单']);
    await browser.screenshot(page, 'report-person');
    await audit('report-person');
  });

  it('audits the lookup page itself', async () => {
    await open('/');
    expect(await englishWords(page)).toEqual([]);
    await audit('lookup');
    await page.setViewportSize(PHONE);
    await browser.screenshot(page, 'lookup-phone');
    await audit('lookup-phone');
  });
});

describe('every public page', () => {
  it('answers a wrong path with a Chinese 404 page, status 404, in the site’s layout', async () => {
    const response = await open('/no-such-page');
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('text/html');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('页面不存在');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.getByRole('link', { name: '双随机抽查计划公示' }).getAttribute('href')).resolves.toBe('/plans');
    expect(await englishWords(page)).toEqual([]);
    await page.locator('#site-owner:not([hidden])').waitFor();
    await browser.screenshot(page, 'not-found');
    await audit('not-found');
    for (const path of ['/plans/a/b', '/assets/nothing.js', '/verify/']) expect((await open(path)).status(), path).toBe(404);
  });

  it.each(['/', '/plans', `/plans/PLAN`, '/verify', '/report', '/no-such-page'])('carries the hosting authority and contact in the footer: %s', async (path) => {
    await open(path.replace('PLAN', drawn.planId));
    const owner = page.locator('#site-owner:not([hidden])');
    await owner.waitFor();
    await expect(owner.innerText()).resolves.toBe(`主办单位：${SITE_OWNER}　联系方式：${SITE_CONTACT}`);
  });
});
