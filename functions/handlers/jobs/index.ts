import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '#http/logger.ts';
import { jobForUpload, jobMessageSchema, type JobMessage } from '../../jobs/messages.ts';
import { readConfig } from '#config';
import { giveUpJob, runJob } from '../../jobs/run.ts';

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
  const lastReceive = readConfig().JOBS_MAX_RECEIVES;
  for (const record of event.Records) {
    let message: JobMessage | undefined;
    try {
      for (message of messagesOf(record.body)) await runJob(message);
    } catch (error) {
      const receives = Number(record.attributes.ApproximateReceiveCount ?? 1);
      logger.error('job step failed', { messageId: record.messageId, receives, error: error as Error });
      // This was its last delivery before the dead-letter queue: say so where the job's readers look.
      if (message && receives >= lastReceive) await giveUpJob(message, error).catch((e: unknown) => logger.error('could not record a job failure', { error: e as Error }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
