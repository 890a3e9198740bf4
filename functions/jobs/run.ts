import type { JobMessage } from './messages.ts';

/**
 * Runs one job message: the worker Lambda in AWS and the local runner both call this. It throws when
 * the step failed and should be retried; a message that has nothing left to do returns quietly.
 * Job code is imported per kind so that each kind loads only what it uses.
 */
export async function runJob(message: JobMessage): Promise<void> {
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
      const { runDrawJob } = await import('#use-cases/freeze-job.ts');
      return runDrawJob(message.planId);
    }
    case 'import': {
      const { runImportJob } = await import('#use-cases/import-job.ts');
      return runImportJob(message.importId);
    }
  }
}
