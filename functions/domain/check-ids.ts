import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Check ids sort by time, so a subject's checks in a window are one range of its partition. */
export function newCheckId(at: Date): string {
  return `${checkIdFloor(at)}${randomBytes(8).toString('hex')}`;
}

/** The smallest check id of the instant: ranges of check ids are ranges of time. */
export const checkIdFloor = (at: Date) => at.getTime().toString(36).padStart(9, '0');

/** A check id as a path or body field: 9 base-36 time digits and 16 hex digits. */
export const checkIdParam = z.string().regex(/^[0-9a-z]{9}[0-9a-f]{16}$/, 'is not a check id');
