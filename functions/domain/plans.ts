import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Entity } from './entities.ts';
import { planResultSchema, type PlanResult } from './inspection-results.ts';
import type { RiskClass } from './risk-classes.ts';
import { instant } from './values.ts';

/**
 * Double-random inspection plans (双随机、一公开, DOMAIN.md §6): the population frozen at creation by
 * risk class, the inspector roster frozen with it, the rules for who is exempt, and the draw.
 */
export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof STRATA)[number];
export const PLAN_MODES = ['routine', 'key-item'] as const;
export const PLAN_STATUSES = ['frozen', 'drawing', 'drawn'] as const;
/** A plan whose population is not frozen yet: a job is freezing it, or gave up (re-run by the same request). */
export const PENDING_PLAN_STATUSES = ['freezing', 'failed'] as const;

export const stratumField = z
  .enum(STRATA)
  .describe('Credit risk class, internal (DOMAIN.md §6): A low risk · B general · C higher · D high risk');
export const planModeField = z
  .enum(PLAN_MODES)
  .describe('routine 日常抽查: class-A and red-listed entities are exempt (无事不扰) · key-item 重点检查事项: nobody is exempt');
const planStatusField = z
  .enum(PLAN_STATUSES)
  .describe('frozen 已冻结: the population and the roster are fixed, not drawn yet · drawing 抽取中: the seed was accepted and a job is drawing · drawn 已抽取: the sample and its teams are drawn, results may be recorded');
const pendingStatusField = z
  .enum(PENDING_PLAN_STATUSES)
  .describe('freezing 冻结中: a job is classifying and freezing the population · failed 失败: the job gave up (the same request again re-runs it)');

const perStratum = <T extends z.ZodType>(value: T) => z.object({ A: value, B: value, C: value, D: value });
const count = z.number().int().min(0);
const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 hex digest');
/** How many chunk items each named list took. */
const chunkIndex = z.record(z.string(), z.number().int().min(0));

/** A plan document published as a file (functions/data/files.ts): its content's SHA-256, which names the file, and its length. */
export const publishedDocumentSchema = z.object({ sha256: hex64, bytes: count });
export type PublishedDocument = z.infer<typeof publishedDocumentSchema>;
/** Which documents a plan publishes: the public one and the full one, once frozen (population) and once drawn (draw), results left out. */
export const PLAN_DOCUMENT_SLOTS = ['populationPublic', 'populationFull', 'drawPublic', 'drawFull'] as const;
export type PlanDocumentSlot = (typeof PLAN_DOCUMENT_SLOTS)[number];
export type PlanDocumentKind = 'public' | 'full';

/**
 * A plan as its meta item stores it. The frozen population, roster and sample live in chunk items
 * written by one freeze (or draw) attempt, `freezeId` (or `drawId`); the meta names the attempt whose
 * chunks count, so a lost concurrent attempt's chunks are never read.
 */
