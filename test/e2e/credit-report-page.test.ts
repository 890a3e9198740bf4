import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import decodeQR from 'qr/decode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../functions/web-pages.ts';
import { ROOT, startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking, type AxeAudit } from './axe.ts';
import { launchBrowser, scriptBytes, type Browser } from './browser.ts';
import { makePlan } from './plan-fixture.ts';

/**
 * The 专项信用报告 pages (issue 14, point 1): "出具信用报告" on the public lookup (one report per click, retried
 * under the same Idempotency-Key), the printable report page by number and code with its counts, entries and a
 * QR code that decodes to the page's own address, the clean statement, the Chinese error for a wrong code, the
 * verification form, the print layout and PDF, the phone layout, and an axe-core audit of every state.
 */
const PHONE = { width: 390, height: 844 };
const MASKED_PERSON = '110105********002X';

let svc: TestService;
let DEMO: typeof import('../../functions/local/demo-data.ts').DEMO;
let browser: Browser;
let page: Page;
const audits: AxeAudit[] = [];

beforeAll(async () => {
  svc = await startTestService({ demoData: true });
  ({ DEMO } = await import('../../functions/local/demo-data.ts'));
  browser = await launchBrowser();
});

afterAll(async () => {
  if (audits.length) console.log(`axe summary:\n${audits.map((a) => `  ${a.page.padEnd(32)} critical ${a.byImpact.critical}, serious ${a.byImpact.serious}, moderate ${a.byImpact.moderate}, minor ${a.byImpact.minor}`).join('\n')}`);
  await browser?.close();
  await svc?.close();
});

async function open(path: string, viewport?: { width: number; height: number }) {
  await page?.close();
  page = await browser.newPage();
  // Every content-security-policy violation the page reports, to assert there is none.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (viewport) await page.setViewportSize(viewport);
  return (await page.goto(svc.url + path))!;
}

const cspViolations = (p: Page) => p.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

const statusSays = (text: string | RegExp) => page.locator('#status').filter({ hasText: text }).waitFor();

async function audit(name: string) {
  const result = await auditPage(page, name);
  audits.push(result);
  expect(blocking(result), `${name}: serious or critical axe violations`).toEqual([]);
}

/** A report issued over HTTP, as a caller of the API would. */
async function issued(subjectId: string, period: { from?: string; to?: string } = {}) {
  const res = await svc.call('POST', '/v1/public/reports', { body: { subjectId, ...period } });
  expect(res.status).toBe(201);
  return res as { body: any; text: string };
}

const reportPath = (r: { reportNo: string; verificationCode: string }) => `/report/${r.reportNo}?code=${r.verificationCode}`;

/** Visible text outside identifiers, hashes, document numbers and code: no English words in it. */
async function englishWords(p: Page): Promise<string[]> {
  const text = await p.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('code, .code, .mono, .hash, .docno, script, [hidden], .visually-hidden')) el.remove();
    return clone.innerText ?? clone.textContent ?? '';
  });
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

/** The page's QR code as the browser draws it (the SVG rasterised on a canvas), decoded by the qr package's reader. */
async function readQr(p: Page): Promise<string> {
  const image = await p.evaluate(async () => {
    const svg = document.querySelector<SVGSVGElement>('svg.qr-code')!;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const size = svg.viewBox.baseVal.width * 4;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0, size, size);
    return { width: size, height: size, data: Array.from(context.getImageData(0, 0, size, size).data) };
  });
  return decodeQR({ width: image.width, height: image.height, data: Uint8Array.from(image.data) });
}

/** The rows of a section's table, each as label → text. */
const rowsOf = (p: Page, section: string) =>
  p.locator(`${section} tbody tr`).evaluateAll((trs) => trs.map((tr) => Object.fromEntries([...tr.querySelectorAll<HTMLElement>('td, th')].map((c) => [c.dataset.label, c.textContent]))));

