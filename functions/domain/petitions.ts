import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { IsoDate } from './dates.ts';
import type { Stamp } from './records.ts';
import { calendarDate, instant } from './values.ts';

/**
 * What objections (异议申诉) and repair applications (信用修复申请) share: a subject's request about one
 * record, filed without a token and decided by the department that made the record within a number of
 * working days. Each is one item in the subject's partition; the filer follows it with a tracking code
 * given once; a decision that changes the record is written first and carried out after (`settled`).
 * Ids, codes, deadlines and the decision's stamp live here. Pure but for randomness.
 */

/** Letters and digits that survive being read aloud or typed from paper (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const randomCode = (length: number) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const derivedCode = (seed: string, length: number) =>
  [...createHash('sha256').update(seed, 'utf8').digest().subarray(0, length)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

/** A new id: the kind's two letters and eighteen characters, random, or derived from an Idempotency-Key (the same key, the same id). */
export const petitionIdFor = (prefix: 'OB' | 'RA', idempotencyKey: string | undefined) =>
  `${prefix}${idempotencyKey === undefined ? randomCode(18) : derivedCode(`${prefix}-request\n${idempotencyKey}`, 18)}`;

export const newTrackingCode = () => randomCode(12);

/** Whether a typed code is the stored one: case and surrounding spaces do not matter; compared in constant time. */
export function codesMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim().toUpperCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const isOverdue = (p: { status: string; dueBy: IsoDate }, today: IsoDate) => p.status === 'open' && p.dueBy < today;

/** The decision's fields and its step, as both kinds record them. */
export function decisionFields(stamp: Stamp) {
  return { decidedAt: stamp.at, decidedBy: stamp.sub, decidedInRequest: stamp.requestId };
}

/** The stamp a decision's record change carries, whoever completes it (the request, its retry, the sweep). */
export const decisionStamp = (p: { department: string; decidedBy?: string | undefined; decidedAt?: string | undefined; decidedInRequest?: string | undefined; filedAt: string }, id: string): Stamp => ({
  sub: p.decidedBy ?? 'system',
  department: p.department,
  at: p.decidedAt ?? p.filedAt,
  requestId: p.decidedInRequest ?? id,
});

/** The fields both kinds carry; each adds its id, its own content, its decision and its steps. */
export const petitionFields = {
  trackingCode: z.string(),
  subjectId: z.string(),
  recordId: z.string(),
  /** The record's department: the one that decides. */
  department: z.string(),
  record: z.object({ type: z.string(), documentNo: z.string(), title: z.string(), decidedOn: calendarDate }),
  /** Personal information: shown to the deciding department only, never public, never logged. */
  contact: z.string(),
  filedAt: instant,
  dueBy: calendarDate,
  status: z.enum(['open', 'decided']),
  note: z.string().optional(),
  decidedAt: instant.optional(),
  decidedBy: z.string().optional(),
  decidedInRequest: z.string().optional(),
  /** Whether the record change a decision makes has been made (true while open, and for a decision that changes nothing). */
  settled: z.boolean(),
  requestHash: z.string(),
  version: z.number().int().min(1),
};

/** What the department's view leaves out: the filer's code and the store's bookkeeping. */
export const INTERNAL_FIELDS = { trackingCode: true, requestHash: true, version: true, settled: true, decidedInRequest: true } as const;

/** What the filer's view shows of either kind, with its id and decision added. */
export const publicPetitionFields = {
  recordId: z.string(),
  status: z.enum(['open', 'decided']),
  filedAt: instant,
  dueBy: calendarDate,
  note: z.string().optional(),
  decidedAt: instant.optional(),
};
