import { z } from 'zod';
import { capabilities as allCapabilities, routeKey, type Capability } from '../capabilities.ts';
import { contracts as allContracts } from '../contracts.ts';
import { routeKeyOf, type Contract } from '../http/contract.ts';
import { refinementKeywords } from './refinements.ts';
import { namedSchemas, queryNotes, routes as allRoutes, TAGS, type ErrorStatus, type RouteDoc } from './routes.ts';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas: request bodies, path and query
 * parameters from the objects the handlers parse (zod's own JSON Schema output, draft 2020-12, the
 * dialect OpenAPI 3.1 uses, in `io: "input"` mode so transforms and defaults describe what a client
 * sends), responses from responses.ts. Built once per cold start; the same code gives the same document.
 */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};
type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

export interface BuildOptions {
  capabilities?: Capability[];
  /** The endpoints' contracts (functions/contracts.ts): each documents its route. */
  contracts?: readonly Contract[];
  routes?: Record<string, RouteDoc>;
  /** The schemas named in components.schemas; every request and response schema a route uses must be one. */
  namedSchemas?: Record<string, z.ZodType>;
  /**
   * Strict (the default, and what the tests run): a capability route without a registry entry, a
   * registry entry for no route, or a schema JSON Schema cannot represent is an error. Lenient (the
   * Lambda): those are left out or loosened and reported in `problems`, so one forgotten entry cannot
   * take the whole document down.
   */
  strict?: boolean;
}

export interface BuildResult {
  document: OpenApiDocument;
  problems: string[];
}

const SCHEMA_REF = '#/components/schemas/';
/** The contract's version (v1): paths, statuses and named fields are stable within it. */
export const API_VERSION = '1.0.0';

const ERRORS: Record<ErrorStatus | 500, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Bad input: `errors` names each failing field · 请求参数错误' },
  401: {
    name: 'Unauthorized',
    description: 'Missing or invalid bearer token · 未提供或无效的令牌. (In AWS a token the HTTP API JWT authorizer rejects is answered by API Gateway itself, as `{ "message": "Unauthorized" }`.)',
  },
  403: { name: 'Forbidden', description: "Wrong role, or another department's resource · 无权访问" },
  404: { name: 'NotFound', description: 'Unknown resource · 资源不存在' },
  409: { name: 'Conflict', description: 'Conflicts with what is already stored · 与已有数据冲突' },
  422: { name: 'Unprocessable', description: 'Well-formed but inadmissible under the rules · 不符合业务规则' },
  429: { name: 'TooManyRequests', description: 'Past the per-client rate; retry after `Retry-After` seconds · 请求过于频繁' },
  500: { name: 'InternalError', description: 'The request could not be completed; quote the requestId · 服务内部错误' },
};

/** zod → JSON Schema with the same settings everywhere; unrepresentable parts are reported, never silent. */
function converter(problems: string[]) {
  const options = {
    target: 'draft-2020-12' as const,
    io: 'input' as const,
    unrepresentable: (ctx: { path: (string | number)[]; message: string }) => {
      problems.push(`not representable in JSON Schema at ${ctx.path.join('.') || '(root)'}: ${ctx.message}`);
      return { description: 'Not representable in JSON Schema; see the API contract' };
    },
    override: (ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) => {
      const keywords = refinementKeywords.get(ctx.zodSchema as z.ZodType);
      if (keywords) Object.assign(ctx.jsonSchema, keywords);
    },
  };
  const clean = (schema: JsonSchema): JsonSchema => {
    const { $schema: _s, $id: _i, ...rest } = schema;
    return rest;
  };
  return {
    one: (schema: z.ZodType) => clean(z.toJSONSchema(schema, options) as JsonSchema),
    /** Every named schema at once, so a named schema inside another becomes a $ref. */
    named(named: Record<string, z.ZodType>): Record<string, JsonSchema> {
      const registry = z.registry<{ id: string }>();
      const seen = new Map<z.ZodType, string>();
      for (const [name, schema] of Object.entries(named)) {
        const other = seen.get(schema);
        if (other) throw new Error(`OpenAPI: one schema is named both ${other} and ${name}`);
        seen.set(schema, name);
        registry.add(schema, { id: name });
      }
      const { schemas } = z.toJSONSchema(registry, { ...options, uri: (id) => SCHEMA_REF + id });
      if ('__shared' in schemas) throw new Error('OpenAPI: a schema needed shared $defs (a cycle, or a global id); name it in namedSchemas');
      return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, clean(schema as JsonSchema)]));
    },
  };
}

const pathParamNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** Registry entries that disagree with their route: checked in every mode, since they are code errors. */
function entryProblems(key: string, route: { path: string; public?: boolean }, doc: RouteDoc): string[] {
  const problems: string[] = [];
  const inPath = pathParamNames(route.path).sort();
  const documented = Object.keys(doc.params ?? {}).sort();
  if (inPath.join() !== documented.join()) problems.push(`${key}: path parameters ${inPath.join(', ') || 'none'}, documented ${documented.join(', ') || 'none'}`);
  if (route.public && doc.roles) problems.push(`${key}: public route documented with roles`);
  if (!route.public && !doc.roles) problems.push(`${key}: route needs a token but the registry names no roles`);
  if (!route.public && !doc.errors.includes(401)) problems.push(`${key}: route needs a token but does not document 401`);
  return problems;
}

function refTo(names: Map<z.ZodType, string>, schema: z.ZodType, what: string) {
  const name = names.get(schema);
  if (!name) throw new Error(`OpenAPI: ${what} uses a schema not named in namedSchemas`);
  return { $ref: SCHEMA_REF + name };
}

function operationFor(
  key: string,
  isPublic: boolean,
  doc: RouteDoc & { examples?: { request?: unknown; response?: unknown } },
  names: Map<z.ZodType, string>,
  convert: ReturnType<typeof converter>,
): Operation {
  const roles = doc.roles === 'any' ? 'any role' : doc.roles?.join(', ');
  const description = [doc.description, roles ? `Roles: ${roles}. 角色：${roles}。` : 'No token needed. 无需令牌。'].filter(Boolean).join('\n\n');
  const parameters = [
    ...Object.entries(doc.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: convert.one(schema) })),
    ...(doc.query ?? []).flatMap((query) => {
      const json = convert.one(query);
      const required = new Set((json.required as string[] | undefined) ?? []);
      return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: required.has(name),
        ...(queryNotes[name] ? { description: queryNotes[name] } : {}),
        schema,
      }));
    }),
    ...(doc.headers ?? []).flatMap((headers) => {
      const json = convert.one(headers);
      const required = new Set((json.required as string[] | undefined) ?? []);
      return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, { description, ...schema }]) => ({
        name,
        in: 'header',
        required: required.has(name),
        ...(description ? { description } : {}),
        schema,
      }));
    }),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(doc.success.responses)) {
    const example = doc.examples?.response === undefined ? {} : { example: doc.examples.response };
    if (status === '303') {
      // A redirect carries no body: the document is at Location (a file, or a short-lived signed URL to one).
      responses[status] = { description, headers: { Location: { description: 'Where the document is', schema: { type: 'string', format: 'uri-reference' } } } };
      continue;
    }
    responses[status] = { description, content: { 'application/json': { schema: refTo(names, doc.success.schema, `${key} response`), ...example } } };
  }
  // Any path id, query parameter or body can be malformed or past its bound: such a route can always answer 400.
  const takesInput = parameters.length > 0 || doc.body !== undefined;
  const errors = [...new Set<ErrorStatus>([...(takesInput ? [400 as const] : []), ...doc.errors])].sort((a, b) => a - b);
  for (const status of [...errors, 500 as const]) responses[String(status)] = { $ref: `#/components/responses/${ERRORS[status].name}` };
  return {
    operationId: doc.operationId,
    summary: `${doc.summary[0]} · ${doc.summary[1]}`,
    description,
    tags: [doc.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            ...(doc.body.description ? { description: doc.body.description } : {}),
            content: {
              'application/json': {
                schema: refTo(names, doc.body.schema, `${key} request body`),
                ...(doc.examples?.request === undefined ? {} : { example: doc.examples.request }),
              },
            },
          },
        }
      : {}),
    responses,
    security: isPublic ? [] : [{ bearerAuth: [] }],
    ...(doc.roles ? { 'x-roles': doc.roles === 'any' ? 'any' : [...doc.roles] } : {}),
  };
}

/** What the document needs of a contract, in the shape the builder reads. */
function docOf(contract: Contract): RouteDoc & { examples: { request?: unknown; response?: unknown } } {
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    tag: contract.tag,
    ...(contract.roles === 'public' ? {} : { roles: contract.roles }),
    ...(contract.params ? { params: contract.params.shape as Record<string, z.ZodType> } : {}),
    ...(contract.query ? { query: [contract.query] } : {}),
    ...(contract.headers ? { headers: [contract.headers] } : {}),
    ...(contract.body ? { body: { schema: contract.body.schema, ...(contract.body.description ? { description: contract.body.description } : {}) } } : {}),
    success: { schema: contract.response.schema, responses: contract.response.statuses },
    errors: contract.errors,
    examples: { request: contract.body?.example, response: contract.response.example },
  };
}

