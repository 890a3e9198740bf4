import { z } from 'zod';
import type { Role } from '#http/auth.ts';
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
  /** Header schemas (z.object), each property one header parameter. */
  headers?: z.ZodObject[];
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
};

/** Routes still documented here rather than by a contract: none; every endpoint has its contract. */
export const routes: Record<string, RouteDoc> = {};

/** Query parameter descriptions the query schemas' refinements leave out. */
export const queryNotes: Record<string, string> = {
  limit: 'Page size: default 50, at most 200',
  cursor: "The previous page's nextCursor; valid only for the route, filters and caller it was issued to (400 otherwise)",
  status: 'Filter by status; see the operation description',
};
