import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, routeKey, type RouteDefinition } from '../../functions/capabilities.ts';
import type { OpenApiDocument } from '../../functions/openapi/document.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

/**
 * Hostile input, swept over every route the service has (API.md, Conventions: Bounds): over-long and
 * badly encoded path ids, object-property names, forged cursors, over-long strings and arrays, wrong
 * JSON types and bodies that are not JSON. Each is answered 4xx problem+json — never a 5xx — and, where
 * the route gets as far as reading it, 400 naming the field.
 */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const ENTERPRISE = code('91330000MA0000H01');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
const routes = capabilities.flatMap((c) => c.routes);

let svc: TestService;
let doc: OpenApiDocument;
let all: string;
/** A real resource of the caller's department for each path parameter, so ownership passes and the body is read. */
const samples: Record<string, string> = {};

type Schema = Record<string, any>;
type Response = Awaited<ReturnType<TestService['call']>>;

function expectProblem(res: Response, label: string) {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
  expect(res.body, label).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.status, detail: expect.any(String), errors: expect.any(Array), requestId: expect.any(String) });
}

const operation = (route: RouteDefinition) => doc.paths[route.path]![route.method.toLowerCase()] as Schema;

/** A 4xx the route documents, naming `field` among its errors. */
function expectNamed(res: Response, route: RouteDefinition, field: string, label: string) {
  expectProblem(res, label);
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.errors.map((e: { path: string }) => e.path), label).toContain(field);
  expect(Object.keys(operation(route).responses), `${label}: 400 is documented`).toContain('400');
}

const pathOf = (route: RouteDefinition, values: Record<string, string>) => route.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? samples[name] ?? 'x');
const paramNames = (route: RouteDefinition) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const call = (route: RouteDefinition, path: string, body?: unknown) => svc.call(route.method, path, { ...(route.public ? {} : { token: all }), ...(body !== undefined ? { body } : {}) });

function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.$ref) s = doc.components.schemas[String(s.$ref).split('/').pop()!] as Schema;
  return s;
}

interface Field {
  path: (string | number)[];
  schema: Schema;
}

/** Every string, array, number, boolean and object inside a request schema, with its path. */
function fields(schema: Schema, path: (string | number)[] = [], depth = 0): Field[] {
  const s = resolve(schema);
  if (depth > 6) return [];
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].filter((a: Schema) => resolve(a).type !== 'null');
  if (alternatives.length) return alternatives.flatMap((a: Schema) => fields(a, path, depth + 1));
  const here = path.length ? [{ path, schema: s }] : [];
  if (s.type === 'object') return [...here, ...Object.entries((s.properties ?? {}) as Record<string, Schema>).flatMap(([k, v]) => fields(v, [...path, k], depth + 1))];
  if (s.type === 'array') return [...here, ...(s.items ? fields(s.items as Schema, [...path, 0], depth + 1) : [])];
  return here;
}

const bodyWith = (path: (string | number)[], value: unknown): unknown => {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
};

const unboundedPattern = (pattern: string) => /[+*]|\{\d+,\}/.test(pattern);
const bodyRoutes = () => routes.filter((r) => operation(r).requestBody);
const bodySchema = (route: RouteDefinition) => resolve(operation(route).requestBody.content['application/json'].schema as Schema);
/** Whether every path parameter has a real resource to stand on: then the route must get as far as the body. */
const reachesBody = (route: RouteDefinition) => paramNames(route).every((n) => samples[n] !== undefined);

