import { cstDate } from './dates.ts';

/** The instant a request is handled, and its calendar date in CST. Tests may fix it. */
export interface Now {
  at: string;
  today: string;
}

let fixed: Date | undefined;

export function now(): Now {
  const d = fixed ?? new Date();
  return { at: d.toISOString(), today: cstDate(d) };
}

/** For tests and benchmarks only. */
export function fixClock(date: Date | undefined): void {
  fixed = date;
}