export const planSchema = z.object({
  planId: z.string().min(1).describe('Derived from the seed commitment, so a retried creation finds the same plan'),
  title: z.string(),
  departments: z.array(z.string()).min(1).describe("The plan's departments in the plan's order; a team takes one eligible inspector of each first"),
  scope: z
    .object({
      regionPrefix: z.string().optional().describe('Leading digits of the region code (GB/T 2260)'),
      industryPrefix: z.string().optional().describe('GB/T 4754 industry prefix'),
    })
    .describe('Which active enterprises the population covers'),
  ratios: perStratum(z.number().min(0).max(1)).describe('Share of each risk class to sample, 0–1 with at most 4 decimals'),
  teamSize: z.number().int().min(2).describe('Inspectors per sampled subject: at least 2 and at least the number of departments'),
  mode: planModeField,
  seedCommitment: hex64.describe('SHA-256 hex of the seed, fixed before the draw'),
  status: planStatusField,
  population: perStratum(count).extend({ exempt: count }).describe('Frozen members per risk class, and how many are exempt'),
  populationHash: z.string().describe('SHA-256 hex of the lines `<stratum>\\t<id>\\n` of every stratum member, strata A–D, ids sorted'),
  strataSalt: z.string().min(1).describe('A random string fixed at the freeze; strataHashes are salted with it'),
  strataHashes: perStratum(hex64).describe('Per stratum: SHA-256 hex of the line `<strataSalt>\\n` followed by its sorted `<id>\\n` lines'),
  freezeId: z.string(),
  populationChunks: chunkIndex,
  rosterChunks: chunkIndex,
  requestHash: z.string(),
  createdAt: instant,
  createdBy: z.string(),
  createdByDepartment: z.string(),
  requestId: z.string(),
  seed: z.string().optional().describe('Once drawn: the seed, whose SHA-256 is seedCommitment'),
  drawnAt: instant.optional(),
  drawnBy: z.string().optional(),
  drawRequestId: z.string().optional(),
  drawId: z.string().optional(),
  sampleChunks: chunkIndex.optional(),
  sampleSize: count.optional(),
  /** While a draw job runs: what the accepted request asked for, so the job draws as the request would have. */
  drawJob: z.object({ seed: z.string(), requestedAt: instant, requestedBy: z.string(), requestId: z.string() }).optional(),
  frozenAt: instant.optional().describe('When the population was committed'),
  asOf: instant.optional().describe('The instant the population was classified as of (the freeze job\'s start)'),
  /** The files its documents were published as, recorded after the commit (a projection: a missing one is published when read). */
  documents: z.partialRecord(z.enum(PLAN_DOCUMENT_SLOTS), publishedDocumentSchema).optional(),
});
export type Plan = z.infer<typeof planSchema>;

/** The slot of the plan's document of this kind as the plan now stands: the population's until it is drawn, then the draw's. */
export const documentSlot = (plan: Pick<Plan, 'drawnAt'>, kind: PlanDocumentKind): PlanDocumentSlot =>
  `${plan.drawnAt ? 'draw' : 'population'}${kind === 'public' ? 'Public' : 'Full'}`;

/** What one worker of a freeze job froze of its segment: the chunks of its attempt and its counts. */
export const frozenSegmentSchema = z.object({
  attempt: z.string(),
  chunks: chunkIndex,
  members: count,
  items: count,
});
export type FrozenSegment = z.infer<typeof frozenSegmentSchema>;

/**
 * A plan whose population a job is freezing (or gave up freezing). Its item is claimed before any
 * work, so concurrent creations with one commitment find it; the commit replaces it with the frozen plan.
 */
export const pendingPlanSchema = planSchema
  .pick({ planId: true, title: true, departments: true, scope: true, ratios: true, teamSize: true, mode: true, seedCommitment: true, strataSalt: true, freezeId: true, requestHash: true, createdAt: true, createdBy: true, createdByDepartment: true, requestId: true })
  .extend({
    status: pendingStatusField,
    asOf: instant.describe('The population is classified as of this instant, the job\'s start'),
    segments: z.number().int().min(1).describe('How many segments (shards of the population index) the job freezes'),
    frozenSegments: z.record(z.string(), frozenSegmentSchema).describe('The segments frozen so far, by number'),
    failure: z.string().optional(),
  });
export type PendingPlan = z.infer<typeof pendingPlanSchema>;
/** A plan item as stored: frozen (or drawing, drawn), or still pending. */
export type StoredPlan = Plan | PendingPlan;
export const isPending = (plan: StoredPlan): plan is PendingPlan => plan.status === 'freezing' || plan.status === 'failed';

/** How far a freeze job has got. */
export const freezeProgressSchema = z
  .object({
    segments: z.number().int().describe('Segments of the population index the job freezes'),
    segmentsFrozen: count.describe('Segments frozen so far'),
    subjectsFrozen: count.describe('Enterprises placed so far'),
  })
  .describe('Progress of the freeze job');

export function freezeProgress(plan: PendingPlan): z.infer<typeof freezeProgressSchema> {
  const frozen = Object.values(plan.frozenSegments);
  return { segments: plan.segments, segmentsFrozen: frozen.length, subjectsFrozen: frozen.reduce((n, s) => n + s.members, 0) };
}
export type Ratios = Plan['ratios'];
export type StrataSizes = Plan['population'];
export type Strata = Record<Stratum, readonly string[]>;

