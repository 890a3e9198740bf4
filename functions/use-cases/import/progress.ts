/**
 * Progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line every few
 * seconds (CI logs, redirected output).
 */
export interface Progress {
  /** Rows decided so far, and what became of them (the job records the counts as it goes). */
  update(processed: number, tally?: Tally): void;
  done(processed: number, tally?: Tally): void;
}

/** What became of the rows decided so far. */
export interface Tally {
  created: number;
  unchanged: number;
  conflicting: number;
  rejected: number;
  /** Subjects registered provisionally (registerSubjects). */
  registered: number;
}

export const silentProgress: Progress = { update() {}, done() {} };

export function progressBar(
  total: number,
  options: { stream?: NodeJS.WriteStream; tty?: boolean; intervalMs?: number; label?: string } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  const interval = options.intervalMs ?? (tty ? 100 : 5000);
  const label = options.label ?? 'import';
  const started = performance.now();
  let last = -Infinity;
  const line = (processed: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? processed / seconds : 0;
    const eta = rate > 0 ? (total - processed) / rate : Infinity;
    const pct = total > 0 ? Math.floor((processed / total) * 100) : 100;
    const counts = `${processed.toLocaleString('en')}/${total.toLocaleString('en')} ${pct}% ${Math.round(rate).toLocaleString('en')} rows/s ETA ${formatSeconds(eta)}`;
    if (!tty) return `${label}: ${counts}`;
    const width = 24;
    const filled = total > 0 ? Math.round((processed / total) * width) : width;
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`;
  };
  return {
    update(processed) {
      const t = performance.now();
      if (t - last < interval) return;
      last = t;
      stream.write(tty ? `\r${line(processed)}\x1b[K` : `${line(processed)}\n`);
    },
    done(processed) {
      stream.write(tty ? `\r${line(processed)}\x1b[K\n` : `${line(processed)}\n`);
    },
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}
