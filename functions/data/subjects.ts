import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Entity } from '#domain/entities.ts';
import type { Objection } from '#domain/objections.ts';
import { ConflictError } from '#domain/errors.ts';
import type { CreditRecord, RecordEffect } from '#domain/records.ts';
import { isClassified } from '#domain/risk-classes.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { CHECK_STATE_UPPER_BOUND, keys, SUBJECT_STATE_UPPER_BOUND } from './keys.ts';
import { batchGetAll, queryAll } from './query.ts';
import { objectionFromItem } from './petitions.ts';
import { checkProfile, entityItem, recordEffect, recordItem, representativeLink } from './schemas.ts';

/** Everything about one subject but its check logs: the profile and every record, in one Query. */
export interface SubjectState {
  entity: Entity | undefined;
  records: CreditRecord[];
  /** Objections to its records, open and decided (the public lookup marks records under objection). */
  objections: Objection[];
}

/**
 * The profile item. A changed name (or kind) leaves the search index to be brought up to date: the
 * outbox keys mark it until that projection is written (by the request itself, or by a sweep).
 */
export const entityToItem = (entity: Entity, projectionPending: boolean) => {
  const key = keys.profile(entity.id);
  return {
    ...key,
    ...(projectionPending ? keys.outbox(entity.updatedAt, key) : {}),
    ...(isClassified(entity) ? keys.populationEntry(entity.id, entity.region, key.SK) : {}),
    itemType: 'entity',
    ...entity,
  };
};

export const entityFromItem = (item: Record<string, unknown>): Entity => entityItem.parse(item);
export const recordFromItem = (item: Record<string, unknown>): CreditRecord => recordItem.parse(item);

export async function getEntity(id: string): Promise<Entity | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.profile(id), ConsistentRead: true }));
  return Item ? entityFromItem(Item) : undefined;
}

const named = z.object({ PK: z.string(), name: z.string() });

/** The registered names of these subjects, by id (unregistered ones are absent); the profiles' names only. */
export async function subjectNames(ids: readonly string[]): Promise<Map<string, string>> {
  const items = await batchGetAll([...new Set(ids)].map((id) => keys.profile(id)), { projection: 'PK, #n', names: { '#n': 'name' } });
  return new Map(items.map((item) => named.parse(item)).map(({ PK, name }) => [PK.slice(keys.subjectPartitionPrefix.length), name]));
}

/**
 * Writes the whole profile in one put: a new one only if none exists, a changed one only if the
 * stored version is still the one the change was decided on (concurrent PUTs: one wins, one is 409).
 */
export async function saveEntity(entity: Entity, previousVersion: number | undefined, projectionPending: boolean): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: entityToItem(entity, projectionPending),
        ...(previousVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': previousVersion } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Entity ${entity.id} was changed concurrently; read it again`);
    throw error;
  }
}

/** Clears the profile's outbox mark once its projection is written, unless the profile changed since. */
export async function clearEntityOutbox(id: string, version: number): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.profile(id),
        UpdateExpression: 'REMOVE GSI2PK, GSI2SK',
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': version },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Points a person at an enterprise that names them its legal representative. Written before the
 * enterprise's profile changes, so no moment exists where the profile names a person who has no link;
 * a link the profile no longer confirms is ignored by checks (the profile decides).
 */
export async function linkRepresentative(personId: string, enterpriseId: string, at: string): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.representativeLink(personId, enterpriseId), itemType: 'representative-link', personId, enterpriseId, at },
    }),
  );
}

/** The profile and every record of a subject (not its check logs), strongly consistent. */
export async function readSubjectState(id: string): Promise<SubjectState> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK < :upper',
    ExpressionAttributeValues: { ':pk': keys.subject(id), ':upper': SUBJECT_STATE_UPPER_BOUND },
    ConsistentRead: true,
  });
  let entity: Entity | undefined;
  const records: CreditRecord[] = [];
  const objections: Objection[] = [];
  for (const item of items) {
    const sk = String(item.SK);
    if (sk === keys.profileSk) entity = entityFromItem(item);
    else if (sk.startsWith(keys.listingPrefix) || sk.startsWith(keys.recordPrefix)) records.push(recordFromItem(item));
    else if (sk.startsWith(keys.objectionPrefix)) objections.push(objectionFromItem(item));
  }
  return { entity, records, objections };
}

/** What a credit check reads of one subject: who it is, whom it represents, and its listings. */
export interface CheckState {
  entity?: { id: string; name: string; kind: Entity['kind']; legalRepresentativeId?: string | undefined } | undefined;
  listings: RecordEffect[];
  /** Enterprises that named this subject their legal representative (hints: their profiles decide). */
  represents: string[];
}

const CHECK_ATTRIBUTES = [
  'SK', 'id', 'name', 'kind', 'legalRepresentativeId', 'enterpriseId',
  'recordId', 'type', 'decidedOn', 'listCode', 'endedOn', 'validUntil', 'publicUntil', 'retractedAt', 'repairedAt',
];
/** The projection a check's Query asks for (the bench's raw baseline asks for the same). */
export const checkProjection = {
  ProjectionExpression: CHECK_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(CHECK_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
};

/**
 * One strongly consistent Query of the subject's partition below "M": its profile, its links as a
 * legal representative, and its listing items — each listing the one item its changes are written
 * to, so the check reads the truth and nothing kept in step beside it. Penalties, licences and check
 * logs sort above and are not read.
 */
export async function readCheckState(id: string): Promise<CheckState> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK < :upper',
    ExpressionAttributeValues: { ':pk': keys.subject(id), ':upper': CHECK_STATE_UPPER_BOUND },
    ConsistentRead: true,
    ...checkProjection,
  });
  const state: CheckState = { listings: [], represents: [] };
  for (const item of items) {
    const sk = String(item.SK);
    if (sk === keys.profileSk) state.entity = checkProfile.parse(item);
    else if (sk.startsWith(keys.representativeLinkPrefix)) state.represents.push(representativeLink.parse(item).enterpriseId);
    else if (sk.startsWith(keys.listingPrefix)) state.listings.push(recordEffect.parse(item));
  }
  return state;
}
