import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#http/logger.ts';
import { completeChecks, completePending, isCheckLog } from '#use-cases/projections.ts';

/**
 * The table's stream in AWS: every write that leaves an outbox mark (a listing's change, an entity's
 * new name, a check or a feedback not yet in the ledger) arrives here, filtered to marked items by the
 * event source mapping, and its projection is completed from the item as it is now (read
 * consistently), so an old image never rewrites a newer view. The batch's check logs are counted in
 * the ledger together. A failed record is reported and retried; what keeps failing goes to the
 * dead-letter queue.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  const checks: { key: { PK: string; SK: string }; id: string }[] = [];
  for (const record of event.Records) {
    const keys = record.dynamodb?.Keys;
    const PK = keys?.PK?.S;
    const SK = keys?.SK?.S;
    if (!PK || !SK) continue;
    const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
    if (isCheckLog({ PK, SK })) {
      checks.push({ key: { PK, SK }, id });
      continue;
    }
    try {
      await completePending({ PK, SK });
    } catch (error) {
      logger.error('projection failed', { sk: SK, error: error as Error });
      batchItemFailures.push({ itemIdentifier: id });
    }
  }
  if (checks.length > 0) {
    try {
      await completeChecks(checks.map((c) => c.key));
    } catch (error) {
      logger.error('ledger projection of checks failed', { checks: checks.length, error: error as Error });
      batchItemFailures.push(...checks.map((c) => ({ itemIdentifier: c.id })));
    }
  }
  return { batchItemFailures };
}