describe('出具信用报告 on the public lookup', () => {
  it('issues a report for the subject shown, with one request per click, and opens its page with the number and code to keep', async () => {
    await open(`/?id=${DEMO.abnormal}`);
    const control = page.locator('#issue-form');
    await control.waitFor();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await expect(page.getByLabel('报告期间止').inputValue()).resolves.toBe(today);
    // The last three years, today included: from the day after the same date three years ago.
    const from = new Date(Date.UTC(Number(today.slice(0, 4)) - 3, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)) + 1)).toISOString().slice(0, 10);
    await expect(page.getByLabel('报告期间起').inputValue()).resolves.toBe(from);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'credit-report-issue-control');
    await audit('credit-report-lookup');

    const posts: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/public/reports')) posts.push(r);
    });
    await page.getByRole('button', { name: '出具信用报告' }).dblclick();
    await page.waitForURL(/\/report\/[A-Z0-9]+\?code=[A-Z0-9]+$/);
    await page.locator('#report-title').waitFor();
    expect(posts).toHaveLength(1);
    expect(await cspViolations(page)).toEqual([]);
    expect(posts[0]!.headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    // The period left at its default is the service's default: the body names the subject alone.
    expect(posts[0]!.postDataJSON()).toEqual({ subjectId: DEMO.abnormal });

    const url = new URL(page.url());
    const reportNo = url.pathname.split('/').pop()!;
    const verificationCode = url.searchParams.get('code')!;
    // The report the page names is the service's, read back by its number and code.
    const stored = await svc.call('GET', `/v1/public/reports/${reportNo}?code=${verificationCode}`);
    expect(stored.status).toBe(200);
    expect(stored.body.subject).toEqual({ id: DEMO.abnormal, name: '天津宝坻示范商贸有限公司', kind: 'enterprise' });
    expect(stored.body.period).toEqual({ from, to: today });
    await statusSays(`信用报告已出具：报告编号 ${reportNo}，核验码 ${verificationCode}。请妥善保存报告编号和核验码。`);
    const ids = page.locator('.report-ids');
    await expect(ids.getAttribute('class')).resolves.toContain('fresh');
    await expect(ids.locator('dl').innerText()).resolves.toMatch(new RegExp(`报告编号：?\\s*${reportNo}[\\s\\S]*核验码：?\\s*${verificationCode}`));
    await expect(ids.innerText()).resolves.toContain('请妥善保存报告编号和核验码');
    await browser.screenshot(page, 'credit-report-issued');
    await audit('credit-report-issued');
    await page.setViewportSize(PHONE);
    expect((await phoneLayout(page)).broken).toEqual([]);
    await browser.screenshot(page, 'credit-report-issued-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Opened again (a link, a reload), it is verified, no longer "just issued".
    await page.reload();
    await statusSays(`核验成功：报告编号 ${reportNo}`);
    await expect(page.locator('.report-ids').getAttribute('class')).resolves.not.toContain('fresh');
  });

  it('retries a request whose answer was lost under the same key: the service answers with the report it issued, not a second one', async () => {
    await open(`/?id=${DEMO.abnormal}`);
    await page.locator('#issue-form').waitFor();
    const from = '2026-01-01';
    await page.getByLabel('报告期间起').fill(from);
    const seen: { key: string; status: number; body: any }[] = [];
    let lose = true;
    await page.route('**/v1/public/reports', async (route) => {
      const response = await route.fetch();
      seen.push({ key: route.request().headers()['idempotency-key']!, status: response.status(), body: await response.json() });
      if (lose) {
        // The report is issued; its answer never reaches the browser.
        lose = false;
        await route.abort('connectionreset');
      } else {
        await route.fulfill({ response });
      }
    });
    await page.getByRole('button', { name: '出具信用报告' }).click();
    await page.locator('#status.status-error').filter({ hasText: '无法连接服务' }).waitFor();
    await expect(page.getByRole('button', { name: '出具信用报告' }).isEnabled()).resolves.toBe(true);
    await page.getByRole('button', { name: '出具信用报告' }).click();
    await page.waitForURL(/\/report\//);
    await page.locator('#report-title').waitFor();
    expect(seen.map((s) => s.status)).toEqual([201, 200]);
    expect(seen[1]!.key).toBe(seen[0]!.key);
    expect(seen[1]!.body.reportNo).toBe(seen[0]!.body.reportNo);
    expect(seen[0]!.body.period.from).toBe(from);
    expect(new URL(page.url()).pathname).toBe(`/report/${seen[0]!.body.reportNo}`);
  });

  it('refuses a period that starts after it ends before asking the service, and puts focus on the start', async () => {
    await open(`/?id=${DEMO.abnormal}`);
    await page.locator('#issue-form').waitFor();
    const posts: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r);
    });
    await page.getByLabel('报告期间起').fill('2026-06-01');
    await page.getByLabel('报告期间止').fill('2026-05-01');
    await page.getByRole('button', { name: '出具信用报告' }).click();
    await page.locator('#status.status-error').filter({ hasText: '起始日期不能晚于截止日期' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('issue-from');
    expect(posts).toHaveLength(0);
  });

  it('issues a natural person’s report by the number kept in memory, masked on the report, never in an address', async () => {
    await open('/');
    await page.getByLabel('主体名称或统一社会信用代码').fill(DEMO.defaulterPerson);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /张某某/ }).click();
    await page.locator('#issue-form').waitFor();
    await page.getByRole('button', { name: '出具信用报告' }).click();
    await page.waitForURL(/\/report\//);
    await page.locator('#report-title').waitFor();
    const facts = await page.locator('.report-facts').innerText();
    expect(facts).toContain('公民身份号码');
    expect(facts).toContain(MASKED_PERSON);
    expect(facts).toContain('自然人');
    const everything = [await page.locator('body').innerText(), await page.content(), page.url()].join('\n');
    expect(everything).not.toContain(DEMO.defaulterPerson);
    await expect(page.locator('#sec-listings').innerText()).resolves.toContain('严重失信名单');
    await browser.screenshot(page, 'credit-report-person');
    await audit('credit-report-person');
  });
});

