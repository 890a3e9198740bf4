import { z } from 'zod';
import { isIsoDate } from '#domain/dates.ts';
import { normaliseId } from '#domain/identifiers.ts';

/** Shared field schemas for request bodies and paths. */
export const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');
export const subjectIdField = z.string().min(1, 'is required').transform(normaliseId);
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const reason = text(2000);
