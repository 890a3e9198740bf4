import { sweepOutbox } from '../use-cases/projections.ts';

/**
 * The local stand-in for the table's stream: at start-up it completes every projection a killed
 * process left pending, then sweeps again `intervalMs` after each sweep ends — check logs into the
 * ledger at once, other marks once they are older than a few seconds.
 */
export async function startSweeper(intervalMs = Number(process.env.OUTBOX_SWEEP_MS ?? 1_000)): Promise<{ stop(): Promise<void> }> {
  const completed = await sweepOutbox(0);
  if (completed > 0) console.log(`completed ${completed} pending projection(s) left by an earlier run`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweepOutbox()
        .catch((error: unknown) => console.error('outbox sweep failed:', error))
        .finally(next);
    }, intervalMs);
    timer.unref();
  };
  next();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
