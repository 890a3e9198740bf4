import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { entitySchema, type Entity } from '#domain/entities.ts';
import { nameIndexEntries, searchCandidateSchema, type SearchCandidate } from '#domain/search.ts';
import { dynamo, tableName } from './client.ts';
import { keys } from './keys.ts';
import { putAll } from './batch-write.ts';
import { batchGetAll } from './query.ts';

/** The name index: one item per distinct bigram of a name, sorted by name length inside the bigram's list. */
export function nameIndexItems(entity: Pick<Entity, 'id' | 'name' | 'kind'>): Record<string, unknown>[] {
  return nameIndexEntries(entity).map(({ gram, nameLength }) => ({
    ...keys.nameGram(gram, nameLength, entity.id),
    itemType: 'name-gram',
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
  }));
}

/** Writing them again is harmless (same keys). */
export async function writeNameIndex(entity: Pick<Entity, 'id' | 'name' | 'kind'>): Promise<void> {
  await putAll(nameIndexItems(entity));
}

const candidateFromItem = (item: Record<string, unknown>): SearchCandidate => searchCandidateSchema.parse(item);

/** One page of a bigram's list, shortest names first; no `next` once the list is read to its end. */
export async function nameGramPage(gram: string, limit: number, cursor?: Record<string, unknown>): Promise<{ candidates: SearchCandidate[]; next?: Record<string, unknown> }> {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.nameGramPartition(gram) },
      ProjectionExpression: 'id, #n, kind',
      ExpressionAttributeNames: { '#n': 'name' },
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return { candidates: (page.Items ?? []).map(candidateFromItem), ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

const profileSummary = entitySchema.pick({ id: true, name: true, kind: true, status: true });
export type ProfileSummary = z.infer<typeof profileSummary>;

/** The current name, kind and status of each subject that exists, read strongly consistent. */
export async function currentProfiles(ids: readonly string[]): Promise<Map<string, ProfileSummary>> {
  const items = await batchGetAll(
    ids.map((id) => ({ ...keys.profile(id) })),
    { consistent: true, projection: 'id, #n, kind, #s', names: { '#n': 'name', '#s': 'status' } },
  );
  return new Map(items.map((item) => profileSummary.parse(item)).map((p) => [p.id, p]));
}
