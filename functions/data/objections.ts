import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { objectionSchema, type Objection } from '#domain/objections.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';

/**
 * Objections: one item each in the subject's partition (the public lookup reads them with the records),
 * listed under the deciding department by status and due date, and found by id through an immutable
 * pointer written before it. A decision whose record change is still to be made carries the outbox
 * mark until it is (functions/use-cases/projections.ts).
 */
export const objectionToItem = (o: Objection) => {
  const key = keys.objection(o.subjectId, o.objectionId);
  return {
    ...key,
    ...keys.objectionsOf(o.department, o.status, o.dueBy, o.objectionId),
    ...(o.settled ? {} : keys.outbox(o.decidedAt ?? o.filedAt, key)),
    itemType: 'objection',
    ...o,
  };
};
export const objectionFromItem = (item: Record<string, unknown>): Objection => objectionSchema.parse(item);

const pointerItem = z.object({ subjectId: z.string() });

/** Points the id at its subject, once; returns the subject it points at (another request's, if first). */
export async function claimObjectionId(objectionId: string, subjectId: string): Promise<string> {
  try {
    await dynamo.send(
      new PutCommand({ TableName: tableName, Item: { ...keys.objectionPointer(objectionId), itemType: 'objection-pointer', subjectId }, ConditionExpression: 'attribute_not_exists(PK)' }),
    );
    return subjectId;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.objectionPointer(objectionId), ConsistentRead: true }));
    if (!Item) throw error;
    return pointerItem.parse(Item).subjectId;
  }
}

export async function getObjection(subjectId: string, objectionId: string): Promise<Objection | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.objection(subjectId, objectionId), ConsistentRead: true }));
  return Item ? objectionFromItem(Item) : undefined;
}

/** The objection by id: pointer, then the item (both consistent reads); undefined if either is missing. */
export async function findObjection(objectionId: string): Promise<Objection | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.objectionPointer(objectionId), ConsistentRead: true }));
  return Item ? getObjection(pointerItem.parse(Item).subjectId, objectionId) : undefined;
}

/** Files a new objection; when its id is taken (a retried keyed request), returns the stored one. */
export async function insertObjection(o: Objection): Promise<{ created: boolean; stored: Objection }> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: objectionToItem(o), ConditionExpression: 'attribute_not_exists(PK)' }));
    return { created: true, stored: o };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await getObjection(o.subjectId, o.objectionId);
    if (!stored) throw error;
    return { created: false, stored };
  }
}

/** Writes a changed objection if the stored one is still the version it was decided on. */
export async function saveObjectionChange(before: Objection, after: Objection): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: objectionToItem(after),
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': before.version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** A page of a department's objections in one status partition, earliest due first; `dueBefore` narrows to overdue ones. */
export async function listObjections(department: string, status: 'open' | 'decided', options: { dueBefore?: string; limit: number; cursor?: Record<string, unknown> | undefined }) {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: options.dueBefore ? 'GSI3PK = :pk AND GSI3SK < :due' : 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.objectionsOf(department, status).GSI3PK, ...(options.dueBefore ? { ':due': options.dueBefore } : {}) },
      ScanIndexForward: status === 'open',
      Limit: options.limit,
      ExclusiveStartKey: options.cursor,
    }),
  );
  return { objections: (page.Items ?? []).map(objectionFromItem), next: page.LastEvaluatedKey };
}
