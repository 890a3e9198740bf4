import { z } from 'zod';

/** Value schemas the aggregates share. Dates are calendar dates in China Standard Time; instants UTC. */
export const calendarDate = z.iso.date().describe('Calendar date YYYY-MM-DD in China Standard Time (UTC+8)');
export const instant = z.iso.datetime().describe('ISO-8601 instant, UTC');
