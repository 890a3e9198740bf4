import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../functions/domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { auditPage, blocking, type AxeAudit } from './axe.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { activeElement, openScreen, signIn, statusSays } from './console-support.ts';

/**
 * The recorder's and the admin's work in the workbench (issue 13), through the page: 主体登记 (register an
 * entity, change it, its history; complete a provisional one), 信用记录 (enter a penalty and a listing, retract
 * the listing — read back over HTTP —, repair, end and correct records, the rules' refusals in Chinese),
 * 信用承诺 (accept and verify, a breach listing the subject), 行政审批 (record an approval and see its tasks and
 * licence record), 数据导入 (a CSV with a bad row: counts and the reject file; a retried upload opens no second
 * import) and 备忘录目录 (the admin publishes a new version). axe on every screen; one flow by keyboard alone.
 */
let svc: TestService;
let browser: Browser;
let page: Page;
let market: string;
const audits: AxeAudit[] = [];

const creditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);
/** Subjects this file registers: through the page (NEW), over HTTP beforehand (SHOP, TRADER), by the import (PROVISIONAL). */
const NEW = creditCode('91120116MA0RECRD1');
const SHOP = creditCode('91120116MA0RECRD2');
const TRADER = creditCode('91120116MA0RECRD3');
const PROVISIONAL = creditCode('91120116MA0RECRD4');
const wrongCheck = (id: string) => `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  svc = await startTestService({ demoData: true, env: { IMPORT_PROGRESS_MS: '0' } });
  market = await svc.token('MARKET', ['recorder'], 'market-clerk-li');
  for (const [id, name] of [
    [SHOP, '天津滨海录入示范便利店有限公司'],
    [TRADER, '天津滨海录入示范商贸有限公司'],
  ] as const) {
    const res = await svc.call('PUT', `/v1/entities/${id}`, { token: market, body: { kind: 'enterprise', name, region: '120116', industry: 'F52', status: 'active' } });
    expect(res.status).toBe(201);
  }
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, svc, { dept: 'MARKET', roles: ['recorder'], sub: 'market-clerk-li' });
});

afterAll(async () => {
  if (audits.length) console.log(`axe summary:\n${audits.map((a) => `  ${a.page.padEnd(30)} critical ${a.byImpact.critical}, serious ${a.byImpact.serious}, moderate ${a.byImpact.moderate}, minor ${a.byImpact.minor}`).join('\n')}`);
  await browser?.close();
  await svc?.close();
});

async function audit(name: string) {
  const result = await auditPage(page, name);
  audits.push(result);
  expect(blocking(result), JSON.stringify(blocking(result), null, 2)).toEqual([]);
}

/** The error shown beside the field a label names, once it is marked invalid. */
async function errorBeside(scope: ReturnType<Page['locator']>, label: string | RegExp) {
  const control = scope.getByLabel(label, { exact: typeof label === 'string' }).first();
  await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
  const id = await control.getAttribute('id');
  return page.locator(`[id="${id}-error"]`).innerText();
}

const recordsOf = async (subjectId: string) => {
  const res = await svc.call('GET', `/v1/entities/${subjectId}/records`, { token: market });
  expect(res.status).toBe(200);
  return res.body.records as Record<string, any>[];
};

/** Presses Tab until the focused element is the one wanted. */
async function tabTo(predicate: (a: Awaited<ReturnType<typeof activeElement>>) => boolean, limit = 20) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const a = await activeElement(page);
    if (predicate(a)) return a;
  }
  throw new Error('not reached by Tab');
}

const card = (documentNo: string) => page.locator('.record-card').filter({ hasText: documentNo });

describe('主体登记', () => {
  it('refuses an id with a wrong check character beside the id field, and other bad fields beside theirs', async () => {
    await openScreen(page, 'entities', '主体登记');
    await audit('console-entities');
    await page.getByLabel('统一社会信用代码或身份证号').fill(wrongCheck(NEW));
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('#entity-missing').waitFor();
    await statusSays(page, '尚未登记');
    const form = page.locator('#entity-form');
    await form.getByLabel('主体类别').selectOption('enterprise');
    await form.getByLabel('名称').fill('天津滨海录入示范科技有限公司');
    await form.getByLabel('行政区划代码').fill('12011');
    await form.getByRole('button', { name: '登记' }).click();
    await statusSays(page, '提交的内容有误');
    expect(await errorBeside(form, '行政区划代码')).toBe('应为 6 位行政区划代码');
    expect(await errorBeside(form, '行业代码')).toBe('自然人以外的主体必须填写');
    await form.getByLabel('行政区划代码').fill('120116');
    await form.getByLabel('行业代码').fill('I65');
    await form.getByRole('button', { name: '登记' }).click();
    await statusSays(page, '提交的内容有误');
    expect(await errorBeside(form, '统一社会信用代码或身份证号')).toContain('校验码');
    await audit('console-entity-errors');
    await browser.screenshot(page, 'console-entity-errors');
    // Nothing was registered under the wrong code.
    expect((await svc.call('GET', `/v1/entities/${wrongCheck(NEW)}`, { token: market })).status).toBe(404);
  });

  it('registers the entity under its right code for the department, then changes it, the history showing the change', async () => {
    const form = page.locator('#entity-form');
    await form.getByLabel('统一社会信用代码或身份证号').fill(NEW.toLowerCase());
    await form.getByRole('button', { name: '登记' }).click();
    await page.locator('#screen-title', { hasText: '主体登记：天津滨海录入示范科技有限公司' }).waitFor();
    await statusSays(page, '已登记主体');
    const stored = await svc.call('GET', `/v1/entities/${NEW}`, { token: market });
    expect(stored.body).toMatchObject({ id: NEW, registeredBy: 'MARKET', industry: 'I65', region: '120116', status: 'active', version: 1 });
    expect(await page.locator('.entity-view').innerText()).toContain('市场监督管理委员会');

    const edit = page.locator('#entity-form');
    await edit.getByLabel('名称').fill('天津滨海录入示范信息技术有限公司');
    await edit.getByLabel('登记状态').selectOption('revoked');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await statusSays(page, '已保存');
    await page.locator('#screen-title', { hasText: '天津滨海录入示范信息技术有限公司' }).waitFor();
    const history = await page.locator('table.entity-changes tbody').innerText();
    expect(history).toContain('名称：天津滨海录入示范科技有限公司 → 天津滨海录入示范信息技术有限公司');
    expect(history).toContain('登记状态：存续 → 吊销');
    expect(history).toContain('market-clerk-li');
    const changed = await svc.call('GET', `/v1/entities/${NEW}`, { token: market });
    expect(changed.body.changes).toHaveLength(1);
    expect(changed.body.changes[0].fields.name).toEqual({ from: '天津滨海录入示范科技有限公司', to: '天津滨海录入示范信息技术有限公司' });
    await audit('console-entity');
    await browser.screenshot(page, 'console-entity');
    // Back to active, for the records below.
    await page.locator('#entity-form').getByLabel('登记状态').selectOption('active');
    await page.locator('#entity-form').getByRole('button', { name: '保存修改' }).click();
    await statusSays(page, '已保存');
  });
});

describe('信用记录', () => {
  it('enters a penalty and a listing on a list MARKET keeps, and lists them', async () => {
    await openScreen(page, `records?subject=${SHOP}`, '信用记录：天津滨海录入示范便利店有限公司');
    await statusSays(page, '已读取');
    await audit('console-records-empty');
    const form = page.locator('#record-form');
    await form.getByLabel('记录类型').selectOption('penalty');
    await form.getByLabel('文书号').fill('津滨市监罚〔2026〕901号');
    await form.getByLabel('事项名称').fill('未按规定公示年度报告');
    await form.getByLabel('罚款金额（元）').fill('3500');
    await form.getByLabel('法律依据').fill('《企业信息公示暂行条例》第十八条');
    await form.getByRole('button', { name: '录入' }).click();
    await statusSays(page, '已录入行政处罚“未按规定公示年度报告”');
    const penalty = card('津滨市监罚〔2026〕901号');
    expect(await penalty.innerText()).toContain('3,500 元');
    expect(await penalty.innerText()).toContain('有效');

    // A listing without its list: the service's 400 beside the list field.
    await form.getByLabel('记录类型').selectOption('listing');
    await expect(form.getByLabel('罚款金额（元）').isVisible()).resolves.toBe(false);
    await form.getByLabel('文书号').fill('津滨市监异〔2026〕901号');
    await form.getByLabel('事项名称').fill('通过登记的住所无法联系，列入经营异常名录');
    await form.getByRole('button', { name: '录入' }).click();
    await statusSays(page, '提交的内容有误');
    expect(await errorBeside(form, '名单')).toBe('名单记录必须选择名单');
    // Only lists MARKET may use for an enterprise are offered.
    const offered = await form.getByLabel('名单').locator('option').allInnerTexts();
    expect(offered.some((o) => o.startsWith('经营异常名录'))).toBe(true);
    expect(offered.some((o) => o.startsWith('失信被执行人'))).toBe(false);
    await form.getByLabel('名单').selectOption('ABNORMAL_OPERATION');
    await form.getByRole('button', { name: '录入' }).click();
    await statusSays(page, '已录入名单');
    const listing = card('津滨市监异〔2026〕901号');
    expect(await listing.innerText()).toContain('经营异常名录');
    await expect(page.locator('.record-card').count()).resolves.toBe(2);
    const stored = await recordsOf(SHOP);
    expect(stored.map((r) => [r.type, r.documentNo, r.status]).sort()).toEqual([
      ['listing', '津滨市监异〔2026〕901号', 'active'],
      ['penalty', '津滨市监罚〔2026〕901号', 'active'],
    ]);
    await audit('console-records');
  });

  it('retracts the listing with a reason, after a confirmation on the page: 已撤销, and retracted over HTTP', async () => {
    const listing = card('津滨市监异〔2026〕901号');
    await listing.getByRole('button', { name: /^撤销/ }).click();
    const form = listing.locator('form.action-form');
    await form.getByRole('button', { name: '下一步' }).click();
    expect(await errorBeside(form, '撤销理由')).toBe('必须说明理由');
    await form.getByLabel('撤销理由').fill('录入错误：应列入的是另一主体');
    await form.getByRole('button', { name: '下一步' }).click();
    const confirmText = await form.locator('.confirm-box').innerText();
    expect(confirmText).toContain('将撤销记录“通过登记的住所无法联系，列入经营异常名录”');
    expect(confirmText).toContain('录入错误：应列入的是另一主体');
    await expect(activeElement(page)).resolves.toMatchObject({ text: '确认撤销' });
    await audit('console-record-confirm');
    await browser.screenshot(page, 'console-record-confirm');
    // Nothing is sent before the confirmation.
    expect((await recordsOf(SHOP)).find((r) => r.type === 'listing')!.status).toBe('active');
    await form.getByRole('button', { name: '确认撤销' }).click();
    await statusSays(page, '已撤销记录');
    expect(await listing.locator('.record-status').innerText()).toBe('已撤销');
    await listing.locator('summary').click();
    expect(await listing.locator('.record-history').innerText()).toContain('理由：录入错误：应列入的是另一主体');
    await expect(listing.getByRole('button').count()).resolves.toBe(0);
    const stored = (await recordsOf(SHOP)).find((r) => r.documentNo === '津滨市监异〔2026〕901号')!;
    expect(stored.status).toBe('retracted');
    expect(stored.history.at(-1)).toMatchObject({ action: 'retracted', by: 'market-clerk-li', department: 'MARKET', reason: '录入错误：应列入的是另一主体' });
    await browser.screenshot(page, 'console-records-retracted');
  });

  it('refuses to repair a penalty before its minimum period, in Chinese, and asks for the repair commitment', async () => {
    const penalty = card('津滨市监罚〔2026〕901号');
    await penalty.getByRole('button', { name: /^信用修复/ }).click();
    const form = penalty.locator('form.action-form');
    await form.getByLabel('修复理由').fill('已补报年度报告');
    await form.getByRole('button', { name: '下一步' }).click();
    expect(await errorBeside(form, '主体已作出信用修复承诺')).toBe('须确认主体已作出信用修复承诺');
    await form.getByLabel('主体已作出信用修复承诺').check();
    await form.getByRole('button', { name: '下一步' }).click();
    await form.getByRole('button', { name: '确认修复' }).click();
    const said = await statusSays(page, '请求无法受理');
    expect(said).toMatch(/一般失信记录的最短公示期未满，自 \d{4}-\d{2}-\d{2} 起方可申请信用修复/);
    expect((await recordsOf(SHOP)).find((r) => r.type === 'penalty')!.status).toBe('active');
  });

  it('repairs an older penalty, ends a licence and corrects a fine, each read back over HTTP', async () => {
    // An older penalty (its minimum period passed) and a licence, entered over HTTP.
    for (const body of [
      { type: 'penalty', documentNo: '津滨市监罚〔2026〕17号', decidedOn: '2026-01-05', title: '虚假宣传', fineAmount: 10000 },
      { type: 'licence', documentNo: '津滨市监许〔2026〕88号', decidedOn: '2026-02-01', title: '食品经营许可证' },
    ]) {
      expect((await svc.call('POST', '/v1/records', { token: market, body: { subjectId: SHOP, ...body } })).status).toBe(201);
    }
    await openScreen(page, '', '工作台首页');
    await openScreen(page, `records?subject=${SHOP}`, '信用记录：天津滨海录入示范便利店有限公司');
    await statusSays(page, '已读取');
    const older = card('津滨市监罚〔2026〕17号');
    await older.getByRole('button', { name: /^信用修复/ }).click();
    let form = older.locator('form.action-form');
    await form.getByLabel('纠正失信行为日期').fill('2026-06-01');
    await form.getByLabel('修复理由').fill('已停止违法行为并消除影响');
    await form.getByLabel('主体已作出信用修复承诺').check();
    await form.getByRole('button', { name: '下一步' }).click();
    await form.getByRole('button', { name: '确认修复' }).click();
    await statusSays(page, '已完成信用修复');
    expect(await older.locator('.record-status').innerText()).toBe('已修复');

    const penalty = card('津滨市监罚〔2026〕901号');
    await penalty.getByRole('button', { name: /^更正/ }).click();
    form = penalty.locator('form.action-form');
    await form.getByLabel('罚款金额（元）').fill('2500');
    await form.getByLabel('更正理由').fill('罚款金额录入错误');
    await form.getByRole('button', { name: '下一步' }).click();
    expect(await form.locator('.confirm-box').innerText()).toContain('罚款金额（元）：3500 → 2500');
    await form.getByRole('button', { name: '确认更正' }).click();
    await statusSays(page, '已更正记录');
    expect(await penalty.innerText()).toContain('2,500 元');

    const stored = await recordsOf(SHOP);
    expect(stored.find((r) => r.documentNo === '津滨市监罚〔2026〕17号')!.status).toBe('repaired');
    const corrected = stored.find((r) => r.documentNo === '津滨市监罚〔2026〕901号')!;
    expect(corrected.fineAmount).toBe(2500);
    expect(corrected.history.at(-1)).toMatchObject({ action: 'corrected', reason: '罚款金额录入错误', previous: { fineAmount: 3500 } });
    await audit('console-records-changed');
  });

  it('ends the licence by keyboard alone: Tab to 终止, the reason, 下一步 and the confirmation', async () => {
    const licence = card('津滨市监许〔2026〕88号');
    await licence.getByRole('button', { name: /^更正/ }).focus();
    // Shift+Tab back to 终止 (the button before 更正), then Enter opens the form with focus in it.
    await page.keyboard.press('Shift+Tab');
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'button', text: expect.stringMatching(/^终止/) });
    await page.keyboard.press('Enter');
    await expect(activeElement(page)).resolves.toMatchObject({ name: 'endedOn' });
    // The end date stays today's; Tab passes its year, month and day to the reason.
    await tabTo((a) => a.name === 'reason');
    await page.keyboard.type('许可证已依申请注销');
    await tabTo((a) => a.text === '下一步');
    await page.keyboard.press('Enter');
    await expect(activeElement(page)).resolves.toMatchObject({ text: '确认终止' });
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Space');
    await statusSays(page, '已终止记录');
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'h3' });
    const stored = (await recordsOf(SHOP)).find((r) => r.documentNo === '津滨市监许〔2026〕88号')!;
    expect(stored.endedOn).toBe(today());
    expect(stored.status).toBe('ended');
    expect(await licence.locator('.record-status').innerText()).toBe('已终止');
  });
});