beforeAll(async () => {
  svc = await startTestService();
  all = await svc.token('MARKET', ['recorder', 'checker', 'planner', 'inspector', 'admin'], 'hostile-all');
  doc = (await svc.call('GET', '/v1/openapi.json')).body;

  const put = await svc.call('PUT', `/v1/entities/${ENTERPRISE}`, {
    token: all,
    body: { kind: 'enterprise', name: '浙江敌意输入测试有限公司', region: '330100', industry: 'C13', status: 'active', establishedOn: '2015-06-01' },
  });
  expect(put.status).toBe(201);
  const record = await svc.call('POST', '/v1/records', { token: all, body: { subjectId: ENTERPRISE, type: 'penalty', documentNo: '浙市监罚〔2026〕H1号', decidedOn: '2026-03-01', title: '虚假宣传' } });
  expect(record.status).toBe(201);
  const check = await svc.call('POST', '/v1/checks', { token: all, body: { subjectId: ENTERPRISE, matter: 'LICENCE' } });
  expect(check.status).toBe(200);
  const commitment = await svc.call('POST', '/v1/commitments', { token: all, body: { subjectId: ENTERPRISE, type: 'VOLUNTARY', matter: 'LICENCE', content: '按期整改', dueOn: '2099-01-01' } });
  expect(commitment.status).toBe(201);
  const approval = await svc.call('POST', '/v1/approvals', {
    token: all,
    body: { subjectId: ENTERPRISE, matter: 'LICENCE', licenceNo: 'H-LIC-1', title: '许可证', decidedOn: '2026-03-01', decision: 'granted', supervisingDepartments: ['MARKET'] },
  });
  expect(approval.status).toBe(201);
  const plan = await svc.call('POST', '/v1/plans', {
    token: all,
    body: { title: '敌意输入抽查', departments: ['MARKET'], ratios: { A: 1, B: 1, C: 1, D: 1 }, mode: 'key-item', seedCommitment: sha256('hostile input seed, twenty characters') },
  });
  expect([201, 202]).toContain(plan.status);
  const tasks = await svc.call('GET', '/v1/supervision/tasks', { token: all });
  expect(tasks.body.tasks).toHaveLength(1);
  Object.assign(samples, {
    id: ENTERPRISE,
    recordId: record.body.recordId,
    checkId: check.body.checkId,
    code: commitment.body.code,
    approvalId: approval.body.approvalId,
    taskId: tasks.body.tasks[0].taskId,
    planId: plan.body.planId,
  });
});

afterAll(async () => svc?.close());

describe('path ids', () => {
  const withParams = routes.filter((r) => paramNames(r).length > 0);

  it.each(withParams.map((r) => [routeKey(r), r]))('%s: over-long and badly encoded ids are 400 naming the parameter', async (_key, route) => {
    for (const name of paramNames(route)) {
      for (const [label, value] of [
        ['65 characters', 'A'.repeat(65)],
        ['5,000 characters', '9'.repeat(5000)],
        ['truncated percent-encoding', '%E0%A4%A'],
        ['a lone percent sign', '%'],
        ['an invalid UTF-8 sequence', '%C0%AF'],
      ] as const) {
        const res = await call(route, pathOf(route, { [name]: value }));
        expectNamed(res, route, name, `${routeKey(route)} ${name}: ${label}`);
      }
    }
  });

  it.each(withParams.map((r) => [routeKey(r), r]))('%s: object-property names are not ids of anything', async (_key, route) => {
    for (const name of paramNames(route)) {
      for (const proto of PROTO_NAMES) {
        const res = await call(route, pathOf(route, { [name]: proto }));
        expectProblem(res, `${routeKey(route)} ${name}=${proto}`);
        expect(Object.keys(operation(route).responses), `${routeKey(route)} ${name}=${proto}: ${res.status} is documented`).toContain(String(res.status));
      }
    }
  });

  it('answers GET /v1/memoranda/{code} 404 for constructor, __proto__ and the other names every object has', async () => {
    for (const proto of [...PROTO_NAMES, 'valueOf', '__defineGetter__']) {
      const res = await svc.call('GET', `/v1/memoranda/${proto}`, { token: all });
      expect(res.status, proto).toBe(404);
      expectProblem(res, proto);
    }
  });

  it('refuses a 100,000-character subject id in a body as 400 naming subjectId, and in a path before it reaches any route', async () => {
    const long = '9'.repeat(100_000);
    for (const [path, body] of [
      ['/v1/records', { subjectId: long, type: 'penalty', documentNo: 'X', decidedOn: '2026-03-01', title: 'x' }],
      ['/v1/checks', { subjectId: long, matter: 'LICENCE' }],
      ['/v1/commitments', { subjectId: long, type: 'VOLUNTARY', matter: 'LICENCE', content: 'x', dueOn: '2099-01-01' }],
    ] as const) {
      const res = await svc.call('POST', path, { token: all, body });
      expect(res.status, path).toBe(400);
      expectProblem(res, path);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('subjectId');
    }
    const inPath = await svc.call('GET', `/v1/entities/${long}`, { token: all });
    expectProblem(inPath, 'GET /v1/entities/<100,000 characters>');
  });
});

