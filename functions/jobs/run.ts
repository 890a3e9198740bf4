import type { JobMessage } from './messages.ts';

/**
 * Runs one job message: the worker Lambda in AWS and the local runner both call this. It throws when
 * the step failed and should be retried; a message that has nothing left to do returns quietly. A step
 * may answer a line of progress, which the local runner logs.
 * Job code is imported per kind so that each kind loads only what it uses.
 */
export async function runJob(message: JobMessage): Promise<string | void> {
  switch (message.kind) {
    case 'freeze-segment': {
      const { freezeSegment } = await import('#use-cases/freeze-job.ts');
      return freezeSegment(message.planId, message.freezeId, message.segment);
    }
    case 'freeze-commit': {
      const { commitFreeze } = await import('#use-cases/freeze-job.ts');
      return commitFreeze(message.planId, message.freezeId);
    }
    case 'draw': {
      const { runDrawJob } = await import('#use-cases/plans.ts');
      return runDrawJob(message.planId);
    }
    case 'publish-plan-documents': {
      const { publishPlanDocumentsJob } = await import('#use-cases/plan-documents.ts');
      return publishPlanDocumentsJob(message.planId);
    }
    case 'import': {
      const { runImportJob } = await import('#use-cases/import-job.ts');
      return runImportJob(message.importId);
    }
  }
}

/**
 * A message whose every attempt failed (the local runner's last, or SQS's last receive before the
 * dead-letter queue): what the job's readers see becomes `failed` with the reason, rather than a
 * status that never moves. The message itself is kept (the dead-letter queue, or the log locally).
 */
export async function giveUpJob(message: JobMessage, error: unknown): Promise<void> {
  switch (message.kind) {
    case 'freeze-segment':
    case 'freeze-commit': {
      const { giveUpFreeze } = await import('#use-cases/freeze-job.ts');
      return giveUpFreeze(message.planId, message.freezeId, error);
    }
    case 'import': {
      const { giveUpImport } = await import('#use-cases/import-job.ts');
      return giveUpImport(message.importId, error);
    }
    case 'draw':
      // A plan stays `drawing` and the draw request may be repeated: drawing is pure computation over the frozen population.
      return;
    case 'publish-plan-documents':
      // Nothing waits on it: the next read of a document publishes it.
      return;
  }
}
