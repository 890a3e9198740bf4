import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';
import { keys } from './keys.ts';

/** An inspector in a department's library (执法检查人员名录库). */
export interface Inspector {
  id: string;
  department: string;
  name: string;
  certificateNo: string;
  fields: string[];
  conflicts: string[];
  updatedAt: string;
  updatedBy: string;
  requestId: string;
}

export async function findInspectorAnywhere(id: string): Promise<Inspector | undefined> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.inspectorLookup(id).GSI1PK },
    }),
  );
  return Items?.[0] as Inspector | undefined;
}

export async function saveInspector(inspector: Inspector): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.inspector(inspector.department, inspector.id), ...keys.inspectorLookup(inspector.id), itemType: 'inspector', ...inspector },
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
    items.push(...((page.Items ?? []) as Inspector[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map(({ id, department: d, name, certificateNo, fields, conflicts, updatedAt, updatedBy, requestId }) => ({
    id, department: d, name, certificateNo, fields, conflicts, updatedAt, updatedBy, requestId,
  }));
}
