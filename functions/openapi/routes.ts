import { z } from 'zod';
import type { Role } from '#http/auth.ts';
import { pageQuery } from '#http/pagination.ts';
import { subjectIdField, validSubjectId } from '#http/schemas.ts';
import { batchBody, checkBody, checkIdParam, feedbackBody } from '#handlers/checks/schemas.ts';
import { approvalBody, approvalIdParam, approvalsQuery } from '#handlers/approvals/index.ts';
import { commitmentBody, statusQuery as commitmentStatusQuery, verifyBody } from '#handlers/commitments/index.ts';
import { commitmentCodeParam } from '#handlers/commitments/schemas.ts';
import { codeParam } from '#handlers/memoranda/put-memorandum.ts';
import { memorandumLookupParam } from '#handlers/memoranda/read-memoranda.ts';
import { memorandumBody } from '#handlers/memoranda/schemas.ts';
import { completionBody, taskIdParam, tasksQuery } from '#handlers/supervision/index.ts';
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
  CommitmentInput: commitmentBody,
  VerifyInput: verifyBody,
  Commitment: out.commitment,
  CommitmentList: out.commitmentList,
  CommitmentsPage: out.commitmentsPage,
  ApprovalInput: approvalBody,
  Approval: out.approval,
  ApprovalTrail: out.approvalTrail,
  ApprovalsPage: out.approvalsPage,
  CompletionInput: completionBody,
  SupervisionTask: out.supervisionTask,
  TasksPage: out.tasksPage,
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

  'POST /v1/commitments': {
    operationId: 'makeCommitment',
    summary: ['Accept a credit commitment', '受理信用承诺'],
    description:
      'A subject with an active serious black listing or an active COMMITMENT_BREACH listing may not make an APPROVAL_REPLACEMENT, MISSING_DOCUMENTS or CERTIFICATE commitment (422 naming the reason).',
    tag: 'Commitments',
    roles: ['recorder'],
    body: { schema: commitmentBody, description: 'dueOn must not be in the past.' },
    success: { schema: out.commitment, responses: { 201: 'Created', 200: 'The same request again' } },
    errors: [400, 401, 403, 422],
  },
  'POST /v1/commitments/{code}/verify': {
    operationId: 'verifyCommitment',
    summary: ['Verify a commitment', '核查信用承诺履行情况'],
    description: 'Recorder of the accepting department. The same outcome again changes nothing; a different one is 409. partly or unfulfilled lists the subject on COMMITMENT_BREACH.',
    tag: 'Commitments',
    roles: ['recorder'],
    params: { code: commitmentCodeParam },
    body: { schema: verifyBody },
    success: { schema: out.commitment, responses: { 200: 'The commitment, verified' } },
    errors: [400, 401, 403, 404, 409],
  },
  'GET /v1/commitments': {
    operationId: 'listCommitments',
    summary: ["The caller's department's commitments", '本部门受理的信用承诺'],
    description: '`open` includes overdue ones.',
    tag: 'Commitments',
    roles: ['recorder'],
    query: [commitmentStatusQuery, pageQuery],
    success: { schema: out.commitmentsPage, responses: { 200: 'A page of commitments' } },
    errors: [400, 401, 403],
  },
  'GET /v1/entities/{id}/commitments': {
    operationId: 'listSubjectCommitments',
    summary: ["A subject's commitments", '查询主体的信用承诺'],
    tag: 'Commitments',
    roles: ANY,
    params: { id: validSubjectId },
    success: { schema: out.commitmentList, responses: { 200: 'The commitments' } },
    errors: [400, 401, 403, 404],
  },

  'POST /v1/approvals': {
    operationId: 'submitApproval',
    summary: ['Record an approval result', '推送审批结果'],
    description:
      'Recorder of the approving department. The same department and licenceNo again returns the stored approval (200). A granted approval creates the licence record and one supervision task per supervising department (default: the matter\'s configured supervisors). The subject, the check and the commitment relied on must exist and fit (422).',
    tag: 'Approvals',
    roles: ['recorder'],
    body: { schema: approvalBody, description: 'decidedOn must not be in the future.' },
    success: { schema: out.approval, responses: { 201: 'Recorded', 200: 'The same licence again' } },
    errors: [400, 401, 403, 422],
  },
  'GET /v1/approvals/{approvalId}': {
    operationId: 'getApproval',
    summary: ['An approval traced both ways', '查询审批及其核查、监管任务与推送'],
    description: 'The approving department only.',
    tag: 'Approvals',
    roles: ['recorder', 'checker', 'admin'],
    params: { approvalId: approvalIdParam },
    success: { schema: out.approvalTrail, responses: { 200: 'The approval' } },
    errors: [400, 401, 403, 404],
  },
  'GET /v1/approvals': {
    operationId: 'listApprovals',
    summary: ["The caller's department's approvals", '本部门的审批结果'],
    tag: 'Approvals',
    roles: ['recorder', 'checker'],
    query: [approvalsQuery, pageQuery],
    success: { schema: out.approvalsPage, responses: { 200: 'A page of approvals' } },
    errors: [400, 401, 403],
  },
  'GET /v1/supervision/tasks': {
    operationId: 'listSupervisionTasks',
    summary: ["The caller's department's supervision tasks", '本部门的监管任务'],
    description: '`open` includes overdue ones.',
    tag: 'Approvals',
    roles: ['inspector', 'planner'],
    query: [tasksQuery, pageQuery],
    success: { schema: out.tasksPage, responses: { 200: 'A page of tasks' } },
    errors: [400, 401, 403],
  },
  'POST /v1/supervision/tasks/{taskId}/complete': {
    operationId: 'completeSupervisionTask',
    summary: ['Complete a supervision task', '反馈监管结果'],
    description:
      'The supervising department only. The same completion again is 200, a different one 409. A commitment outcome verifies the linked commitment (422 if the approval relied on none); a non-compliant finding is a notice to the approving department.',
    tag: 'Approvals',
    roles: ['inspector', 'planner'],
    params: { taskId: taskIdParam },
    body: { schema: completionBody },
    success: { schema: out.supervisionTask, responses: { 200: 'The task, done' } },
    errors: [400, 401, 403, 404, 409, 422],
  },
};

/** Query parameter descriptions the query schemas' refinements leave out. */
export const queryNotes: Record<string, string> = {
  limit: 'Page size: default 50, at most 200',
  cursor: "The previous page's nextCursor; valid only for the route, filters and caller it was issued to (400 otherwise)",
  status: 'Filter by status; see the operation description',
};
