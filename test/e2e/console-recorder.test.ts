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

  it('offers the actions only on the records of the caller’s own department', async () => {
    const { DEMO } = await import('../../functions/local/demo-data.ts');
    await openScreen(page, `records?subject=${DEMO.honest}`, '信用记录：天津滨海示范制造股份有限公司');
    await statusSays(page, '已读取');
    const taxListing = card('津税信〔2026〕A-001');
    expect(await taxListing.innerText()).toContain('税务局');
    await expect(taxListing.getByRole('button').count()).resolves.toBe(0);
    const marketLicence = card('津滨市监许〔2025〕301号');
    expect(await marketLicence.getByRole('button').allInnerTexts()).toEqual(['撤销', '终止', '更正'].map((a) => expect.stringMatching(new RegExp(`^${a}`))));
  });
});

/** A date `days` from today in China Standard Time. */
const daysAhead = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
const made: { traderCommitment?: string; approvalId?: string } = {};

describe('信用承诺', () => {
  async function makeCommitment(subject: string, type: string, content: string) {
    const form = page.locator('#commitment-form');
    await form.getByLabel('主体代码').fill(subject);
    await form.getByLabel('承诺类型').selectOption({ label: type });
    await form.getByLabel('办理事项').selectOption({ label: '告知承诺审批' });
    await form.getByLabel('履行期限').fill(daysAhead(60));
    await form.getByLabel('承诺内容').fill(content);
    await form.getByRole('button', { name: '受理承诺' }).click();
  }

  it('accepts commitments, with their types in Chinese, and lists them as open', async () => {
    await openScreen(page, 'commitments', '信用承诺');
    await statusSays(page, /没有信用承诺|已显示/);
    await audit('console-commitments');
    const types = await page.locator('#commitment-form').getByLabel('承诺类型').locator('option').allInnerTexts();
    expect(types).toEqual(['请选择', '审批替代型', '容缺受理型', '证明事项型', '信用修复型', '行业自律型', '主动型']);
    await makeCommitment(TRADER, '审批替代型', '承诺经营场所符合食品安全要求，60日内补齐卫生检测报告');
    const said = await statusSays(page, `已受理承诺：${TRADER}`);
    made.traderCommitment = /编号 (\d{20})/.exec(said)![1];
    expect(made.traderCommitment).toMatch(/^12011620\d{12}$/);
    await makeCommitment(SHOP, '容缺受理型', '承诺30日内补交营业执照副本');
    await statusSays(page, `已受理承诺：${SHOP}`);
    const rows = page.locator('table.commitments tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    expect(await rows.filter({ hasText: TRADER }).innerText()).toContain('审批替代型');
    expect(await rows.filter({ hasText: SHOP }).innerText()).toContain('未到期');
    await browser.screenshot(page, 'console-commitments');
  });

  it('verifies a commitment as unfulfilled after a warning that it lists the subject on COMMITMENT_BREACH', async () => {
    const row = page.locator('table.commitments tbody tr').filter({ hasText: SHOP });
    await row.getByRole('button', { name: /核查履约/ }).click();
    const form = page.locator('#verify-area form');
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'input' });
    await form.getByRole('button', { name: '下一步' }).click();
    expect(await errorBeside(form, '核查说明')).toBe('必须填写核查说明');
    await form.getByLabel('未履行').check();
    await form.getByLabel('核查说明').fill('逾期未补交营业执照副本');
    await form.getByRole('button', { name: '下一步' }).click();
    expect(await form.locator('.confirm-box .warning').innerText()).toContain('将被列入“信用承诺失信（违诺）”名单');
    await audit('console-commitment-verify');
    await form.getByRole('button', { name: '确认核查结果' }).click();
    await statusSays(page, '已核查承诺');
    expect(await row.innerText()).toContain('已核查');
    expect(await row.innerText()).toContain('未履行：逾期未补交营业执照副本');
    const entity = await svc.call('GET', `/v1/entities/${SHOP}`, { token: market });
    expect(entity.body.lists).toContain('COMMITMENT_BREACH');
    const verified = await svc.call('GET', '/v1/commitments?status=verified', { token: market });
    expect(verified.body.commitments.map((c: any) => [c.subjectId, c.outcome])).toEqual([[SHOP, 'unfulfilled']]);
    // The 已核查 view lists it, the open one no longer does.
    await page.getByRole('link', { name: '已核查' }).click();
    await page.waitForURL(/status=verified/);
    await statusSays(page, '已显示 1 条信用承诺');
    expect(await page.locator('table.commitments tbody').innerText()).toContain('未履行：逾期未补交营业执照副本');
    await openScreen(page, 'commitments?status=open', '信用承诺');
    await statusSays(page, '已显示 1 条信用承诺');
    expect(await page.locator('table.commitments tbody').innerText()).toContain(TRADER);
  });

  it('refuses a proof-replacing commitment from the subject now on COMMITMENT_BREACH, saying why in Chinese', async () => {
    await makeCommitment(SHOP, '审批替代型', '承诺补齐材料');
    const said = await statusSays(page, '请求无法受理');
    expect(said).toContain('在“信用承诺失信（违诺）”名单上，修复前不得作出审批替代型、容缺受理型或证明事项型承诺');
  });
});

