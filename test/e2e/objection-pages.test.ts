import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, cstDate } from '../../functions/domain/dates.ts';
import { creditCodeCheckCharacter } from '../../functions/domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking, type AxeAudit } from './axe.ts';
import { launchBrowser, scriptBytes, type Browser } from './browser.ts';
import { openScreen, signIn, statusSays as consoleSays } from './console-support.ts';

/**
 * Objections and repair applications in the browser (issue 14, points 2, 3, 5): filed from the public lookup
 * under one Idempotency-Key, the record marked 异议处理中, decided by the recording department in the workbench
 * (an objection corrected, an application approved), the decision on the filer's tracking page without any
 * contact data, the repaired record gone from the lookup and from checks, the first allowed day instead of the
 * form before it, a wrong tracking code, the phone layout, and an axe-core audit of every state.
 */
const first17 = '91120116MA0PETNR1';
const COMPANY = first17 + creditCodeCheckCharacter(first17);
const CONTACT = '联系人王先生 13700001111';
const today = cstDate(new Date());

let svc: TestService;
let browser: Browser;
let page: Page;
let market: string;
let checker: string;
const ids: Record<string, string> = {};
const audits: AxeAudit[] = [];

beforeAll(async () => {
  svc = await startTestService();
  market = await svc.token('MARKET', ['recorder'], 'market-clerk-wu');
  checker = await svc.token('APPROVAL', ['checker']);
  const put = await svc.call('PUT', `/v1/entities/${COMPANY}`, { token: market, body: { kind: 'enterprise', name: '天津滨海异议示范有限公司', region: '120116', industry: 'F52', status: 'active' } });
  expect(put.status).toBe(201);
  for (const [name, months, fine] of [['津滨市监罚〔2026〕501号', 5, 20000], ['津滨市监罚〔2026〕502号', 5, 3000], ['津滨市监罚〔2026〕503号', 1, 1000]] as const) {
    const res = await svc.call('POST', '/v1/records', { token: market, body: { subjectId: COMPANY, type: 'penalty', documentNo: name, title: `未按规定公示年度报告（${name.slice(-4, -1)}）`, decidedOn: addMonths(today, -months), fineAmount: fine, severity: 'general' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[name.slice(-4, -1)] = res.body.recordId;
  }
  const listing = await svc.call('POST', '/v1/records', { token: market, body: { subjectId: COMPANY, type: 'listing', listCode: 'ABNORMAL_OPERATION', documentNo: '津滨市监异〔2026〕61号', title: '通过登记的住所无法联系，列入经营异常名录', decidedOn: addMonths(today, -6) } });
  expect(listing.status, JSON.stringify(listing.body)).toBe(201);
  ids.listing = listing.body.recordId;
  browser = await launchBrowser();
});

afterAll(async () => {
  if (audits.length) console.log(`axe summary:\n${audits.map((a) => `  ${a.page.padEnd(34)} critical ${a.byImpact.critical}, serious ${a.byImpact.serious}, moderate ${a.byImpact.moderate}, minor ${a.byImpact.minor}`).join('\n')}`);
  await browser?.close();
  await svc?.close();
});

async function open(path: string, viewport = { width: 1280, height: 900 }) {
  await page?.close();
  page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.goto(svc.url + path);
}

async function audit(name: string, p = page) {
  const result = await auditPage(p, name);
  audits.push(result);
  expect(blocking(result), JSON.stringify(blocking(result), null, 2)).toEqual([]);
}

const says = (text: string | RegExp, p = page) => p.locator('#status').filter({ hasText: text }).waitFor();
const row = (recordId: string, p = page) => p.locator(`#report tr[data-record="${recordId}"]`);
const hits = async () => ((await svc.call('POST', '/v1/checks', { token: checker, body: { subjectId: COMPANY, matter: 'LICENCE' } })).body.hits as { recordId: string }[]).map((h) => h.recordId);

/** A workbench page signed in as the MARKET recorder. */
async function workbench() {
  const p = await browser.newPage();
  await signIn(p, svc, { dept: 'MARKET', roles: ['recorder'], sub: 'market-clerk-wu' });
  return p;
}

let receiptLink = '';

describe('an objection filed from the lookup page', () => {
  it('is filed with one request under an Idempotency-Key, shows the id and code to keep, and marks the record 异议处理中', async () => {
    await open(`/?id=${COMPANY}`);
    await says('已打开');
    await row(ids['501']!).getByRole('button', { name: /提出异议/ }).click();
    const form = page.locator('#petition-penalty form.petition');
    await form.waitFor();
    await expect(form.innerText()).resolves.toContain('不予公示');
    // Empty fields are refused here, before anything is sent.
    await form.getByRole('button', { name: '提交异议' }).click();
    await says('请填写：异议理由、联系方式');
    await audit('objection-form');
    await browser.screenshot(page, 'objection-form');

    const posts: Request[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/v1/public/objections') && posts.push(r));
    await form.getByLabel('异议理由').fill('罚款金额应为两千元，公示为两万元。');
    await form.getByLabel('联系方式').fill(CONTACT);
    await form.getByRole('button', { name: '提交异议' }).dblclick();
    const receipt = page.locator('#petition-penalty .receipt');
    await receipt.waitFor();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.headers()['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    const text = await receipt.innerText();
    expect(text).toContain('请妥善保存');
    expect(text).toMatch(/异议编号\s*OB/);
    receiptLink = (await receipt.getByRole('link', { name: '查询办理进度' }).getAttribute('href'))!;
    expect(receiptLink).toMatch(/^\/track\?objection=OB[A-Za-z0-9-]+&code=[A-Za-z0-9-]+$/);
    await expect(row(ids['501']!).locator('.objection-open').innerText()).resolves.toBe('异议处理中');
    await audit('objection-filed');
    await browser.screenshot(page, 'objection-filed');

    // The service marks it too: a fresh lookup shows the tag.
    await open(`/?id=${COMPANY}`);
    await says('已打开');
    await expect(row(ids['501']!).locator('.objection-open').count()).resolves.toBe(1);
    await expect(row(ids['502']!).locator('.objection-open').count()).resolves.toBe(0);
  });

  it('is decided (corrected) by the MARKET recorder in 异议处理, and the filer’s tracking page shows the decision, never the contact', async () => {
    const [, query] = receiptLink.split('?');
    const objectionId = new URLSearchParams(query).get('objection')!;
    const desk = await workbench();
    await openScreen(desk, 'objections', '异议处理');
    await consoleSays(desk, '已显示 1 条异议');
    const line = desk.locator(`tr[data-id="${objectionId}"]`);
    await expect(line.innerText()).resolves.toContain(CONTACT);
    await expect(desk.locator('#nav a').allInnerTexts()).resolves.toContain('信用修复申请');
    await audit('console-objections-open', desk);
    await line.getByRole('button', { name: /处理/ }).click();
    await desk.getByLabel('更正').check();
    await desk.getByLabel('罚款金额（元）').waitFor();
    await desk.getByLabel('罚款金额（元）').fill('2000');
    await desk.getByLabel('处理理由').fill('罚款金额录入有误，已更正为两千元。');
    await desk.getByRole('button', { name: '下一步' }).click();
    await expect(desk.locator('.confirm-text').innerText()).resolves.toContain('罚款金额（元）：20000 → 2000');
    await audit('console-objection-confirm', desk);
    await browser.screenshot(desk, 'console-objection-confirm');
    await desk.getByRole('button', { name: '确认处理结果' }).click();
    await consoleSays(desk, `已处理异议 ${objectionId}：更正`);
    await openScreen(desk, 'objections?status=decided', '异议处理');
    await consoleSays(desk, '已显示 1 条异议');
    await audit('console-objections-decided', desk);
    await desk.close();

    const record = (await svc.call('GET', `/v1/entities/${COMPANY}/records`, { token: market })).body.records.find((r: any) => r.recordId === ids['501']);
    expect(record.fineAmount).toBe(2000);

    await open(receiptLink);
    await says('已办结');
    const result = await page.locator('#result').innerText();
    expect(result).toContain('处理结果：更正');
    expect(result).toContain('罚款金额录入有误');
    expect(await page.locator('body').innerText()).not.toContain('13700001111');
    await audit('track-objection-decided');
    await browser.screenshot(page, 'track-objection-decided');
    await open(`/?id=${COMPANY}`);
    await says('已打开');
    await expect(row(ids['501']!).locator('.objection-open').count()).resolves.toBe(0);
  });
});

describe('a repair application filed from the lookup page', () => {
  it('is approved in 信用修复申请, after which the record leaves the public lookup and credit checks', async () => {
    expect(await hits()).toContain(ids.listing);
    await open(`/?id=${COMPANY}`);
    await says('已打开');
    await row(ids.listing!).getByRole('button', { name: /申请信用修复/ }).click();
    const form = page.locator('#petition-listing form.petition');
    await form.getByLabel('纠正失信行为日期').fill(addMonths(today, -1));
    await form.getByLabel('修复申请书').fill('我公司已补报年度报告并缴清罚款，申请信用修复。');
    await form.getByLabel('守信承诺书').fill('本公司承诺今后依法按时公示年度报告，如违反承诺，自愿接受惩戒。');
    await form.getByLabel('联系方式').fill(CONTACT);
    await audit('repair-form');
    await browser.screenshot(page, 'repair-form');
    await form.getByRole('button', { name: '提交信用修复申请' }).click();
    const receipt = page.locator('#petition-listing .receipt');
    await receipt.waitFor();
    expect(await receipt.innerText()).toMatch(/申请编号\s*RA/);
    const link = (await receipt.getByRole('link', { name: '查询办理进度' }).getAttribute('href'))!;
    const applicationId = new URLSearchParams(link.split('?')[1]).get('application')!;
    await audit('repair-filed');

    const desk = await workbench();
    await openScreen(desk, 'repair-applications', '信用修复申请');
    const line = desk.locator(`tr[data-id="${applicationId}"]`);
    await line.waitFor();
    await expect(line.innerText()).resolves.toContain('守信承诺书');
    await audit('console-repair-open', desk);
    await line.getByRole('button', { name: /处理/ }).click();
    await desk.getByLabel('准予修复').check();
    await desk.getByLabel('处理理由').fill('已纠正失信行为并作出守信承诺，准予修复。');
    await desk.getByRole('button', { name: '下一步' }).click();
    await expect(desk.locator('.confirm-text').innerText()).resolves.toContain('停止公示');
    await desk.getByRole('button', { name: '确认处理结果' }).click();
    await consoleSays(desk, `已处理信用修复申请 ${applicationId}：准予修复`);
    await browser.screenshot(desk, 'console-repair-decided');
    await desk.close();

    await open(`/?id=${COMPANY}`);
    await says('已打开');
    await expect(row(ids.listing!).count()).resolves.toBe(0);
    expect(await hits()).not.toContain(ids.listing);
    await open(link);
    await says('已办结');
    expect(await page.locator('#result').innerText()).toContain('处理结果：准予修复');
    await audit('track-repair-decided');
  });

  it('is not offered before the first allowed day: the day is shown instead', async () => {
    await open(`/?id=${COMPANY}`);
    await says('已打开');
    const young = row(ids['503']!);
    const from = (await svc.call('GET', `/v1/public/entities/${COMPANY}`)).body.records.find((r: any) => r.recordId === ids['503']).repairableFrom;
    expect(from > today).toBe(true);
    await expect(young.locator('.repair-later').innerText()).resolves.toBe(`自 ${from} 起可申请信用修复`);
    await expect(young.getByRole('button', { name: /申请信用修复/ }).count()).resolves.toBe(0);
    await expect(young.getByRole('button', { name: /提出异议/ }).count()).resolves.toBe(1);
  });
});

describe('the tracking page', () => {
  it('says in Chinese that a wrong tracking code finds nothing, and finds the objection from its form', async () => {
    const objectionId = new URLSearchParams(receiptLink.split('?')[1]).get('objection')!;
    await open(`/track?objection=${objectionId}&code=WRONG123`);
    await says('未找到该异议，或查询码不正确');
    await expect(page.locator('#result').isHidden()).resolves.toBe(true);
    await audit('track-wrong-code');
    await browser.screenshot(page, 'track-wrong-code');
    await open('/track');
    await audit('track-form');
    await page.getByLabel('编号').fill(objectionId);
    await page.getByLabel('查询码').fill(new URLSearchParams(receiptLink.split('?')[1]).get('code')!);
    await page.getByRole('button', { name: '查询进度' }).click();
    await says('已办结');
    expect(page.url()).toBe(`${svc.url}${receiptLink}`);
  });

  it('lays the lookup’s forms and the tracking page out for a 390 px phone', async () => {
    const phone = { width: 390, height: 844 };
    await open(`/?id=${COMPANY}`, phone);
    await says('已打开');
    console.log(`lookup page scripts: ${JSON.stringify(await scriptBytes(page))}`);
    await row(ids['503']!).getByRole('button', { name: /提出异议/ }).click();
    await page.locator('#petition-penalty form.petition').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await audit('objection-form-phone');
    await browser.screenshot(page, 'objection-form-phone');
    await open(receiptLink, phone);
    await says('已办结');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await audit('track-phone');
    await browser.screenshot(page, 'track-phone');
    console.log(`track page scripts: ${JSON.stringify(await scriptBytes(page))}`);
  });
});