/** A frozen member of a population: its id and its industry (teams need the industry). */
export const memberSchema = z.tuple([z.string(), z.string()]);
export type Member = z.infer<typeof memberSchema>;

/** What a planner asks for; the rest of the plan is frozen, hashed and stamped by the service. */
export type PlanRequest = Pick<Plan, 'title' | 'departments' | 'scope' | 'ratios' | 'teamSize' | 'mode' | 'seedCommitment'>;

/** One sampled subject as the draw and the full document list it. */
export const sampleEntrySchema = z.object({
  subjectId: z.string(),
  stratum: stratumField,
  ticket: z.string().describe('"0." + the reversed decimal digits of SHA-256(seedHash + subjectId); the lowest tickets of each stratum are sampled'),
  team: z.array(z.string()).nullable().describe('Inspector ids: the lowest-ticket eligible one of each plan department, then the lowest tickets; null when too few are eligible'),
  unassignedReason: z.string().optional().describe('Why the subject has no team'),
});
export type SampleEntry = z.infer<typeof sampleEntrySchema>;

/** The answer to a draw. */
export const drawSchema = z
  .object({ planId: z.string(), seed: z.string(), drawnAt: instant, sample: z.array(sampleEntrySchema).describe('Every sampled subject, by ticket ascending') })
  .describe('A drawn sample with its teams (双随机抽取结果).');
export type Draw = z.infer<typeof drawSchema>;

/** A plan creation or draw accepted as a job (202): follow it with GET /v1/plans/{planId}. */
export const planJobAcceptedSchema = z
  .object({ planId: z.string(), status: z.enum(['freezing', 'drawing']).describe('freezing: the population is being frozen · drawing: the sample is being drawn') })
  .describe('Accepted: a job is freezing the population or drawing the sample (202).');

/** A plan as its creation answers it: the request and the frozen counts. */
export const planCreatedSchema = planSchema
  .pick({ planId: true, status: true, population: true, populationHash: true, title: true, departments: true, scope: true, ratios: true, teamSize: true, mode: true, seedCommitment: true })
  .describe('A plan with its population frozen (双随机抽查计划).');

export function planCreated(plan: Plan): z.infer<typeof planCreatedSchema> {
  const { planId, status, population, populationHash, title, departments, scope, ratios, teamSize, mode, seedCommitment } = plan;
  return { planId, status, population, populationHash, title, departments, scope, ratios, teamSize, mode, seedCommitment };
}

/** A plan as its departments and auditors see it: no storage internals and no salt, with the draw and the results. */
export const planViewSchema = planSchema
  .omit({ populationChunks: true, rosterChunks: true, sampleChunks: true, requestHash: true, freezeId: true, drawId: true, strataSalt: true, drawJob: true, documents: true })
  .extend({
    draw: drawSchema.omit({ planId: true }).optional().describe('Once drawn'),
    results: z.array(planResultSchema).describe('Every result recorded so far'),
    lateResults: z.array(planResultSchema).describe('The results recorded after their publishBy'),
  })
  .describe('A plan as its departments see it, with its draw and results.');
export type PlanView = z.infer<typeof planViewSchema>;

export function planView(plan: Plan, sample: SampleEntry[], results: PlanResult[]): PlanView {
  const { populationChunks: _p, rosterChunks: _r, sampleChunks: _s, requestHash: _h, freezeId: _f, drawId: _d, strataSalt: _salt, drawJob: _j, documents: _docs, ...shown } = plan;
  return {
    ...shown,
    ...(plan.drawnAt && plan.seed !== undefined ? { draw: { seed: plan.seed, drawnAt: plan.drawnAt, sample } } : {}),
    results,
    lateResults: results.filter((r) => r.late),
  };
}

/** A plan still being frozen (or whose freeze failed), as GET /v1/plans/{planId} shows it. */
export const pendingPlanViewSchema = pendingPlanSchema
  .pick({ planId: true, title: true, departments: true, scope: true, ratios: true, teamSize: true, mode: true, seedCommitment: true, createdAt: true, createdBy: true, createdByDepartment: true, requestId: true, asOf: true, status: true, failure: true })
  .extend({ progress: freezeProgressSchema })
  .describe('A plan whose population a job is still freezing (or failed to).');
