import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { catalogueHeadSchema, EMPTY_CATALOGUE, memorandumSchema, memorandumVersionKey, type Catalogue, type CatalogueHead, type Memorandum, type MemorandumContent } from '#domain/memoranda.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { batchGetAll } from './query.ts';

/**
 * The versioned catalogue. Memorandum versions are immutable items; a catalogue version is one item
 * naming the memorandum version of every code. Creating catalogue version n+1 is a single conditional
 * put, so two concurrent changes cannot both claim the same number.
 */
export type { CatalogueHead };

/** Who published a memorandum version or claimed a catalogue version. */
interface PublishStamp {
  by: string;
  department: string;
  at: string;
  requestId: string;
}

/** A stored memorandum version: the memorandum and the hash of its content (what decides "unchanged"). */
export type StoredMemorandum = Memorandum & { hash: string };

const memorandumItem = z.object({ memorandum: memorandumSchema, hash: z.string() });

const memorandumToItem = (memorandum: Memorandum, hash: string, stamp: PublishStamp) => ({
  ...keys.memorandumVersion(memorandum.code, memorandum.version),
  itemType: 'memorandum',
  memorandum,
  hash,
  ...stamp,
});

function memorandumFromItem(item: Record<string, unknown>): StoredMemorandum {
  const { memorandum, hash } = memorandumItem.parse(item);
  return { ...memorandum, hash };
}

const catalogueToItem = (head: CatalogueHead, cause: string, stamp: Omit<PublishStamp, 'department'>) => ({
  ...keys.catalogueVersion(head.version),
  itemType: 'catalogue',
  ...head,
  cause,
  ...stamp,
});

/** A catalogue version item read back: its version and memoranda, never its keys or stamp. */
const catalogueFromItem = (item: Record<string, unknown>): CatalogueHead => catalogueHeadSchema.parse(item);

const versionOnly = z.object({ version: z.number().int().min(0) });

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
  return item ? catalogueFromItem(item) : EMPTY_CATALOGUE;
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
  const item = Items?.[0];
  return item ? versionOnly.parse(item).version : EMPTY_CATALOGUE.version;
}

export async function getMemorandumVersion(code: string, version: number): Promise<StoredMemorandum | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.memorandumVersion(code, version), ConsistentRead: true }));
  return Item ? memorandumFromItem(Item) : undefined;
}

/** The newest stored version of a memorandum, claimed by the catalogue or not (an interrupted publish). */
export async function latestMemorandumVersion(code: string): Promise<StoredMemorandum | undefined> {
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
  return item ? memorandumFromItem(item) : undefined;
}

/** Writes an immutable memorandum version; false when that version already exists. */
export async function putMemorandumVersion(memorandum: Memorandum, hash: string, stamp: PublishStamp): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: memorandumToItem(memorandum, hash, stamp), ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Claims catalogue version `head.version`; false when someone else claimed it first. */
export async function putCatalogueVersion(head: CatalogueHead, cause: string, stamp: Omit<PublishStamp, 'department'>): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: catalogueToItem(head, cause, stamp), ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The whole catalogue at a head: every memorandum at the version the head names, those in `known`
 * (immutable, so safe to keep) not read again. Strongly consistent: the head may name a version
 * written a moment ago.
 */
export async function readCatalogue(head: CatalogueHead, known?: ReadonlyMap<string, Memorandum>): Promise<Catalogue> {
  const wanted = Object.entries(head.memoranda);
  const found = new Map<string, Memorandum>();
  const missing = wanted.filter(([code, v]) => {
    const cached = known?.get(memorandumVersionKey(code, v));
    if (cached) found.set(memorandumVersionKey(code, v), cached);
    return !cached;
  });
  const items = await batchGetAll(
    missing.map(([code, v]) => ({ ...keys.memorandumVersion(code, v) })),
    { consistent: true },
  );
  for (const item of items) {
    const { hash: _hash, ...memo } = memorandumFromItem(item);
    found.set(memorandumVersionKey(memo.code, memo.version), memo);
  }
  const memoranda = wanted.map(([code, v]) => found.get(memorandumVersionKey(code, v))).filter((m): m is Memorandum => m !== undefined);
  memoranda.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { version: head.version, memoranda };
}

export type { MemorandumContent };
