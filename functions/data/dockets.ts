import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { docketEntrySchema, type DocketEntry } from '#domain/dockets.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { queryPage } from './query.ts';

/**
 * A department's docket: one item per check of the department that returned measures, in the
 * department's partition by check time, the measures still lacking feedback in the set `pending`
 * (the store drops the attribute with its last member). See functions/domain/dockets.ts.
 */
export type { DocketEntry };

const toItem = (entry: DocketEntry) => ({ ...keys.docket(entry.department, entry.checkedAt, entry.checkId), itemType: 'docket', ...entry });
const fromItem = (item: Record<string, unknown>): DocketEntry => docketEntrySchema.parse(item);

/** Files a check on its department's docket once: written again (a retry, the sweep), it keeps the feedback settled since. */
export async function fileOnDocket(entry: DocketEntry): Promise<void> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: toItem(entry), ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Takes a measure off a check's pending ones (again: nothing changes); false when the check is not on the docket yet. */
export async function settleOnDocket(check: Pick<DocketEntry, 'department' | 'checkedAt' | 'checkId'>, measure: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.docket(check.department, check.checkedAt, check.checkId),
        UpdateExpression: 'DELETE pending :m',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':m': new Set([measure]) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The department's checks with pending measures made in [from, to) (instants), oldest first, from
 * `resumeKey`, at most `limit`: one strongly consistent Query of that range of its docket, the settled
 * checks left out by the sparse `pending`.
 */
export async function awaitingOnDocket(
  department: string,
  range: { from: string; to: string },
  limit: number,
  resumeKey: Record<string, unknown> | undefined,
): Promise<{ entries: DocketEntry[]; next: Record<string, unknown> | undefined }> {
  const { values, next } = await queryPage(
    {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      FilterExpression: 'attribute_exists(pending)',
      ExpressionAttributeValues: { ':pk': keys.docketPartition(department), ':from': range.from, ':to': range.to },
      ConsistentRead: true,
    },
    limit,
    resumeKey,
    (items) => items.map(fromItem),
  );
  return { entries: values, next };
}
