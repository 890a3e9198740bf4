import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../support/service.ts';

/** axe-core's impacts, worst first. */
export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  /** The first few offending elements, as CSS selectors. */
  targets: string[];
  nodes: number;
}

export interface AxeAudit {
  page: string;
  /** Violations counted by impact (every impact present, 0 when none). */
  byImpact: Record<Impact, number>;
  violations: AxeViolation[];
  passes: number;
}

export const AXE_RESULTS = join(ROOT, 'test-output', 'axe');
let source: string | undefined;

/**
 * Runs axe-core (the installed devDependency) on the page as it is now, with its default rules (WCAG 2.x
 * A/AA and best practices), prints the violations by impact and writes them to test-output/axe/<name>.json.
 * The script is evaluated through the DevTools protocol, not added as a <script>: the pages' content-security
 * policy admits only their own scripts, and an inline tag would be refused.
 */
export async function auditPage(page: Page, name: string): Promise<AxeAudit> {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<any> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return {
      passes: r.passes.length as number,
      violations: r.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map((n: any) => String(n.target.join(' '))),
      })),
    };
  });
  const byImpact = Object.fromEntries(IMPACTS.map((i) => [i, 0])) as Record<Impact, number>;
  for (const v of result.violations as AxeViolation[]) if (v.impact) byImpact[v.impact] += v.nodes;
  const audit: AxeAudit = { page: name, byImpact, violations: result.violations, passes: result.passes };
  mkdirSync(AXE_RESULTS, { recursive: true });
  writeFileSync(join(AXE_RESULTS, `${name}.json`), `${JSON.stringify(audit, null, 2)}\n`);
  const listed = audit.violations.map((v) => `${v.impact ?? '?'} ${v.id} ×${v.nodes} (${v.targets.join(', ')})`);
  console.log(`axe ${name}: ${IMPACTS.map((i) => `${i} ${byImpact[i]}`).join(', ')}${listed.length ? ` — ${listed.join('; ')}` : ''}`);
  return audit;
}

/** The violations a page must not have: serious and critical ones. */
export const blocking = (audit: AxeAudit) => audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
