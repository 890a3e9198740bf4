import { BatchGetCommand, BatchWriteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { keys, subjectIdOf, type Key } from '#data/keys.ts';
import { knownSubject, type KnownSubject } from './validate.ts';

/**
 * The narrow store the import needs: bulk reads by key and bulk writes of new items. Tests wrap it
 * to inject failures (an interrupted run); the bench points it at a fresh table.
 */
export interface ImportStore {
  /** Up to 100 keys; returns the items that exist, in any order. */
  getItems(keys: readonly Key[]): Promise<Record<string, unknown>[]>;
  /** Up to 25 items, each new: BatchWriteItem has no conditions, so the caller checks existence first. */
  writeItems(items: readonly Record<string, unknown>[]): Promise<void>;
  /**
   * Every subject and every record of `department`, read by one parallel Scan, or undefined as soon
   * as the table turns out to hold more than `maxItems` items (then per-key reads are cheaper).
   */
  snapshot(department: string, maxItems: number): Promise<StoreSnapshot | undefined>;
}

export interface StoredRecord {
  recordId: string;
  contentHash: string;
  /** The request that wrote it: an import's own earlier attempt shows here. */
  requestId: string;
}

export interface StoreSnapshot {
  subjects: Map<string, KnownSubject>;
  records: Map<string, StoredRecord>;
}

const projectedProfile = z.object({
  PK: z.string(),
  kind: z.enum(['enterprise', 'organization', 'person']),
  region: z.string(),
  legalRepresentativeId: z.string().optional(),
  provisional: z.literal(true).optional(),
  requestId: z.string(),
});
const projectedRecord = z.object({ recordId: z.string(), contentHash: z.string(), requestId: z.string() });

export interface RetryPolicy {
  /** Attempts in all for the unprocessed part of one batch. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseMs: 25, maxMs: 3000 };

export const MAX_GET_KEYS = 100;
export const MAX_WRITE_ITEMS = 25;

/** Exponential back-off with full jitter: a random wait in [0, min(max, base·2^attempt)). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxMs, policy.baseMs * 2 ** attempt));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function dynamoImportStore(options: { client: DynamoDBDocumentClient; tableName: string; retry?: RetryPolicy }): ImportStore {
  const { client, tableName } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  return {
    async snapshot(department, maxItems) {
      const segments = 4;
      const snapshot: StoreSnapshot = { subjects: new Map(), records: new Map() };
      let scanned = 0;
      const scanSegment = async (segment: number) => {
        let start: Record<string, unknown> | undefined;
        do {
          if (scanned > maxItems) return;
          const page = await client.send(
            new ScanCommand({
              TableName: tableName,
              Segment: segment,
              TotalSegments: segments,
              ConsistentRead: true,
              ExclusiveStartKey: start,
              ProjectionExpression: '#pk, #sk, #kind, #region, #lr, #rid, #hash, #prov, #req',
              FilterExpression: '#sk = :profile OR ((begins_with(#sk, :record) OR begins_with(#sk, :listing)) AND #dept = :dept)',
              ExpressionAttributeNames: {
                '#pk': 'PK', '#sk': 'SK', '#kind': 'kind', '#region': 'region', '#lr': 'legalRepresentativeId', '#rid': 'recordId',
                '#hash': 'contentHash', '#dept': 'department', '#prov': 'provisional', '#req': 'requestId',
              },
              ExpressionAttributeValues: { ':profile': keys.profileSk, ':record': keys.recordPrefix, ':listing': keys.listingPrefix, ':dept': department },
            }),
          );
          scanned += page.ScannedCount ?? 0;
          for (const item of page.Items ?? []) {
            if (item.SK === keys.profileSk) {
              const p = projectedProfile.parse(item);
              snapshot.subjects.set(subjectIdOf(p.PK)!, knownSubject(p));
            } else {
              const { recordId, contentHash, requestId } = projectedRecord.parse(item);
              snapshot.records.set(recordId, { recordId, contentHash, requestId });
            }
          }
          start = page.LastEvaluatedKey;
        } while (start);
      };
      await Promise.all(Array.from({ length: segments }, (_, i) => scanSegment(i)));
      return scanned > maxItems ? undefined : snapshot;
    },
    async getItems(keys) {
      if (keys.length > MAX_GET_KEYS) throw new RangeError(`at most ${MAX_GET_KEYS} keys per read`);
      const found: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = keys.map((k) => ({ PK: k.PK, SK: k.SK }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= retry.attempts) throw new Error(`BatchGetItem: ${pending.length} keys still unprocessed after ${attempt} attempts`);
        if (attempt > 0) await sleep(backoffMs(attempt, retry));
        const out = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        found.push(...(out.Responses?.[tableName] ?? []));
        pending = (out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
      return found;
    },
    async writeItems(items) {
      if (items.length > MAX_WRITE_ITEMS) throw new RangeError(`at most ${MAX_WRITE_ITEMS} items per write`);
      let pending = items.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= retry.attempts) throw new Error(`BatchWriteItem: ${pending.length} items still unprocessed after ${attempt} attempts`);
        if (attempt > 0) await sleep(backoffMs(attempt, retry));
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
      }
    },
  };
}
