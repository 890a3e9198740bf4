import { z } from 'zod';
import { now } from '#domain/clock.ts';
import { checkIdParam } from '#domain/check-ids.ts';
import { BOUNDS, freeText, matterField, validSubjectId } from '#http/schemas.ts';

export { checkIdParam, matterField };

export const checkedSubjectId = validSubjectId;

export const checkBody = z
  .object({
    subjectId: checkedSubjectId,
    matter: matterField,
    asOf: z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 instant' })
      .transform((s) => new Date(s).toISOString())
      .refine((s) => Date.parse(s) <= Date.parse(now().at) + 60_000, 'must not be in the future')
      .optional(),
  })
  .strict();

export const batchBody = z
  .object({
    matter: matterField,
    subjectIds: z.array(checkedSubjectId).min(1, 'must hold at least one id').max(100, 'must hold at most 100 ids'),
  })
  .strict();

export const feedbackBody = z
  .object({
    measure: z
      .string()
      .max(2 * BOUNDS.code + 1, `must be at most ${2 * BOUNDS.code + 1} characters`)
      .regex(/^[^/]+\/[^/]+$/, 'must be "<memorandum>/<measure>"'),
    outcome: z.enum(['applied', 'not-applied']),
    note: freeText.optional(),
  })
  .strict()
  .refine((b) => b.outcome !== 'not-applied' || b.note !== undefined, {
    path: ['note'],
    message: 'is required when the measure was not applied',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  });
