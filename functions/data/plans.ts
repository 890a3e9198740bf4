import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { assignmentSchema, type Assignment } from '#domain/assignments.ts';
import { ConflictError } from '#domain/errors.ts';
import { planResultSchema, type PlanResult } from '#domain/inspection-results.ts';
import {
  frozenSegmentSchema,
  PLAN_STATUSES,
  pendingPlanSchema,
  planSchema,
  publishedDocumentSchema,
  type FrozenSegment,
  type PendingPlan,
  type Plan,
  type PlanDocumentSlot,
  type PublishedDocument,
  type StoredPlan,
} from '#domain/plans.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys, type PlanChunkPart } from './keys.ts';
import { putAll } from './batch-write.ts';
import { batchGetAll, queryAll, queryPage } from './query.ts';

/**
 * Plans. The frozen population, roster and sample are too large for one item, so they are written as
 * chunk items first, under the id of the attempt that wrote them; the plan's meta item is written (or
 * updated) last, conditionally, and is the commit point. A reader only follows the chunks of the
 * attempt a committed meta names, so an interrupted attempt, or one that lost a race to a concurrent
 * one, leaves nothing visible and can never overwrite what was committed.
 */
/** Items stay well under DynamoDB's 400 KB: chunks are cut by their JSON size. */
const CHUNK_BYTES = 300_000;

type Part = PlanChunkPart;

function cut(values: readonly unknown[]): unknown[][] {
  const chunks: unknown[][] = [[]];
  let size = 0;
  for (const value of values) {
    const bytes = Buffer.byteLength(JSON.stringify(value)) + 8;
    if (size + bytes > CHUNK_BYTES && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(value);
    size += bytes;
  }
  return chunks;
}

export interface ChunkIndex {
  [name: string]: number;
}

/** Writes named lists as chunk items of one attempt; returns how many chunks each name took. */
export async function writeChunks(planId: string, part: Part, attempt: string, lists: Record<string, unknown[]>): Promise<ChunkIndex> {
  const index: ChunkIndex = {};
  const items: Record<string, unknown>[] = [];
  for (const [name, values] of Object.entries(lists)) {
    const chunks = cut(values);
    index[name] = chunks.length;
    chunks.forEach((chunk, n) => items.push({ ...keys.planChunk(planId, part, attempt, name, n), itemType: 'plan-chunk', values: chunk }));
  }
  await putAll(items);
  return index;
}

/** Removes the chunks of an attempt that lost its race (best effort: nothing ever reads them). */
export async function discardChunks(planId: string, part: Part, attempt: string, index: ChunkIndex): Promise<void> {
  const deletes = Object.entries(index).flatMap(([name, count]) =>
    Array.from({ length: count }, (_, n) => dynamo.send(new DeleteCommand({ TableName: tableName, Key: keys.planChunk(planId, part, attempt, name, n) }))),
  );
  await Promise.allSettled(deletes);
}

/** Reads the chunks of the attempt a committed meta names, in order, each value parsed by `value`. */
export async function readChunks<T extends z.ZodType>(planId: string, part: Part, attempt: string, index: ChunkIndex, value: T): Promise<Record<string, z.infer<T>[]>> {
  const chunkSchema = z.object({ SK: z.string(), values: z.array(value) });
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.plan(planId), ':p': keys.planChunkPrefix(part, attempt) },
    ConsistentRead: true,
  });
  const chunks = new Map(items.map((item) => chunkSchema.parse(item)).map((chunk) => [chunk.SK, chunk.values]));
  const out: Record<string, z.infer<T>[]> = {};
  for (const [name, count] of Object.entries(index)) {
    const values: z.infer<T>[] = [];
    for (let n = 0; n < count; n++) {
      const chunk = chunks.get(keys.planChunk(planId, part, attempt, name, n).SK);
      if (!chunk) throw new Error(`Plan ${planId}: chunk ${part}/${name}/${n} of attempt ${attempt} is missing`);
      values.push(...chunk);
    }
    out[name] = values;
  }
  return out;
}

// Every write of a plan's item carries its place in the list of plans: the list is the items themselves.
// A frozen plan's item always has its documents map, so that each published document is one nested SET.
const planToItem = (plan: Plan) => ({ ...keys.planMeta(plan.planId), ...keys.planList(plan.createdAt, plan.planId), itemType: 'plan', ...plan, documents: plan.documents ?? {} });
const pendingToItem = (plan: PendingPlan) => ({
  ...keys.planMeta(plan.planId),
  ...keys.planJob(plan.createdAt, plan.planId),
  ...keys.planList(plan.createdAt, plan.planId),
  itemType: 'plan',
  ...plan,
});
const planFromItem = (item: Record<string, unknown>): StoredPlan =>
  item.status === 'freezing' || item.status === 'failed' ? pendingPlanSchema.parse(item) : planSchema.parse(item);
const resultToItem = (result: PlanResult) => ({ ...keys.planResult(result.planId, result.subjectId), itemType: 'plan-result', ...result });
const resultFromItem = (item: Record<string, unknown>): PlanResult => planResultSchema.parse(item);

