import { z } from 'zod';
import { cstDate, isIsoDate } from '#domain/dates.ts';
import { idFamily, normaliseId } from '#domain/identifiers.ts';

/** Shared field schemas for request bodies and paths. */
export const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');
export const subjectIdField = z.string().min(1, 'is required').transform(normaliseId);

/** A subject id with a valid check character: a credit code or a resident identity number. */
export const validSubjectId = subjectIdField.refine(
  (id) => idFamily(id, cstDate(new Date())) !== undefined,
  'must be a unified social credit code or a resident identity number with a valid check character',
);
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const reason = text(2000);
