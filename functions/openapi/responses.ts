import { z } from 'zod';
import { entitySchema } from '#domain/entities.ts';
import { recordViewSchema } from '#domain/records.ts';
import { COMMITMENT_TYPES } from '#domain/commitments.ts';

/**
 * What the service answers, as zod schemas: they document the contract (shared/API.md) in the OpenAPI
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

export const entity = entitySchema;

export const entityView = entity
  .extend({
    riskClass: z.enum(['A', 'B', 'C', 'D']).describe('Credit risk class (DOMAIN.md §6)'),
    lists: ids.describe('Codes of the lists the subject is on now, sorted'),
  })
  .describe('An entity with its risk class and the lists it is on now.');

const verificationOutcome = z.enum(['fulfilled', 'partly', 'unfulfilled']);
const verification = z.object({ outcome: verificationOutcome, note: z.string(), by: z.string(), department: z.string().optional(), at: instant, requestId: z.string().optional() });

export const creditRecord = recordViewSchema;

export const recordList = z.object({ records: z.array(creditRecord).describe('Every record of the subject, newest decision first') });

const measure = z.object({
  code: z.string(),
  kind: z.enum(['punish', 'reward']),
  force: z.enum(['mandatory', 'reference', 'market']),
  departments: ids,
  matters: ids,
  content: z.string(),
  legalBasis: z.string(),
});

export const memorandum = z
  .object({
    code: z.string(),
    title: z.string(),
    documentNo: z.string().nullable(),
    issuedOn: date,
    leadDepartment: z.string(),
    targetLists: ids,
    measures: z.array(measure),
    version: z.number().int().min(1).describe('Incremented on every change'),
  })
  .describe('A joint reward-punishment memorandum (联合奖惩备忘录) at its current version.');

export const memorandumList = z.object({
  catalogueVersion: count.describe('The catalogue version these memoranda belong to'),
  memoranda: z.array(memorandum),
});

const hit = z.object({
  listCode: z.string(),
  kind: z.enum(['black', 'red']),
  recordId: z.string(),
  via: z.enum(['self', 'legalRepresentative']),
  since: date.describe("The listing's decidedOn"),
  until: date.optional(),
  enterpriseId: z.string().optional().describe('Via the legal representative: the listed enterprise'),
});

const appliedMeasure = z.object({
  memorandum: z.string(),
  version: z.number().int(),
  measure: z.string(),
  kind: z.enum(['punish', 'reward']),
  force: z.enum(['mandatory', 'reference', 'market']),
  content: z.string(),
  legalBasis: z.string(),
  triggeredBy: ids.describe('The hit list codes that bring this measure in'),
});

export const checkAnswer = z
  .object({
    checkId: z.string(),
    checkedAt: instant,
    asOf: instant,
    matter: z.string(),
    department: z.string(),
    catalogueVersion: count,
    subject: z.object({ id: z.string(), known: z.boolean(), name: z.string().optional(), kind: subjectKind.optional() }),
    hits: z.array(hit),
    measures: z.array(appliedMeasure),
    verdict: z.enum(['restrict', 'caution', 'reward', 'clear']),
  })
  .describe('The answer to a credit check (联合奖惩核查).');

export const batchCheckAnswer = z.object({ results: z.array(checkAnswer).describe('In the order of subjectIds') });

const feedbackEntry = z.object({
  measure: z.string().describe('"<memorandum>/<measure>"'),
  outcome: z.enum(['applied', 'not-applied']),
  note: z.string().optional(),
  by: z.string().describe("The token's sub"),
  at: instant,
});

export const feedbackReceipt = feedbackEntry.extend({ checkId: z.string() }).describe('Feedback recorded on a check (反馈).');

export const checkTrail = checkAnswer
  .extend({
    checkedBy: z.string(),
    requestId: z.string(),
    request: z.object({ subjectId: z.string(), matter: z.string(), asOf: instant.optional() }),
    feedback: z.array(feedbackEntry),
  })
  .describe('A check with its request and every feedback given on it.');

export const noticesPage = z.object({
  notices: z
    .array(
      z.object({
        noticeId: z.string(),
        subjectId: z.string(),
        reason: z.string(),
        at: instant,
        checkIds: ids,
        recordId: z.string().optional(),
        listCode: z.string().optional(),
        approvalId: z.string().optional(),
      }),
    )
    .describe('Newest first'),
  nextCursor: z.string().optional().describe('Present when more notices follow: pass it as ?cursor='),
});

export const commitment = z
  .object({
    code: z.string().describe('Region (6 digits) + YYYYMMDD + a 6-digit serial'),
    subjectId: z.string(),
    type: z.enum(COMMITMENT_TYPES),
    matter: z.string(),
    content: z.string(),
    dueOn: date,
    department: z.string().describe('The accepting department'),
    madeOn: date,
    recordId: z.string(),
    status: z.enum(['open', 'overdue', 'verified']),
    verification: verification.optional(),
    createdBy: z.string(),
    createdAt: instant,
  })
  .describe('A credit commitment (信用承诺).');

export const commitmentList = z.object({ commitments: z.array(commitment) });

export const commitmentsPage = commitmentList.extend({
  nextCursor: z.string().optional().describe('Present when more commitments follow: pass it as ?cursor='),
});

export const approval = z
  .object({
    approvalId: z.string(),
    department: z.string().describe('The approving department'),
    subjectId: z.string(),
    matter: z.string(),
    licenceNo: z.string(),
    title: z.string(),
    decidedOn: date,
    decision: z.enum(['granted', 'denied']),
    checkId: z.string().optional(),
    commitmentCode: z.string().optional(),
    supervisingDepartments: ids,
    licenceRecordId: z.string().optional().describe('Granted: the licence record it created'),
    licencePublishBy: date.optional(),
    licencePublishedAt: instant.optional(),
    taskIds: ids,
    createdAt: instant,
    createdBy: z.string(),
    requestId: z.string(),
  })
  .describe('An approval result (审批结果).');

const publication = z
  .object({ publishBy: date, publishedOn: date.optional(), late: z.boolean() })
  .describe('Granted approvals: whether the licence reached the public in time (双公示)');

export const supervisionTask = z
  .object({
    taskId: z.string(),
    approvalId: z.string(),
    subjectId: z.string(),
    matter: z.string(),
    licenceNo: z.string(),
    department: z.string().describe('The supervising department'),
    approvingDepartment: z.string(),
    dueOn: date,
    commitment: z.object({ code: z.string(), type: z.string(), content: z.string(), dueOn: date }).optional(),
    createdAt: instant,
    completion: z
      .object({
        outcome: z.enum(['compliant', 'non-compliant']),
        findings: z.string(),
        commitmentOutcome: verificationOutcome.optional(),
        noticeId: z.string().optional(),
        by: z.string(),
        at: instant,
        requestId: z.string(),
      })
      .optional(),
    status: z.enum(['open', 'overdue', 'done']),
  })
  .describe('A supervision task (事中事后监管任务).');

export const approvalTrail = approval
  .extend({
    publication: publication.optional(),
    check: z
      .object({
        checkId: z.string(),
        checkedAt: instant.optional(),
        verdict: z.enum(['restrict', 'caution', 'reward', 'clear']).optional(),
        catalogueVersion: count.optional(),
        measures: z.array(appliedMeasure).optional(),
        feedback: z.array(feedbackEntry),
      })
      .optional()
      .describe('The credit check the approval relied on'),
    tasks: z.array(supervisionTask),
    notices: z.array(z.object({ noticeId: z.string(), department: z.string(), subjectId: z.string(), taskId: z.string(), at: instant, reason: z.string() })),
  })
  .describe('An approval with the check it relied on, its tasks and their outcomes, and the notices sent.');

export const approvalsPage = z.object({
  approvals: z.array(approval.extend({ publication: publication.optional() })),
  nextCursor: z.string().optional().describe('Present when more approvals follow: pass it as ?cursor='),
});

export const tasksPage = z.object({
  tasks: z.array(supervisionTask),
  nextCursor: z.string().optional().describe('Present when more tasks follow: pass it as ?cursor='),
});

export const openApiDocument = z.object({ openapi: z.string() }).describe('This document.');
