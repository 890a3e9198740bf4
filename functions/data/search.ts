import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Entity } from '#domain/entities.ts';
import { bigrams, normaliseName, type SearchCandidate } from '#domain/search.ts';
import { dynamo, tableName } from './client.ts';
import { keys } from './keys.ts';
import { putAll } from './batch-write.ts';

/**
 * The n-gram index items of an entity's name: one per distinct bigram, sorted by name length inside
 * the bigram's list so the shortest names come first. Writing them again is harmless (same keys).
 */
export function nameIndexItems(entity: Pick<Entity, 'id' | 'name' | 'kind'>): Record<string, unknown>[] {
  if (entity.kind === 'person') return [];
  const length = [...normaliseName(entity.name)].length;
  return bigrams(entity.name).map((gram) => ({
    ...keys.nameGram(gram, length, entity.id),
    itemType: 'name-gram',
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
  }));
}

export async function writeNameIndex(entity: Pick<Entity, 'id' | 'name' | 'kind'>): Promise<void> {
  await putAll(nameIndexItems(entity));
}

const PAGE = 200;

/**
 * Candidates for a fragment of at least two characters. Every match is in the list of each of the
 * fragment's bigrams, so the lists are read side by side, a page at a time, shortest names first;
 * reading stops when one list is exhausted (the set is complete) or enough matches are in hand.
 */
export async function findNameCandidates(fragment: string, enough: number): Promise<SearchCandidate[]> {
  const q = normaliseName(fragment);
  const grams = bigrams(q);
  const cursors: (Record<string, unknown> | undefined | null)[] = grams.map(() => undefined);
  const found = new Map<string, SearchCandidate>();
  for (;;) {
    const pages = await Promise.all(
      grams.map(async (gram, i) => {
        if (cursors[i] === null) return [];
        const page = await dynamo.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.nameGramPartition(gram) },
            ProjectionExpression: 'id, #n, kind',
            ExpressionAttributeNames: { '#n': 'name' },
            Limit: PAGE,
            ExclusiveStartKey: cursors[i] ?? undefined,
          }),
        );
        cursors[i] = page.LastEvaluatedKey ?? null;
        return (page.Items ?? []) as SearchCandidate[];
      }),
    );
    for (const items of pages) for (const c of items) if (normaliseName(c.name).includes(q)) found.set(c.id, c);
    if (cursors.some((c) => c === null) || found.size >= enough) return [...found.values()];
  }
}

/** Confirms candidates against the current profiles: an index entry left by a renamed entity is dropped. */
export async function currentProfiles(ids: readonly string[]): Promise<Map<string, { name: string; kind: string; status: string }>> {
  const out = new Map<string, { name: string; kind: string; status: string }>();
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> }> | undefined = {
      [tableName]: {
        Keys: ids.slice(i, i + 100).map((id) => ({ ...keys.profile(id) })),
        ProjectionExpression: 'id, #n, kind, #s',
        ExpressionAttributeNames: { '#n': 'name', '#s': 'status' },
      },
    };
    while (request && Object.keys(request).length) {
      const page = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of page.Responses?.[tableName] ?? []) {
        out.set(String(item.id), { name: String(item.name), kind: String(item.kind), status: String(item.status) });
      }
      request = page.UnprocessedKeys as typeof request;
    }
  }
  return out;
}
