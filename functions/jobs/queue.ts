import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { readConfig } from '#config';
import type { JobMessage } from './messages.ts';

/**
 * Long work is a job: a request hands it to the queue and answers. In AWS the queue is SQS
 * (JOBS_QUEUE_URL) read by the jobs worker Lambda (functions/handlers/jobs/index.ts), with retries
 * and a dead-letter queue; locally the runtime registers an in-process runner that runs the same
 * job code (functions/jobs/run.ts) with the same at-least-once contract. Every job is idempotent:
 * running a message twice, or after a crash half-way, leaves what running it once would.
 */
export interface LocalRunner {
  submit(messages: readonly JobMessage[]): void;
}

let localRunner: LocalRunner | undefined;
let sqs: SQSClient | undefined;

/** The local runtime's in-process runner (functions/local/jobs.ts). */
export function useLocalRunner(runner: LocalRunner | undefined) {
  localRunner = runner;
}

export async function enqueue(messages: readonly JobMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const settings = readConfig();
  if (!settings.JOBS_QUEUE_URL) {
    if (!localRunner) throw new Error('No job queue: set JOBS_QUEUE_URL (AWS) or start the local runtime');
    localRunner.submit(messages);
    return;
  }
  sqs ??= new SQSClient({ region: settings.AWS_REGION });
  for (let start = 0; start < messages.length; start += 10) {
    const batch = messages.slice(start, start + 10);
    let entries = batch.map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) }));
    for (let attempt = 0; entries.length > 0; attempt++) {
      const answer = await sqs.send(new SendMessageBatchCommand({ QueueUrl: settings.JOBS_QUEUE_URL, Entries: entries }));
      const failed = new Set((answer.Failed ?? []).map((f) => f.Id));
      if (failed.size > 0 && attempt >= 4) throw new Error(`Could not queue ${failed.size} job message(s): ${answer.Failed?.[0]?.Message ?? 'unknown'}`);
      entries = entries.filter((e) => failed.has(e.Id));
      if (entries.length) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
