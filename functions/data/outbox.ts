import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import { batchGetAll } from './query.ts';

/**
 * The items whose projections are pending, oldest first, marked before `before`, with when they were
 * marked. Read from the sparse outbox index: it may lag the table (AWS), which only delays a sweep;
 * each item is re-read before use.
 */
export async function* listOutbox(before: string): AsyncGenerator<{ key: Key; markedAt: string }> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
        ExpressionAttributeValues: { ':pk': keys.outboxPartition, ':before': before },
        ProjectionExpression: 'PK, SK, GSI2SK',
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) yield { key: { PK: String(item.PK), SK: String(item.SK) }, markedAt: String(item.GSI2SK) };
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** Those of `keys` whose items still carry their outbox mark, read consistently. */
export async function getAllMarked(itemKeys: readonly Key[]): Promise<Record<string, unknown>[]> {
  const items = await batchGetAll(itemKeys, { consistent: true });
  return items.filter((item) => item.GSI2PK === keys.outboxPartition);
}

/** The item, read consistently, if it still carries its outbox mark. */
export async function getMarked(key: Key): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item?.GSI2PK === keys.outboxPartition ? Item : undefined;
}

/**
 * Clears an item's outbox mark once its projections are written: nothing when it is gone already
 * (another projector cleared it). Only for items written once and never rewritten (check logs,
 * feedback), so a cleared mark can never come back.
 */
export async function clearOutboxMark(key: Key): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'REMOVE GSI2PK, GSI2SK', ConditionExpression: 'attribute_exists(GSI2PK)' }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
