import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CreditRecord } from '#domain/records.ts';
import { ConflictError } from '#domain/errors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { recordToItem } from './records.ts';
import { recordFromItem } from './subjects.ts';

/**
 * Commitments are credit records (type commitment) in their subject's partition, plus two small items:
 * a pointer from the code to the record, and the request's fingerprint, which makes a retried request
 * find the commitment it already made instead of taking a new serial.
 */
export interface CommitmentPointer {
  code: string;
  subjectId: string;
  recordId: string;
  department: string;
}

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
  return Number(Attributes!.serial);
}

export async function findRequest(fingerprint: string): Promise<string | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.commitmentRequest(fingerprint), ConsistentRead: true }));
  return Item ? String(Item.code) : undefined;
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
    return (await findRequest(fingerprint))!;
  }
}

export async function savePointer(pointer: CommitmentPointer): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...keys.commitmentPointer(pointer.code), itemType: 'commitment-pointer', ...pointer } }));
}

export async function findPointer(code: string): Promise<CommitmentPointer | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.commitmentPointer(code), ConsistentRead: true }));
  return Item ? { code: String(Item.code), subjectId: String(Item.subjectId), recordId: String(Item.recordId), department: String(Item.department) } : undefined;
}

export async function getCommitmentRecord(pointer: CommitmentPointer): Promise<CreditRecord | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.record(pointer.subjectId, pointer.recordId, 'commitment'), ConsistentRead: true }));
  return Item ? recordFromItem(Item) : undefined;
}

/** Writes the commitment record once (a retry finds it there). */
export async function saveCommitmentRecord(record: CreditRecord): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...recordToItem(record), ...keys.commitmentsByStatus(record.department, 'open', record.dueOn, record.code) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Records the verification once; 409 if it was verified in the meantime. */
export async function saveVerification(record: CreditRecord, verification: NonNullable<CreditRecord['verification']>): Promise<CreditRecord> {
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
    return recordFromItem(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Commitment ${record.code} was verified concurrently; read it again`);
    throw error;
  }
}

/** A department's commitments in one status partition; `dueBefore` narrows to the overdue ones. */
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
  return { records: (page.Items ?? []).map(recordFromItem), next: page.LastEvaluatedKey };
}