export type PendingPlanView = z.infer<typeof pendingPlanViewSchema>;

export function pendingPlanView(plan: PendingPlan): PendingPlanView {
  const { planId, title, departments, scope, ratios, teamSize, mode, seedCommitment, createdAt, createdBy, createdByDepartment, requestId, asOf, status, failure } = plan;
  return { planId, title, departments, scope, ratios, teamSize, mode, seedCommitment, createdAt, createdBy, createdByDepartment, requestId, asOf, status, ...(failure ? { failure } : {}), progress: freezeProgress(plan) };
}

/** What placing a subject in a population needs to know of it. */
export type PopulationCandidate = Pick<Entity, 'id' | 'kind' | 'status' | 'region' | 'industry'> & { riskClass: RiskClass; onRedList: boolean };

/** Which candidates a plan covers, and whether each is drawn from or exempt (无事不扰 in routine plans). */
export function placeInPopulation(candidate: PopulationCandidate, request: Pick<PlanRequest, 'scope' | 'mode'>): Stratum | 'exempt' | undefined {
  if (candidate.kind !== 'enterprise' || candidate.status !== 'active') return undefined;
  if (request.scope.regionPrefix && !candidate.region.startsWith(request.scope.regionPrefix)) return undefined;
  if (request.scope.industryPrefix && !(candidate.industry ?? '').startsWith(request.scope.industryPrefix)) return undefined;
  if (request.mode === 'routine' && (candidate.riskClass === 'A' || candidate.onRedList)) return 'exempt';
  return candidate.riskClass;
}

/** A plan's id follows from its seed commitment, so a retried creation finds the same plan. */
export function planIdFor(seedCommitment: string): string {
  return `pl${createHash('sha256').update(`plan|${seedCommitment}`).digest('hex').slice(0, 22)}`;
}

/** A plan id as planIdFor makes them, e.g. in a path. */
export const planIdField = z.string().regex(/^pl[0-9a-f]{22}$/, 'is not a plan id');

export function planRequestHash(request: PlanRequest): string {
  const { title, departments, scope, ratios, teamSize, mode, seedCommitment } = request;
  return createHash('sha256')
    .update(JSON.stringify([title, departments, scope.regionPrefix ?? '', scope.industryPrefix ?? '', ratios.A, ratios.B, ratios.C, ratios.D, teamSize, mode, seedCommitment]))
    .digest('hex');
}

export const PLAN_LIST_STATUSES = ['all', 'freezing', 'frozen', 'drawing', 'drawn', 'failed'] as const;
/** Plans the public list shows: those whose population is frozen (一公开 publishes nothing before). */
export const PUBLISHED_PLAN_STATUSES = ['frozen', 'drawing', 'drawn'] as const;

/** One plan in a list: what it is, how far it has got, and its counts. */
export const planListEntrySchema = z
  .object({
    planId: z.string(),
    title: z.string(),
    departments: z.array(z.string()),
    status: z.enum([...PENDING_PLAN_STATUSES, ...PLAN_STATUSES]).describe('freezing 冻结中 · failed 冻结失败 · frozen 已冻结 · drawing 抽取中 · drawn 已抽取'),
    createdAt: instant,
    drawnAt: instant.optional().describe('Once drawn'),
    strataSizes: perStratum(count).extend({ exempt: count }).nullable().describe('Frozen members per risk class and exempt; null until the population is frozen'),
    sampleSize: count.nullable().describe('Subjects drawn; null until drawn'),
    resultCount: count.describe('Results recorded so far'),
  })
  .describe('A plan as the lists show it.');
export type PlanListEntry = z.infer<typeof planListEntrySchema>;

export function planListEntry(plan: StoredPlan, resultCount: number): PlanListEntry {
  const { planId, title, departments, status, createdAt } = plan;
  if (isPending(plan)) return { planId, title, departments, status, createdAt, strataSizes: null, sampleSize: null, resultCount: 0 };
  return {
    planId,
    title,
    departments,
    status,
    createdAt,
    ...(plan.drawnAt ? { drawnAt: plan.drawnAt } : {}),
    strataSizes: plan.population,
    sampleSize: plan.drawnAt ? (plan.sampleSize ?? 0) : null,
    resultCount,
  };
}
