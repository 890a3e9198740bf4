import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { approvalSchema, supervisionTaskSchema, type Approval, type SupervisionTask, type TaskCompletion } from '#domain/approvals.ts';
import { ConflictError } from '#domain/errors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys } from './keys.ts';
import { batchGetAll } from './query.ts';

/**
 * Approvals and supervision tasks. Tasks are written first and the approval item last (the commit
 * point); every write is conditional on absence, so a re-submission after a crash completes the set
 * without duplicating anything.
 */
export const approvalToItem = (approval: Approval) => ({
  ...keys.approval(approval.approvalId),
  ...keys.approvalsOf(approval.department, approval.decidedOn, approval.approvalId),
  itemType: 'approval',
  ...approval,
});

/** An approval item read back: parsed (the store's keys are dropped). */
export const approvalFromItem = (item: Record<string, unknown>): Approval => approvalSchema.parse(item);

/** A new task, listed under its department's open tasks, newest first. */
export const taskToItem = (task: SupervisionTask) => ({
  ...keys.task(task.taskId),
  ...keys.tasksOf(task.department, 'open', task.createdAt, task.taskId),
  itemType: 'task',
  ...task,
});

export const taskFromItem = (item: Record<string, unknown>): SupervisionTask => supervisionTaskSchema.parse(item);

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
  return Item ? approvalFromItem(Item) : undefined;
}

export const saveApproval = (approval: Approval) => putOnce(approvalToItem(approval));

export const saveTask = (task: SupervisionTask) => putOnce(taskToItem(task));

export async function getTask(taskId: string): Promise<SupervisionTask | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: keys.task(taskId), ConsistentRead: true }));
  return Item ? taskFromItem(Item) : undefined;
}

/** The tasks, in the order of `taskIds` (missing ones left out). */
export async function getTasks(taskIds: readonly string[]): Promise<SupervisionTask[]> {
  if (!taskIds.length) return [];
  const tasks = (await batchGetAll(taskIds.map((id) => ({ ...keys.task(id) })), { consistent: true })).map(taskFromItem);
  return tasks.sort((a, b) => taskIds.indexOf(a.taskId) - taskIds.indexOf(b.taskId));
}

/** Completes a task once; 409 when it was completed in the meantime. */
export async function completeTask(task: SupervisionTask, completion: TaskCompletion): Promise<SupervisionTask> {
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
    return taskFromItem(Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`Task ${task.taskId} was completed concurrently; read it again`);
    throw error;
  }
}

/** A page of a department's tasks in one status partition, newest first: one Query that stops at the page's limit. */
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
  return { tasks: (result.Items ?? []).map(taskFromItem), next: result.LastEvaluatedKey };
}

/** A page of a department's approvals, newest decision first. */
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
  return { approvals: (result.Items ?? []).map(approvalFromItem), next: result.LastEvaluatedKey };
}