/** The schemas the contracts name, added to the ones named in the registry. */
function contractSchemas(contracts: readonly Contract[]): Record<string, z.ZodType> {
  const named: Record<string, z.ZodType> = {};
  for (const c of contracts) {
    for (const part of [c.body, c.response]) {
      if (!part) continue;
      const existing = named[part.name];
      if (existing && existing !== part.schema) throw new Error(`OpenAPI: two different schemas are named ${part.name}`);
      named[part.name] = part.schema;
    }
  }
  return named;
}

export function buildOpenApiDocument(options: BuildOptions = {}): BuildResult {
  const capabilities = options.capabilities ?? allCapabilities;
  const contracts = options.contracts ?? allContracts;
  const registry: Record<string, RouteDoc & { examples?: { request?: unknown; response?: unknown } }> = {
    ...(options.routes ?? allRoutes),
    ...Object.fromEntries(contracts.map((c) => [routeKeyOf(c), docOf(c)])),
  };
  const named = { ...(options.namedSchemas ?? namedSchemas), ...contractSchemas(contracts) };
  const strict = options.strict ?? true;
  const problems: string[] = [];
  const convert = converter(problems);

  const routeKeys = new Set<string>();
  const documented: { key: string; path: string; method: string; isPublic: boolean; doc: (typeof registry)[string] }[] = [];
  for (const route of capabilities.flatMap((c) => c.routes)) {
    const key = routeKey(route);
    routeKeys.add(key);
    const doc = registry[key];
    if (!doc) {
      problems.push(`${key} has no entry in the OpenAPI route registry (functions/openapi/routes.ts)`);
      continue;
    }
    const mismatches = entryProblems(key, route, doc);
    if (mismatches.length) throw new Error(`OpenAPI: ${mismatches.join('; ')}`);
    documented.push({ key, path: route.path, method: route.method.toLowerCase(), isPublic: route.public === true, doc });
  }
  for (const key of Object.keys(registry)) if (!routeKeys.has(key)) problems.push(`${key} is in the OpenAPI route registry but is no route in capabilities`);

  const schemas = convert.named(named);
  const names = new Map(Object.entries(named).map(([name, schema]) => [schema, name]));
  const operationIds = new Set<string>();
  const paths: Record<string, Record<string, Operation>> = {};
  for (const { key, path, method, isPublic, doc } of documented) {
    if (operationIds.has(doc.operationId)) throw new Error(`OpenAPI: operationId ${doc.operationId} is used twice`);
    operationIds.add(doc.operationId);
    (paths[path] ??= {})[method] = operationFor(key, isPublic, doc, names, convert);
  }
  if (strict && problems.length) throw new Error(`OpenAPI document is incomplete:\n- ${problems.join('\n- ')}`);

  const problemContent = { 'application/problem+json': { schema: { $ref: `${SCHEMA_REF}Problem` } } };
  const responses = Object.fromEntries(
    Object.entries(ERRORS).map(([status, { name, description }]) => [
      name,
      {
        description,
        ...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } } } : {}),
        content: problemContent,
      },
    ]),
  );

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: '信用联合奖惩 Credit Joint Reward and Punishment API',
      version: API_VERSION,
      description: [
        '城市信用平台接口：信用记录、联合奖惩核查、信用承诺、双随机抽查与信用信息公示。',
        'The city credit platform API: credit records, joint reward-punishment checks, credit commitments, double-random inspections and public credit lookup.',
        '',
        '认证：除 /v1/public/*、/v1/health 与 /v1/openapi.json 外，均需 `Authorization: Bearer <JWT>`（claims: sub, dept, roles）。错误以 application/problem+json 返回。',
        'Auth: every route except /v1/public/*, /v1/health and /v1/openapi.json needs `Authorization: Bearer <JWT>` with claims sub, dept and roles. Errors are application/problem+json. Dates are YYYY-MM-DD in China Standard Time; instants are ISO-8601 UTC.',
        '',
        'Bounds: a path id is at most 64 characters after normalisation; every string and array states its maximum (maxLength, maxItems) below; beyond it the answer is 400 naming the field. A `cursor` is opaque and valid only for the route, filters and caller it was issued to.',
        '',
        'Generated from the zod schemas the handlers validate requests with.',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'JWT with claims sub, dept (department code) and roles (recorder, checker, planner, inspector, auditor, admin)' },
      },
    },
  };
  return { document, problems };
}
