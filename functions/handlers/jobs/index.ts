import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '#http/logger.ts';
import { jobForUpload, jobMessageSchema, type JobMessage } from '../../jobs/messages.ts';
import { runJob } from '../../jobs/run.ts';

/** S3 event notifications arrive on the same queue: an upload names the job it starts by its key. */
function messagesOf(body: string): JobMessage[] {
  const parsed = JSON.parse(body) as { Records?: { s3?: { object?: { key?: string } } }[]; Event?: string };
  if (parsed.Event === 's3:TestEvent') return [];
  if (Array.isArray(parsed.Records)) {
    return parsed.Records.flatMap((r) => {
      const key = decodeURIComponent((r.s3?.object?.key ?? '').replace(/\+/g, ' '));
      const job = jobForUpload(key);
      return job ? [job] : [];
    });
  }
  return [jobMessageSchema.parse(parsed)];
}

/**
 * The jobs worker in AWS: each SQS message is one step of a job (functions/jobs/run.ts). A failed step
 * is reported alone and redelivered after the visibility timeout; what keeps failing moves to the
 * dead-letter queue, which the operations dashboard alarms on.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      for (const message of messagesOf(record.body)) await runJob(message);
    } catch (error) {
      logger.error('job step failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
