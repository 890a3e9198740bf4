import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../support/service.ts';

/** Debian's chromium (STACK.md); nothing downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Saves a full-page screenshot under test-output/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Headless chromium with a fresh profile directory (removed on close). Chinese pages render with the
 * system's CJK fonts (Debian: fonts-noto-cjk); without them screenshots show boxes, assertions still hold.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'credit-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    newPage: () => context.newPage(),
    screenshot: async (page, name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Bytes of JavaScript a loaded page fetched (decoded sizes of every .js resource), for the first-load budget. */
export async function scriptBytes(page: Page): Promise<{ total: number; files: Record<string, number> }> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, size: (e as PerformanceResourceTiming).decodedBodySize })),
  );
  const files = Object.fromEntries(entries.filter((e) => new URL(e.name).pathname.endsWith('.js')).map((e) => [new URL(e.name).pathname, e.size]));
  return { total: Object.values(files).reduce((a, b) => a + b, 0), files };
}
