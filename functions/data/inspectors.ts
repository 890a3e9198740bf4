import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';

/** An inspector in a department's library (执法检查人员名录库). */
const inspectorSchema = z.object({
  id: z.string(),
  department: z.string(),
  name: z.string(),
  certificateNo: z.string(),
  fields: z.array(z.string()),
  conflicts: z.array(z.string()),
  updatedAt: z.string(),
  updatedBy: z.string(),
  requestId: z.string(),
});
export type Inspector = z.infer<typeof inspectorSchema>;

function fromItem(item: Record<string, unknown>): Inspector {
  return inspectorSchema.parse(item);
}

/**
 * Claims an inspector id for a department: one conditional write, so of two departments racing for
 * one id exactly one holds it. Inspector ids are unique city-wide because team tickets are computed
 * from them. Answers the holding department when another one holds it.
 */
export async function claimInspectorId(id: string, department: string, at: string): Promise<{ held: true } | { held: false; by: string }> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.inspectorClaim(id),
        UpdateExpression: 'SET itemType = :t, inspectorId = :id, department = :d, claimedAt = if_not_exists(claimedAt, :at)',
        ConditionExpression: 'attribute_not_exists(PK) OR department = :d',
        ExpressionAttributeValues: { ':t': 'inspector-claim', ':id': id, ':d': department, ':at': at },
      }),
    );
    return { held: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.inspectorClaim(id), ConsistentRead: true }));
    return { held: false, by: String(Item?.department ?? 'another department') };
  }
}

export async function getInspector(department: string, id: string): Promise<Inspector | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.inspector(department, id), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

/** Written only by the department holding the id's claim. */
export async function saveInspector(inspector: Inspector): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.inspector(inspector.department, inspector.id), itemType: 'inspector', ...inspector },
    }),
  );
}

export async function listInspectors(department: string): Promise<Inspector[]> {
  const items: Inspector[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.inspectors(department) },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map(fromItem));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
