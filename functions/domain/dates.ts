/**
 * Calendar dates (YYYY-MM-DD) in China Standard Time, compared as strings. Pure: the clock is passed in.
 */
export type IsoDate = string;

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China Standard Time at the instant `now`. */
export function cstDate(now: Date): IsoDate {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return format(ty, tm, Math.min(d, lastDay));
}

export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export interface WorkingCalendar {
  /** Public holidays that fall on weekdays (no work). */
  holidays: readonly IsoDate[];
  /** Weekend days worked in exchange for a holiday (调休). */
  makeUpWorkdays: readonly IsoDate[];
}

export const DEFAULT_CALENDAR: WorkingCalendar = { holidays: [], makeUpWorkdays: [] };

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar = DEFAULT_CALENDAR): boolean {
  if (calendar.makeUpWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/** The date `n` working days after `date`: day 1 is the first working day after it. */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingCalendar = DEFAULT_CALENDAR): IsoDate {
  let current = date;
  let counted = 0;
  while (counted < n) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) counted++;
  }
  return current;
}
