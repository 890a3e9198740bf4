import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  addYears,
  cstDate,
  isIsoDate,
  isWorkingDay,
  weekday,
  type WorkingCalendar,
} from '#domain/dates.ts';

describe('the calendar date in China Standard Time', () => {
  it.each([
    ['2026-06-14T15:59:59.999Z', '2026-06-14'],
    ['2026-06-14T16:00:00.000Z', '2026-06-15'],
    ['2026-06-14T00:00:00.000Z', '2026-06-14'],
    ['2026-12-31T15:59:59.000Z', '2026-12-31'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
  ])('at %s is %s (the date rolls at CST midnight, 16:00 UTC)', (instant, date) => {
    expect(cstDate(new Date(instant))).toBe(date);
  });

  it('is the same date one second before and different at 16:00:00 UTC', () => {
    expect(cstDate(new Date('2026-03-10T15:59:59Z'))).toBe('2026-03-10');
    expect(cstDate(new Date('2026-03-10T16:00:00Z'))).toBe('2026-03-11');
  });
});

describe('adding months and years', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-15', 1, '2024-02-15'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-12-31', 2, '2025-02-28'],
    ['2024-01-31', 0, '2024-01-31'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-03-31', -13, '2024-02-29'],
    ['2025-02-28', -12, '2024-02-28'],
    ['2026-06-15', -12, '2025-06-15'],
  ])('%s + %i months is %s (clamped to the month end)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2026-06-15', -3, '2023-06-15'],
    ['2025-01-10', 1, '2026-01-10'],
  ])('%s + %i years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('ISO dates', () => {
  it.each(['2024-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2023-02-29', '2026-13-01', '2026-04-31', '2026-6-15', '20260615', '2026-06-15T00:00:00Z', ''])(
    'rejects %s',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('working days', () => {
  // Weekdays checked against a calendar: 2026-06-15 Monday, 2026-09-20 Sunday, 2026-10-01 Thursday.
  it.each([
    ['2026-06-15', 1],
    ['2026-06-20', 6],
    ['2026-06-21', 0],
    ['2026-09-20', 0],
    ['2026-10-01', 4],
    ['2026-10-10', 6],
  ])('%s falls on weekday %i', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  describe('without holidays', () => {
    it.each([
      ['2026-06-15', 1, '2026-06-16', 'Monday → Tuesday'],
      ['2026-06-19', 1, '2026-06-22', 'Friday → the next Monday'],
      ['2026-06-20', 1, '2026-06-22', 'Saturday → Monday'],
      ['2026-06-21', 1, '2026-06-22', 'Sunday → Monday'],
      ['2026-06-15', 5, '2026-06-22', 'Monday + 5 → the next Monday'],
      ['2026-06-15', 7, '2026-06-24', 'Monday + 7 → the Wednesday after'],
      ['2026-06-15', 0, '2026-06-15', 'zero days → the same date'],
    ])('%s + %i working days is %s (%s)', (start, n, expected) => {
      expect(addWorkingDays(start, n)).toBe(expected);
    });

    it.each([
      ['2026-06-20', false],
      ['2026-06-21', false],
      ['2026-06-22', true],
    ])('%s is a working day: %s', (date, working) => {
      expect(isWorkingDay(date)).toBe(working);
    });
  });

  describe('around National Day 2026', () => {
    // Oct 1–7 off (Oct 3–4 are the weekend anyway); Sunday 20 Sep and Saturday 10 Oct are worked.
    const calendar: WorkingCalendar = {
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      makeUpWorkdays: ['2026-09-20', '2026-10-10'],
    };

    it.each([
      ['2026-09-30', 1, '2026-10-08', 'the first working day after the holiday week'],
      ['2026-09-30', 2, '2026-10-09', 'the Friday after'],
      ['2026-09-30', 3, '2026-10-10', 'the make-up Saturday'],
      ['2026-09-30', 4, '2026-10-12', 'skipping Sunday 11 October'],
      ['2026-10-01', 1, '2026-10-08', 'starting on a holiday'],
      ['2026-10-10', 1, '2026-10-12', 'starting on the make-up Saturday'],
      ['2026-09-18', 1, '2026-09-20', 'the make-up Sunday counts'],
      ['2026-09-18', 2, '2026-09-21', 'then Monday'],
      ['2026-09-29', 7, '2026-10-14', '双公示: 7 working days'],
    ])('%s + %i working days is %s (%s)', (start, n, expected) => {
      expect(addWorkingDays(start, n, calendar)).toBe(expected);
    });

    it.each([
      ['2026-10-01', false],
      ['2026-10-03', false],
      ['2026-10-07', false],
      ['2026-10-08', true],
      ['2026-10-10', true],
      ['2026-10-11', false],
      ['2026-09-20', true],
      ['2026-09-19', false],
    ])('%s is a working day: %s', (date, working) => {
      expect(isWorkingDay(date, calendar)).toBe(working);
    });

    it('lets a make-up workday win over a holiday listed on the same date', () => {
      expect(isWorkingDay('2026-10-10', { holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-10'] })).toBe(true);
    });
  });
});
