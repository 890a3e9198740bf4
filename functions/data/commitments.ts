import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { commitmentRecordSchema, type CommitmentRecord } from '#domain/commitments.ts';
import { ConflictError } from '#domain/errors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { recordToItem } from './records.ts';

/**
 * Commitments are credit records (type commitment) in their subject's partition, plus two small items:
 * a pointer from the code to the record, and the request's fingerprint, which makes a retried request
 * find the commitment it already made instead of taking a new serial.
 */
const pointerItem = z.object({ code: z.string(), subjectId: z.string(), recordId: z.string(), department: z.string() });
export type CommitmentPointer = z.infer<typeof pointerItem>;
const requestItem = z.object({ code: z.string() });
const serialItem = z.object({ serial: z.number().int() });

/** The commitment record, listed under its department's open commitments by due date. */
export const commitmentToItem = (record: CommitmentRecord) => ({ ...recordToItem(record, null), ...keys.commitmentsByStatus(record.department, 'open', record.dueOn, record.code) });

/** A commitment record read back: parsed as a commitment (the store's keys are dropped). */
export const commitmentFromItem = (item: Record<string, unknown>): CommitmentRecord => commitmentRecordSchema.parse(item);

export async function nextSerial(region: string, day: string): Promise<number> {
  const { Attributes } = await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.commitmentSerial(region, day),
      UpdateExpression: 'ADD serial :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return serialItem.parse(Attributes).serial;
}

export async function findRequest(fingerprint: string): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.commitmentRequest(fingerprint), ConsistentRead: true }));
  return Item ? requestItem.parse(Item).code : undefined;
}

/** Claims the fingerprint for `code`; the code that already holds it when another request was first. */
export async function claimRequest(fingerprint: string, code: string): Promise<string> {
  try {
    await dynamo.send(
      new PutCommand({ TableName: tableName, Item: { ...keys.commitmentRequest(fingerprint), itemType: 'commitment-request', code }, ConditionExpression: 'attribute_not_exists(PK)' }),
    );
    return code;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const holder = await findRequest(fingerprint);
    if (holder === undefined) throw error;
    return holder;
  }
}

export async function savePointer(pointer: CommitmentPointer): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...keys.commitmentPointer(pointer.code), itemType: 'commitment-pointer', ...pointer } }));
}

export async function findPointer(code: string): Promise<CommitmentPointer | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.commitmentPointer(code), ConsistentRead: true }));
  return Item ? pointerItem.parse(Item) : undefined;
}

export async function getCommitmentRecord(pointer: CommitmentPointer): Promise<CommitmentRecord | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.record(pointer.subjectId, pointer.recordId, 'commitment'), ConsistentRead: true }));
  return Item ? commitmentFromItem(Item) : undefined;
}

/** Writes the commitment record once (a retry finds it there). */
export async function saveCommitmentRecord(record: CommitmentRecord): Promise<void> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: commitmentToItem(record), ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Records the verification once; 409 if it was verified in the meantime. */
export async function saveVerification(record: CommitmentRecord, verification: NonNullable<CommitmentRecord['verification']>): Promise<CommitmentRecord> {
  const moved = keys.commitmentsByStatus(record.department, 'verified', record.dueOn, record.code);
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.record(record.subjectId, record.recordId, record.type),
        UpdateExpression: 'SET verification = :v, GSI3PK = :pk, #h = list_append(#h, :event), #version = #version + :one',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(verification)',
        ExpressionAttributeNames: { '#h': 'history', '#version': 'version' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':v': verification,
          ':pk': moved.GSI3PK,
          ':event': [{ action: 'verified', by: verification.by, department: verification.department, at: verification.at, requestId: verification.requestId, reason: `${verification.outcome}: ${verification.note}` }],
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return commitmentFromItem(Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Commitment ${record.code} was verified concurrently; read it again`);
    throw error;
  }
}

/**
 * A page of a department's commitments in one status partition; `dueBefore` narrows to the overdue
 * ones. One Query that stops at the page's limit.
 */
export async function listCommitments(department: string, status: 'open' | 'verified', options: { dueBefore?: string; limit: number; cursor?: Record<string, unknown> | undefined }) {
  const partition = keys.commitmentsByStatus(department, status).GSI3PK;
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: options.dueBefore ? 'GSI3PK = :pk AND GSI3SK < :due' : 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': partition, ...(options.dueBefore ? { ':due': options.dueBefore } : {}) },
      ScanIndexForward: status === 'open',
      Limit: options.limit,
      ExclusiveStartKey: options.cursor,
    }),
  );
  return { records: (page.Items ?? []).map(commitmentFromItem), next: page.LastEvaluatedKey };
}
