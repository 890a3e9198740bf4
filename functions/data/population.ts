import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Entity } from '#domain/entities.ts';
import type { CreditRecord } from '#domain/records.ts';
import { dynamo, tableName } from './client.ts';
import { keys, POPULATION_SHARDS } from './keys.ts';
import { entityFromItem, recordFromItem } from './subjects.ts';

/**
 * The population index (GSI4, sparse): every enterprise's profile and the records its risk class
 * depends on, in POPULATION_SHARDS shards, each ordered by region, then subject, then the item's own
 * sort key. A freeze reads one shard per segment, and only its scope's region range: a district's plan
 * reads that district. The index is eventually consistent (seconds), which a freeze may be; checks
 * never read it.
 */
export const POPULATION_INDEX = 'GSI4';

/** One page of a shard's range for a region prefix ('' for the whole city); the bench baseline issues the same. */
export const populationQuery = (shard: number, regionPrefix: string, ExclusiveStartKey?: Record<string, unknown>, Limit?: number) =>
  new QueryCommand({
    TableName: tableName,
    IndexName: POPULATION_INDEX,
    KeyConditionExpression: regionPrefix ? 'GSI4PK = :pk AND begins_with(GSI4SK, :region)' : 'GSI4PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.populationShard(shard), ...(regionPrefix ? { ':region': regionPrefix } : {}) },
    ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
    ...(Limit ? { Limit } : {}),
  });

export type OnSubject = (entity: Entity, records: CreditRecord[]) => void;

/** Groups consecutive index items by subject (the profile sorts first) and hands each subject on. */
export class SubjectAssembler {
  private currentId: string | undefined;
  private entity: Entity | undefined;
  private records: CreditRecord[] = [];
  items = 0;

  constructor(private readonly onSubject: OnSubject) {}

  add(item: Record<string, unknown>) {
    this.items++;
    const id = String(item.PK).slice(keys.subjectPartitionPrefix.length);
    if (id !== this.currentId) {
      this.flush();
      this.currentId = id;
    }
    if (item.SK === keys.profileSk) this.entity = entityFromItem(item);
    else this.records.push(recordFromItem(item));
  }

  /** Records whose profile never arrived (the index lags a new registration) are left out. */
  flush() {
    if (this.entity) this.onSubject(this.entity, this.records);
    this.entity = undefined;
    this.records = [];
  }
}

/** Streams one shard's subjects in a region range; only one subject is held at a time. */
export async function streamShard(shard: number, regionPrefix: string, onSubject: OnSubject, onPage?: (items: number) => void): Promise<{ items: number }> {
  const assembler = new SubjectAssembler(onSubject);
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(populationQuery(shard, regionPrefix, ExclusiveStartKey));
    for (const item of page.Items ?? []) assembler.add(item);
    onPage?.(page.Items?.length ?? 0);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  assembler.flush();
  return { items: assembler.items };
}

/**
 * Reads a scope whole if it holds at most `budget` index items, reading no more than about that many:
 * each shard is asked for its share, plus one. Undefined when any shard holds more (then the freeze
 * is a job); otherwise every item of the scope, shard by shard.
 */
export async function readSmallScope(regionPrefix: string, budget: number): Promise<Record<string, unknown>[][] | undefined> {
  const share = Math.ceil(budget / POPULATION_SHARDS) + 1;
  const readShard = async (shard: number) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(populationQuery(shard, regionPrefix, ExclusiveStartKey, share + 1 - items.length));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && items.length <= share);
    return ExclusiveStartKey || items.length > share ? undefined : items;
  };
  // One shard first: a city's plan learns it is a job from 1/32 of the budget, and answers at once.
  const first = await readShard(0);
  if (!first) return undefined;
  const rest = await Promise.all(Array.from({ length: POPULATION_SHARDS - 1 }, (_, n) => readShard(n + 1)));
  return rest.every((s) => s !== undefined) ? [first, ...(rest as Record<string, unknown>[][])] : undefined;
}
