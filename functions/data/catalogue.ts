import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Catalogue, Memorandum, MemorandumContent } from '#domain/memoranda.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';

/**
 * The versioned catalogue. Memorandum versions are immutable items; a catalogue version is one item
 * naming the memorandum version of every code. Creating catalogue version n+1 is a single conditional
 * put, so two concurrent changes cannot both claim the same number.
 */
export interface CatalogueHead {
  version: number;
  memoranda: Record<string, number>;
}

export async function readCatalogueHead(): Promise<CatalogueHead> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': keys.cataloguePartition, ':v': keys.versionPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  return item ? { version: Number(item.version), memoranda: item.memoranda as Record<string, number> } : { version: 0, memoranda: {} };
}

/** Reads only the newest version number: the cheap probe a warm Lambda makes every few seconds. */
export async function readCatalogueVersion(): Promise<number> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': keys.cataloguePartition, ':v': keys.versionPrefix },
      ProjectionExpression: 'version',
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return Items?.[0] ? Number(Items[0].version) : 0;
}

function memorandumFromItem(item: Record<string, unknown>): Memorandum {
  return item.memorandum as Memorandum;
}

export async function getMemorandumVersion(code: string, version: number): Promise<(Memorandum & { hash: string }) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.memorandumVersion(code, version), ConsistentRead: true }));
  return Item ? { ...memorandumFromItem(Item), hash: String(Item.hash) } : undefined;
}

/** The newest stored version of a memorandum, claimed by the catalogue or not (an interrupted publish). */
export async function latestMemorandumVersion(code: string): Promise<(Memorandum & { hash: string }) | undefined> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': keys.memorandumPartition(code), ':v': keys.versionPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  return item ? { ...memorandumFromItem(item), hash: String(item.hash) } : undefined;
}

/** Writes an immutable memorandum version; false when that version already exists. */
export async function putMemorandumVersion(
  memorandum: Memorandum,
  hash: string,
  stamp: { by: string; department: string; at: string; requestId: string },
): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.memorandumVersion(memorandum.code, memorandum.version), itemType: 'memorandum', memorandum, hash, ...stamp },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Claims catalogue version `head.version`; false when someone else claimed it first. */
export async function putCatalogueVersion(head: CatalogueHead, cause: string, stamp: { by: string; at: string; requestId: string }): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.catalogueVersion(head.version), itemType: 'catalogue', ...head, cause, ...stamp },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The whole catalogue at a head: every memorandum at the version the head names (BatchGet, 100 at a time). */
export async function readCatalogue(head: CatalogueHead, known?: Map<string, Memorandum>): Promise<Catalogue> {
  const wanted = Object.entries(head.memoranda);
  const found = new Map<string, Memorandum>();
  const missing = wanted.filter(([code, v]) => {
    const cached = known?.get(`${code}@${v}`);
    if (cached) found.set(`${code}@${v}`, cached);
    return !cached;
  });
  for (let i = 0; i < missing.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [tableName]: { Keys: missing.slice(i, i + 100).map(([code, v]) => ({ ...keys.memorandumVersion(code, v) })) },
    };
    while (request && Object.keys(request).length) {
      const page = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of page.Responses?.[tableName] ?? []) {
        const memo = memorandumFromItem(item);
        found.set(`${memo.code}@${memo.version}`, memo);
      }
      request = page.UnprocessedKeys as typeof request;
    }
  }
  const memoranda = wanted.map(([code, v]) => found.get(`${code}@${v}`)).filter((m): m is Memorandum => m !== undefined);
  memoranda.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { version: head.version, memoranda };
}

export type { MemorandumContent };
