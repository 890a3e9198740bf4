import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Entity } from '#domain/entities.ts';
import { ConflictError } from '#domain/errors.ts';
import type { CreditRecord, RecordEffect } from '#domain/records.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys, SUBJECT_STATE_UPPER_BOUND } from './keys.ts';
import { entityItem, recordEffect, recordItem } from './schemas.ts';

/** Everything a check or a classification needs about one subject, read in one Query. */
export interface SubjectState {
  entity: Entity | undefined;
  records: CreditRecord[];
}

/** The profile item: in the subject's partition, and under its legal representative for person checks. */
export const entityToItem = (entity: Entity) => ({
  ...keys.profile(entity.id),
  ...(entity.legalRepresentativeId ? keys.legalRepresentative(entity.legalRepresentativeId, entity.id, keys.profileSk) : {}),
  itemType: 'entity',
  ...entity,
});

export const entityFromItem = (item: Record<string, unknown>): Entity => entityItem.parse(item) as Entity;
export const recordFromItem = (item: Record<string, unknown>): CreditRecord => recordItem.parse(item) as CreditRecord;

export async function getEntity(id: string): Promise<Entity | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.profile(id), ConsistentRead: true }));
  return Item ? entityFromItem(Item) : undefined;
}

/**
 * Creates or replaces the profile. The version condition makes concurrent PUTs safe: a writer that
 * read version n only succeeds if the item is still at n.
 */
export async function saveEntity(entity: Entity, previousVersion: number | undefined): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: entityToItem(entity),
        ConditionExpression: previousVersion === undefined ? 'attribute_not_exists(PK)' : '#v = :v',
        ...(previousVersion === undefined
          ? {}
          : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': previousVersion } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Entity ${entity.id} was changed concurrently; retry`);
    throw error;
  }
}

async function queryAll(input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** The subject's profile and all its records: one Query over the subject's partition. */
export async function readSubjectState(id: string): Promise<SubjectState> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK < :upper',
    ExpressionAttributeValues: { ':pk': keys.subject(id), ':upper': SUBJECT_STATE_UPPER_BOUND },
    ConsistentRead: true,
  });
  let entity: Entity | undefined;
  const records: CreditRecord[] = [];
  for (const item of items) {
    if (item.SK === keys.profileSk) entity = entityFromItem(item);
    else if (String(item.SK).startsWith(keys.recordPrefix)) records.push(recordFromItem(item));
  }
  return { entity, records };
}

const EFFECT_FIELDS = ['recordId', '#type', 'decidedOn', 'listCode', 'endedOn', 'validUntil', 'publicUntil', 'retractedAt', 'repairedAt'];

/**
 * What a credit check needs of a subject — its name and kind, and its listings' effect — in one
 * Query that leaves everything else (penalties, licences, histories) in the store.
 */
export async function readListingState(id: string): Promise<{ entity?: { id: string; name: string; kind: string }; listings: RecordEffect[] }> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK < :upper',
    // A Query may not filter on key attributes: the profile is recognised by its item type.
    FilterExpression: 'itemType = :entity OR #type = :listing',
    ProjectionExpression: ['SK', 'id', '#name', 'kind', ...EFFECT_FIELDS].join(', '),
    ExpressionAttributeNames: { '#type': 'type', '#name': 'name' },
    ExpressionAttributeValues: { ':pk': keys.subject(id), ':upper': SUBJECT_STATE_UPPER_BOUND, ':entity': 'entity', ':listing': 'listing' },
    ConsistentRead: true,
  });
  let entity: { id: string; name: string; kind: string } | undefined;
  const listings: RecordEffect[] = [];
  for (const item of items) {
    if (item.SK === keys.profileSk) entity = { id: String(item.id), name: String(item.name), kind: String(item.kind) };
    else listings.push(recordEffect.parse(item) as RecordEffect);
  }
  return { ...(entity ? { entity } : {}), listings };
}

/**
 * The enterprises a person legally represents, with their listings: one Query on GSI2. A listing is
 * kept only while its enterprise's profile still names this person, so a stale index entry left by an
 * interrupted change of representative never produces a hit.
 */
export async function readRepresentedEnterprises(personId: string): Promise<{ entity: Entity; listings: CreditRecord[] }[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.legalRepresentativePartition(personId) },
  });
  const byEnterprise = new Map<string, { entity?: Entity; listings: CreditRecord[] }>();
  for (const item of items) {
    const id = String(item.PK).slice('SUBJ#'.length);
    const slot = byEnterprise.get(id) ?? { listings: [] };
    if (item.SK === keys.profileSk) slot.entity = entityFromItem(item);
    else slot.listings.push(recordFromItem(item));
    byEnterprise.set(id, slot);
  }
  return [...byEnterprise.values()]
    .filter((s): s is { entity: Entity; listings: CreditRecord[] } => s.entity?.legalRepresentativeId === personId)
    .map((s) => ({ entity: s.entity, listings: s.listings }));
}

/** Points an enterprise's listings at its current legal representative (idempotent; re-run heals). */
export async function indexListingsUnderRepresentative(
  enterpriseId: string,
  personId: string | undefined,
  listings: readonly CreditRecord[],
): Promise<void> {
  for (const listing of listings) {
    const key = keys.record(enterpriseId, listing.recordId);
    if (personId) {
      const gsi = keys.legalRepresentative(personId, enterpriseId, key.SK);
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
          ExpressionAttributeValues: { ':pk': gsi.GSI2PK, ':sk': gsi.GSI2SK },
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    } else {
      await dynamo.send(
        new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'REMOVE GSI2PK, GSI2SK', ConditionExpression: 'attribute_exists(PK)' }),
      );
    }
  }
}
