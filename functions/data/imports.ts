import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { importSchema, NO_COUNTS, type Import, type ImportCounts } from '#domain/imports.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

/**
 * Imports: one item each. Every change of status is one update conditional on the status (and on
 * the run holding the import), so two deliveries of the same job message never both run it, and a
 * run that lost its hold can no longer write its counts.
 */
export const importToItem = (item: Import) => ({ ...keys.importItem(item.importId), itemType: 'import', ...item });
export const importFromItem = (item: Record<string, unknown>): Import => importSchema.parse(item);

/** Creates the import unless one with its id exists; returns the stored one either way. */
export async function createImport(item: Import): Promise<{ created: boolean; stored: Import }> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: importToItem(item), ConditionExpression: 'attribute_not_exists(PK)' }));
    return { created: true, stored: item };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await getImport(item.importId);
    if (!stored) throw error;
    return { created: false, stored };
  }
}

export async function getImport(importId: string): Promise<Import | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.importItem(importId), ConsistentRead: true }));
  return Item ? importFromItem(Item) : undefined;
}

const COUNT_FIELDS = Object.keys(NO_COUNTS) as (keyof ImportCounts)[];

/** `SET #read = :read, …` for the counts, with their names and values. */
function setCounts(counts: ImportCounts) {
  return {
    clause: COUNT_FIELDS.map((f) => `#${f} = :${f}`).join(', '),
    names: Object.fromEntries(COUNT_FIELDS.map((f) => [`#${f}`, f])),
    values: Object.fromEntries(COUNT_FIELDS.map((f) => [`:${f}`, counts[f]])),
  };
}

async function conditionally(command: UpdateCommand): Promise<Record<string, unknown> | undefined | false> {
  try {
    const out = await dynamo.send(command);
    return out.Attributes ?? undefined;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Takes hold of an import for one run: when it waits, failed before (a redelivered or redriven
 * message runs it again), or is running under a hold that has lapsed (its run died). Its counts start
 * again from nothing. Returns the import as claimed, or undefined when it is done or another run holds it.
 */
export async function claimImport(stored: Import, attempt: string, now: string, leaseUntil: string): Promise<Import | undefined> {
  const counts = setCounts(NO_COUNTS);
  const job = keys.importJob(stored.createdAt, stored.importId);
  const claimed = await conditionally(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.importItem(stored.importId),
      UpdateExpression: `SET #s = :running, attempt = :attempt, leaseUntil = :lease, startedAt = if_not_exists(startedAt, :now), updatedAt = :now, GSI3PK = :jpk, GSI3SK = :jsk, ${counts.clause} REMOVE finishedAt, reason`,
      ConditionExpression: '#s IN (:waiting, :failed) OR (#s = :running AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))',
      ExpressionAttributeNames: { '#s': 'status', ...counts.names },
      ExpressionAttributeValues: {
        ':running': 'running', ':waiting': 'waiting', ':failed': 'failed', ':attempt': attempt, ':lease': leaseUntil, ':now': now,
        ':jpk': job.GSI3PK, ':jsk': job.GSI3SK, ...counts.values,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return claimed ? importFromItem(claimed) : undefined;
}

/** The run's counts so far, and its hold renewed; false when the run no longer holds the import. */
export async function recordProgress(importId: string, attempt: string, counts: ImportCounts, now: string, leaseUntil: string): Promise<boolean> {
  const set = setCounts(counts);
  const done = await conditionally(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.importItem(importId),
      UpdateExpression: `SET leaseUntil = :lease, updatedAt = :now, ${set.clause}`,
      ConditionExpression: '#s = :running AND attempt = :attempt',
      ExpressionAttributeNames: { '#s': 'status', ...set.names },
      ExpressionAttributeValues: { ':running': 'running', ':attempt': attempt, ':lease': leaseUntil, ':now': now, ...set.values },
    }),
  );
  return done !== false;
}

export interface ImportOutcome {
  counts: ImportCounts;
  encoding: string;
  ignoredColumns: string[];
  rejectLines: number;
}

/** The run finished: done with its counts, unless it lost its hold meanwhile (false). */
export async function finishImport(importId: string, attempt: string, outcome: ImportOutcome, now: string): Promise<boolean> {
  const set = setCounts(outcome.counts);
  const done = await conditionally(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.importItem(importId),
      UpdateExpression: `SET #s = :done, finishedAt = :now, updatedAt = :now, encoding = :enc, ignoredColumns = :ignored, rejectLines = :lines, ${set.clause} REMOVE leaseUntil, GSI3PK, GSI3SK`,
      ConditionExpression: '#s = :running AND attempt = :attempt',
      ExpressionAttributeNames: { '#s': 'status', ...set.names },
      ExpressionAttributeValues: {
        ':done': 'done', ':running': 'running', ':attempt': attempt, ':now': now, ':enc': outcome.encoding,
        ':ignored': outcome.ignoredColumns, ':lines': outcome.rejectLines, ...set.values,
      },
    }),
  );
  return done !== false;
}

/**
 * Marks the import failed with the reason. `attempt`: only if that run still holds it (a file that
 * cannot be imported). Without: only if it is not done and no run holds it now (the job was given up).
 */
export async function failImport(importId: string, reason: string, now: string, attempt?: string): Promise<boolean> {
  const done = await conditionally(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.importItem(importId),
      UpdateExpression: 'SET #s = :failed, reason = :reason, finishedAt = :now, updatedAt = :now REMOVE leaseUntil, GSI3PK, GSI3SK',
      ConditionExpression: attempt
        ? '#s = :running AND attempt = :attempt'
        : 'attribute_exists(PK) AND #s <> :done AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason.slice(0, 2000), ':now': now, ...(attempt ? { ':running': 'running', ':attempt': attempt } : { ':done': 'done' }) },
    }),
  );
  return done !== false;
}

/** Lets go of the hold at once (the run failed and its message will be retried): the retry may claim it. */
export async function releaseImport(importId: string, attempt: string, now: string): Promise<void> {
  await conditionally(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.importItem(importId),
      UpdateExpression: 'SET leaseUntil = :now, updatedAt = :now',
      ConditionExpression: '#s = :running AND attempt = :attempt',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':running': 'running', ':attempt': attempt, ':now': now },
    }),
  );
}

/** The imports a run holds or held when it stopped, oldest first: what a restart resumes. */
export async function listImportJobs(): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.importJobsPartition },
    ProjectionExpression: 'importId',
  });
  return items.map((item) => z.object({ importId: z.string() }).parse(item).importId);
}