describe('行政审批', () => {
  it('records a granted approval relying on a commitment, and shows its supervision task and licence record', async () => {
    await openScreen(page, 'approvals', '行政审批');
    await statusSays(page, /没有审批结果|已显示/);
    await audit('console-approvals');
    const form = page.locator('#approval-form');
    await form.getByLabel('主体代码').fill(TRADER);
    await form.getByLabel('审批事项').selectOption({ label: '告知承诺审批' });
    await form.getByLabel('许可文号').fill('津滨市监许〔2026〕501号');
    await form.getByLabel('许可名称').fill('食品经营许可证');
    await form.getByLabel('准予许可').check();
    // Another subject's commitment: the service's 422 beside the commitment field, in Chinese.
    const shopCommitment = (await svc.call('GET', `/v1/entities/${SHOP}/commitments`, { token: market })).body.commitments[0].code;
    await form.getByLabel('所依据的承诺编号').fill(shopCommitment);
    await form.getByRole('button', { name: '推送审批结果' }).click();
    await statusSays(page, '请求无法受理');
    expect(await errorBeside(form, '所依据的承诺编号')).toBe(`该承诺由 ${SHOP} 作出，不是本主体`);
    await form.getByLabel('所依据的承诺编号').fill(made.traderCommitment!);
    await form.getByRole('button', { name: '推送审批结果' }).click();
    await statusSays(page, '已推送审批结果 津滨市监许〔2026〕501号：准予许可，监管任务 1 项（市场监督管理委员会）');
    const view = page.locator('#approval-result .approval-view');
    const tasks = await view.locator('table.approval-tasks tbody tr').allInnerTexts();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toContain('市场监督管理委员会');
    expect(tasks[0]).toContain('待监管');
    expect(await view.locator('.licence-record').innerText()).toContain('食品经营许可证（津滨市监许〔2026〕501号），有效');
    expect(await view.innerText()).toContain(made.traderCommitment!);
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'h2' });
    await audit('console-approval-result');
    await browser.screenshot(page, 'console-approval-result');

    const list = await page.locator('table.approvals tbody tr').allInnerTexts();
    expect(list).toHaveLength(1);
    made.approvalId = (await page.locator('table.approvals tbody tr').first().getAttribute('data-approval'))!;
    const stored = await svc.call('GET', `/v1/approvals/${made.approvalId}`, { token: market });
    expect(stored.body).toMatchObject({ subjectId: TRADER, decision: 'granted', commitmentCode: made.traderCommitment, supervisingDepartments: ['MARKET'] });
    expect(stored.body.tasks.map((t: any) => t.department)).toEqual(['MARKET']);
    const licence = (await recordsOf(TRADER)).find((r) => r.recordId === stored.body.licenceRecordId)!;
    expect(licence).toMatchObject({ type: 'licence', documentNo: '津滨市监许〔2026〕501号', status: 'active' });
  });

  it('opens one approval by its link', async () => {
    await page.locator('table.approvals tbody tr').first().getByRole('link', { name: /查看/ }).click();
    await page.locator('#screen-title', { hasText: '行政审批：食品经营许可证（津滨市监许〔2026〕501号）' }).waitFor();
    await statusSays(page, '监管任务 1 项');
    await audit('console-approval');
  });
});

