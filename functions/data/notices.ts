import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { noticeSchema, type Notice } from '#domain/notices.ts';
import { dynamo, tableName } from './client.ts';
import { keys } from './keys.ts';

/** A department's change notices, newest first in its partition. */
export type { Notice };

const noticeToItem = (notice: Notice) => ({ ...keys.notice(notice.department, notice.at, notice.noticeId), itemType: 'notice', ...notice });

/** A notice item read back: its own fields only, never its keys. */
const noticeFromItem = (item: Record<string, unknown>): Notice => noticeSchema.parse(item);

/** One put: the notice's id derives from its event, so writing it again (a retried request) replaces it. */
export async function saveNotice(notice: Notice): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: noticeToItem(notice) }));
}

/** One page of a department's notices, newest first, and the key to resume after it. */
export async function listNotices(department: string, limit: number, cursor?: Record<string, unknown>): Promise<{ notices: Notice[]; next: Record<string, unknown> | undefined }> {
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
  return { notices: (page.Items ?? []).map(noticeFromItem), next: page.LastEvaluatedKey };
}
