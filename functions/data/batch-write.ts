import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client.ts';

/**
 * Puts items 25 to a BatchWriteItem, `concurrency` calls in flight, retrying what the store leaves
 * unprocessed with exponential back-off. Only for items whose keys are new or whose rewrite is
 * harmless (derived items, logs): BatchWriteItem takes no conditions.
 */
export async function putAll(items: readonly Record<string, unknown>[], concurrency = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      let pending: unknown[] | undefined = items.slice(next, next + 25).map((Item) => ({ PutRequest: { Item } }));
      next += 25;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, Math.min(2000, 20 * 2 ** attempt)));
        const out: { UnprocessedItems?: Record<string, unknown[]> } = await dynamo.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
        );
        pending = out.UnprocessedItems?.[tableName];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(items.length / 25)) }, worker));
}
