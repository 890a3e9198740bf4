import { z } from 'zod';
import { fileKeys } from '#data/files.ts';

/**
 * What a job message says: each kind names the job it continues. Messages carry ids only; a job reads
 * its state from the table, so a message run late, twice or after a newer one changes nothing twice.
 */
export const jobMessageSchema = z.discriminatedUnion('kind', [
  /** Freeze one segment of a plan's population (a shard of the population index). */
  z.object({ kind: z.literal('freeze-segment'), planId: z.string().min(1).max(64), freezeId: z.string().min(1).max(64), segment: z.number().int().min(0) }),
  /** Merge the frozen segments of a plan, hash and commit the population. */
  z.object({ kind: z.literal('freeze-commit'), planId: z.string().min(1).max(64), freezeId: z.string().min(1).max(64) }),
  /** Draw a plan whose seed was accepted (POST /v1/plans/{planId}/draw answered 202). */
  z.object({ kind: z.literal('draw'), planId: z.string().min(1).max(64) }),
  /** Publish a frozen or drawn plan's documents as files (after its commit; a read publishes what this has not yet). */
  z.object({ kind: z.literal('publish-plan-documents'), planId: z.string().min(1).max(64) }),
  /** Run the import whose file was uploaded. */
  z.object({ kind: z.literal('import'), importId: z.string().min(1).max(64) }),
]);

export type JobMessage = z.infer<typeof jobMessageSchema>;

/** The job an uploaded file starts (S3's event in AWS, the local gateway's PUT locally). */
export function jobForUpload(key: string): JobMessage | undefined {
  const importId = fileKeys.importOfUpload(key);
  return importId ? { kind: 'import', importId } : undefined;
}
