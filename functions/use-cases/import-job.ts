import { randomUUID } from 'node:crypto';
import { readConfig } from '#config';
import { now as clockNow } from '#domain/clock.ts';
import { IMPORT_HEARTBEAT_MS, IMPORT_LEASE_MS, type Import, type ImportCounts } from '#domain/imports.ts';
import { fileKeys, putFile, readStoredFile } from '#data/files.ts';
import { claimImport, failImport, finishImport, getImport, listImportJobs, recordProgress, releaseImport } from '#data/imports.ts';
import { logger } from '#http/logger.ts';
import { enqueue } from '#jobs/queue.ts';
import type { Tally } from './import/progress.ts';
import { ImportFileError, runImport } from './import/run-import.ts';


const instant = (ms = Date.now()) => new Date(ms).toISOString();
const leaseFrom = (ms = Date.now()) => instant(ms + IMPORT_LEASE_MS);

/**
 * The import job: runs an uploaded file through the import pipeline of `npm run import` for the
 * import's department, with the service's own DynamoDB client.
 * Steps: the import (none, or done: nothing to do) → its uploaded file (none yet: nothing to do; the
 * upload's own event starts it) → a hold on it for this run, conditional on no live run holding it (a
 * duplicated message stops here) → the pipeline, its counts written as it goes and its hold renewed
 * while it works → done with the counts and the reject file, or failed when the file cannot be
 * imported. A store failure lets go of the hold and throws, so the message is retried: the rows an
 * earlier attempt wrote are recognised (their requestIds name the import) and counted as created, so
 * nothing is written twice and the counts end as one run's.
 */
export async function runImportJob(importId: string): Promise<void> {
  const stored = await getImport(importId);
  if (!stored || stored.status === 'done') return;
  const bytes = await readStoredFile(fileKeys.importUpload(importId));
  if (!bytes) return;
  const attempt = randomUUID();
  const claimed = await claimImport(stored, attempt, instant(), leaseFrom());
  if (!claimed) {
    logger.info('import held by another run, or done', { importId });
    return;
  }
  logger.info('import job started', { importId, department: claimed.department, bytes: bytes.length, attempt });
  const run = new ImportRun(claimed, attempt);
  try {
    const summary = await runImport({
      file: { name: claimed.fileName, format: claimed.format, bytes },
      department: claimed.department,
      sub: claimed.createdBy,
      defaultType: claimed.recordType,
      registerSubjects: claimed.registerSubjects,
      requestIdPrefix: `import:${importId}`,
      // A live table: what is stored is read just before each window is written.
      existence: 'batch-get',
      rejectsPath: fileKeys.importRejects(importId),
      saveRejects: (csv) => putFile(fileKeys.importRejects(importId), Buffer.from(csv, 'utf8'), { contentType: 'text/csv; charset=utf-8' }).then(() => {}),
      progress: (total) => run.progress(total),
      signal: run.signal,
    });
    await run.stop();
    if (summary.interrupted) {
      logger.warn('import run lost its hold to another run', { importId, attempt });
      return;
    }
    const { read, created, unchanged, conflicting, rejected, registered } = summary;
    const counts = { read, created, unchanged, conflicting, rejected, registered };
    const finished = await finishImport(importId, attempt, { counts, encoding: summary.encoding, ignoredColumns: summary.ignoredColumns, rejectLines: summary.rejectLines }, instant());
    logger.info('import job finished', { importId, finished, ...counts, seconds: summary.seconds });
  } catch (error) {
    await run.stop();
    if (error instanceof ImportFileError) {
      await failImport(importId, error.message, instant(), attempt);
      logger.info('import failed: the file cannot be imported', { importId, reason: error.message });
      return;
    }
    await releaseImport(importId, attempt, instant()).catch(() => {});
    throw error;
  }
}

/** What one run keeps of its import: its counts, written as it goes, and its hold, renewed while it works. */
class ImportRun {
  counts: ImportCounts = { read: 0, created: 0, unchanged: 0, conflicting: 0, rejected: 0, registered: 0 };
  private readonly controller = new AbortController();
  private writing: Promise<void> = Promise.resolve();
  private lastWrite = 0;
  private readonly heartbeat: NodeJS.Timeout;
  /** Counts are written at most this often while the run works (and on every heartbeat). */
  private readonly writeEveryMs = readConfig().IMPORT_PROGRESS_MS;

  constructor(
    private readonly item: Import,
    private readonly attempt: string,
  ) {
    this.heartbeat = setInterval(() => this.write(), IMPORT_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get signal() {
    return this.controller.signal;
  }

  progress(total: number) {
    this.counts.read = total;
    this.write();
    const update = (_processed: number, tally?: Tally) => {
      if (tally) this.counts = { read: total, ...tally };
      if (Date.now() - this.lastWrite >= this.writeEveryMs) this.write();
    };
    return { update, done: update };
  }

  /** Writes the counts and renews the hold, one write at a time; a run that lost its hold stops. */
  private write() {
    this.lastWrite = Date.now();
    const counts = { ...this.counts };
    this.writing = this.writing.then(async () => {
      try {
        if (!(await recordProgress(this.item.importId, this.attempt, counts, instant(), leaseFrom()))) this.controller.abort();
      } catch (error) {
        // A missed progress write is no reason to stop importing; the next one (or the finish) catches up.
        logger.warn('could not record import progress', { importId: this.item.importId, error: error as Error });
      }
    });
  }

  async stop() {
    clearInterval(this.heartbeat);
    await this.writing;
  }
}

/** Every attempt failed (the dead-letter queue, or the local runner's last): failed, unless a live run holds it or it is done. */
export async function giveUpImport(importId: string, error: unknown): Promise<void> {
  const reason = `the import job kept failing: ${(error as Error)?.message ?? String(error)}`;
  await failImport(importId, reason, clockNow().at);
}

/**
 * The local runtime at start-up: the imports a run held when the last process stopped are queued
 * again. Their holds belong to that process, which has ended, so they are let go first.
 */
export async function resumeImportJobs(): Promise<number> {
  const importIds = await listImportJobs();
  for (const importId of importIds) {
    const item = await getImport(importId);
    if (item?.status !== 'running' || !item.attempt) continue;
    await releaseImport(importId, item.attempt, instant());
    await enqueue([{ kind: 'import', importId }]);
  }
  return importIds.length;
}
