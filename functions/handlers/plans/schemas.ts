import { z } from 'zod';
import { boundedArray, freeText, isoDate, subjectIdField, titleText } from '#http/schemas.ts';

const ratio = z
  .number()
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1')
  .refine((r) => Math.abs(r * 10_000 - Math.round(r * 10_000)) < 1e-6, 'must have at most 4 decimals');

const department = z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'must be a department code');

export const planBody = z
  .object({
    title: titleText,
    departments: boundedArray(department)
      .min(1, 'must name at least one department')
      .refine((d) => new Set(d).size === d.length, 'must not repeat a department'),
    scope: z
      .object({
        regionPrefix: z.string().regex(/^\d{1,6}$/, 'must be 1–6 digits of a region code').optional(),
        industryPrefix: z.string().regex(/^[A-T](\d{1,4})?$/, 'must be a GB/T 4754 prefix').optional(),
      })
      .strict()
      .default({}),
    ratios: z.object({ A: ratio, B: ratio, C: ratio, D: ratio }).strict(),
    teamSize: z.number().int('must be a whole number').min(2, 'must be at least 2').max(100, 'must be at most 100').optional(),
    mode: z.enum(['routine', 'key-item']).default('routine'),
    seedCommitment: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex SHA-256 of the seed')
      .transform((c) => c.toLowerCase()),
  })
  .strict()
  .transform((b, ctx) => {
    const teamSize = b.teamSize ?? Math.max(2, b.departments.length);
    if (teamSize < b.departments.length) {
      ctx.addIssue({ code: 'custom', path: ['teamSize'], message: `must be at least the number of departments (${b.departments.length})` });
    }
    return { ...b, teamSize };
  });

export const drawBody = z.object({ seed: z.string().min(20, 'must be at least 20 characters').max(1000) }).strict();

export const OUTCOMES = ['NO_ISSUE', 'NOT_PUBLISHED', 'FALSE_INFO', 'UNREACHABLE', 'CORRECTED', 'NON_COOPERATION', 'NO_ACTIVITY', 'CLOSED'] as const;

export const resultBody = z
  .object({
    subjectId: subjectIdField,
    inspectedOn: isoDate,
    outcome: z.enum(OUTCOMES),
    findings: freeText.optional(),
  })
  .strict();

export const planIdParam = z.string().regex(/^pl[0-9a-f]{22}$/, 'is not a plan id');
