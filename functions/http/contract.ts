import type { z } from 'zod';
import type { Role } from '#domain/roles.ts';

/**
 * One endpoint, described once: method, path, who may call it, what it takes and what it answers.
 * The capability list (and so CDK's routes and the local gateway's), role enforcement, parsing, the
 * OpenAPI document and the tests' response checks all read it, so they cannot disagree. A contract
 * module imports only zod, the domain and the pure field schemas (#http/schemas.ts) — never a
 * handler or the store — so the docs Lambda that bundles every contract bundles no store code.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;
export type SuccessStatus = 200 | 201 | 202 | 303;
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export const TAGS = {
  Health: 'Liveness · 服务状态',
  Entities: 'Market entities, organizations and persons · 市场主体、组织与自然人',
  Records: 'Credit records: licences, penalties, listings · 信用记录（许可、处罚、名单）',
  Imports: 'Bulk imports of 双公示 files · 批量导入',
  Memoranda: 'Joint reward-punishment memoranda · 联合奖惩备忘录',
  Checks: 'Credit checks, feedback and change notices · 联合奖惩核查、反馈与变更推送',
  Commitments: 'Credit commitments · 信用承诺',
  Approvals: 'Approvals and supervision tasks · 审管互动',
  Inspections: 'Inspectors, plans, draws and results · 双随机、一公开',
  Public: 'Public credit lookup, no token · 信用信息公示（无需令牌）',
  Reports: 'Credit reports, objections and repair applications · 信用报告、异议申诉与信用修复',
  Meta: 'This document · 接口说明文档',
} as const;
export type TagName = keyof typeof TAGS;

/** A schema as the document names it in components.schemas, with an example when it is a body. */
export interface NamedSchema<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Its name in components.schemas (PascalCase). */
  name: string;
  description?: string;
  example?: unknown;
}

export interface Contract<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  H extends z.ZodObject = z.ZodObject,
> {
  method: HttpMethod;
  /** API Gateway path syntax, e.g. /v1/entities/{id} */
  path: string;
  /** The Lambda that serves it (functions/capabilities.ts). */
  capability: string;
  operationId: string;
  /** English · 中文 */
  summary: [en: string, zh: string];
  description?: string;
  tag: TagName;
  /** Who may call it: roles (any one of them), any role, or no token at all. */
  roles: readonly Role[] | 'any' | 'public';
  /** Counted against the per-client public rate (PUBLIC_RATE_LIMIT a minute) before anything else: past it, 429 with Retry-After. */
  rateLimited?: true;
  /** One property per path parameter. */
  params?: P;
  /** One property per query parameter. */
  query?: Q;
  /** One property per request header the endpoint reads, named as documented (matched case-insensitively). */
  headers?: H;
  body?: NamedSchema<B>;
  /** The success answer: one body schema, described per status. */
  response: NamedSchema<R> & { statuses: Partial<Record<SuccessStatus, string>> };
  errors: ErrorStatus[];
}

/** Keeps the literal types of a contract (its schemas) while checking its shape. */
export const defineContract = <P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType, R extends z.ZodType, H extends z.ZodObject = z.ZodObject>(
  contract: Contract<P, Q, B, R, H>,
): Contract<P, Q, B, R, H> => contract;

export const routeKeyOf = (c: Pick<Contract, 'method' | 'path'>) => `${c.method} ${c.path}`;
