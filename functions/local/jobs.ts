import { useLocalRunner } from '../jobs/queue.ts';
import type { JobMessage } from '../jobs/messages.ts';

export interface LocalJobs {
  /** Resolves once nothing is queued or running (tests wait on it). */
  idle(): Promise<void>;
  /** Makes this runner the queue's again (tests that stood in for the queue put it back). */
  reattach(): void;
  stop(): Promise<void>;
}

const describe = (m: JobMessage) => Object.entries(m).map(([k, v]) => `${k}=${String(v)}`).join(' ');

/**
 * The local stand-in for the SQS queue and its worker Lambdas: messages run in this process, a few at
 * a time, each retried with back-off as SQS would redeliver it (at least once; jobs are idempotent),
 * and given up after `attempts` with an error in the log, as the dead-letter queue would keep it.
 */
export function startLocalJobs(options: { concurrency?: number; attempts?: number; log?: (line: string) => void; progress?: (line: string) => void } = {}): LocalJobs {
  const concurrency = options.concurrency ?? 2;
  const attempts = options.attempts ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  const queue: { message: JobMessage; attempt: number }[] = [];
  let running = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const settle = () => {
    if (running === 0 && queue.length === 0 && timers.size === 0) {
      const done = waiters;
      waiters = [];
      for (const w of done) w();
    }
  };

  const pump = () => {
    while (!stopped && running < concurrency && queue.length > 0) {
      const next = queue.shift()!;
      running++;
      void run(next).finally(() => {
        running--;
        pump();
        settle();
      });
    }
  };

  const run = async ({ message, attempt }: { message: JobMessage; attempt: number }) => {
    const { runJob } = await import('../jobs/run.ts');
    try {
      const started = performance.now();
      const progress = await runJob(message);
      options.progress?.(`job ${message.kind}: ${progress || 'step done'} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      if (attempt + 1 >= attempts) {
        log(`job ${describe(message)} failed after ${attempts} attempts: ${(error as Error).message}`);
        const { giveUpJob } = await import('../jobs/run.ts');
        await giveUpJob(message, error).catch((e: unknown) => log(`job ${describe(message)}: could not record the failure: ${(e as Error).message}`));
        return;
      }
      log(`job ${describe(message)} failed (attempt ${attempt + 1} of ${attempts}), retrying: ${(error as Error).message}`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        queue.push({ message, attempt: attempt + 1 });
        pump();
      }, 200 * 2 ** attempt);
      timers.add(timer);
    }
  };

  const runner = {
    submit(messages: readonly JobMessage[]) {
      if (stopped) return;
      for (const message of messages) queue.push({ message, attempt: 0 });
      pump();
    },
  };
  useLocalRunner(runner);

  return {
    reattach: () => useLocalRunner(runner),
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      queue.length = 0;
      useLocalRunner(undefined);
      while (running > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      settle();
    },
  };
}
