import type { CreditRecord } from '#domain/records.ts';
import type { ImportStore } from './store.ts';

export interface WriteEntry {
  row: number;
  record: CreditRecord;
  item: Record<string, unknown>;
}

/**
 * Keeps up to `concurrency` BatchWriteItem calls in flight. The pipeline adds entries as it admits
 * them and waits for room, so reads for the next rows overlap the writes of the previous ones.
 * After a failure or stop() no new batch starts; the ones in flight are allowed to finish.
 */
export class BatchWriter {
  private buffer: WriteEntry[] = [];
  private readonly queue: WriteEntry[][] = [];
  private inFlight = 0;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly store: ImportStore,
    private readonly options: { batchSize: number; concurrency: number; onWritten: (batch: WriteEntry[]) => Promise<void> },
  ) {}

  add(entry: WriteEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.options.batchSize) this.seal();
  }

  /** Resolves once at most `maxQueued` full batches wait; rejects if a write failed. */
  async room(maxQueued: number): Promise<void> {
    while (this.queue.length > maxQueued && !this.failure && !this.stopped) await this.changed();
    if (this.failure) throw this.failure.error;
  }

  /** Sends what is left and waits for every write; rejects with the first failure. */
  async drain(): Promise<void> {
    this.seal();
    while (this.inFlight > 0 || (this.queue.length > 0 && !this.failure && !this.stopped)) await this.changed();
    if (this.failure) throw this.failure.error;
  }

  /** Starts no further batch (an abort); the entries not sent are `unsent`. */
  stop(): void {
    this.stopped = true;
    this.notify();
  }

  get unsent(): number {
    return this.buffer.length + this.queue.reduce((n, b) => n + b.length, 0);
  }

  private seal() {
    if (this.buffer.length > 0) {
      this.queue.push(this.buffer);
      this.buffer = [];
    }
    this.pump();
  }

  private pump() {
    while (!this.stopped && !this.failure && this.inFlight < this.options.concurrency && this.queue.length > 0) {
      void this.send(this.queue.shift()!);
    }
  }

  private async send(batch: WriteEntry[]) {
    this.inFlight++;
    try {
      await this.store.writeItems(batch.map((e) => e.item));
      await this.options.onWritten(batch);
    } catch (error) {
      this.failure ??= { error };
      // The batch's fate is unknown (it may have been applied): a re-run finds out, so it is not re-queued.
    } finally {
      this.inFlight--;
      this.pump();
      this.notify();
    }
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
