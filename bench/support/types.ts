/**
 * A bench module is a file bench/<name>.ts exporting `bench: Bench`. bin/bench.ts finds the files,
 * runs the ones asked for against one embedded store, and prints every figure with its baseline.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with: measured in the same run, or a documented figure (STACK.md). */
  baseline: number | null;
  ratio: number | null;
  /** The ratio the issue asks for, and which way is better. */
  target?: { ratio: number; better: 'higher' | 'lower' };
  note?: string;
}

export interface BenchContext {
  /** Scale asked for with --records (each bench reads it its own way; `import` imports this many). */
  records: number;
  /** Repetitions of each compared side (--rounds), for benches whose figures are ratios of two sides. */
  rounds: number;
  /** Write calls in flight, the same for every side a bench compares. */
  concurrency: number;
  /** The embedded store every bench of the run shares. */
  endpoint: string;
  /** A new, empty table from the shared definition on that store, so sides never see each other's items. */
  freshTable(label: string): Promise<string>;
  /** Deletes a bench table and waits until the store has let go of its items. */
  dropTable(name: string): Promise<void>;
  /** A scratch directory removed after the run. */
  tmpDir: string;
  /**
   * CPU time used so far (µs) by this process and by the store (0 when the store runs in-process).
   * On a shared machine wall-clock rates move with the neighbours' load; CPU per record does not.
   */
  cpuMicros(): Promise<{ bench: number; store: number }>;
  /** Progress lines (stderr). */
  log(line: string): void;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** A figure whose baseline is known: the ratio is computed here, once. */
export function figure(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  extra: Pick<Figure, 'target' | 'note'> = {},
): Figure {
  return { name, value, unit, baseline, ratio: baseline ? value / baseline : null, ...extra };
}