const PENALTY_HEADER = '行政相对人名称,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,违法行为类型,处罚依据,处罚类别,处罚内容,罚款金额(万元),处罚决定日期,处罚机关';
const IMPORT_FILE = `${[
  PENALTY_HEADER,
  `天津滨海录入示范商贸有限公司,${TRADER},津滨市监罚〔2026〕601号,未按规定公示年度报告,《企业信息公示暂行条例》第十八条,罚款,罚款人民币3500元,0.35,2026-03-15,天津市滨海新区市场监督管理局`,
  `天津滨海录入临时登记有限公司,${PROVISIONAL},津滨市监罚〔2026〕602号,虚假宣传,《反不正当竞争法》第二十条,罚款,罚款人民币1万元,1,2026-04-02,天津市滨海新区市场监督管理局`,
  `天津滨海录入示范商贸有限公司,${TRADER},津滨市监罚〔2026〕603号,无照经营,《无证无照经营查处办法》第十三条,罚款,罚款,0.1,2026-13-45,天津市滨海新区市场监督管理局`,
].join('\r\n')}\r\n`;

describe('数据导入', () => {
  it('imports a CSV with a bad row: counts, the reject file, a provisional subject — and a retried upload opens no second import', async () => {
    await openScreen(page, 'imports', '数据导入');
    await audit('console-imports');
    const opened: { status: number; importId: string; key: string | undefined }[] = [];
    page.on('response', async (res) => {
      if (res.url().endsWith('/v1/imports') && res.request().method() === 'POST') {
        opened.push({ status: res.status(), importId: (await res.json()).importId, key: res.request().headers()['idempotency-key'] });
      }
    });
    // The first upload fails on the way (the network): the click again must reopen the same import.
    let uploads = 0;
    await page.route('**/files/uploads/**', async (route) => {
      uploads++;
      if (uploads === 1) await route.abort('connectionreset');
      else await route.continue();
    });
    const form = page.locator('#import-form');
    await form.getByLabel('文件', { exact: true }).setInputFiles({ name: '滨海新区录入测试.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${IMPORT_FILE}`) });
    await expect(form.getByLabel('文件格式').inputValue()).resolves.toBe('csv');
    await form.getByLabel('为尚未登记的主体临时登记').check();
    await form.getByRole('button', { name: '上传并导入' }).click();
    await statusSays(page, '文件上传失败');
    await form.getByRole('button', { name: '上传并导入' }).click();
    await statusSays(page, '导入完成');
    await page.unroute('**/files/uploads/**');
    expect(opened).toHaveLength(2);
    expect(opened.map((o) => o.status)).toEqual([201, 200]);
    expect(opened[1]!.importId).toBe(opened[0]!.importId);
    expect(opened[0]!.key).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(opened[1]!.key).toBe(opened[0]!.key);
    const importId = opened[0]!.importId;

    const panel = page.locator(`[data-import="${importId}"]`);
    const count = (name: string) => panel.locator(`[data-count="${name}"] dd`).innerText();
    await expect(count('read')).resolves.toBe('3');
    await expect(count('created')).resolves.toBe('2');
    await expect(count('rejected')).resolves.toBe('1');
    await expect(count('registered')).resolves.toBe('1');
    const stored = await svc.call('GET', `/v1/imports/${importId}`, { token: market });
    expect(stored.body).toMatchObject({ status: 'done', read: 3, created: 2, unchanged: 0, conflicting: 0, rejected: 1, registered: 1 });

    // The reject file: linked, and its lines shown on the page.
    const rejects = await panel.locator('table.rejects tbody tr').allInnerTexts();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toContain('4');
    expect(rejects[0]).toContain('处罚决定日期');
    expect(rejects[0]).toContain('应为日期（年-月-日）');
    const link = await panel.getByRole('link', { name: '下载驳回清单（CSV）' }).getAttribute('href');
    const file = await fetch(new URL(link!, svc.url));
    expect(file.status).toBe(200);
    const text = new TextDecoder().decode(await file.arrayBuffer());
    expect(text.split('\n')[1]).toMatch(/^4,处罚决定日期,/);
    expect((await recordsOf(TRADER)).map((r) => r.documentNo)).toContain('津滨市监罚〔2026〕601号');
    await audit('console-import-done');
    await browser.screenshot(page, 'console-import-done');

    // Remembered for the session: shown again after leaving the screen.
    await openScreen(page, '', '工作台首页');
    await openScreen(page, 'imports', '数据导入');
    // The remembered import is drawn at once and its state read again from the service: wait for that answer.
    await page.locator(`[data-import="${importId}"] .import-state`, { hasText: '已完成' }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('credit-console-imports:'))?.[1])).toContain(importId);
  });

  it('shows the subject the import registered as provisional, and completes it (MARKET keeps the register)', async () => {
    await openScreen(page, `entities/${PROVISIONAL}`, '主体登记：天津滨海录入临时登记有限公司');
    const view = page.locator('.entity-view');
    expect(await view.locator('h2').innerText()).toContain('临时登记');
    expect(await view.innerText()).toContain('由批量导入根据记录中的名称和代码临时登记');
    const form = page.locator('#entity-form');
    expect(await form.locator('h2').innerText()).toBe('补全临时登记');
    await form.getByLabel('行业代码').fill('F52');
    await form.getByLabel('成立日期').fill('2019-06-18');
    await form.getByRole('button', { name: '补全登记' }).click();
    await statusSays(page, '已保存');
    expect(await page.locator('.entity-view h2').innerText()).not.toContain('临时登记');
    const history = await page.locator('table.entity-changes tbody').innerText();
    expect(history).toContain('临时登记：是 → （空）');
    expect(history).toContain('行业代码：（空） → F52');
    const stored = await svc.call('GET', `/v1/entities/${PROVISIONAL}`, { token: market });
    expect(stored.body.provisional).toBeUndefined();
    expect(stored.body).toMatchObject({ registeredBy: 'MARKET', industry: 'F52', establishedOn: '2019-06-18' });
    await audit('console-entity-completed');
  });
});

