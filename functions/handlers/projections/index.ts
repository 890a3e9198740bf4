import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#http/logger.ts';
import { completePending } from '#use-cases/projections.ts';

/**
 * The table's stream in AWS: every write that leaves an outbox mark (a listing's change, an entity's
 * new name) arrives here, filtered to marked items by the event source mapping, and its projection is
 * completed from the item as it is now (read consistently), so an old image never rewrites a newer view.
 * A failed record is reported alone and retried; what keeps failing goes to the dead-letter queue.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const keys = record.dynamodb?.Keys;
    const PK = keys?.PK?.S;
    const SK = keys?.SK?.S;
    if (!PK || !SK) continue;
    try {
      await completePending({ PK, SK });
    } catch (error) {
      logger.error('projection failed', { sk: SK, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? record.eventID ?? '' });
    }
  }
  return { batchItemFailures };
}
