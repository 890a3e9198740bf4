import { z } from 'zod';
import { cstDate, isIsoDate } from '#domain/dates.ts';
import { idFamily, normaliseId } from '#domain/identifiers.ts';
import { isKnownMatter } from '#domain/reference.ts';

/**
 * Shared field schemas for request bodies and paths, with the bounds API.md states (Conventions:
 * Bounds): every string and array has a maximum, and the OpenAPI document shows it because the
 * document is generated from these schemas.
 */
export const BOUNDS = { pathId: 64, code: 64, title: 200, documentNo: 200, freeText: 4000, items: 100 } as const;

export const isoDate = z.string().max(10, 'must be a calendar date YYYY-MM-DD').refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');

const ID_MAX = `must be at most ${BOUNDS.pathId} characters`;
/**
 * A subject id, normalised (upper case, spaces and hyphens removed), at most 64 characters once
 * normalised; the raw bound only keeps the normalising cheap.
 */
export const subjectIdField = z
  .string()
  .min(1, 'is required')
  .max(4 * BOUNDS.pathId, ID_MAX)
  .transform(normaliseId)
  .refine((id) => id.length <= BOUNDS.pathId, ID_MAX);

/** A subject id with a valid check character: a credit code or a resident identity number. */
export const validSubjectId = subjectIdField.refine(
  (id) => idFamily(id, cstDate(new Date())) !== undefined,
  'must be a unified social credit code or a resident identity number with a valid check character',
);
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const titleText = text(BOUNDS.title);
export const documentNoText = text(BOUNDS.documentNo);
/** Reasons, notes, findings, contents. */
export const freeText = text(BOUNDS.freeText);
export const reason = freeText;
/** A code from the reference catalogue (a list, matter or department); whether it is known is the use case's 422. */
export const codeField = z.string().min(1, 'must not be empty').max(BOUNDS.code, `must be at most ${BOUNDS.code} characters`);
/** An array of at most `max` items (100 unless the contract states otherwise). */
export const boundedArray = <T extends z.ZodType>(item: T, max: number = BOUNDS.items) => z.array(item).max(max, `must hold at most ${max} items`);
/** A matter code (an approval item) from the reference catalogue; an unknown one is 400. */
export const matterField = codeField.refine(isKnownMatter, 'must be a known matter code (see data/lists.json matters)');

export const CURSOR_MAX = 2048;
/** `?limit=` and `?cursor=` of a paginated route (the cursor is opened by #http/pagination.ts). */
export const pageQuery = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: z.string().min(1, 'must not be empty').max(CURSOR_MAX, `must be at most ${CURSOR_MAX} characters`).optional(),
});
