import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { checkAnswerSchema, checkLogSchema, checkRequestSchema, type CheckLog } from '#domain/checks.ts';
import { feedbackSchema, type Feedback } from '#domain/feedback.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { putAll } from './batch-write.ts';
import { queryAll } from './query.ts';

/**
 * The check log (查询 → 受理 → 办结). A check is one item in its subject's partition, so the notices
 * for a subject find its recent checkers with one Query; it is found by id through GSI1.
 */
export type { CheckLog, Feedback };

/** JSON text read back through a schema: what was written is what is read, or the read fails loudly. */
const jsonOf = <S extends z.ZodType>(schema: S) => z.string().transform((text): unknown => JSON.parse(text)).pipe(schema);

/** A check item read back: the log's own fields (never the keys), its request and answer parsed from their JSON. */
const checkItemSchema = checkLogSchema.omit({ request: true, answer: true }).extend({ requestJson: jsonOf(checkRequestSchema), answerJson: jsonOf(checkAnswerSchema) });

/**
 * The request and answer are kept as JSON text: a check is written on every approval, and one string
 * attribute costs far less to marshal and store than the nested map of measures it holds. The outbox
 * mark stays until the check is counted in the ledger (and, with measures, on its department's docket).
 */
export const checkItem = ({ request, answer, ...log }: CheckLog) => ({
  ...keys.subjectCheck(log.subjectId, log.checkId),
  ...keys.checkLookup(log.checkId),
  ...keys.outbox(log.checkedAt, keys.subjectCheck(log.subjectId, log.checkId)),
  itemType: 'check',
  ...log,
  requestJson: JSON.stringify(request),
  answerJson: JSON.stringify(answer),
});

export function checkFromItem(item: Record<string, unknown>): CheckLog {
  const { requestJson, answerJson, ...log } = checkItemSchema.parse(item);
  return { ...log, request: requestJson, answer: answerJson };
}

/** The check a feedback answers, as its item keeps it: what the ledger and the docket need to find their items. */
export type FeedbackOn = Pick<CheckLog, 'checkId' | 'subjectId' | 'checkedAt'>;

/** Feedback carries an outbox mark until the ledger has counted it and the docket has settled its measure. */
const feedbackToItem = (check: FeedbackOn, feedback: Feedback) => {
  const key = keys.checkFeedback(check.checkId, feedback.measure);
  return { ...key, ...keys.outbox(feedback.at, key), itemType: 'feedback', checkId: check.checkId, subjectId: check.subjectId, checkedAt: check.checkedAt, ...feedback };
};

/** A feedback item read back: its own fields only, never the keys it is stored under. */
const feedbackFromItem = (item: Record<string, unknown>): Feedback => feedbackSchema.parse(item);

/** A feedback item as its projection reads it: the feedback and the check it answers. */
export const feedbackOnCheckFromItem = (item: Record<string, unknown>): Feedback & FeedbackOn =>
  feedbackSchema.extend({ checkId: z.string(), subjectId: z.string(), checkedAt: z.string() }).parse(item);

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

const itemKey = z.object({ PK: z.string(), SK: z.string() });

/** A check by id: GSI1 only points the way; the log itself is read from the base table, strongly consistent. */
export async function findCheck(checkId: string): Promise<CheckLog | undefined> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.checkLookup(checkId).GSI1PK },
      ProjectionExpression: 'PK, SK',
    }),
  );
  const pointer = Items?.[0];
  if (!pointer) return undefined;
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: itemKey.parse(pointer), ConsistentRead: true }));
  return Item ? checkFromItem(Item) : undefined;
}

const checker = z.object({ department: z.string(), checkId: z.string() });

/** Which departments checked a subject since `sinceCheckId` (check ids sort by time), with their check ids. */
export async function recentCheckers(subjectId: string, sinceCheckId: string): Promise<Map<string, string[]>> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.subject(subjectId),
      ':from': keys.subjectCheck(subjectId, sinceCheckId).SK,
      ':to': `${keys.subjectCheckPrefix}~`,
    },
    ProjectionExpression: 'department, checkId',
    ConsistentRead: true,
  });
  const byDepartment = new Map<string, string[]>();
  for (const { department, checkId } of items.map((item) => checker.parse(item))) {
    const ids = byDepartment.get(department) ?? [];
    ids.push(checkId);
    byDepartment.set(department, ids);
  }
  return byDepartment;
}

/** Records feedback on one measure; the stored feedback when there already is some. */
export async function saveFeedback(check: FeedbackOn, feedback: Feedback): Promise<{ created: true } | { created: false; existing: Feedback }> {
  const item = feedbackToItem(check, feedback);
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return { created: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true }));
    if (!Item) throw error;
    return { created: false, existing: feedbackFromItem(Item) };
  }
}

/** Every feedback on a check, by measure. */
export async function listFeedback(checkId: string): Promise<Feedback[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.checkFeedbackPartition(checkId) },
    ConsistentRead: true,
  });
  return items.map(feedbackFromItem);
}
