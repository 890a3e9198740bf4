import { z } from 'zod';

/**
 * The two published forms of a plan (API.md, "Inspectors, plans, draws, results"):
 * - the public document (`GET /v1/public/plans/{planId}`, 一公开): sizes, salted per-stratum hashes,
 *   commitment, seed, sample and results — enough to check the commitment, every sampled ticket and
 *   the sample size, but it names no subject outside the sample and no subject's risk class;
 * - the full document (`GET /v1/plans/{planId}/population`, plan departments and auditors): the strata,
 *   exempt list, industries and roster as well — everything needed to re-run the whole draw.
 * Their shapes are checked here before anyone — the service or a member of the public — verifies one.
 */
export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof STRATA)[number];

export type Strata = Record<Stratum, readonly string[]>;
export type Ratios = Record<Stratum, number>;
export type StrataSizes = Record<Stratum | 'exempt', number>;

export interface RosterInspector {
  id: string;
  department: string;
  /** Industry prefixes the inspector is qualified for. */
  fields: readonly string[];
  /** Subjects the inspector must recuse from. */
  conflicts: readonly string[];
}

/** One sampled subject as the draw response and the full document list it. */
export interface SampleEntry {
  subjectId: string;
  stratum: Stratum;
  ticket: string;
  team: string[] | null;
  unassignedReason?: string;
}

/** One sampled subject as the public document lists it: no stratum (risk classes are internal). */
export interface PublicSampleEntry {
  subjectId: string;
  ticket: string;
  team: string[] | null;
}

export interface PublishedResult {
  subjectId: string;
  outcome: string;
  inspectedOn: string;
  recordedAt: string;
}

interface PlanCore {
  planId: string;
  ratios: Ratios;
  teamSize: number;
  departments: string[];
  seedCommitment: string;
  populationHash: string;
  seed?: string;
  results?: PublishedResult[];
}

export interface PublicPlan extends PlanCore {
  strataSizes: StrataSizes;
  strataHashes: Record<Stratum, string>;
  sample?: PublicSampleEntry[];
}

export interface FullPlan extends PlanCore {
  strata: Strata;
  /** A random string fixed at the freeze; `strataHashes` are salted with it. */
  strataSalt: string;
  exempt: string[];
  industries: Record<string, string>;
  inspectors: RosterInspector[];
  sample?: SampleEntry[];
  strataSizes?: StrataSizes;
  strataHashes?: Record<Stratum, string>;
}

const ids = z.array(z.string());
const ratio = z.number().min(0).max(1);
const count = z.number().int().min(0);
const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 hex digest');
const team = z.array(z.string()).nullable();

const core = {
  planId: z.string().min(1),
  ratios: z.object({ A: ratio, B: ratio, C: ratio, D: ratio }),
  teamSize: z.number().int().min(2),
  departments: z.array(z.string()).min(1),
  seedCommitment: hex64,
  populationHash: z.string(),
  seed: z.string().optional(),
  results: z.array(z.object({ subjectId: z.string(), outcome: z.string(), inspectedOn: z.string(), recordedAt: z.string() })).optional(),
};
const strataSizes = z.object({ A: count, B: count, C: count, D: count, exempt: count });
const strataHashes = z.object({ A: hex64, B: hex64, C: hex64, D: hex64 });

export const publicPlanSchema = z.object({
  ...core,
  strataSizes,
  strataHashes,
  sample: z.array(z.object({ subjectId: z.string(), ticket: z.string(), team })).optional(),
});

export const fullPlanSchema = z.object({
  ...core,
  strata: z.object({ A: ids, B: ids, C: ids, D: ids }),
  strataSalt: z.string().min(1),
  exempt: ids,
  industries: z.record(z.string(), z.string()),
  inspectors: z.array(z.object({ id: z.string(), department: z.string(), fields: ids, conflicts: ids.default([]) })),
  sample: z
    .array(z.object({ subjectId: z.string(), stratum: z.enum(STRATA), ticket: z.string(), team, unassignedReason: z.string().optional() }))
    .optional(),
  strataSizes: strataSizes.optional(),
  strataHashes: strataHashes.optional(),
});

export type ParsedPlan =
  | { ok: true; kind: 'full'; plan: FullPlan }
  | { ok: true; kind: 'public'; plan: PublicPlan }
  | { ok: false; problem: string };

/**
 * Checks a document claimed to be a plan document; a document with `strata` is taken as the full one.
 * The problem names the first failing field.
 */
export function parsePlanDocument(doc: unknown): ParsedPlan {
  const full = typeof doc === 'object' && doc !== null && 'strata' in doc;
  const parsed = (full ? fullPlanSchema : publicPlanSchema).safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return { ok: false, problem: `${path || 'document'}: ${issue.message}` };
  }
  const plan = parsed.data;
  if (plan.teamSize < plan.departments.length) {
    return { ok: false, problem: `teamSize: ${plan.teamSize} is less than the ${plan.departments.length} plan departments` };
  }
  return full ? { ok: true, kind: 'full', plan: plan as FullPlan } : { ok: true, kind: 'public', plan: plan as PublicPlan };
}
