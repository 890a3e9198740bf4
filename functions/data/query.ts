import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';

/** Every item a Query matches, following LastEvaluatedKey page by page. */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const BATCH_GET_MAX = 100;

/**
 * The items at `keys` (missing ones are simply absent), 100 keys a BatchGetItem, the calls in
 * parallel; keys the store leaves unprocessed are asked again with exponential back-off.
 */
export async function batchGetAll(
  keys: readonly object[],
  options: { consistent?: boolean; projection?: string; names?: Record<string, string> } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  await Promise.all(
    Array.from({ length: Math.ceil(keys.length / BATCH_GET_MAX) }, async (_, i) => {
      let pending = keys.slice(i * BATCH_GET_MAX, (i + 1) * BATCH_GET_MAX) as Record<string, unknown>[] | undefined;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, Math.min(1_000, 10 * 2 ** attempt)));
        const page = await dynamo.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: pending,
                ...(options.consistent ? { ConsistentRead: true } : {}),
                ...(options.projection ? { ProjectionExpression: options.projection } : {}),
                ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
              },
            },
          }),
        );
        items.push(...(page.Responses?.[tableName] ?? []));
        pending = page.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }),
  );
  return items;
}

/** The attributes that resume a Query: the table's keys, and the index's when it reads one. */
export const resumeKeyOf = (item: Record<string, unknown>, index?: 'GSI1' | 'GSI2' | 'GSI3' | 'GSI4'): Record<string, unknown> => ({
  PK: item.PK,
  SK: item.SK,
  ...(index ? { [`${index}PK`]: item[`${index}PK`], [`${index}SK`]: item[`${index}SK`] } : {}),
});

/**
 * One page of what `select` keeps of a Query's items, in the Query's order: it reads on until `limit`
 * are kept or the Query ends, and resumes after the last item it kept, so no page is short but the
 * last one — unless `maxReads` store pages were read first (a page may then be short and still be
 * followed by another). `select` answers each item's value, or undefined to leave it out.
 */
export async function queryPage<T>(
  input: QueryCommandInput,
  limit: number,
  resumeKey: Record<string, unknown> | undefined,
  select: (items: Record<string, unknown>[]) => Promise<(T | undefined)[]> | (T | undefined)[],
  maxReads = 10,
): Promise<{ values: T[]; next: Record<string, unknown> | undefined }> {
  const index = input.IndexName as 'GSI1' | 'GSI2' | 'GSI3' | 'GSI4' | undefined;
  const values: T[] = [];
  let ExclusiveStartKey = resumeKey;
  for (let reads = 0; reads < maxReads; reads++) {
    // One more than the page: a page that ends the Query then says so, and no empty page follows it.
    const page = await dynamo.send(new QueryCommand({ ...input, Limit: limit + 1, ExclusiveStartKey }));
    const items = page.Items ?? [];
    const selected = await select(items);
    for (let i = 0; i < items.length; i++) {
      const value = selected[i];
      if (value === undefined) continue;
      values.push(value);
      if (values.length === limit) {
        const last = i === items.length - 1 && !page.LastEvaluatedKey;
        return { values, next: last ? undefined : resumeKeyOf(items[i]!, index) };
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
    if (!ExclusiveStartKey) return { values, next: undefined };
  }
  return { values, next: ExclusiveStartKey };
}
