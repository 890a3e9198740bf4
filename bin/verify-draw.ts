/**
 * Verifies a double-random draw (双随机、一公开) from a plan document:
 *   npm run verify-draw -- --url <base> --plan <planId>                  the public document (no token)
 *   npm run verify-draw -- --url <base> --plan <planId> --token <JWT>    the full document (plan departments, auditors)
 *   npm run verify-draw -- --file <plan.json>                            either document, saved
 * The public document is checked as far as it allows (the seed against the commitment, every sampled
 * ticket, the sample order and size); the full document by re-running the whole draw, sample and teams.
 *
 * Exit codes: 0 match; 1 different, or not drawn yet, or not a plan document; 2 the check could not be
 * run (usage, an unreadable file, a failed request).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyPlanDocument } from '../functions/domain/draws.ts';

const USAGE = [
  'usage: npm run verify-draw -- --url <base URL> --plan <planId> [--token <JWT>]',
  '       npm run verify-draw -- --file <plan document JSON>',
].join('\n');

type Source = { file: string } | { url: string; plan: string; token?: string };

function cannotCheck(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseCli(): Source {
  let values: { url?: string; plan?: string; file?: string; token?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        plan: { type: 'string' },
        file: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    cannotCheck(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) cannotCheck(USAGE);
  if (values.file !== undefined && values.url === undefined && values.plan === undefined && values.token === undefined) return { file: values.file };
  if (values.file === undefined && values.url && values.plan) {
    if (values.token !== undefined && !values.token.trim()) cannotCheck(`--token is empty\n${USAGE}`);
    return { url: values.url, plan: values.plan, ...(values.token ? { token: values.token.trim() } : {}) };
  }
  cannotCheck(USAGE);
}

async function load(source: Source): Promise<unknown> {
  let text: string;
  let from: string;
  if ('file' in source) {
    from = source.file;
    text = await readFile(source.file, 'utf8').catch((error: Error) => cannotCheck(`cannot read ${source.file}: ${error.message}`));
  } else {
    const base = source.url.replace(/\/+$/, '');
    const plan = encodeURIComponent(source.plan);
    from = source.token ? `${base}/v1/plans/${plan}/population` : `${base}/v1/public/plans/${plan}`;
    const headers: Record<string, string> = { accept: 'application/json', ...(source.token ? { authorization: `Bearer ${source.token}` } : {}) };
    const response = await fetch(from, { headers }).catch((error: Error) => cannotCheck(`cannot fetch ${from}: ${error.message}`));
    if (response.status === 404) cannotCheck(`no ${source.token ? '' : 'public '}plan ${source.plan} at ${from} (404)`);
    if (response.status === 401 || response.status === 403) cannotCheck(`the token may not read ${from} (HTTP ${response.status})`);
    if (!response.ok) cannotCheck(`cannot fetch ${from}: HTTP ${response.status}`);
    text = await response.text();
  }
  try {
    return JSON.parse(text);
  } catch {
    return cannotCheck(`${from} is not JSON`);
  }
}

const result = verifyPlanDocument(await load(parseCli()));
if (result.ok) {
  console.log(
    result.level === 'full'
      ? `match: sample of ${result.sampleSize} and teams re-computed from the full plan document`
      : `match: the seed opens the commitment, and the ${result.sampleSize} sampled tickets and the sample size agree with the public plan document ` +
          '(it lists no strata: re-run the whole draw from the full document, --token)',
  );
  process.exit(0);
}
console.log(result.notDrawn ? result.difference : `DIFFERENT: ${result.difference}`);
process.exit(1);