export async function getPlan(planId: string): Promise<StoredPlan | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.planMeta(planId), ConsistentRead: true }));
  return Item ? planFromItem(Item) : undefined;
}

/** Commits a new plan; false if a plan with this id exists already. */
export async function commitPlan(plan: Plan): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: planToItem(plan),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Claims a plan for a freeze job; false if a plan with this id exists already. */
export async function claimPlan(plan: PendingPlan): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: pendingToItem(plan), ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Records one segment as frozen by one attempt, unless another attempt of it was recorded first.
 * Returns the plan as it now is (every segment recorded so far), or undefined when the freeze it
 * belongs to is no longer the plan's (committed, failed, restarted).
 */
export async function recordFrozenSegment(planId: string, freezeId: string, segment: number, part: FrozenSegment): Promise<PendingPlan | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.planMeta(planId),
        UpdateExpression: 'SET frozenSegments.#seg = :part',
        ConditionExpression: '#s = :freezing AND freezeId = :f AND attribute_not_exists(frozenSegments.#seg)',
        ExpressionAttributeNames: { '#seg': String(segment), '#s': 'status' },
        ExpressionAttributeValues: { ':part': frozenSegmentSchema.parse(part), ':freezing': 'freezing', ':f': freezeId },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return pendingPlanSchema.parse(Attributes);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const plan = await getPlan(planId);
    return plan && plan.status === 'freezing' && plan.freezeId === freezeId ? plan : undefined;
  }
}

/** Replaces the pending plan of this freeze with the frozen plan; false when the freeze is no longer the plan's. */
export async function commitFrozenPlan(plan: Plan): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: planToItem(plan),
        ConditionExpression: '#s = :freezing AND freezeId = :f',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':freezing': 'freezing', ':f': plan.freezeId },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Marks the freeze failed (the job gave up); nothing when it is no longer the plan's. */
export async function failFreeze(planId: string, freezeId: string, failure: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.planMeta(planId),
        UpdateExpression: 'SET #s = :failed, failure = :why REMOVE GSI3PK, GSI3SK',
        ConditionExpression: '#s = :freezing AND freezeId = :f',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':freezing': 'freezing', ':f': freezeId, ':why': failure.slice(0, 1000) },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Starts a failed freeze again under a new freeze id, classified as of `asOf`; false if someone else did. */
export async function restartFreeze(plan: PendingPlan, freezeId: string, asOf: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.planMeta(plan.planId),
        UpdateExpression: 'SET #s = :freezing, freezeId = :f, asOf = :asOf, frozenSegments = :none, GSI3PK = :jpk, GSI3SK = :jsk REMOVE failure',
        ConditionExpression: '#s = :failed AND freezeId = :old',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':freezing': 'freezing', ':failed': 'failed', ':old': plan.freezeId, ':f': freezeId, ':asOf': asOf, ':none': {},
          ':jpk': keys.planJob(plan.createdAt, plan.planId).GSI3PK, ':jsk': keys.planJob(plan.createdAt, plan.planId).GSI3SK,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Accepts a draw to run as a job: the plan shows `drawing` until the job commits it; 409 when drawn. */
export async function acceptDraw(plan: Plan, drawJob: NonNullable<Plan['drawJob']>): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.planMeta(plan.planId),
        UpdateExpression: 'SET #s = :drawing, drawJob = :job, GSI3PK = :jpk, GSI3SK = :jsk',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(drawnAt) AND (#s = :frozen OR #s = :drawing)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':drawing': 'drawing', ':frozen': 'frozen', ':job': drawJob,
          ':jpk': keys.planJob(plan.createdAt, plan.planId).GSI3PK, ':jsk': keys.planJob(plan.createdAt, plan.planId).GSI3SK,
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Plan ${plan.planId} has already been drawn`);
    throw error;
  }
}

/** The plans a job is working on (freezing or drawing), oldest first: what a restart resumes. */
export async function listPlanJobs(): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.planJobsPartition },
    ProjectionExpression: 'planId',
  });
  return items.map((item) => z.object({ planId: z.string() }).parse(item).planId);
}

/** Commits the draw; 409 when the plan was drawn already. */
export async function commitDraw(
  planId: string,
  draw: { seed: string; drawnAt: string; drawId: string; sampleChunks: ChunkIndex; sampleSize: number; drawnBy: string; drawRequestId: string },
) {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.planMeta(planId),
        UpdateExpression:
          'SET seed = :seed, drawnAt = :at, drawId = :draw, sampleChunks = :chunks, sampleSize = :n, drawnBy = :by, drawRequestId = :rid, #s = :drawn REMOVE drawJob, GSI3PK, GSI3SK',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(drawnAt)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':seed': draw.seed,
          ':at': draw.drawnAt,
          ':draw': draw.drawId,
          ':chunks': draw.sampleChunks,
          ':n': draw.sampleSize,
          ':by': draw.drawnBy,
          ':rid': draw.drawRequestId,
          ':drawn': 'drawn',
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Plan ${planId} has already been drawn`);
    throw error;
  }
}

/**
 * Notes a document the plan published (a projection of the committed plan: written after it, and
 * again by whichever read finds it missing). Content-addressed, so concurrent notes agree.
 */
