import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '#domain/errors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';

/**
 * Approvals and supervision tasks. Tasks are written first and the approval item last (the commit
 * point); every write is conditional on absence, so a re-submission after a crash completes the set
 * without duplicating anything.
 */
export interface Approval {
  approvalId: string;
  department: string;
  subjectId: string;
  matter: string;
  licenceNo: string;
  title: string;
  decidedOn: string;
  decision: 'granted' | 'denied';
  checkId?: string;
  commitmentCode?: string;
  supervisingDepartments: string[];
  licenceRecordId?: string;
  licencePublishBy?: string;
  licencePublishedAt?: string;
  taskIds: string[];
  createdAt: string;
  createdBy: string;
  requestId: string;
}

export interface SupervisionTask {
  taskId: string;
  approvalId: string;
  subjectId: string;
  matter: string;
  licenceNo: string;
  department: string;
  approvingDepartment: string;
  dueOn: string;
  commitment?: { code: string; type: string; content: string; dueOn: string };
  createdAt: string;
  completion?: {
    outcome: 'compliant' | 'non-compliant';
    findings: string;
    commitmentOutcome?: string;
    noticeId?: string;
    by: string;
    at: string;
    requestId: string;
  };
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI3PK: _g, GSI3SK: _s, itemType: _t, ...rest } = item;
  return rest as T;
};

async function putOnce(item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getApproval(approvalId: string): Promise<Approval | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.approval(approvalId), ConsistentRead: true }));
  return Item ? strip<Approval>(Item) : undefined;
}

export const saveApproval = (approval: Approval) =>
  putOnce({ ...keys.approval(approval.approvalId), ...keys.approvalsOf(approval.department, approval.decidedOn, approval.approvalId), itemType: 'approval', ...approval });

export const saveTask = (task: SupervisionTask) =>
  putOnce({ ...keys.task(task.taskId), ...keys.tasksOf(task.department, 'open', task.createdAt, task.taskId), itemType: 'task', ...task });

export async function getTask(taskId: string): Promise<SupervisionTask | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.task(taskId), ConsistentRead: true }));
  return Item ? strip<SupervisionTask>(Item) : undefined;
}

export async function getTasks(taskIds: readonly string[]): Promise<SupervisionTask[]> {
  if (!taskIds.length) return [];
  const out: SupervisionTask[] = [];
  let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
    [tableName]: { Keys: taskIds.map((id) => ({ ...keys.task(id) })), ConsistentRead: true },
  };
  while (request && Object.keys(request).length) {
    const page = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
    for (const item of page.Responses?.[tableName] ?? []) out.push(strip<SupervisionTask>(item));
    request = page.UnprocessedKeys as typeof request;
  }
  return out.sort((a, b) => taskIds.indexOf(a.taskId) - taskIds.indexOf(b.taskId));
}

/** Completes a task once; 409 when it was completed in the meantime. */
export async function completeTask(task: SupervisionTask, completion: NonNullable<SupervisionTask['completion']>): Promise<SupervisionTask> {
  const done = keys.tasksOf(task.department, 'done');
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(task.taskId),
        UpdateExpression: 'SET completion = :c, GSI3PK = :pk',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(completion)',
        ExpressionAttributeValues: { ':c': completion, ':pk': done.GSI3PK },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<SupervisionTask>(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Task ${task.taskId} was completed concurrently; read it again`);
    throw error;
  }
}

export async function listTasks(department: string, status: 'open' | 'done', page: { limit: number; cursor?: Record<string, unknown> | undefined; dueBefore?: string }) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk',
      ...(page.dueBefore ? { FilterExpression: 'dueOn < :today' } : {}),
      ExpressionAttributeValues: { ':pk': keys.tasksOf(department, status).GSI3PK, ...(page.dueBefore ? { ':today': page.dueBefore } : {}) },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return { tasks: (result.Items ?? []).map((i) => strip<SupervisionTask>(i)), next: result.LastEvaluatedKey };
}

export async function listApprovals(department: string, page: { limit: number; cursor?: Record<string, unknown> | undefined }) {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.approvalsOf(department).GSI3PK },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return { approvals: (result.Items ?? []).map((i) => strip<Approval>(i)), next: result.LastEvaluatedKey };
}