describe('备忘录目录', () => {
  const CODE = 'M-COURT-DEFAULTER-2016';

  it('shows the auditor every memorandum with its measures in Chinese, read-only', async () => {
    const auditor = await browser.newPage();
    await signIn(auditor, svc, { dept: 'DRC', roles: ['auditor'], sub: 'credit-office-li' });
    await auditor.evaluate(() => (location.hash = '#/memoranda'));
    await auditor.locator('#screen-title', { hasText: '备忘录目录' }).waitFor();
    await auditor.locator('#status', { hasText: '份备忘录' }).waitFor();
    const memo = auditor.locator(`[data-memorandum="${CODE}"]`);
    const text = await memo.innerText();
    expect(text).toContain('关于对失信被执行人实施联合惩戒的合作备忘录');
    expect(text).toContain('第 1 版');
    expect(text).toContain('失信被执行人');
    expect(text).toContain('限制发行企业债券');
    expect(text).toContain('惩戒 · 必须执行');
    expect(text).toContain('发展和改革委员会（信用主管）');
    expect(text).toContain('企业债券发行');
    await expect(auditor.getByRole('button', { name: /修订/ }).count()).resolves.toBe(0);
    const result = await auditPage(auditor, 'console-memoranda-auditor');
    audits.push(result);
    expect(blocking(result)).toEqual([]);
    await auditor.close();
  });

  it('lets the admin publish a new version from the JSON, listing the errors of a bad one first', async () => {
    const previous = page;
    page = await browser.newPage();
    await signIn(page, svc, { dept: 'DRC', roles: ['admin'], sub: 'credit-admin-zhao' });
    await openScreen(page, 'memoranda', '备忘录目录');
    await statusSays(page, '份备忘录');
    await audit('console-memoranda');
    const memo = page.locator(`[data-memorandum="${CODE}"]`);
    await memo.getByRole('button', { name: /修订/ }).click();
    const editor = memo.getByLabel('备忘录内容（JSON）');
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'textarea' });
    const content = JSON.parse(await editor.inputValue());
    expect(content.code).toBe(CODE);

    await editor.fill('{ "title": ');
    await memo.getByRole('button', { name: '检查并发布' }).click();
    expect(await errorBeside(memo, '备忘录内容（JSON）')).toContain('不是有效的 JSON');

    const bad = structuredClone(content);
    bad.measures[0].departments = ['NO_SUCH_DEPT'];
    await editor.fill(JSON.stringify(bad, null, 2));
    await memo.getByRole('button', { name: '检查并发布' }).click();
    await memo.getByRole('button', { name: '确认发布新版本' }).click();
    await statusSays(page, '请求无法受理');
    expect(await memo.locator('.memo-errors').innerText()).toContain('measures.0.departments：未知的部门：NO_SUCH_DEPT');
    expect((await svc.call('GET', `/v1/memoranda/${CODE}`, { token: market })).body.version).toBe(1);

    content.measures[0].content = '限制发行企业债券（含公司债券）';
    await editor.fill(JSON.stringify(content, null, 2));
    await memo.getByRole('button', { name: '检查并发布' }).click();
    expect(await memo.locator('.confirm-box').innerText()).toContain('当前第 1 版');
    await audit('console-memorandum-confirm');
    await memo.getByRole('button', { name: '确认发布新版本' }).click();
    await statusSays(page, `已发布 ${CODE} 第 2 版`);
    expect(await memo.locator('.memo-version').innerText()).toBe('第 2 版');
    expect(await memo.innerText()).toContain('限制发行企业债券（含公司债券）');
    await expect(memo.locator('textarea').count()).resolves.toBe(0);
    await expect(activeElement(page)).resolves.toMatchObject({ tag: 'h2' });
    const stored = await svc.call('GET', `/v1/memoranda/${CODE}`, { token: market });
    expect(stored.body.version).toBe(2);
    expect(stored.body.measures[0].content).toBe('限制发行企业债券（含公司债券）');
    await browser.screenshot(page, 'console-memoranda');
    await page.close();
    page = previous;
  });
});

describe('the nav and the start screen', () => {
  it('shows the recorder its screens', async () => {
    await openScreen(page, '', '工作台首页');
    expect(await page.locator('#nav a').allInnerTexts()).toEqual(['工作台首页', '主体登记', '信用记录', '信用承诺', '异议处理', '信用修复申请', '行政审批', '数据导入']);
    await audit('console-home-recorder');
  });

  it('lays the records and the commitments out for a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openScreen(page, `records?subject=${SHOP}`, '信用记录：天津滨海录入示范便利店有限公司');
    await statusSays(page, '已读取');
    // No horizontal scrolling of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await browser.screenshot(page, 'console-records-phone');
    await openScreen(page, 'commitments', '信用承诺');
    await statusSays(page, /已显示|没有信用承诺/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await audit('console-commitments-phone');
    await browser.screenshot(page, 'console-commitments-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