export async function recordPlanDocument(planId: string, slot: PlanDocumentSlot, document: PublishedDocument): Promise<void> {
  const doc = publishedDocumentSchema.parse(document);
  const noteIn = async (condition: string, update: string, values: Record<string, unknown>, names: Record<string, string>) => {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.planMeta(planId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };
  const intoMap = () => noteIn('attribute_exists(documents)', 'SET documents.#slot = :doc', { ':doc': doc }, { '#slot': slot });
  if (await intoMap()) return;
  // A plan committed before documents were published has no map: it gets one, only once frozen (a pending
  // plan's note waits for a read of the frozen plan). Two first notes at once: the loser adds its slot.
  const frozen = PLAN_STATUSES.map((_, i) => `:s${i}`);
  const created = await noteIn(
    `attribute_exists(PK) AND attribute_not_exists(documents) AND #s IN (${frozen.join(', ')})`,
    'SET documents = :docs',
    { ':docs': { [slot]: doc }, ...Object.fromEntries(PLAN_STATUSES.map((status, i) => [`:s${i}`, status])) },
    { '#s': 'status' },
  );
  if (!created) await intoMap();
}

export async function getResult(planId: string, subjectId: string): Promise<PlanResult | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.planResult(planId, subjectId), ConsistentRead: true }));
  return Item ? resultFromItem(Item) : undefined;
}

/** Stores a result once; the stored one when the subject already has a result in this plan. */
export async function saveResult(result: PlanResult): Promise<{ created: true } | { created: false; existing: PlanResult }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: resultToItem(result),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { created: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await getResult(result.planId, result.subjectId);
    if (!existing) throw error;
    return { created: false, existing };
  }
}

export async function listResults(planId: string): Promise<PlanResult[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': keys.plan(planId), ':p': keys.planResultPrefix },
    ConsistentRead: true,
  });
  return items.map(resultFromItem);
}

/**
 * One page of the plans, newest first, read from the list index (eventually consistent: a plan
 * created a moment ago may show a moment later): of `department` only when given (it takes part), of
 * the given statuses only when given. Every plan's item is in the index, so a page is a Query.
 */
export async function listPlans(
  filter: { department?: string | undefined; statuses?: readonly string[] | undefined },
  limit: number,
  cursor: Record<string, unknown> | undefined,
): Promise<{ plans: StoredPlan[]; next: Record<string, unknown> | undefined }> {
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':pk': keys.planListPartition };
  if (filter.department !== undefined) {
    conditions.push('contains(departments, :d)');
    values[':d'] = filter.department;
  }
  if (filter.statuses?.length) {
    conditions.push(`#s IN (${filter.statuses.map((_, i) => `:s${i}`).join(', ')})`);
    filter.statuses.forEach((status, i) => (values[`:s${i}`] = status));
  }
  const { values: plans, next } = await queryPage(
    {
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
      ...(filter.statuses?.length ? { ExpressionAttributeNames: { '#s': 'status' } } : {}),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    limit,
    cursor,
    (items) => items.map(planFromItem),
  );
  return { plans, next };
}

/** How many results a plan has: a count of its results (bounded by its sample), read consistently. */
export async function countResults(planId: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.plan(planId), ':p': keys.planResultPrefix },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

/** Plans by id, read consistently (missing ones are absent). */
export async function getPlans(planIds: readonly string[]): Promise<Map<string, StoredPlan>> {
  const items = await batchGetAll([...new Set(planIds)].map((id) => keys.planMeta(id)), { consistent: true });
  return new Map(items.map(planFromItem).map((plan) => [plan.planId, plan]));
}

/** The results of these plan subjects, by `<planId>/<subjectId>`, read consistently. */
export async function getResults(entries: readonly { planId: string; subjectId: string }[]): Promise<Map<string, PlanResult>> {
  const items = await batchGetAll(entries.map((e) => keys.planResult(e.planId, e.subjectId)), { consistent: true });
  return new Map(items.map(resultFromItem).map((result) => [`${result.planId}/${result.subjectId}`, result]));
}

const assignmentToItem = (a: Assignment) => ({ ...keys.assignment(a.inspectorId, a.planCreatedAt, a.planId, a.subjectId), itemType: 'assignment', ...a });

/**
 * An inspector's assignments of a draw, written before the draw's commit: every attempt at a plan's
 * draw writes the same ones (the draw is deterministic), and readers count them only for a drawn plan.
 */
export async function writeAssignments(assignments: readonly Assignment[]): Promise<void> {
  await putAll(assignments.map(assignmentToItem));
}

/** One page of an inspector's assignments, newest plan first, that `select` keeps. */
export async function listAssignments<T>(
  inspectorId: string,
  limit: number,
  cursor: Record<string, unknown> | undefined,
  select: (assignments: Assignment[]) => Promise<(T | undefined)[]>,
): Promise<{ values: T[]; next: Record<string, unknown> | undefined }> {
  return queryPage(
    {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.assignments(inspectorId) },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    limit,
    cursor,
    (items) => select(items.map((item) => assignmentSchema.parse(item))),
  );
}
