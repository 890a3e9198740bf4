import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo, tableName } from './client.ts';
import { keys } from './keys.ts';

/** A client's window as the count's update answers it. */
const windowSchema = z.object({ count: z.number().int().min(1) });

/** Counts one request in the client's current window (one atomic ADD); returns the count so far. */
export async function countRequest(client: string, windowStart: number, windowSeconds: number): Promise<number> {
  const { Attributes } = await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.rateWindow(client, windowStart),
      UpdateExpression: 'ADD #c :one SET expiresAt = if_not_exists(expiresAt, :exp)',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':exp': windowStart + windowSeconds * 2 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return windowSchema.parse(Attributes).count;
}
