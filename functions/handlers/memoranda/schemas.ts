import { z } from 'zod';
import { boundedArray, BOUNDS, documentNoText, isoDate, text, titleText } from '#http/schemas.ts';

const code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -');

export const measureSchema = z
  .object({
    code,
    kind: z.enum(['punish', 'reward']),
    force: z.enum(['mandatory', 'reference', 'market']),
    departments: boundedArray(code).min(1, 'must name at least one department'),
    matters: boundedArray(code).min(1, 'must name at least one matter'),
    content: text(2000),
    legalBasis: text(1000),
  })
  .strict();

export const memorandumBody = z
  .object({
    code: code.optional(),
    title: titleText,
    documentNo: z.string().max(BOUNDS.documentNo, `must be at most ${BOUNDS.documentNo} characters`).nullable(),
    issuedOn: isoDate,
    leadDepartment: code,
    targetLists: boundedArray(code).min(1, 'must name at least one list'),
    measures: boundedArray(measureSchema)
      .min(1, 'must hold at least one measure')
      .refine((ms) => new Set(ms.map((m) => m.code)).size === ms.length, 'measure codes must be unique'),
  })
  .strict();
