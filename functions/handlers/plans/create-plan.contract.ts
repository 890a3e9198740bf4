import { z } from 'zod';
import { planCreatedSchema, planJobAcceptedSchema, planModeField } from '#domain/plans.ts';
import { defineContract } from '#http/contract.ts';
import { boundedArray, titleText } from '#http/schemas.ts';
import { planCreatedExample, planRequestExample } from './examples.ts';

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
      .refine((d) => new Set(d).size === d.length, 'must not repeat a department')
      .describe("The plan's departments; the caller's must be one of them. Their order is the order teams take one inspector of each"),
    scope: z
      .object({
        regionPrefix: z.string().regex(/^\d{1,6}$/, 'must be 1–6 digits of a region code').optional(),
        industryPrefix: z.string().regex(/^[A-T](\d{1,4})?$/, 'must be a GB/T 4754 prefix').optional(),
      })
      .strict()
      .default({})
      .describe('Which active enterprises the population covers; none: every one'),
    ratios: z.object({ A: ratio, B: ratio, C: ratio, D: ratio }).strict().describe('Share of each risk class to sample (DOMAIN.md §6 defaults: A 3%, B 5%, C 20%, D 100%)'),
    teamSize: z
      .number()
      .int('must be a whole number')
      .min(2, 'must be at least 2')
      .max(100, 'must be at most 100')
      .optional()
      .describe('At least the number of departments; default the larger of 2 and that number'),
    mode: planModeField.default('routine'),
    seedCommitment: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex SHA-256 of the seed')
      .transform((c) => c.toLowerCase())
      .describe('SHA-256 hex of the seed the draw will use; it fixes the plan id'),
  })
  .strict()
  .transform((b, ctx) => {
    const teamSize = b.teamSize ?? Math.max(2, b.departments.length);
    if (teamSize < b.departments.length) {
      ctx.addIssue({ code: 'custom', path: ['teamSize'], message: `must be at least the number of departments (${b.departments.length})` });
    }
    return { ...b, teamSize };
  });

export const createPlanContract = defineContract({
  method: 'POST',
  path: '/v1/plans',
  capability: 'plans',
  operationId: 'createPlan',
  summary: ['Create a plan and freeze its population', '创建双随机抽查计划并冻结抽查对象'],
  description:
    "Planner whose department is one of the plan's (403 otherwise). The plan freezes its population — the active enterprises in scope, by risk class; in routine mode class-A and red-listed ones are exempt — and the roster of its departments' inspectors, conflicts cut to the population. The same request again returns the same plan (200); a different plan with the same seedCommitment is 409. Concurrent creations with one seedCommitment commit one population. A scope of more than PLAN_INLINE_POPULATION index items (default 20,000) is frozen by a job: 202 with status `freezing`, then GET /v1/plans/{planId} shows its progress until it is `frozen` (or `failed`: the same request again re-runs it). The population is classified as of the request.",
  tag: 'Inspections',
  roles: ['planner'],
  body: {
    schema: planBody,
    name: 'PlanInput',
    description: 'departments must not repeat; each ratio has at most 4 decimals; teamSize must be at least the number of departments (default the larger of 2 and that number).',
    example: planRequestExample,
  },
  response: {
    schema: z.union([planCreatedSchema, planJobAcceptedSchema]),
    name: 'PlanCreated',
    statuses: { 201: 'Created, the population frozen', 200: 'The same request again', 202: 'Accepted: a job is freezing the population (PlanJobAccepted)' },
    example: planCreatedExample,
  },
  errors: [400, 401, 403, 409],
});
