import { sweepOutbox } from '../use-cases/projections.ts';

/**
 * The local stand-in for the table's stream: at start-up it completes every projection a killed
 * process left pending, then keeps sweeping every `intervalMs` for marks older than a few seconds.
 */
export async function startSweeper(intervalMs = Number(process.env.OUTBOX_SWEEP_MS ?? 5_000)): Promise<{ stop(): Promise<void> }> {
  const completed = await sweepOutbox(0);
  if (completed > 0) console.log(`completed ${completed} pending projection(s) left by an earlier run`);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sweepOutbox()).catch((error: unknown) => console.error('outbox sweep failed:', error));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
