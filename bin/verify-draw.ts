/**
 * `npm run verify-draw -- --url <base> --plan <planId>` or `npm run verify-draw -- --file <plan.json>`
 * re-runs a published double-random draw (GET /v1/public/plans/{planId}, no token) from the document
 * alone and says whether the published sample and teams are the ones the seed and population give.
 *
 * Exit codes: 0 match; 1 different, or not drawn yet, or not a public plan; 2 the check could not be
 * run (usage, an unreadable file, a failed request).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyPublicPlan } from '../functions/domain/draws.ts';

const USAGE = 'usage: npm run verify-draw -- --url <base URL> --plan <planId>\n       npm run verify-draw -- --file <public plan JSON>';

function cannotCheck(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseCli(): { file: string } | { url: string; plan: string } {
  let values: { url?: string; plan?: string; file?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { url: { type: 'string' }, plan: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    cannotCheck(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) cannotCheck(USAGE);
  if (values.file !== undefined && values.url === undefined && values.plan === undefined) return { file: values.file };
  if (values.file === undefined && values.url && values.plan) return { url: values.url, plan: values.plan };
  cannotCheck(USAGE);
}

async function load(source: { file: string } | { url: string; plan: string }): Promise<unknown> {
  let text: string;
  let from: string;
  if ('file' in source) {
    from = source.file;
    text = await readFile(source.file, 'utf8').catch((error: Error) => cannotCheck(`cannot read ${source.file}: ${error.message}`));
  } else {
    from = `${source.url.replace(/\/+$/, '')}/v1/public/plans/${encodeURIComponent(source.plan)}`;
    const response = await fetch(from, { headers: { accept: 'application/json' } }).catch((error: Error) =>
      cannotCheck(`cannot fetch ${from}: ${error.message}`),
    );
    if (response.status === 404) cannotCheck(`no public plan ${source.plan} at ${from} (404)`);
    if (!response.ok) cannotCheck(`cannot fetch ${from}: HTTP ${response.status}`);
    text = await response.text();
  }
  try {
    return JSON.parse(text);
  } catch {
    return cannotCheck(`${from} is not JSON`);
  }
}

const result = verifyPublicPlan(await load(parseCli()));
if (result.ok) {
  console.log(`match: sample of ${result.sampleSize} and teams re-computed from the published plan`);
  process.exit(0);
}
console.log(result.notDrawn ? result.difference : `DIFFERENT: ${result.difference}`);
process.exit(1);