describe('query parameters', () => {
  const queryRoutes = () => routes.filter((r) => ((operation(r).parameters ?? []) as Schema[]).some((p) => p.in === 'query'));
  const forged = Buffer.from(JSON.stringify({ PK: 'NOTICES#MARKET', SK: 'N#2026' })).toString('base64url');

  it('documents query parameters on the paginated routes', () => {
    expect(queryRoutes().length).toBeGreaterThan(3);
  });

  it('refuses forged cursors, proto names and out-of-range values, naming the parameter, on every route that takes them', async () => {
    for (const route of queryRoutes()) {
      const params = ((operation(route).parameters ?? []) as Schema[]).filter((p) => p.in === 'query');
      for (const param of params) {
        const s = resolve(param.schema as Schema);
        const bad: string[] =
          param.name === 'cursor'
            ? [forged, 'not-a-cursor', 'A'.repeat(3000), '%ZZ', forged.slice(0, -2)]
            : param.name === 'limit'
              ? ['0', '-1', '201', 'abc', '1e400', '__proto__']
              : s.enum
                ? [...PROTO_NAMES, 'x'.repeat(300)]
                : s.maxLength !== undefined
                  ? ['x'.repeat(Number(s.maxLength) + 1)]
                  : [];
        for (const value of bad) {
          const res = await call(route, `${pathOf(route, {})}?${param.name}=${encodeURIComponent(value)}`);
          expectNamed(res, route, param.name, `${routeKey(route)} ?${param.name}=${value.slice(0, 20)}`);
        }
      }
    }
  });
});

