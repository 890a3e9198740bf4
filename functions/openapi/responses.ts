import { z } from 'zod';
import { entitySchema } from '#domain/entities.ts';
import { recordViewSchema } from '#domain/records.ts';
import { STRATA } from '#domain/public-plan.ts';
import { OUTCOMES } from '#handlers/plans/schemas.ts';

/**
 * What the service answers, as zod schemas: they document the contract in the OpenAPI
 * document and are not used to parse anything at run time. Objects are left open (no
 * `additionalProperties: false`) because the contract lets the service add fields; a field is required
 * here only when every code path that builds the answer sets it.
 */
const date = z.iso.date().describe('Calendar date YYYY-MM-DD in China Standard Time (UTC+8)');
const instant = z.iso.datetime().describe('ISO-8601 instant, UTC');
const count = z.number().int().min(0);
const ids = z.array(z.string());

export const problem = z
  .object({
    type: z.string().describe('Always "about:blank": the status and title say what happened'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string().describe('The failing field, dotted; "(body)" for the body as a whole'), message: z.string() })),
    requestId: z.string().describe('Quote it when reporting a problem'),
  })
  .describe('An RFC 9457 problem (application/problem+json). 错误响应。');

export const health = z.object({ status: z.literal('ok') });

const subjectKind = z.enum(['enterprise', 'organization', 'person']);
const entityStatus = z.enum(['active', 'revoked', 'cancelled']);

export const entity = entitySchema;

export const entityView = entity
  .extend({
    riskClass: z.enum(['A', 'B', 'C', 'D']).describe('Credit risk class (DOMAIN.md §6)'),
    lists: ids.describe('Codes of the lists the subject is on now, sorted'),
  })
  .describe('An entity with its risk class and the lists it is on now.');

export const creditRecord = recordViewSchema;

export const recordList = z.object({ records: z.array(creditRecord).describe('Every record of the subject, newest decision first') });

export const inspector = z
  .object({
    id: z.string(),
    department: z.string(),
    name: z.string(),
    certificateNo: z.string(),
    fields: ids,
    conflicts: ids,
    updatedAt: instant,
    updatedBy: z.string(),
    requestId: z.string(),
  })
  .describe('An inspector in a department library (执法检查人员名录库).');

const ratios = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() });
const planScope = z.object({ regionPrefix: z.string().optional(), industryPrefix: z.string().optional() });
const population = z.object({ A: count, B: count, C: count, D: count, exempt: count });
const planMode = z.enum(['routine', 'key-item']);
const planStatus = z.enum(['frozen', 'drawn']);

export const planCreated = z
  .object({
    planId: z.string(),
    status: planStatus,
    population,
    populationHash: z.string(),
    title: z.string(),
    departments: ids,
    scope: planScope,
    ratios,
    teamSize: z.number().int(),
    mode: planMode,
    seedCommitment: z.string(),
  })
  .describe('A plan with its population frozen (双随机抽查计划).');

export const sampleEntry = z.object({
  subjectId: z.string(),
  stratum: z.enum(STRATA),
  ticket: z.string(),
  team: ids.nullable().describe('Inspector ids, or null when too few are eligible'),
  unassignedReason: z.string().optional(),
});

export const draw = z.object({ planId: z.string(), seed: z.string(), drawnAt: instant, sample: z.array(sampleEntry).describe('By ticket, ascending') });

export const inspectionResult = z
  .object({
    resultId: z.string(),
    planId: z.string(),
    subjectId: z.string(),
    outcome: z.enum(OUTCOMES),
    inspectedOn: date,
    findings: z.string().optional(),
    publishBy: date,
    late: z.boolean(),
    recordedAt: instant,
    recordedBy: z.string(),
    department: z.string(),
    listingRecordId: z.string().optional().describe('The ABNORMAL_OPERATION listing this result made, when the list keeper is a plan department'),
    referralNoticeId: z.string().optional().describe("Otherwise the notice (reason referral) that sent the listing decision to the list's keeper"),
  })
  .describe('An inspection result (抽查结果).');

