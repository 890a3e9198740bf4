import { z } from 'zod';
import { publishedResult, publishedResultSchema, type PlanResult } from './inspection-results.ts';
import { rosterInspectorSchema, type RosterInspector } from './inspectors.ts';
import { planSchema, sampleEntrySchema, STRATA, type Member, type Plan, type SampleEntry, type Stratum } from './plans.ts';
import { instant } from './values.ts';

/**
 * The two published forms of a plan (API.md, "Inspectors, plans, draws, results"):
 * - the public document (`GET /v1/public/plans/{planId}`, 一公开): sizes, salted per-stratum hashes,
 *   commitment, seed, sample and results — enough to check the commitment, every sampled ticket and
 *   the sample size, but it names no subject outside the sample and no subject's risk class;
 * - the full document (`GET /v1/plans/{planId}/population`, plan departments and auditors): the strata,
 *   exempt list, industries and roster as well — everything needed to re-run the whole draw.
 * The service answers exactly these schemas; a document is checked against them before anyone — the
 * service or a member of the public — verifies one.
 */
const ids = z.array(z.string());

/** What both documents carry: the plan's rules, sizes, hashes and commitment, and once drawn the seed and results. */
const documentSummary = planSchema
  .pick({ planId: true, title: true, departments: true, ratios: true, teamSize: true, mode: true, seedCommitment: true, populationHash: true, strataHashes: true, scope: true })
  .extend({
    strataSizes: planSchema.shape.population,
    seed: planSchema.shape.seed,
    drawnAt: instant.optional(),
    results: z.array(publishedResultSchema).optional().describe('Once drawn: every result recorded so far'),
  });

/** One sampled subject as the public document lists it: no stratum (risk classes are internal). */
export const publicSampleEntrySchema = sampleEntrySchema.pick({ subjectId: true, ticket: true, team: true });
export type PublicSampleEntry = z.infer<typeof publicSampleEntrySchema>;

export const publicPlanSchema = documentSummary
  .extend({
    sample: z.array(publicSampleEntrySchema).optional().describe('Once drawn: by ticket, ascending; no stratum (risk classes are internal)'),
  })
  .describe(
    'The public plan document (一公开): enough to check the seed against the commitment, every sampled ticket and the sample size. It names no subject outside the sample and no risk class.',
  );
export type PublicPlanDocument = z.infer<typeof publicPlanSchema>;

export const fullPlanSchema = documentSummary
  .extend({
    strata: z.object({ A: ids, B: ids, C: ids, D: ids }).describe('Frozen population by risk class, ids sorted'),
    strataSalt: planSchema.shape.strataSalt,
    exempt: ids.describe('Members exempt from the draw (routine plans: class A and red-listed), sorted'),
    industries: z.record(z.string(), z.string()).describe('Subject id → industry code'),
    inspectors: z.array(rosterInspectorSchema).describe('The roster frozen with the plan'),
    sample: z.array(sampleEntrySchema).optional().describe('Once drawn: by ticket, ascending'),
  })
  .describe('The full plan document: everything needed to re-run the whole draw, for plan departments and auditors.');
export type FullPlanDocument = z.infer<typeof fullPlanSchema>;

type Summary = z.infer<typeof documentSummary>;

function summaryOf(plan: Plan): Summary {
  const { planId, title, departments, ratios, teamSize, mode, seedCommitment, populationHash, strataHashes, scope } = plan;
  return { planId, title, departments, ratios, teamSize, mode, seedCommitment, populationHash, strataSizes: plan.population, strataHashes, scope };
}

/** What a drawn plan adds to either document. */
export interface DrawnPart {
  sample: SampleEntry[];
  results: PlanResult[];
}

/** The public document: before the draw its summary only; once drawn the seed, the sample without strata, the results. */
export function publicDocument(plan: Plan, drawn?: DrawnPart): PublicPlanDocument {
  const summary = summaryOf(plan);
  if (!drawn || !plan.drawnAt) return summary;
  const sample = drawn.sample.map(({ subjectId, ticket, team }) => ({ subjectId, ticket, team }));
  return { ...summary, seed: plan.seed, drawnAt: plan.drawnAt, sample, results: drawn.results.map(publishedResult) };
}

/** The full document from the frozen population (members by stratum and exempt) and roster. */
export function fullDocument(plan: Plan, population: Record<string, Member[]>, roster: RosterInspector[], drawn?: DrawnPart): FullPlanDocument {
  const industries: Record<string, string> = {};
  const strata: Record<Stratum, string[]> = { A: [], B: [], C: [], D: [] };
  for (const stratum of STRATA) {
    strata[stratum] = (population[stratum] ?? []).map(([id, industry]) => {
      industries[id] = industry;
      return id;
    });
  }
  const members = new Set(STRATA.flatMap((s) => strata[s]));
  const document: FullPlanDocument = {
    ...summaryOf(plan),
    strata,
    strataSalt: plan.strataSalt,
    exempt: (population.exempt ?? []).map(([id]) => id),
    industries,
    inspectors: roster.map((i) => ({ id: i.id, department: i.department, fields: i.fields, conflicts: i.conflicts.filter((c) => members.has(c)) })),
  };
  if (!drawn || !plan.drawnAt) return document;
  return { ...document, seed: plan.seed, drawnAt: plan.drawnAt, sample: drawn.sample, results: drawn.results.map(publishedResult) };
}

/**
 * What a verifier needs of a document: the fields that only describe the plan (title, mode, scope)
 * may be missing, and so may a full document's sizes and hashes, which it recomputes from the strata.
 */
const verifiablePublic = publicPlanSchema.partial({ title: true, mode: true, scope: true });
const verifiableFull = fullPlanSchema
  .partial({ title: true, mode: true, scope: true, strataSizes: true, strataHashes: true })
  .extend({ inspectors: z.array(rosterInspectorSchema.extend({ conflicts: ids.default([]) })) });
export type PublicPlan = z.infer<typeof verifiablePublic>;
export type FullPlan = z.infer<typeof verifiableFull>;

export type ParsedPlan =
  | { ok: true; kind: 'full'; plan: FullPlan }
  | { ok: true; kind: 'public'; plan: PublicPlan }
  | { ok: false; problem: string };

function firstProblem(error: z.ZodError): { ok: false; problem: string } {
  const issue = error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return { ok: false, problem: `${path || 'document'}: ${issue.message}` };
}

function teamProblem(plan: Pick<FullPlan, 'teamSize' | 'departments'>): { ok: false; problem: string } | undefined {
  if (plan.teamSize >= plan.departments.length) return undefined;
  return { ok: false, problem: `teamSize: ${plan.teamSize} is less than the ${plan.departments.length} plan departments` };
}

/**
 * Checks a document claimed to be a plan document; a document with `strata` is taken as the full one.
 * The problem names the first failing field.
 */
export function parsePlanDocument(doc: unknown): ParsedPlan {
  if (typeof doc === 'object' && doc !== null && 'strata' in doc) {
    const parsed = verifiableFull.safeParse(doc);
    if (!parsed.success) return firstProblem(parsed.error);
    return teamProblem(parsed.data) ?? { ok: true, kind: 'full', plan: parsed.data };
  }
  const parsed = verifiablePublic.safeParse(doc);
  if (!parsed.success) return firstProblem(parsed.error);
  return teamProblem(parsed.data) ?? { ok: true, kind: 'public', plan: parsed.data };
}
