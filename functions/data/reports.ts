import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { canonicalJson, creditReportSchema, type CreditReport } from '#domain/credit-reports.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';

/**
 * Issued credit reports: one item each, written once (attribute_not_exists) and never updated. The item
 * keeps the report as the canonical JSON it was signed as, so reading it back gives the same bytes
 * whatever happens to the records afterwards. The subject's own id (unmasked) and the request's hash
 * stay beside it, out of the document.
 */
const reportItem = z.object({
  reportNo: z.string(),
  subjectId: z.string(),
  issuedAt: z.string(),
  requestHash: z.string(),
  document: z.string(),
});

export interface StoredReport {
  report: CreditReport;
  subjectId: string;
  requestHash: string;
}

const fromItem = (item: Record<string, unknown>): StoredReport => {
  const stored = reportItem.parse(item);
  return { report: creditReportSchema.parse(JSON.parse(stored.document)), subjectId: stored.subjectId, requestHash: stored.requestHash };
};

/** Stores a new report; when its number is taken (a retried keyed request), returns the one stored. */
export async function saveReport(report: CreditReport, subjectId: string, requestHash: string): Promise<{ created: boolean; stored: StoredReport }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.report(report.reportNo), itemType: 'report', reportNo: report.reportNo, subjectId, issuedAt: report.issuedAt, requestHash, document: canonicalJson(report) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { created: true, stored: { report, subjectId, requestHash } };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await getReport(report.reportNo);
    if (!stored) throw error;
    return { created: false, stored };
  }
}

export async function getReport(reportNo: string): Promise<StoredReport | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.report(reportNo), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

const keyItem = z.object({ keyId: z.string(), publicKey: z.string(), since: z.string() });
export type PublishedKey = z.infer<typeof keyItem>;

/** The keys this process has seen published, by table (a test process serves several tables). */
const publishedHere = new Set<string>();

/** Publishes a signing key: its item is written only if absent, so every process may try; once seen, not again. */
export async function publishReportKey(key: PublishedKey): Promise<void> {
  const mark = `${tableName}\n${key.keyId}`;
  if (publishedHere.has(mark)) return;
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.reportKey(key.since, key.keyId), itemType: 'report-key', ...key },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  publishedHere.add(mark);
}

/** Every key that has signed reports, oldest first (a handful: one per key generation). */
export async function publishedReportKeys(): Promise<PublishedKey[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.reportKeysPartition }, ConsistentRead: true }),
  );
  return (Items ?? []).map((item) => keyItem.parse(item));
}