const strataHashes = z
  .object({ A: z.string(), B: z.string(), C: z.string(), D: z.string() })
  .describe('Per stratum: SHA-256 hex of the line `<strataSalt>\n` followed by its sorted `<id>\n` lines');

export const planView = planCreated
  .extend({
    strataHashes,
    createdAt: instant,
    createdBy: z.string(),
    createdByDepartment: z.string(),
    requestId: z.string(),
    seed: z.string().optional(),
    drawnAt: instant.optional(),
    sampleSize: count.optional(),
    draw: z.object({ seed: z.string(), drawnAt: instant, sample: z.array(sampleEntry) }).optional(),
    results: z.array(inspectionResult),
    lateResults: z.array(inspectionResult),
  })
  .describe('A plan as its departments see it.');

const publishedResult = z.object({ subjectId: z.string(), outcome: z.enum(OUTCOMES), inspectedOn: date, recordedAt: instant });

const planSummary = {
  planId: z.string(),
  title: z.string(),
  departments: ids,
  ratios,
  teamSize: z.number().int(),
  mode: planMode,
  seedCommitment: z.string(),
  populationHash: z.string().describe('SHA-256 hex of the lines `<stratum>\t<id>\n` of every stratum member, strata A–D, ids sorted'),
  strataSizes: population,
  strataHashes,
  scope: planScope,
  seed: z.string().optional(),
  drawnAt: instant.optional(),
  results: z.array(publishedResult).optional().describe('Once drawn: every result recorded so far'),
};

export const publicPlan = z
  .object({
    ...planSummary,
    sample: z
      .array(z.object({ subjectId: z.string(), ticket: z.string(), team: ids.nullable().describe('Inspector ids, or null when too few are eligible') }))
      .optional()
      .describe('Once drawn: by ticket, ascending; no stratum (risk classes are internal)'),
  })
  .describe(
    'The public plan document (一公开): enough to check the seed against the commitment, every sampled ticket and the sample size. It names no subject outside the sample and no risk class; a deployment with PUBLIC_PLAN_STRATA=1 answers the full document here.',
  );

export const planPopulation = z
  .object({
    ...planSummary,
    strata: z.object({ A: ids, B: ids, C: ids, D: ids }).describe('Frozen population by risk class, ids sorted'),
    strataSalt: z.string().describe('The random salt of strataHashes, fixed at the freeze'),
    exempt: ids,
    industries: z.record(z.string(), z.string()).describe('Subject id → industry code'),
    inspectors: z
      .array(z.object({ id: z.string(), department: z.string(), fields: ids, conflicts: ids.describe('Only members of the population') }))
      .describe('The roster frozen with the plan'),
    sample: z.array(sampleEntry).optional().describe('Once drawn: by ticket, ascending'),
  })
  .describe('The full plan document: everything needed to re-run the whole draw, for plan departments and auditors.');

export const publicReport = z
  .object({
    id: z.string().describe("A person's identity number is masked"),
    name: z.string(),
    kind: subjectKind,
    status: entityStatus,
    records: z.array(
      z.object({
        type: z.enum(['licence', 'penalty', 'listing', 'inspection']),
        title: z.string(),
        documentNo: z.string(),
        decidedOn: date,
        department: z.string(),
        listCode: z.string().optional(),
        publicUntil: date.optional(),
        validUntil: date.optional(),
        endsOn: date.optional(),
        fineAmount: z.number().optional(),
        outcome: z.string().optional(),
      }),
    ),
    dataAsOf: instant,
  })
  .describe('A public credit report (信用信息公示): only what DOMAIN.md §8 allows.');

export const searchResults = z.object({
  results: z.array(z.object({ id: z.string(), name: z.string(), kind: subjectKind })).max(20),
});

