import { z } from 'zod';
import type { Role } from '#http/auth.ts';
import { pageQuery } from '#http/pagination.ts';
import { subjectIdField, validSubjectId } from '#http/schemas.ts';
import { inspectorBody, inspectorId } from '#handlers/inspectors/index.ts';
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
};

const ANY = 'any' as const;

export const routes: Record<string, RouteDoc> = {

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
