import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#domain/errors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { putAll } from './batch-write.ts';

/**
 * Plans. The frozen population, roster and sample are too large for one item, so they are written as
 * chunk items first; the plan's meta item is written (or updated) last, conditionally, and is the
 * commit point: a reader only follows chunks that a committed meta names, so an interrupted creation
 * or draw leaves nothing visible, and its retry rewrites the same chunks.
 */
/** Items stay well under DynamoDB's 400 KB: chunks are cut by their JSON size. */
const CHUNK_BYTES = 300_000;

function cut(values: readonly unknown[]): unknown[][] {
  const chunks: unknown[][] = [[]];
  let size = 0;
  for (const value of values) {
    const bytes = Buffer.byteLength(JSON.stringify(value)) + 8;
    if (size + bytes > CHUNK_BYTES && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(value);
    size += bytes;
  }
  return chunks;
}

export interface ChunkIndex {
  [name: string]: number;
}

/** Writes named lists as chunk items; returns how many chunks each name took. */
export async function writeChunks(planId: string, part: 'P' | 'R' | 'S', lists: Record<string, unknown[]>): Promise<ChunkIndex> {
  const index: ChunkIndex = {};
  const items: Record<string, unknown>[] = [];
  for (const [name, values] of Object.entries(lists)) {
    const chunks = cut(values);
    index[name] = chunks.length;
    chunks.forEach((chunk, n) => items.push({ ...keys.planChunk(planId, part, name, n), itemType: 'plan-chunk', values: chunk }));
  }
  await putAll(items);
  return index;
}

/** Reads the chunks a committed meta names, in order. */
export async function readChunks<T>(planId: string, part: 'P' | 'R' | 'S', index: ChunkIndex): Promise<Record<string, T[]>> {
  const out: Record<string, T[]> = {};
  const items = new Map<string, T[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.plan(planId), ':p': keys.planChunkPrefix(part) },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) items.set(String(item.SK), item.values as T[]);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const [name, count] of Object.entries(index)) {
    const values: T[] = [];
    for (let n = 0; n < count; n++) values.push(...(items.get(keys.planChunk(planId, part, name, n).SK) ?? []));
    out[name] = values;
  }
  return out;
}

export async function getPlanMeta<T extends Record<string, unknown>>(planId: string): Promise<T | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.planMeta(planId), ConsistentRead: true }));
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, GSI3PK: _g, GSI3SK: _s, itemType: _t, ...meta } = Item;
  return meta as T;
}

/** Commits a new plan; false if a plan with this id exists already. */
export async function commitPlan(planId: string, meta: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.planMeta(planId), itemType: 'plan', ...meta },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Commits the draw; 409 when the plan was drawn already. */
export async function commitDraw(planId: string, draw: { seed: string; drawnAt: string; sampleChunks: ChunkIndex; sampleSize: number; drawnBy: string; drawRequestId: string }) {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.planMeta(planId),
        UpdateExpression: 'SET seed = :seed, drawnAt = :at, sampleChunks = :chunks, sampleSize = :n, drawnBy = :by, drawRequestId = :rid, #s = :drawn',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(drawnAt)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':seed': draw.seed,
          ':at': draw.drawnAt,
          ':chunks': draw.sampleChunks,
          ':n': draw.sampleSize,
          ':by': draw.drawnBy,
          ':rid': draw.drawRequestId,
          ':drawn': 'drawn',
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Plan ${planId} has already been drawn`);
    throw error;
  }
}

/** Stores a result once; the stored one when the subject already has a result in this plan. */
export async function saveResult(planId: string, result: Record<string, unknown> & { subjectId: string }) {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.planResult(planId, result.subjectId), itemType: 'plan-result', ...result },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { created: true as const };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.planResult(planId, result.subjectId), ConsistentRead: true }));
    return { created: false as const, existing: Item as Record<string, unknown> };
  }
}

export async function listResults(planId: string): Promise<Record<string, unknown>[]> {
  const results: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.plan(planId), ':p': keys.planResultPrefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const { PK: _pk, SK: _sk, itemType: _t, ...r } of page.Items ?? []) results.push(r);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return results;
}
