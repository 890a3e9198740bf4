import { z } from 'zod';
import type { Role } from '#http/auth.ts';
import { pageQuery } from '#http/pagination.ts';
import { subjectIdField, validSubjectId } from '#http/schemas.ts';
import { batchBody, checkBody, checkIdParam, feedbackBody } from '#handlers/checks/schemas.ts';
import { inspectorBody, inspectorId } from '#handlers/inspectors/index.ts';
import { codeParam } from '#handlers/memoranda/put-memorandum.ts';
import { memorandumLookupParam } from '#handlers/memoranda/read-memoranda.ts';
import { memorandumBody } from '#handlers/memoranda/schemas.ts';
import { drawBody, planBody, planIdParam, resultBody } from '#handlers/plans/schemas.ts';
import { searchQuery } from '#handlers/public/index.ts';
import * as out from './responses.ts';

/**
 * The route registry: what the OpenAPI document says about each route in `capabilities`, keyed by
 * route key. Request schemas are the zod objects the handlers parse (imported, never copied), so the
 * document cannot drift from validation; response schemas are in responses.ts.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;

export interface RouteDoc {
  operationId: string;
  /** English · 中文 */
  summary: [en: string, zh: string];
  description?: string;
  tag: TagName;
  /** Roles that may call the route; undefined on public routes. */
  roles?: readonly Role[] | 'any';
  params?: Record<string, z.ZodType>;
  /** Query schemas (z.object), each property one query parameter. */
  query?: z.ZodObject[];
  body?: { schema: z.ZodType; description?: string };
  /** The main success answer: one body schema, described per status (201 created, 200 unchanged or updated). */
  success: { schema: z.ZodType; responses: Partial<Record<200 | 201, string>> };
  errors: ErrorStatus[];
}

export { TAGS, type TagName } from '#http/contract.ts';
import type { TagName } from '#http/contract.ts';

/**
 * Every schema the document names in components.schemas. A request or response schema a route uses
 * must be listed here (the builder checks); schemas nested in another are referenced when listed.
 */
export const namedSchemas: Record<string, z.ZodType> = {
  Problem: out.problem,
  MemorandumInput: memorandumBody,
  Memorandum: out.memorandum,
  MemorandumList: out.memorandumList,
  CheckInput: checkBody,
  BatchCheckInput: batchBody,
  CheckAnswer: out.checkAnswer,
  BatchCheckAnswer: out.batchCheckAnswer,
  FeedbackInput: feedbackBody,
  FeedbackReceipt: out.feedbackReceipt,
  CheckTrail: out.checkTrail,
  NoticesPage: out.noticesPage,
  InspectorInput: inspectorBody,
  Inspector: out.inspector,
  PlanInput: planBody,
  PlanCreated: out.planCreated,
  DrawInput: drawBody,
  SampleEntry: out.sampleEntry,
  Draw: out.draw,
  ResultInput: resultBody,
  InspectionResult: out.inspectionResult,
  PlanView: out.planView,
  PublicPlan: out.publicPlan,
  PlanPopulation: out.planPopulation,
  PublicReport: out.publicReport,
  SearchResults: out.searchResults,
  OpenApiDocument: out.openApiDocument,
};

const ANY = 'any' as const;
// GET /v1/memoranda/{code} takes any code up to 64 characters (an unknown code is a 404).
const memorandumCode = memorandumLookupParam;

