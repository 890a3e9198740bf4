import { createHash, timingSafeEqual } from 'node:crypto';
import { now as clock, type Now } from '#domain/clock.ts';
import {
  canonicalJson,
  composeReport,
  inCanonicalOrder,
  newReportNo,
  newVerificationCode,
  normaliseReportCode,
  reportNoForKey,
  reportPeriod,
  sealReport,
  type CreditReport,
  type ReportKey,
} from '#domain/credit-reports.ts';
import { ConflictError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { recordsUnderObjection } from '#domain/public-report.ts';
import { departments } from '#domain/reference.ts';
import { getReport, publishedReportKeys, publishReportKey, saveReport } from '#data/reports.ts';
import { reportSigner, type ReportSigner } from '#data/report-signing.ts';
import { readSubjectState } from '#data/subjects.ts';

export interface ReportRequest {
  subjectId: string;
  from?: string | undefined;
  to?: string | undefined;
}

/** The signer, its key published first: no report names a key the list lacks. */
async function publishedSigner(): Promise<ReportSigner> {
  const signer = await reportSigner();
  await publishReportKey({ keyId: signer.keyId, publicKey: signer.publicKey.toString('base64'), since: signer.since });
  return signer;
}

/**
 * Issues a 专项信用报告 (POST /v1/public/reports).
 * Steps: the period (400 naming from or to) → the signing key, published → the subject's profile and records
 * in one consistent Query (unknown, or a person with nothing public: 404) → the report composed and
 * sealed → stored once; with an Idempotency-Key the number follows from the key, so a retry answers the
 * stored report (200) and another request under the same key is 409.
 */
export async function issueReport(request: ReportRequest, idempotencyKey: string | undefined, now: Now): Promise<{ created: boolean; report: CreditReport }> {
  const period = reportPeriod(request, now.today);
  if ('problem' in period) throw ValidationError.field(period.field, period.problem);
  const requestHash = createHash('sha256').update(canonicalJson({ subjectId: request.subjectId, from: period.from, to: period.to })).digest('hex');
  const reportNo = idempotencyKey === undefined ? newReportNo() : reportNoForKey(idempotencyKey);
  if (idempotencyKey !== undefined) {
    const earlier = await getReport(reportNo);
    if (earlier) return repeated(earlier, requestHash, idempotencyKey);
  }
  // The key first: a report is issued after the key that signs it came into being (a local key is made by the first report).
  const signer = await publishedSigner();
  const issued = clock();
  const { entity, records, objections } = await readSubjectState(request.subjectId);
  const content = entity
    ? composeReport(entity, records, period, {
        reportNo,
        verificationCode: newVerificationCode(),
        at: issued.at,
        today: now.today,
        departments: departments.map((d) => d.code),
        underObjection: recordsUnderObjection(objections),
      })
    : undefined;
  if (!content) throw new NotFoundError(`No entity ${request.subjectId}`);
  const report = sealReport(content, signer);
  const { created, stored } = await saveReport(report, request.subjectId, requestHash);
  if (!created) return repeated(stored, requestHash, idempotencyKey ?? '');
  return { created: true, report: inCanonicalOrder(report) };
}

function repeated(stored: { report: CreditReport; requestHash: string }, requestHash: string, idempotencyKey: string) {
  if (stored.requestHash !== requestHash) throw new ConflictError(`Idempotency-Key ${idempotencyKey} was used for another report request (${stored.report.reportNo})`);
  return { created: false, report: inCanonicalOrder(stored.report) };
}

/**
 * A report read back by its number and verification code (GET /v1/public/reports/{reportNo}).
 * Steps: the stored report → the code compared in constant time; any other code is the same 404 as an
 * unknown number, so a number alone discloses nothing.
 */
export async function readReport(reportNo: string, code: string): Promise<CreditReport> {
  const stored = await getReport(normaliseReportCode(reportNo));
  const given = Buffer.from(normaliseReportCode(code));
  const expected = Buffer.from(stored?.report.verificationCode ?? '');
  if (!stored || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new NotFoundError(`No report ${reportNo} with that verification code`);
  return inCanonicalOrder(stored.report);
}

/**
 * The published key list (GET /v1/public/report-keys): every key that has signed, oldest first, each
 * valid until the next one came into being. Steps: the current key published (so the list is never
 * empty once the service signs) → the keys read → each one's `until` from its successor.
 */
export async function reportKeys(): Promise<ReportKey[]> {
  await publishedSigner();
  const keys = (await publishedReportKeys()).sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  return keys.map((k, i) => ({ keyId: k.keyId, algorithm: 'Ed25519', publicKey: k.publicKey, from: k.since, ...(keys[i + 1] ? { until: keys[i + 1]!.since } : {}) }));
}
