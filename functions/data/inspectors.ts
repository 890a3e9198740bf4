import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { inspectorSchema, type Inspector } from '#domain/inspectors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

const toItem = (inspector: Inspector) => ({ ...keys.inspector(inspector.department, inspector.id), itemType: 'inspector', ...inspector });
const fromItem = (item: Record<string, unknown>): Inspector => inspectorSchema.parse(item);

/** Which department holds an inspector id. */
const claimSchema = z.object({ inspectorId: z.string(), department: z.string(), claimedAt: z.string() });

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
    return { held: false, by: (await inspectorIdHolder(id)) ?? 'another department' };
  }
}

/** The department holding an inspector id, if any department does. */
export async function inspectorIdHolder(id: string): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.inspectorClaim(id), ConsistentRead: true }));
  return Item ? claimSchema.parse(Item).department : undefined;
}

export async function getInspector(department: string, id: string): Promise<Inspector | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.inspector(department, id), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

/** Written only by the department holding the id's claim. */
export async function saveInspector(inspector: Inspector): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: toItem(inspector) }));
}

export async function listInspectors(department: string): Promise<Inspector[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.inspectors(department) },
    ConsistentRead: true,
  });
  return items.map(fromItem);
}

/** One page of a department's inspector library, by id, and the key to resume after it. */
export async function listInspectorsPage(department: string, limit: number, cursor?: Record<string, unknown>): Promise<{ inspectors: Inspector[]; next: Record<string, unknown> | undefined }> {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.inspectors(department) },
      ConsistentRead: true,
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return { inspectors: (page.Items ?? []).map(fromItem), next: page.LastEvaluatedKey };
}