describe('request bodies', () => {
  it('states a maximum for every string and array the routes take', () => {
    const unbounded: string[] = [];
    for (const route of routes) {
      const op = operation(route);
      const inputs: Field[] = [
        ...((op.parameters ?? []) as Schema[]).map((p) => ({ path: [`${p.in}:${p.name}`], schema: resolve(p.schema as Schema) })),
        ...(op.requestBody ? fields(bodySchema(route)) : []),
      ];
      for (const { path, schema } of inputs) {
        const where = `${routeKey(route)} ${path.join('.')}`;
        if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum && schema.const === undefined) {
          const boundedByFormat = ['date', 'date-time'].includes(schema.format);
          const boundedByPattern = typeof schema.pattern === 'string' && !unboundedPattern(schema.pattern);
          if (!boundedByFormat && !boundedByPattern) unbounded.push(where);
        }
        if (schema.type === 'array' && schema.maxItems === undefined) unbounded.push(where);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('states the contract’s bounds: titles and document numbers 200, free text 4,000', () => {
    const record = bodySchema(routes.find((r) => routeKey(r) === 'POST /v1/records')!);
    expect(record.properties.title.maxLength).toBe(200);
    expect(record.properties.documentNo.maxLength).toBe(200);
    expect(record.properties.content.maxLength).toBe(4000);
    expect(resolve(record.properties.subjectId).maxLength).toBe(64);
    const approval = bodySchema(routes.find((r) => routeKey(r) === 'POST /v1/approvals')!);
    expect(approval.properties.title.maxLength).toBe(200);
    expect(approval.properties.supervisingDepartments.maxItems).toBe(100);
  });

  it.each([
    ['not JSON', 'not json'],
    ['a truncated object', '{"subjectId":'],
    ['a lone brace', '{'],
    ['deep nesting', '['.repeat(100_000)],
    ['an array', '[]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"text"'],
    ['true', 'true'],
    ['no body at all', ''],
  ])('answers a body that is %s with 4xx problem+json on every route, 400 where the body is read', async (label, raw) => {
    for (const route of bodyRoutes()) {
      const res = await svc.call(route.method, pathOf(route, {}), { ...(route.public ? {} : { token: all }), ...(raw ? { body: raw } : {}) });
      expectProblem(res, `${routeKey(route)}: ${label}`);
      if (reachesBody(route)) expect(res.status, `${routeKey(route)}: ${label}: ${JSON.stringify(res.body)}`).toBe(400);
    }
  });

  it('answers an over-long string, an over-long array and a wrong JSON type in any field with 400 naming that field', async () => {
    let checked = 0;
    for (const route of bodyRoutes()) {
      for (const { path, schema } of fields(bodySchema(route))) {
        const field = path.join('.');
        const cases: [string, unknown][] = [];
        if (schema.type === 'string') {
          cases.push(['over-long', 'x'.repeat(schema.maxLength !== undefined ? Number(schema.maxLength) + 1 : 1000)], ['a number', 12345], ['an object', { a: 1 }]);
          if (schema.enum) cases.push(...PROTO_NAMES.map((p): [string, unknown] => [p, p]));
        } else if (schema.type === 'array') {
          const item = resolve((schema.items ?? {}) as Schema);
          const filler = item.type === 'object' ? {} : item.type === 'number' || item.type === 'integer' ? 1 : 'A';
          if (schema.maxItems !== undefined) cases.push(['over-long array', Array.from({ length: Number(schema.maxItems) + 1 }, () => filler)]);
          cases.push(['a string', 'x'], ['an object', { 0: 'A' }]);
        } else if (schema.type === 'number' || schema.type === 'integer') {
          cases.push(['a string', '12'], ['an array', [1]]);
        } else if (schema.type === 'boolean') {
          cases.push(['a string', 'true'], ['a number', 1]);
        } else if (schema.type === 'object') {
          cases.push(['a string', 'x'], ['an array', []]);
        }
        for (const [label, value] of cases) {
          const res = await call(route, pathOf(route, {}), bodyWith(path, value));
          const what = `${routeKey(route)} ${field}: ${label}`;
          if (reachesBody(route)) expectNamed(res, route, field, what);
          else expectProblem(res, what);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('treats proto names as unknown codes in bodies: 400 or 422 naming the field, nothing created', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', '/v1/checks', { subjectId: ENTERPRISE, matter: 'constructor' }, 'matter'],
      ['POST', '/v1/checks/batch', { subjectIds: [ENTERPRISE], matter: '__proto__' }, 'matter'],
      ['POST', '/v1/records', { subjectId: ENTERPRISE, type: 'listing', listCode: 'constructor', documentNo: 'H-L1', decidedOn: '2026-03-01', title: 'x' }, 'listCode'],
      ['POST', '/v1/records', { subjectId: ENTERPRISE, type: 'listing', listCode: '__proto__', documentNo: 'H-L2', decidedOn: '2026-03-01', title: 'x' }, 'listCode'],
      ['POST', '/v1/commitments', { subjectId: ENTERPRISE, type: 'VOLUNTARY', matter: 'toString', content: 'x', dueOn: '2099-01-01' }, 'matter'],
      ['POST', '/v1/approvals', { subjectId: ENTERPRISE, matter: 'LICENCE', licenceNo: 'H-P1', title: 'x', decidedOn: '2026-03-01', decision: 'granted', supervisingDepartments: ['constructor'] }, 'supervisingDepartments.0'],
      ['POST', '/v1/approvals', { subjectId: ENTERPRISE, matter: 'LICENCE', licenceNo: 'H-P2', title: 'x', decidedOn: '2026-03-01', decision: 'granted', supervisingDepartments: ['NO_SUCH_DEPT'] }, 'supervisingDepartments'],
      ['POST', '/v1/approvals', { subjectId: ENTERPRISE, matter: 'hasOwnProperty', licenceNo: 'H-P3', title: 'x', decidedOn: '2026-03-01', decision: 'granted' }, 'matter'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await svc.call(method, path, { token: all, body });
      expectProblem(res, `${path} ${field}`);
      expect([400, 422], `${path} ${field}: ${JSON.stringify(res.body)}`).toContain(res.status);
      expect(res.body.errors.map((e: { path: string }) => e.path), `${path} ${field}`).toContain(field);
    }
    const records = await svc.call('GET', `/v1/entities/${ENTERPRISE}/records`, { token: all });
    expect(records.body.records.map((r: { documentNo: string }) => r.documentNo)).not.toContain('H-L1');
    const approvals = await svc.call('GET', '/v1/approvals', { token: all });
    expect(approvals.body.approvals.map((a: { licenceNo: string }) => a.licenceNo)).toEqual(['H-LIC-1']);
  });

  it('refuses a memorandum named or aimed by an object-property name', async () => {
    const measure = { code: '1', kind: 'punish', force: 'reference', departments: ['MARKET'], matters: ['LICENCE'], content: '审慎参考', legalBasis: '《条例》第一条' };
    const memo = { title: '测试备忘录', documentNo: null, issuedOn: '2026-01-01', leadDepartment: 'MARKET', targetLists: ['ABNORMAL_OPERATION'], measures: [measure] };
    const admin = all;
    for (const proto of PROTO_NAMES) {
      const named = await svc.call('PUT', `/v1/memoranda/${proto}`, { token: admin, body: memo });
      expect(named.status, proto).toBe(400);
      expect(named.body.errors[0].path).toBe('code');
    }
    const aimed = await svc.call('PUT', '/v1/memoranda/M-HOSTILE', { token: admin, body: { ...memo, targetLists: ['__proto__'] } });
    expect(aimed.status).toBe(422);
    expect(aimed.body.errors[0].path).toBe('targetLists');
    const byDept = await svc.call('PUT', '/v1/memoranda/M-HOSTILE', { token: admin, body: { ...memo, measures: [{ ...measure, departments: ['constructor'] }] } });
    expect(byDept.status).toBe(422);
    expect(byDept.body.errors.map((e: { path: string }) => e.path)).toContain('measures.0.departments');
    expect((await svc.call('GET', '/v1/memoranda/M-HOSTILE', { token: admin })).status).toBe(404);
  });
});
