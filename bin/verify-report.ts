/**
 * Verifies a credit report (专项信用报告) offline, against a key list obtained out of band:
 *   npm run verify-report -- --file <report.json> --keys <key list JSON file, or its URL>
 * The key list is what GET /v1/public/report-keys answers (saved, or published by the credit office);
 * nothing the report says of its own key is trusted. The report's content is hashed as canonical JSON
 * (RFC 8785) and must match its fingerprint; the signature must verify with the named key, which must
 * have been in use when the report was issued.
 *
 * Exit codes: 0 valid; 1 invalid (changed, unknown key, bad signature, not a report); 2 the check could
 * not be run (usage, an unreadable file, a failed request).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reportKeySchema, verifyReport } from '../functions/domain/credit-reports.ts';

const USAGE = 'usage: npm run verify-report -- --file <report JSON> --keys <key list JSON file or http(s) URL>';

function cannotCheck(message: string): never {
  console.error(message);
  process.exit(2);
}

function parseCli(): { file: string; keys: string } {
  try {
    const { values } = parseArgs({ options: { file: { type: 'string' }, keys: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help || !values.file || !values.keys) cannotCheck(USAGE);
    return { file: values.file, keys: values.keys };
  } catch (error) {
    return cannotCheck(`${(error as Error).message}\n${USAGE}`);
  }
}

async function readJson(source: string): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { headers: { accept: 'application/json' } }).catch((error: Error) => cannotCheck(`cannot fetch ${source}: ${error.message}`));
    if (!response.ok) cannotCheck(`cannot fetch ${source}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, 'utf8').catch((error: Error) => cannotCheck(`cannot read ${source}: ${error.message}`));
  }
  try {
    return JSON.parse(text);
  } catch {
    return cannotCheck(`${source} is not JSON`);
  }
}

const cli = parseCli();
const keyList = z.object({ keys: z.array(reportKeySchema) }).safeParse(await readJson(cli.keys));
if (!keyList.success) cannotCheck(`${cli.keys} is not a key list (GET /v1/public/report-keys)`);
const report = await readJson(cli.file);
const verdict = verifyReport(report, keyList.data.keys);
if (verdict.valid) {
  const r = report as { reportNo: string; subject: { name: string; id: string }; issuedAt: string; period: { from: string; to: string } };
  console.log(`valid 报告有效: ${r.reportNo} — ${r.subject.name} (${r.subject.id}), ${r.period.from} to ${r.period.to}, issued ${r.issuedAt}, signed by ${verdict.key.keyId}`);
} else {
  console.log(`INVALID 报告无效: ${verdict.reason}`);
  process.exit(1);
}
