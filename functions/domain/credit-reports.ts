import { createHash, createPublicKey, randomInt, timingSafeEqual, verify } from 'node:crypto';
import { z } from 'zod';
import { addDays, addYears, type IsoDate } from './dates.ts';
import type { Entity } from './entities.ts';
import { isOutcome } from './inspection-results.ts';
import { publicId, publicRecord, publicRecordSchema, publiclyVisible } from './public-report.ts';
import type { CreditRecord } from './records.ts';
import { findList } from './reference.ts';
import { calendarDate, instant } from './values.ts';

/**
 * The 专项信用报告 (无违法违规证明版, DOMAIN.md §9; API.md, Reports): for a subject and a period, its
 * penalties, serious-dishonesty and abnormal-operation listings and adverse inspection results, a snapshot
 * fixed at issue. The issued report is one JSON document; its fingerprint is the SHA-256 of its canonical
 * JSON (RFC 8785) without the three sealing fields, and the deployment's Ed25519 key signs those 32 bytes,
 * so anyone holding the published key list verifies it offline (verifyReport). Pure but for randomness.
 */

export const REPORT_CATEGORIES = ['penalties', 'listings', 'inspections'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Years a report covers when no period is asked for (the last three, today included). */
export const DEFAULT_REPORT_YEARS = 3;

/** Black lists other than serious ones that a report covers (abnormal operations, broken commitments). */
const REPORTED_GENERAL_LISTS = new Set(['ABNORMAL_OPERATION', 'COMMITMENT_BREACH']);
/** Inspection outcomes that are not adverse. */
const HARMLESS_OUTCOMES = new Set(['NO_ISSUE', 'NO_ACTIVITY']);

const reportCode = z.string().regex(/^[A-Za-z0-9-]{1,32}$/);

export const reportEntrySchema = publicRecordSchema.describe('A record as the public lookup shows it');

export const creditReportSchema = z
  .object({
    reportNo: reportCode.describe('The report number (报告编号)'),
    verificationCode: reportCode.describe('The verification code (核验码): with the number, anyone may read the report back'),
    issuedAt: instant,
    dataAsOf: instant.describe('When the records were read'),
    subject: z.object({
      id: z.string().describe("Unified social credit code; a person's identity number masked"),
      name: z.string(),
      kind: z.enum(['enterprise', 'organization', 'person']),
    }),
    period: z.object({ from: calendarDate, to: calendarDate }).describe('Both ends inclusive'),
    clean: z.boolean().describe('True when no category has an entry (无违法违规记录)'),
    summary: z.object({ penalties: z.number().int(), listings: z.number().int(), inspections: z.number().int() }),
    sections: z.object({
      penalties: z.array(reportEntrySchema).describe('Administrative penalties that were publishable (not minor, not warning-only)'),
      listings: z.array(reportEntrySchema).describe('Memberships of serious black lists, of ABNORMAL_OPERATION and of COMMITMENT_BREACH'),
      inspections: z.array(reportEntrySchema).describe('Inspection results with an adverse outcome'),
    }),
    departments: z.array(z.string()).describe('Every department whose records the service holds'),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 hex of the canonical JSON (RFC 8785) of the report without fingerprint, signature and keyId'),
    signature: z.string().describe('Pure Ed25519 over the 32 bytes of the fingerprint, standard base64'),
    keyId: z.string().describe('The published key (GET /v1/public/report-keys) that made the signature'),
  })
  .describe('A credit report (专项信用报告), exactly as issued.');
export type CreditReport = z.infer<typeof creditReportSchema>;
export type UnsealedReport = Omit<CreditReport, 'fingerprint' | 'signature' | 'keyId'>;

export const reportKeySchema = z.object({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().describe('The raw 32-byte public key, standard base64'),
  from: instant.describe('First used'),
  until: instant.optional().describe('Replaced by the next key at this instant'),
});
export type ReportKey = z.infer<typeof reportKeySchema>;

export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** The period asked for, checked: default the last three years to today, never ahead of today. */
export function reportPeriod(asked: { from?: IsoDate | undefined; to?: IsoDate | undefined }, today: IsoDate): ReportPeriod | { field: 'from' | 'to'; problem: string } {
  const to = asked.to ?? today;
  if (to > today) return { field: 'to', problem: `must not be after today (${today})` };
  const from = asked.from ?? addDays(addYears(to, -DEFAULT_REPORT_YEARS), 1);
  if (from > to) return { field: 'from', problem: `must not be after to (${to})` };
  return { from, to };
}

/** The category a record counts in, if it counts in a report at all (retracted and repaired ones never do). */
export function reportCategoryOf(record: CreditRecord): ReportCategory | undefined {
  if (record.retractedAt || record.repairedAt) return undefined;
  if (record.type === 'penalty') return record.severity === 'minor' || record.warningOnly ? undefined : 'penalties';
  if (record.type === 'listing') {
    const list = findList(record.listCode ?? '');
    if (list?.kind !== 'black') return undefined;
    return list.severity === 'serious' || REPORTED_GENERAL_LISTS.has(list.code) ? 'listings' : undefined;
  }
  if (record.type === 'inspection') return record.outcome && isOutcome(record.outcome) && !HARMLESS_OUTCOMES.has(record.outcome) ? 'inspections' : undefined;
  return undefined;
}

const newestFirst = (a: CreditRecord, b: CreditRecord) => (a.decidedOn !== b.decidedOn ? (a.decidedOn < b.decidedOn ? 1 : -1) : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);

/** Letters and digits that cannot be misread for one another when typed from paper (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const randomCode = (length: number) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** A new report number: CR and twenty random characters, e.g. CR7K3M9QX2PAHT4W8N6R5V. */
export const newReportNo = () => `CR${randomCode(20)}`;
/** The number of the report a keyed request (Idempotency-Key) issues: the same key, the same number. */
export const reportNoForKey = (idempotencyKey: string) =>
  `CR${[...createHash('sha256').update(`credit-report-request\n${idempotencyKey}`, 'utf8').digest().subarray(0, 20)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;
/** A new verification code: twelve characters from an alphabet that survives being read aloud or typed. */
export const newVerificationCode = () => randomCode(12);

/** How a typed number or code is compared: case and surrounding spaces do not matter. */
export const normaliseReportCode = (value: string) => value.trim().toUpperCase();

/**
 * The report's content, unsealed, or undefined for a natural person with nothing public (a report is
 * issued only for a person with public records, as the public lookup shows one).
 */
export function composeReport(
  entity: Entity,
  records: readonly CreditRecord[],
  period: ReportPeriod,
  issue: { reportNo: string; verificationCode: string; at: string; today: IsoDate; departments: readonly string[]; underObjection?: ReadonlySet<string> },
): UnsealedReport | undefined {
  if (entity.kind === 'person' && publiclyVisible(records, issue.today).length === 0) return undefined;
  const sections: Record<ReportCategory, CreditRecord[]> = { penalties: [], listings: [], inspections: [] };
  for (const record of records) {
    if (record.decidedOn < period.from || record.decidedOn > period.to) continue;
    const category = reportCategoryOf(record);
    if (category) sections[category].push(record);
  }
  const shown = Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, sections[c].sort(newestFirst).map((r) => publicRecord(r, issue.today, issue.underObjection?.has(r.recordId) ?? false))])) as UnsealedReport['sections'];
  return {
    reportNo: issue.reportNo,
    verificationCode: issue.verificationCode,
    issuedAt: issue.at,
    dataAsOf: issue.at,
    subject: { id: publicId(entity), name: entity.name, kind: entity.kind },
    period: { from: period.from, to: period.to },
    clean: REPORT_CATEGORIES.every((c) => shown[c].length === 0),
    summary: { penalties: shown.penalties.length, listings: shown.listings.length, inspections: shown.inspections.length },
    sections: shown,
    departments: [...new Set(issue.departments)].sort(),
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units (what Array#sort compares),
 * primitives as ECMAScript's JSON.stringify writes them (its number form is the one JCS prescribes), no
 * whitespace. A report holds only strings, finite numbers, booleans, arrays and plain objects.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) throw new Error('A lone surrogate has no canonical form');
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no canonical form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  throw new Error(`A ${typeof value} has no canonical form`);
}

/**
 * The report with its keys in canonical order, so that the JSON an answer writes of it is its canonical
 * JSON byte for byte: what was issued, what is read back and what the fingerprint hashes are one text.
 */
export const inCanonicalOrder = <T>(value: T): T => JSON.parse(canonicalJson(value)) as T;

/** The SHA-256 digest of the report's canonical JSON without its sealing fields. */
export function reportDigest(report: UnsealedReport | CreditReport): Buffer {
  const { fingerprint: _f, signature: _s, keyId: _k, ...content } = report as CreditReport;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest();
}

/** The report sealed with a signature over its digest. */
export function sealReport(report: UnsealedReport, signer: { keyId: string; sign(digest: Buffer): Buffer }): CreditReport {
  const digest = reportDigest(report);
  return { ...report, fingerprint: digest.toString('hex'), signature: signer.sign(digest).toString('base64'), keyId: signer.keyId };
}

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo: the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const publicKeyFromRaw = (raw: Buffer) => createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

/** The key id of a public key: the first 16 hex digits of the SHA-256 of its raw 32 bytes. */
export const keyIdOf = (raw: Buffer) => `ed25519-${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`;

export type ReportVerdict = { valid: true; key: ReportKey } | { valid: false; reason: string };

/**
 * Verifies a report against a key list obtained out of band, never against anything the report says of
 * itself beyond which key it names: the content must match the fingerprint, the named key must be in
 * the list and current at issue, and the signature must verify with it.
 */
export function verifyReport(document: unknown, keys: readonly ReportKey[]): ReportVerdict {
  const parsed = creditReportSchema.safeParse(document);
  if (!parsed.success) return { valid: false, reason: `not a credit report: ${parsed.error.issues[0]?.path.join('.') || '(root)'} ${parsed.error.issues[0]?.message ?? ''}`.trim() };
  const report = parsed.data;
  // Fields the schema does not know would be signed but not shown: a report carries none.
  const digest = reportDigest(document as CreditReport);
  if (!timingSafeEqual(digest, Buffer.from(report.fingerprint, 'hex'))) return { valid: false, reason: 'the content does not match the fingerprint: the report was changed after issue' };
  const key = keys.find((k) => k.keyId === report.keyId);
  if (!key) return { valid: false, reason: `key ${report.keyId} is not in the published key list` };
  if (report.issuedAt < key.from || (key.until !== undefined && report.issuedAt >= key.until)) {
    return { valid: false, reason: `key ${key.keyId} was not in use at ${report.issuedAt}` };
  }
  const raw = Buffer.from(key.publicKey, 'base64');
  if (raw.length !== 32) return { valid: false, reason: `key ${key.keyId} is not a 32-byte Ed25519 key` };
  const signature = Buffer.from(report.signature, 'base64');
  if (!verify(null, digest, publicKeyFromRaw(raw), signature)) return { valid: false, reason: 'the signature does not verify with the published key' };
  return { valid: true, key };
}
