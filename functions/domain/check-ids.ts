import { randomBytes } from 'node:crypto';

/** Check ids sort by time, so a subject's checks in a window are one range of its partition. */
export function newCheckId(at: Date): string {
  return `${checkIdFloor(at)}${randomBytes(8).toString('hex')}`;
}

/** The smallest check id of the instant: ranges of check ids are ranges of time. */
export const checkIdFloor = (at: Date) => at.getTime().toString(36).padStart(9, '0');
