import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';
import { keys } from './keys.ts';

/** A change notice (推送) to one department: a subject it checked has changed since. */
export interface Notice {
  noticeId: string;
  department: string;
  subjectId: string;
  reason: string;
  at: string;
  checkIds: string[];
  recordId?: string;
  listCode?: string;
  approvalId?: string;
}

/**
 * Notices are derived from an event that is already stored; the id is a function of the event and the
 * department, so writing one again (a retried request) replaces it rather than adding a second.
 */
export async function saveNotice(notice: Notice): Promise<void> {
  await dynamo.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.notice(notice.department, notice.at, notice.noticeId), itemType: 'notice', ...notice } }),
  );
}

export async function listNotices(department: string, limit: number, cursor?: Record<string, unknown>) {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.notices(department) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  const notices = (page.Items ?? []).map(({ PK: _pk, SK: _sk, itemType: _t, department: _d, ...n }) => n);
  return { notices, next: page.LastEvaluatedKey };
}
