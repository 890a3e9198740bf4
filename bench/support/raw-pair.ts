import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#data/client.ts';
import { checkItem, type CheckLog } from '#data/checks.ts';
import { CHECK_STATE_UPPER_BOUND, keys } from '#data/keys.ts';
import { checkProjection } from '#data/subjects.ts';
import { newCheckId } from '#domain/check-ids.ts';

/**
 * The store's own minimal work for one credit check, issued raw: one strongly consistent Query of the
 * subject's profile, links and listings (the same key condition and projection a check sends), then
 * one Put of a log item of the same shape and size as the check's. Checks are measured against it.
 */
export function rawCheckPair(sampleLog: CheckLog) {
  return async (subjectId: string) => {
    await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND SK < :upper',
        ExpressionAttributeValues: { ':pk': keys.subject(subjectId), ':upper': CHECK_STATE_UPPER_BOUND },
        ConsistentRead: true,
        ...checkProjection,
      }),
    );
    const checkId = newCheckId(new Date());
    await dynamo.send(new PutCommand({ TableName: tableName, Item: checkItem({ ...sampleLog, checkId, subjectId }) }));
  };
}
