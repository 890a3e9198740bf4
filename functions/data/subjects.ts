import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Entity } from '#domain/entities.ts';
import { ConflictError } from '#domain/errors.ts';
import type { CreditRecord, RecordEffect } from '#domain/records.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys, subjectIdOf, SUBJECT_STATE_UPPER_BOUND } from './keys.ts';
import { entityItem, recordEffect, recordItem } from './schemas.ts';

/** Everything a check or a classification needs about one subject, read in one Query. */
export interface SubjectState {
  entity: Entity | undefined;
  records: CreditRecord[];
}

/**
 * The profile item: in the subject's partition, and under its legal representative for person checks.
 * It also carries `listings`, the in-force facts of each of the subject's listings (a view derived from
 * the listing records, kept current by every listing write and rebuilt by a PUT of the entity), so that
 * a credit check reads one item however many penalties and licences the subject has.
 */
export const entityToItem = (entity: Entity, listings: Record<string, RecordEffect> = {}) => ({
  ...keys.profile(entity.id),
  ...(entity.legalRepresentativeId ? keys.legalRepresentative(entity.legalRepresentativeId, entity.id, keys.profileSk) : {}),
  itemType: 'entity',
  ...entity,
  listings,
});

/** A listing's effect as the profile's view keeps it. */
export function listingEffect(record: RecordEffect): RecordEffect {
  const { recordId, type, decidedOn, listCode, endedOn, validUntil, publicUntil, retractedAt, repairedAt } = record;
  return Object.fromEntries(
    Object.entries({ recordId, type, decidedOn, listCode, endedOn, validUntil, publicUntil, retractedAt, repairedAt }).filter(([, v]) => v !== undefined),
  ) as RecordEffect;
}

export const entityFromItem = (item: Record<string, unknown>): Entity => entityItem.parse(item) as Entity;
export const recordFromItem = (item: Record<string, unknown>): CreditRecord => recordItem.parse(item) as CreditRecord;

export async function getEntity(id: string): Promise<Entity | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.profile(id), ConsistentRead: true }));
  return Item ? entityFromItem(Item) : undefined;
}

const OPTIONAL_ENTITY_FIELDS = ['industry', 'establishedOn', 'legalRepresentativeId'] as const;

/**
 * Creates the profile, or updates its fields in place (never its listings view). The version
 * condition makes concurrent PUTs safe: a writer that read version n only succeeds if it is still n.
 */
export async function saveEntity(entity: Entity, previousVersion: number | undefined): Promise<void> {
  try {
    if (previousVersion === undefined) {
      await dynamo.send(new PutCommand({ TableName: tableName, Item: entityToItem(entity), ConditionExpression: 'attribute_not_exists(PK)' }));
      return;
    }
    const item = entityToItem(entity) as Record<string, unknown>;
    const names: Record<string, string> = { '#v': 'version' };
    const values: Record<string, unknown> = { ':v': previousVersion };
    const sets: string[] = [];
    const removes: string[] = [];
    for (const [field, value] of Object.entries(item)) {
      if (field === 'PK' || field === 'SK' || field === 'listings') continue;
      names[`#${field}`] = field;
      if (field === 'version') sets.push(`#version = :version`);
      else sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
    for (const field of [...OPTIONAL_ENTITY_FIELDS, 'GSI2PK', 'GSI2SK']) {
      if (item[field] === undefined) {
        names[`#${field}`] = field;
        removes.push(`#${field}`);
      }
    }
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.profile(entity.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
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

/**
 * What a credit check needs of a subject — its name and kind, and its listings' effects — in one
 * read of one item, whatever else (penalties, licences, histories) the subject has.
 */
export async function readListingState(id: string): Promise<{ entity?: { id: string; name: string; kind: string } | undefined; listings: RecordEffect[] }> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.profile(id),
      ProjectionExpression: 'id, #name, kind, listings',
      ExpressionAttributeNames: { '#name': 'name' },
      ConsistentRead: true,
    }),
  );
  if (!Item) return { listings: [] };
  return listingStateOf(Item);
}

export type ListingState = Awaited<ReturnType<typeof readListingState>>;

/** The listing state of many subjects: BatchGetItem, 100 profiles a call, unprocessed keys retried. */
export async function readListingStates(ids: readonly string[]): Promise<Map<string, ListingState>> {
  const states = new Map<string, ListingState>(ids.map((id) => [id, { listings: [] }]));
  const unique = [...new Set(ids)];
  await Promise.all(
    Array.from({ length: Math.ceil(unique.length / 100) }, async (_, i) => {
      let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string>; ConsistentRead: boolean }> | undefined = {
        [tableName]: {
          Keys: unique.slice(i * 100, (i + 1) * 100).map((id) => ({ ...keys.profile(id) })),
          ProjectionExpression: 'id, #name, kind, listings',
          ExpressionAttributeNames: { '#name': 'name' },
          ConsistentRead: true,
        },
      };
      for (let attempt = 0; request && Object.keys(request).length; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, Math.min(500, 10 * 2 ** attempt)));
        const page = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of page.Responses?.[tableName] ?? []) states.set(String(item.id), listingStateOf(item));
        request = page.UnprocessedKeys as typeof request;
      }
    }),
  );
  return states;
}

function listingStateOf(item: Record<string, unknown>): ListingState {
  const listings = Object.values((item.listings ?? {}) as Record<string, unknown>).map((e) => recordEffect.parse(e) as RecordEffect);
  return { entity: { id: String(item.id), name: String(item.name), kind: String(item.kind) }, listings };
}

/** Brings one listing's effect into its subject's profile view (idempotent: the same effect again is a no-op). */
export async function applyListingEffect(record: RecordEffect & { subjectId: string }): Promise<void> {
  const effect = listingEffect(record);
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.profile(record.subjectId),
        UpdateExpression: 'SET listings.#rid = :effect',
        ConditionExpression: 'attribute_exists(PK) AND attribute_exists(listings)',
        ExpressionAttributeNames: { '#rid': record.recordId },
        ExpressionAttributeValues: { ':effect': effect },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // A profile written before the view existed: start the view from the partition's records.
    await rebuildListingView(record.subjectId);
  }
}

/** Recomputes the profile's listings view from the listing records themselves. */
export async function rebuildListingView(subjectId: string): Promise<void> {
  const { entity, records } = await readSubjectState(subjectId);
  if (!entity) return;
  const listings = Object.fromEntries(records.filter((r) => r.type === 'listing').map((r) => [r.recordId, listingEffect(r)]));
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.profile(subjectId),
      UpdateExpression: 'SET listings = :listings',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':listings': listings },
    }),
  );
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
    const id = subjectIdOf(String(item.PK))!;
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
