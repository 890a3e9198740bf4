import type { Page } from 'playwright-core';
import type { Role } from '../../functions/domain/roles.ts';
import type { TestService } from '../support/service.ts';

/**
 * Signing in to the workbench in a browser test, as a person does locally: /dev/sign-in, a department,
 * roles and a name, then /console. Returns once the shell shows the department's Chinese name.
 */
export async function signIn(page: Page, svc: TestService, who: { dept: string; roles: Role[]; sub?: string }): Promise<void> {
  await page.goto(`${svc.url}/dev/sign-in`);
  await page.getByLabel('部门').selectOption(who.dept);
  for (const box of await page.locator('input[name="roles"]').all()) {
    const value = (await box.getAttribute('value')) as Role;
    if (who.roles.includes(value)) await box.check();
    else await box.uncheck();
  }
  await page.getByLabel('用户名（sub）').fill(who.sub ?? `${who.dept.toLowerCase()}-clerk`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/console#\//);
  await page.locator('#who-dept').waitFor();
}

/** Opens a console screen by its route (`check`, `ledger`) and waits for its heading to take focus. */
export async function openScreen(page: Page, route: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((r) => (location.hash = `#/${r}`), route);
  await page.locator('#screen-title', { hasText: heading }).waitFor();
}

/** The live region's text once it says `text`. */
export async function statusSays(page: Page, text: string | RegExp): Promise<string> {
  const status = page.locator('#status').filter({ hasText: text });
  await status.waitFor();
  return status.innerText();
}

export const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? '', id: el?.id ?? '', text: el?.innerText ?? '', name: el?.getAttribute('name') ?? '' };
  });
