import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { putAll } from './batch-write.ts';

/**
 * The check log (查询 → 受理 → 办结). A check is one item in its subject's partition, so the notices
 * for a subject find its recent checkers with one Query; it is found by id through GSI1.
 */
export interface CheckLog {
  checkId: string;
  subjectId: string;
  department: string;
  sub: string;
  requestId: string;
  checkedAt: string;
  catalogueVersion: number;
  request: { subjectId: string; matter: string; asOf?: string };
  answer: Record<string, unknown>;
}

export interface Feedback {
  measure: string;
  outcome: 'applied' | 'not-applied';
  note?: string;
  by: string;
  department: string;
  at: string;
  requestId: string;
}

/** A feedback item read back: its own fields only, never the keys it is stored under. */
const feedbackItem = z.object({
  measure: z.string(),
  outcome: z.enum(['applied', 'not-applied']),
  note: z.string().optional(),
  by: z.string(),
  department: z.string(),
  at: z.string(),
  requestId: z.string(),
});

const feedbackFromItem = (item: Record<string, unknown>): Feedback => {
  const { note, ...rest } = feedbackItem.parse(item);
  return { ...rest, ...(note !== undefined ? { note } : {}) };
};

/**
 * The request and answer are kept as JSON text: a check is written on every approval, and one string
 * attribute costs far less to marshal and store than the nested map of measures it holds.
 */
export const checkItem = ({ request, answer, ...log }: CheckLog) => ({
  ...keys.subjectCheck(log.subjectId, log.checkId),
  ...keys.checkLookup(log.checkId),
  itemType: 'check',
  ...log,
  requestJson: JSON.stringify(request),
  answerJson: JSON.stringify(answer),
});

function checkFromItem(item: Record<string, unknown>): CheckLog {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _s, itemType: _t, requestJson, answerJson, ...log } = item;
  return { ...(log as Omit<CheckLog, 'request' | 'answer'>), request: JSON.parse(String(requestJson)), answer: JSON.parse(String(answerJson)) };
}

/**
 * One unconditional put: a check id is new by construction (time + 64 random bits), and a condition
 * would make the store read before it writes on the hottest path of the service.
 */
export async function saveCheck(log: CheckLog): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: checkItem(log) }));
}

/** The logs of a batch, in batch writes (check ids are new, so nothing is overwritten). */
export async function saveChecks(logs: readonly CheckLog[]): Promise<void> {
  await putAll(logs.map(checkItem));
}

export async function findCheck(checkId: string): Promise<CheckLog | undefined> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.checkLookup(checkId).GSI1PK },
    }),
  );
  const item = Items?.[0];
  if (!item) return undefined;
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true }));
  return Item ? checkFromItem(Item) : undefined;
}

/** Which departments checked a subject since `sinceCheckId` (check ids sort by time), with their check ids. */
export async function recentCheckers(subjectId: string, sinceCheckId: string): Promise<Map<string, string[]>> {
  const byDepartment = new Map<string, string[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.subject(subjectId),
          ':from': keys.subjectCheck(subjectId, sinceCheckId).SK,
          ':to': `${keys.subjectCheckPrefix}~`,
        },
        ProjectionExpression: 'department, checkId',
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const ids = byDepartment.get(String(item.department)) ?? [];
      ids.push(String(item.checkId));
      byDepartment.set(String(item.department), ids);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return byDepartment;
}

/** Records feedback on one measure; the stored feedback when there already is some. */
export async function saveFeedback(checkId: string, feedback: Feedback): Promise<{ created: true } | { created: false; existing: Feedback }> {
  const key = keys.checkFeedback(checkId, feedback.measure);
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...key, itemType: 'feedback', checkId, ...feedback }, ConditionExpression: 'attribute_not_exists(PK)' }));
    return { created: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return { created: false, existing: feedbackFromItem(Item!) };
  }
}

export async function listFeedback(checkId: string): Promise<Feedback[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.checkFeedbackPartition(checkId) },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map(feedbackFromItem);
}