export const routes: Record<string, RouteDoc> = {
  'GET /v1/openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: ['This OpenAPI 3.1 document', '本接口的 OpenAPI 3.1 文档'],
    tag: 'Meta',
    success: { schema: out.openApiDocument, responses: { 200: 'The OpenAPI document, generated from the request schemas the handlers validate with' } },
    errors: [],
  },



  'PUT /v1/memoranda/{code}': {
    operationId: 'putMemorandum',
    summary: ['Publish a memorandum', '发布或修订联合奖惩备忘录'],
    description: 'Every change publishes a new version and a new catalogue version; an unchanged body changes nothing (200).',
    tag: 'Memoranda',
    roles: ['admin'],
    params: { code: codeParam },
    body: {
      schema: memorandumBody,
      description: 'code, when given, must match the path (400); measure codes must be unique (400); targetLists and measures[].matters must be known codes (422).',
    },
    success: { schema: out.memorandum, responses: { 201: 'Created', 200: 'Updated or unchanged: the memorandum' } },
    errors: [400, 401, 403, 409, 422],
  },
  'GET /v1/memoranda': {
    operationId: 'listMemoranda',
    summary: ['Every memorandum of the current catalogue', '查询全部备忘录'],
    tag: 'Memoranda',
    roles: ANY,
    success: { schema: out.memorandumList, responses: { 200: 'The memoranda' } },
    errors: [401, 403],
  },
  'GET /v1/memoranda/{code}': {
    operationId: 'getMemorandum',
    summary: ['One memorandum', '查询单个备忘录'],
    tag: 'Memoranda',
    roles: ANY,
    params: { code: memorandumCode },
    success: { schema: out.memorandum, responses: { 200: 'The memorandum at its current version' } },
    errors: [401, 403, 404],
  },

  'POST /v1/checks': {
    operationId: 'runCheck',
    summary: ['Credit check of a subject for a matter', '联合奖惩核查'],
    description: 'An unknown subject is not an error: `known: false`, `verdict: "clear"`.',
    tag: 'Checks',
    roles: ['checker'],
    body: { schema: checkBody, description: 'subjectId must carry a valid check character; asOf must not be in the future.' },
    success: { schema: out.checkAnswer, responses: { 200: 'The hits, measures and verdict' } },
    errors: [400, 401, 403],
  },
  'POST /v1/checks/batch': {
    operationId: 'runBatchCheck',
    summary: ['Credit checks of up to 100 subjects', '批量联合奖惩核查'],
    tag: 'Checks',
    roles: ['checker'],
    body: { schema: batchBody },
    success: { schema: out.batchCheckAnswer, responses: { 200: 'One answer per subject, in the order given' } },
    errors: [400, 401, 403],
  },
  'POST /v1/checks/{checkId}/feedback': {
    operationId: 'giveFeedback',
    summary: ['Feedback on a measure of a check', '核查结果反馈'],
    description: 'Checker of the department that made the check. The measure must be one the check returned (422); the same feedback again is 200, a different one 409.',
    tag: 'Checks',
    roles: ['checker'],
    params: { checkId: checkIdParam },
    body: { schema: feedbackBody, description: 'note is required when outcome is not-applied.' },
    success: { schema: out.feedbackReceipt, responses: { 201: 'Recorded', 200: 'The same feedback again' } },
    errors: [400, 401, 403, 404, 409, 422],
  },
  'GET /v1/checks/{checkId}': {
    operationId: 'getCheck',
    summary: ['A check with its feedback', '查询核查记录及反馈'],
    description: 'The department that made the check, an auditor (the city’s credit office, read-only) or an admin.',
    tag: 'Checks',
    roles: ['checker', 'admin', 'auditor'],
    params: { checkId: checkIdParam },
    success: { schema: out.checkTrail, responses: { 200: 'The check' } },
    errors: [400, 401, 403, 404],
  },
  'GET /v1/notices': {
    operationId: 'listNotices',
    summary: ["Change notices for the caller's department", '信用变更推送'],
    tag: 'Checks',
    roles: ['checker'],
    query: [pageQuery],
    success: { schema: out.noticesPage, responses: { 200: 'A page of notices, newest first' } },
    errors: [400, 401, 403],
  },

  'PUT /v1/inspectors/{id}': {
    operationId: 'putInspector',
    summary: ['Add or update an inspector', '录入或更新执法检查人员'],
    description:
      "The inspector belongs to the token's department; an id held by another department is 403, decided by one conditional write on the id's claim. `conflicts` take unified social credit codes only: a resident identity number is 400.",
    tag: 'Inspections',
    roles: ['planner'],
    params: { id: inspectorId },
    body: { schema: inspectorBody },
    success: { schema: out.inspector, responses: { 201: 'Created', 200: 'Updated or unchanged' } },
    errors: [400, 401, 403],
  },
  'POST /v1/plans': {
    operationId: 'createPlan',
    summary: ['Create a plan and freeze its population', '创建双随机抽查计划并冻结抽查对象'],
    description:
      "The caller's department must be one of the plan's (403). The same request again returns the same plan (200); a different plan with the same seedCommitment is 409. Concurrent creations with one seedCommitment commit one population.",
    tag: 'Inspections',
    roles: ['planner'],
    body: {
      schema: planBody,
      description: 'departments must not repeat; each ratio has at most 4 decimals; teamSize must be at least the number of departments (default the larger of 2 and that number).',
    },
    success: { schema: out.planCreated, responses: { 201: 'Created', 200: 'The same request again' } },
    errors: [400, 401, 403, 409],
  },
  'POST /v1/plans/{planId}/draw': {
    operationId: 'drawPlan',
    summary: ['Draw the sample with the committed seed', '摇号抽取检查对象与检查人员'],
    description: '422 if SHA-256(seed) is not the commitment; 409 if already drawn.',
    tag: 'Inspections',
    roles: ['planner'],
    params: { planId: planIdParam },
    body: { schema: drawBody },
    success: { schema: out.draw, responses: { 200: 'The sample with teams' } },
    errors: [400, 401, 403, 404, 409, 422],
  },
  'POST /v1/plans/{planId}/results': {
    operationId: 'recordResult',
    summary: ['Record an inspection result', '录入抽查结果'],
    description:
      "An inspector on the subject's drawn team (the token's sub is the inspector id), or a planner of a plan department on the team's behalf; any other inspector is 403, decided before the body. Before the draw 409; the subject must be in the sample (422). The same result again is 200; a different result for a subject that has one is 409 and writes nothing. NOT_PUBLISHED, FALSE_INFO and UNREACHABLE also list the subject on ABNORMAL_OPERATION on behalf of its keeper when the keeper is a plan department; otherwise the keeper gets a notice with reason `referral`.",
    tag: 'Inspections',
    roles: ['inspector', 'planner'],
    params: { planId: planIdParam },
    body: { schema: resultBody, description: 'inspectedOn must not be in the future.' },
    success: { schema: out.inspectionResult, responses: { 201: 'Recorded', 200: 'The same result again' } },
    errors: [400, 401, 403, 404, 409, 422],
  },
  'GET /v1/plans/{planId}': {
    operationId: 'getPlan',
    summary: ['A plan with its draw and results', '查询抽查计划、抽取结果与检查结果'],
    description: 'Plan departments; an auditor sees every plan.',
    tag: 'Inspections',
    roles: ['planner', 'inspector', 'auditor'],
    params: { planId: planIdParam },
    success: { schema: out.planView, responses: { 200: 'The plan' } },
    errors: [400, 401, 403, 404],
  },
  'GET /v1/plans/{planId}/population': {
    operationId: 'getPlanPopulation',
    summary: ['The full plan document, to re-run the whole draw', '查询抽查计划完整文档（冻结名录与检查人员名录）'],
    description: 'Plan departments; an auditor sees every plan.',
    tag: 'Inspections',
    roles: ['planner', 'inspector', 'auditor'],
    params: { planId: planIdParam },
    success: { schema: out.planPopulation, responses: { 200: 'Everything needed to re-run the draw' } },
    errors: [400, 401, 403, 404],
  },

  'GET /v1/public/entities/{id}': {
    operationId: 'getPublicReport',
    summary: ['Public credit report of a subject', '主体信用信息公示'],
    tag: 'Public',
    params: { id: validSubjectId },
    success: { schema: out.publicReport, responses: { 200: 'What the public may see' } },
    errors: [400, 404, 429],
  },
  'GET /v1/public/search': {
    operationId: 'searchSubjects',
    summary: ['Find subjects by name or full code', '按名称或统一代码查询主体'],
    description: 'A person is found only by the full identity number, and shown masked. At most 20 results.',
    tag: 'Public',
    query: [searchQuery],
    success: { schema: out.searchResults, responses: { 200: 'The matches' } },
    errors: [400, 429],
  },
  'GET /v1/public/plans/{planId}': {
    operationId: 'getPublicPlan',
    summary: ['A published plan, to check its draw', '抽查计划公示（一公开）'],
    description:
      'Summary fields only by default: sizes and salted hashes of the strata, the commitment, and once drawn the seed, the sample (no stratum) and the results. A deployment with PUBLIC_PLAN_STRATA=1 publishes the full document here.',
    tag: 'Public',
    params: { planId: planIdParam },
    success: { schema: out.publicPlan, responses: { 200: 'The public plan document' } },
    errors: [400, 404, 429],
  },
};

/** Query parameter descriptions the query schemas' refinements leave out. */
export const queryNotes: Record<string, string> = {
  q: 'At least 2 characters (spaces not counted), or a full unified social credit code / resident identity number',
  limit: 'Page size: default 50, at most 200',
  cursor: "The previous page's nextCursor; valid only for the route, filters and caller it was issued to (400 otherwise)",
  status: 'Filter by status; see the operation description',
};
