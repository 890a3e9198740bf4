import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { objectionSchema, type Objection } from '#domain/objections.ts';
import { repairApplicationSchema, type RepairApplication } from '#domain/repair-applications.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys, type Key } from './keys.ts';

/**
 * Objections and repair applications: one item each in the subject's partition (the public lookup reads
 * them with the records), listed under the deciding department by status and due date, and found by id
 * through an immutable pointer written before it. A decision whose record change is still to be made
 * carries the outbox mark until it is (functions/use-cases/projections.ts).
 */
interface Petition {
  subjectId: string;
  department: string;
  status: 'open' | 'decided';
  dueBy: string;
  filedAt: string;
  decidedAt?: string | undefined;
  settled: boolean;
  version: number;
}

export interface PetitionKind<T extends Petition> {
  itemType: string;
  idOf(p: T): string;
  key(subjectId: string, id: string): Key;
  pointer(id: string): Key;
  listed(department: string, status: 'open' | 'decided', dueBy?: string, id?: string): { GSI3PK: string; GSI3SK: string };
  schema: z.ZodType<T>;
}

export const OBJECTIONS: PetitionKind<Objection> = {
  itemType: 'objection',
  idOf: (o) => o.objectionId,
  key: keys.objection,
  pointer: keys.objectionPointer,
  listed: keys.objectionsOf,
  schema: objectionSchema,
};

export const REPAIR_APPLICATIONS: PetitionKind<RepairApplication> = {
  itemType: 'repair-application',
  idOf: (a) => a.applicationId,
  key: keys.repairApplication,
  pointer: keys.repairApplicationPointer,
  listed: keys.repairApplicationsOf,
  schema: repairApplicationSchema,
};

function toItem<T extends Petition>(kind: PetitionKind<T>, p: T) {
  const key = kind.key(p.subjectId, kind.idOf(p));
  return {
    ...key,
    ...kind.listed(p.department, p.status, p.dueBy, kind.idOf(p)),
    ...(p.settled ? {} : keys.outbox(p.decidedAt ?? p.filedAt, key)),
    itemType: kind.itemType,
    ...p,
  };
}

export const objectionFromItem = (item: Record<string, unknown>): Objection => objectionSchema.parse(item);
export const repairApplicationFromItem = (item: Record<string, unknown>): RepairApplication => repairApplicationSchema.parse(item);

const pointerItem = z.object({ subjectId: z.string() });

/** Points the id at its subject, once; returns the subject it points at (another request's, if first). */
export async function claimPetitionId<T extends Petition>(kind: PetitionKind<T>, id: string, subjectId: string): Promise<string> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...kind.pointer(id), itemType: `${kind.itemType}-pointer`, subjectId }, ConditionExpression: 'attribute_not_exists(PK)' }));
    return subjectId;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: kind.pointer(id), ConsistentRead: true }));
    if (!Item) throw error;
    return pointerItem.parse(Item).subjectId;
  }
}

export async function getPetition<T extends Petition>(kind: PetitionKind<T>, subjectId: string, id: string): Promise<T | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: kind.key(subjectId, id), ConsistentRead: true }));
  return Item ? kind.schema.parse(Item) : undefined;
}

/** By id: the pointer, then the item (both consistent reads); undefined if either is missing. */
export async function findPetition<T extends Petition>(kind: PetitionKind<T>, id: string): Promise<T | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: kind.pointer(id), ConsistentRead: true }));
  return Item ? getPetition(kind, pointerItem.parse(Item).subjectId, id) : undefined;
}

/** Files a new one; when its id is taken (a retried keyed request), returns the stored one. */
export async function insertPetition<T extends Petition>(kind: PetitionKind<T>, p: T): Promise<{ created: boolean; stored: T }> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: toItem(kind, p), ConditionExpression: 'attribute_not_exists(PK)' }));
    return { created: true, stored: p };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await getPetition(kind, p.subjectId, kind.idOf(p));
    if (!stored) throw error;
    return { created: false, stored };
  }
}

/** Writes a changed one if the stored one is still the version the change was decided on. */
export async function savePetitionChange<T extends Petition>(kind: PetitionKind<T>, before: T, after: T): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: toItem(kind, after),
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

/** A page of a department's ones in one status partition, earliest due first (decided: latest first); `dueBefore` narrows to overdue ones. */
export async function listPetitions<T extends Petition>(
  kind: PetitionKind<T>,
  department: string,
  status: 'open' | 'decided',
  options: { dueBefore?: string; limit: number; cursor?: Record<string, unknown> | undefined },
) {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: options.dueBefore ? 'GSI3PK = :pk AND GSI3SK < :due' : 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': kind.listed(department, status).GSI3PK, ...(options.dueBefore ? { ':due': options.dueBefore } : {}) },
      ScanIndexForward: status === 'open',
      Limit: options.limit,
      ExclusiveStartKey: options.cursor,
    }),
  );
  return { items: (page.Items ?? []).map((item) => kind.schema.parse(item)), next: page.LastEvaluatedKey };
}
