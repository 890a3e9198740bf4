import { z } from 'zod';

/**
 * The published plan (一公开): `GET /v1/public/plans/{planId}` and `GET /v1/plans/{planId}/population`
 * (API.md, "Inspectors, plans, draws, results"). It carries everything needed to re-run the draw, so
 * its shape is checked here before anyone — the service or a member of the public — re-runs it.
 */
export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof STRATA)[number];

export type Strata = Record<Stratum, readonly string[]>;
export type Ratios = Record<Stratum, number>;

export interface RosterInspector {
  id: string;
  department: string;
  /** Industry prefixes the inspector is qualified for. */
  fields: readonly string[];
  /** Subjects the inspector must recuse from. */
  conflicts: readonly string[];
}

/** One sampled subject as the draw response and the public plan list it. */
export interface SampleEntry {
  subjectId: string;
  stratum: Stratum;
  ticket: string;
  team: string[] | null;
  unassignedReason?: string;
}

export interface PublicPlan {
  planId: string;
  ratios: Ratios;
  teamSize: number;
  departments: string[];
  seedCommitment: string;
  strata: Strata;
  exempt: string[];
  industries: Record<string, string>;
  inspectors: RosterInspector[];
  populationHash: string;
  seed?: string;
  sample?: SampleEntry[];
}

const ids = z.array(z.string());
const ratio = z.number().min(0).max(1);

const sampleEntrySchema = z.object({
  subjectId: z.string(),
  stratum: z.enum(STRATA),
  ticket: z.string(),
  team: z.array(z.string()).nullable(),
  unassignedReason: z.string().optional(),
});

export const publicPlanSchema = z.object({
  planId: z.string().min(1),
  ratios: z.object({ A: ratio, B: ratio, C: ratio, D: ratio }),
  teamSize: z.number().int().min(2),
  departments: z.array(z.string()).min(1),
  seedCommitment: z.string().regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 hex digest'),
  strata: z.object({ A: ids, B: ids, C: ids, D: ids }),
  exempt: ids,
  industries: z.record(z.string(), z.string()),
  inspectors: z.array(
    z.object({ id: z.string(), department: z.string(), fields: ids, conflicts: ids.default([]) }),
  ),
  populationHash: z.string(),
  seed: z.string().optional(),
  sample: z.array(sampleEntrySchema).optional(),
});

export type ParsedPlan = { ok: true; plan: PublicPlan } | { ok: false; problem: string };

/** Checks a document claimed to be a public plan; the problem names the first failing field. */
export function parsePublicPlan(doc: unknown): ParsedPlan {
  const parsed = publicPlanSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return { ok: false, problem: `${path || 'document'}: ${issue.message}` };
  }
  const plan = parsed.data as PublicPlan;
  if (plan.teamSize < plan.departments.length) {
    return { ok: false, problem: `teamSize: ${plan.teamSize} is less than the ${plan.departments.length} plan departments` };
  }
  return { ok: true, plan };
}