describe('the report page', () => {
  let report: any;
  let text: string;
  beforeAll(async () => {
    ({ body: report, text } = await issued(DEMO.abnormal));
  });

  it('shows the report by its number and code: subject, period, times, counts, entries, departments, fingerprint and key', async () => {
    const response = await open(reportPath(report));
    expect(response.status()).toBe(200);
    await statusSays(`核验成功：报告编号 ${report.reportNo}`);
    await expect(page.locator('#report-title').innerText()).resolves.toBe('专项信用报告（无违法违规记录证明版）');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('report-title');
    const facts = await page.locator('.report-facts').innerText();
    for (const t of ['天津宝坻示范商贸有限公司', DEMO.abnormal, '统一社会信用代码', '企业', `${report.period.from} 至 ${report.period.to}`]) expect(facts).toContain(t);
    expect(facts).toMatch(/出具时间[：\s]*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);
    expect(facts).toMatch(/数据截至[：\s]*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);

    await expect(page.locator('#conclusion-title').innerText()).resolves.toBe('报告期间内有以下记录');
    const tally = await rowsOf(page, '.tally');
    expect(tally.map((r) => [r['类别'], r['条数']])).toEqual([
      ['行政处罚', `${report.summary.penalties} 条`],
      ['严重失信主体名单及经营异常名录', `${report.summary.listings} 条`],
      ['抽查检查', '无'],
    ]);
    expect(report.summary).toEqual({ penalties: 1, listings: 1, inspections: 0 });
    await expect(page.locator('#sec-penalties h2').innerText()).resolves.toMatch(/^行政处罚\s*1 条$/);
    expect(await rowsOf(page, '#sec-penalties')).toEqual([
      {
        处罚事由: '未按规定公示年度报告',
        决定书文号: '津宝市监罚〔2026〕88号',
        处罚依据: '《企业信息公示暂行条例》第十八条',
        处罚内容: '罚款两万元',
        罚款金额: '¥20,000.00',
        处罚机关: '市场监督管理委员会',
        处罚决定日期: '2026-04-10',
      },
    ]);
    const listing = (await rowsOf(page, '#sec-listings'))[0]!;
    expect(listing).toMatchObject({ 认定文号: '津宝市监异〔2026〕15号', 认定部门: '市场监督管理委员会', 列入日期: '2026-03-02' });
    expect(listing['名单名称']).toBe('经营异常名录警示名录');
    await expect(page.locator('#sec-inspections .empty').innerText()).resolves.toBe('报告期间内无抽查检查记录。');
    // The warning-only penalty is never in a report.
    await expect(page.locator('#report').innerText()).resolves.not.toContain('津宝市监罚〔2026〕89号');

    const departments = await page.locator('#sec-departments').innerText();
    expect(departments).toContain(`覆盖以下 ${report.departments.length} 个部门`);
    for (const name of ['市场监督管理委员会', '生态环境局']) expect(departments).toContain(name);
    expect(departments).not.toMatch(/MARKET|ECOLOGY/);
    const verification = await page.locator('#sec-verify').innerText();
    expect(verification).toContain(report.fingerprint);
    expect(verification).toContain(report.keyId);
    expect(verification).toContain(report.signature);
    expect(verification).toContain(`${svc.url}${reportPath(report)}`);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'credit-report-page');
    await audit('credit-report-page');
    // Drawn, styled and offered for download under the pages' policy (no inline script or style, nothing from elsewhere).
    expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('draws a QR code that decodes to the page’s own verification address', async () => {
    await open(reportPath(report));
    await page.locator('svg.qr-code').waitFor();
    await expect(page.locator('svg.qr-code').getAttribute('aria-label')).resolves.toBe('本报告核验地址的二维码');
    const box = (await page.locator('svg.qr-code').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(120);
    expect(await readQr(page)).toBe(`${svc.url}/report/${report.reportNo}?code=${report.verificationCode}`);
  });

  it('offers the report’s text for download exactly as the service answers it (for verifying offline)', async () => {
    await open(reportPath(report));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载报告原文（JSON）' }).click()]);
    expect(download.suggestedFilename()).toBe(`${report.reportNo}.json`);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved).toBe(text);
  });

  it('says 无违法违规记录 plainly for a clean report, each category empty', async () => {
    const clean = (await issued(DEMO.honest)).body;
    expect(clean.clean).toBe(true);
    await open(reportPath(clean));
    await page.locator('#report-title').waitFor();
    await expect(page.locator('#conclusion-title').innerText()).resolves.toBe('无违法违规记录');
    await expect(page.locator('.conclusion').innerText()).resolves.toContain(`报告期间（${clean.period.from} 至 ${clean.period.to}）内`);
    expect((await rowsOf(page, '.tally')).map((r) => r['条数'])).toEqual(['无', '无', '无']);
    await expect(page.locator('.credit-report table.records:not(.tally)').count()).resolves.toBe(0);
    await expect(page.locator('.credit-report .empty').allInnerTexts()).resolves.toEqual(['报告期间内无行政处罚记录。', '报告期间内无严重失信主体名单及经营异常名录记录。', '报告期间内无抽查检查记录。']);
    // A red list and a licence are not what a report covers.
    await expect(page.locator('#report').innerText()).resolves.not.toMatch(/红名单|食品生产许可证/);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'credit-report-clean');
    await audit('credit-report-clean');
    await page.setViewportSize(PHONE);
    expect((await phoneLayout(page)).overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'credit-report-clean-phone');
    await audit('credit-report-clean-phone');
  });

  it('lists an adverse inspection result with its plan’s title, linked to the plan, and the result in words', async () => {
    const title = '2026年第四季度信用报告联合抽查';
    const { planId, draw } = await makePlan(svc, { title, draw: true, offset: 701 });
    const planner = await svc.token('MARKET', ['planner']);
    const subjectId = (draw.sample as { subjectId: string }[])[0]!.subjectId;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const result = await svc.call('POST', `/v1/plans/${planId}/results`, { token: planner, body: { subjectId, inspectedOn: today, outcome: 'UNREACHABLE', findings: '现场检查记录（不公示）' } });
    expect(result.status).toBe(201);
    const adverse = (await issued(subjectId)).body;
    expect(adverse.summary).toEqual({ penalties: 0, listings: 1, inspections: 1 });
    await open(reportPath(adverse));
    await page.locator('#sec-inspections tbody tr').first().waitFor();
    const [entry] = await rowsOf(page, '#sec-inspections');
    expect(entry).toMatchObject({ 抽查计划: title, 检查结果: '通过登记的住所(经营场所)无法联系', 检查部门: '市场监督管理委员会', 检查日期: today });
    await expect(page.locator('#sec-inspections').getByRole('link', { name: title }).getAttribute('href')).resolves.toBe(`/plans/${planId}`);
    // The result listed the subject on 经营异常名录, which the report counts too; the findings are never shown.
    await expect(page.locator('#sec-listings').innerText()).resolves.toContain('经营异常名录');
    await expect(page.locator('#report').innerText()).resolves.not.toContain('现场检查记录');
    await browser.screenshot(page, 'credit-report-inspection');
    await audit('credit-report-inspection');
  });

  it('says in Chinese that a wrong code matches no report, and keeps the number in the form', async () => {
    const wrong = report.verificationCode.endsWith('A') ? `${report.verificationCode.slice(0, -1)}B` : `${report.verificationCode.slice(0, -1)}A`;
    expect((await svc.call('GET', `/v1/public/reports/${report.reportNo}?code=${wrong}`)).status).toBe(404);
    await open(`/report/${report.reportNo}?code=${wrong}`);
    await page.locator('#status.status-error').filter({ hasText: '报告编号或核验码不正确，未找到相符的信用报告。' }).waitFor();
    await expect(page.locator('#report').isHidden()).resolves.toBe(true);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('专项信用报告核验');
    await expect(page.getByLabel('报告编号').inputValue()).resolves.toBe(report.reportNo);
    await expect(page.locator('body').innerText()).resolves.not.toContain('天津宝坻示范商贸有限公司');
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'credit-report-wrong-code');
    await audit('credit-report-wrong-code');
    await page.setViewportSize(PHONE);
    expect((await phoneLayout(page)).overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'credit-report-wrong-code-phone');
    await audit('credit-report-wrong-code-phone');

    await open('/report/bad!number?code=x');
    await page.locator('#status.status-error').filter({ hasText: '格式不正确' }).waitFor();
  });

  it('verifies a report typed into the form (letter case does not matter), at its own address', async () => {
    await open('/report');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('专项信用报告核验');
    await expect(page.locator('#report').isHidden()).resolves.toBe(true);
    expect(await englishWords(page)).toEqual([]);
    await browser.screenshot(page, 'credit-report-form');
    await audit('credit-report-form');
    await page.setViewportSize(PHONE);
    expect((await phoneLayout(page)).overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'credit-report-form-phone');
    await audit('credit-report-form-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel('报告编号').fill(report.reportNo);
    await page.getByRole('button', { name: '核验报告' }).click();
    await page.locator('#status.status-error').filter({ hasText: '请输入核验码。' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('code');
    await page.keyboard.type(report.verificationCode.toLowerCase());
    await page.keyboard.press('Enter');
    await statusSays(`核验成功：报告编号 ${report.reportNo}`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(reportPath(report));
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('report-title');
    // The form stays below the report, as a second heading, for the next report.
    await expect(page.getByRole('heading', { level: 2, name: '核验其他报告' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);

    // Back to the empty form.
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('专项信用报告核验');
    await expect(page.locator('#report').isHidden()).resolves.toBe(true);
  });

  it('links by query where the site maps no paths (the China regions): /report?no=…&code=…, and its QR says so', async () => {
    await page?.close();
    page = await browser.newPage();
    await page.route('**/catalogue.json', async (route) => {
      const response = await route.fetch();
      const catalogue = await response.json();
      await route.fulfill({ response, json: { ...catalogue, site: { ...catalogue.site, planLinks: 'query' } } });
    });
    await page.goto(`${svc.url}/report?no=${report.reportNo}&code=${report.verificationCode}`);
    await statusSays(`核验成功：报告编号 ${report.reportNo}`);
    const expected = `${svc.url}/report?no=${report.reportNo}&code=${report.verificationCode}`;
    expect(page.url()).toBe(expected);
    expect(await readQr(page)).toBe(expected);
  });

  it('prints on A4 without the navigation, the form or the buttons; the codes and the QR code kept, no row cut', async () => {
    await open(reportPath(report));
    await page.locator('#report-title').waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-nav', '#verify-panel', '.actions', '#status', '.skip-link']) await expect(page.locator(hidden).isVisible(), hidden).resolves.toBe(false);
    for (const shown of ['svg.qr-code', '.report-ids', '#sec-penalties table', '#sec-verify']) await expect(page.locator(shown).isVisible(), shown).resolves.toBe(true);
    await expect(page.locator('.report-ids').innerText()).resolves.toContain(report.verificationCode);
    const layout = await page.evaluate(() => ({
      rows: [...document.querySelectorAll('.credit-report tr')].map((tr) => getComputedStyle(tr).breakInside),
      ids: getComputedStyle(document.querySelector('.report-ids')!).breakInside,
      // Printed tables stay tables (the phone layout is for screens).
      head: getComputedStyle(document.querySelector('#sec-penalties thead')!).display,
      qr: document.querySelector('svg.qr-code')!.getBoundingClientRect().width,
    }));
    expect(new Set(layout.rows)).toEqual(new Set(['avoid']));
    expect(layout.ids).toBe('avoid');
    expect(layout.head).toBe('table-header-group');
    // 32 mm at 96 px to the inch.
    expect(layout.qr).toBeCloseTo((32 / 25.4) * 96, 0);
    await browser.screenshot(page, 'credit-report-print');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    writeFileSync(join(ROOT, 'test-output', 'credit-report-print.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(3);
    // The page box is A4 (595 × 842 points).
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes).toHaveLength(pages.length);
    for (const box of boxes) expect(box).toEqual([595, 842]);
    await page.emulateMedia({ media: 'screen' });
  });

  it('lays out at 390×844: no horizontal scroll, codes on one line, every table cell labelled', async () => {
    await open(reportPath(report), PHONE);
    await page.locator('#report-title').waitFor();
    const layout = await phoneLayout(page);
    expect(layout.codes).toBeGreaterThanOrEqual(4);
    expect(layout.broken).toEqual([]);
    expect(layout.cells).toBeGreaterThan(0);
    expect(layout.unlabelled).toEqual([]);
    expect(layout.headsShown).toBe(0);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'credit-report-page-phone');
    await audit('credit-report-page-phone');

    await open(`/?id=${DEMO.abnormal}`, PHONE);
    await page.locator('#issue-form').waitFor();
    expect((await phoneLayout(page)).overflow).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'credit-report-issue-control-phone');
    await audit('credit-report-lookup-phone');
  });

  it('loads under 100 KB of script: the page, the shared helpers and the QR encoder', async () => {
    await open(reportPath(report));
    await page.locator('svg.qr-code').waitFor();
    const { total, files } = await scriptBytes(page);
    console.log(`script of /report/{reportNo}: ${total} bytes (${Object.entries(files).map(([f, n]) => `${f} ${n}`).join(', ')})`);
    expect(Object.keys(files).sort()).toEqual(['/assets/common.js', '/assets/qr/index.js', '/assets/report.js']);
    expect(total).toBeLessThan(100 * 1024);
  });
});
