import { z } from 'zod';
import { isoDate, text } from '#http/schemas.ts';

const code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -');

export const measureSchema = z
  .object({
    code,
    kind: z.enum(['punish', 'reward']),
    force: z.enum(['mandatory', 'reference', 'market']),
    departments: z.array(code).min(1, 'must name at least one department'),
    matters: z.array(code).min(1, 'must name at least one matter'),
    content: text(2000),
    legalBasis: text(1000),
  })
  .strict();

export const memorandumBody = z
  .object({
    code: code.optional(),
    title: text(500),
    documentNo: z.string().max(200).nullable(),
    issuedOn: isoDate,
    leadDepartment: code,
    targetLists: z.array(code).min(1, 'must name at least one list'),
    measures: z
      .array(measureSchema)
      .min(1, 'must hold at least one measure')
      .refine((ms) => new Set(ms.map((m) => m.code)).size === ms.length, 'measure codes must be unique'),
  })
  .strict();
