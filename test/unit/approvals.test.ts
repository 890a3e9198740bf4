import { describe, expect, it } from 'vitest';
import { approvalIdFor, defaultSupervisors, licencePublishBy, taskDueOn, taskIdFor, taskStatus } from '#domain/approvals.ts';

const noHolidays = { holidays: [], makeUpWorkdays: [] };
// 2026 National Day: 1–8 October off (the weekdays among them are holidays); Sunday 27 Sep and
// Saturday 10 Oct are worked in exchange.
const nationalDay = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'],
  makeUpWorkdays: ['2026-09-27', '2026-10-10'],
};

describe('licence publication within 7 working days (双公示)', () => {
  it.each([
    ['a Monday', '2026-11-23', '2026-12-02'],
    ['a Friday', '2026-11-27', '2026-12-08'],
    ['a Saturday', '2026-11-28', '2026-12-08'],
  ])('counts from the first working day after %s', (_label, decidedOn, publishBy) => {
    expect(licencePublishBy(decidedOn, noHolidays)).toBe(publishBy);
  });

  it('skips holidays and counts make-up working days', () => {
    // Working days after Wed 30 Sep: Fri 9 Oct, Sat 10 Oct (make-up), Mon 12 … Fri 16.
    expect(licencePublishBy('2026-09-30', nationalDay)).toBe('2026-10-16');
    // Without the calendar the same decision would be due on Fri 9 Oct.
    expect(licencePublishBy('2026-09-30', noHolidays)).toBe('2026-10-09');
  });
});

describe('supervision tasks', () => {
  it('are due after the configured days of their matter, 30 by default', () => {
    expect(taskDueOn('COMMITMENT_APPROVAL', '2026-11-23')).toBe('2027-01-22');
    expect(taskDueOn('LICENCE', '2026-10-01')).toBe('2026-10-31');
    expect(taskDueOn('NO_SUCH_MATTER', '2026-02-01')).toBe('2026-03-03');
  });

  it('are open through their due day, overdue after it, done once completed', () => {
    expect(taskStatus({ dueOn: '2026-10-31' }, '2026-10-31')).toBe('open');
    expect(taskStatus({ dueOn: '2026-10-31' }, '2026-11-01')).toBe('overdue');
    expect(taskStatus({ dueOn: '2026-10-31', completion: {} }, '2026-11-01')).toBe('done');
  });

  it('default to the matter’s supervising departments', () => {
    expect(defaultSupervisors('BIDDING')).toEqual(['PUBLIC_RESOURCE', 'HOUSING']);
    expect(defaultSupervisors('NO_SUCH_MATTER')).toEqual([]);
  });
});

describe('idempotent identities', () => {
  it('give the same approval for the same department and licence number, another for another department', () => {
    expect(approvalIdFor('APPROVAL', 'L-1')).toBe(approvalIdFor('APPROVAL', 'L-1'));
    expect(approvalIdFor('APPROVAL', 'L-1')).not.toBe(approvalIdFor('MARKET', 'L-1'));
    expect(approvalIdFor('APPROVAL', 'L-1')).toMatch(/^ap[0-9a-f]{22}$/);
    expect(taskIdFor('ap1', 'MARKET')).not.toBe(taskIdFor('ap1', 'ECOLOGY'));
  });
});
