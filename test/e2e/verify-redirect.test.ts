import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { makePlan } from './plan-fixture.ts';

/**
 * The /verify page on documents answered as files (API.md, Plans: "A document above 5 MB may be
 * answered with 303 to a file"): with PLAN_DOCUMENT_INLINE_BYTES set small, both routes answer 303,
 * and the page follows to the gzipped public file, or to the signed URL of the full one, and verifies
 * as it does inline.
 */
let svc: TestService;
let browser: Browser;
let page: Page;
let drawn: Awaited<ReturnType<typeof makePlan>>;
let auditor: string;

beforeAll(async () => {
  svc = await startTestService();
  browser = await launchBrowser();
  drawn = await makePlan(svc, { title: '2026年第四季度文件核验', draw: true, offset: 201 });
  auditor = await svc.token('DRC', ['auditor'], 'credit-office');
  await svc.service.jobs.idle();
  // The service runs in this process and reads the bound per request.
  process.env.PLAN_DOCUMENT_INLINE_BYTES = '100';
});

afterAll(async () => {
  delete process.env.PLAN_DOCUMENT_INLINE_BYTES;
  await browser?.close();
  await svc?.close();
});

/** Opens a page that notes every response it gets: status and path. */
async function openPage(path: string) {
  await page?.close();
  page = await browser.newPage();
  const seen: { status: number; path: string; encoding: string | undefined }[] = [];
  page.on('response', (res: Response) => {
    const url = new URL(res.url());
    seen.push({ status: res.status(), path: url.pathname + url.search, encoding: res.headers()['content-encoding'] });
  });
  await page.goto(svc.url + path);
  return seen;
}

async function verdict() {
  await page.locator('#outcome:not([hidden])').waitFor();
  return { title: await page.locator('#verdict-title').innerText(), detail: await page.locator('#verdict-detail').innerText() };
}

describe('the draw verification page, on documents answered as files', () => {
  it('follows the public document’s 303 to its gzipped file and finds the draw matching', async () => {
    const seen = await openPage(`/verify?plan=${encodeURIComponent(drawn.planId)}`);
    const { title } = await verdict();
    expect(title).toMatch(/^核验结论：一致/);
    expect(seen).toContainEqual(expect.objectContaining({ status: 303, path: `/v1/public/plans/${drawn.planId}` }));
    const file = seen.find((r) => r.path.startsWith(`/files/public/plans/${drawn.planId}/`));
    expect(file).toMatchObject({ status: 200, encoding: 'gzip' });
    for (const key of ['shape', 'seed', 'tickets', 'size', 'results']) {
      await expect(page.locator(`#checks li[data-step="${key}"]`).getAttribute('class')).resolves.toBe('pass');
    }
  });

  it('follows the full document’s 303 to its signed URL with a token and re-runs the whole draw', async () => {
    const seen = await openPage('/verify');
    await page.getByLabel('抽查计划编号').fill(drawn.planId);
    await page.getByLabel('访问令牌（可选）').fill(auditor);
    await page.getByRole('button', { name: '获取并核验' }).click();
    const { title, detail } = await verdict();
    expect(title).toMatch(/^核验结论：一致/);
    expect(detail).toContain('依据完整文档重新计算');
    expect(seen).toContainEqual(expect.objectContaining({ status: 303, path: `/v1/plans/${drawn.planId}/population` }));
    const file = seen.find((r) => r.path.startsWith(`/files/private/plans/${drawn.planId}/`));
    expect(file?.status).toBe(200);
    expect(file?.path).toMatch(/\?expires=\d+&signature=/);
    for (const key of ['shape', 'seed', 'population', 'sample', 'teams', 'results']) {
      await expect(page.locator(`#checks li[data-step="${key}"]`).getAttribute('class')).resolves.toBe('pass');
    }
  });
});
