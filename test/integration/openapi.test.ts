import { createHash } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities, routeKey, type Capability } from '../../functions/capabilities.ts';
import type { OpenApiDocument } from '../../functions/openapi/document.ts';
import { creditCodeCheckCharacter } from '#domain/identifiers.ts';
import { startTestService, type TestService } from '../support/service.ts';

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const ENTERPRISE = code('91330000MA0000001');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let svc: TestService;
let doc: OpenApiDocument;
// Imported once the service has set the store's environment: the handlers' modules read it on import.
let buildOpenApiDocument: typeof import('../../functions/openapi/document.ts').buildOpenApiDocument;
let allRoles: string;
let schema: (name: string) => ValidateFunction;

/** The document's component schemas under a strict JSON Schema 2020-12 validator. */
function componentValidator(document: OpenApiDocument) {
  const rewritten = JSON.parse(JSON.stringify(document.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
  // strictRequired off: a conditional `then: { required: [...] }` names properties declared beside the `if`, which JSON Schema allows.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  const id = 'https://credit.example/openapi-components';
  ajv.addSchema({ $id: id, $defs: rewritten });
  return (name: string) => {
    expect(rewritten[name], `components.schemas.${name}`).toBeDefined();
    return ajv.getSchema(`${id}#/$defs/${name}`)!;
  };
}

const operations = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation: operation as Record<string, any> })),
  );

/** The documented success schema of a route, by status. */
function responseSchema(key: string, status: number) {
  const [method, path] = key.split(' ') as [string, string];
  const ref = (doc.paths[path]![method.toLowerCase()] as any).responses[String(status)].content['application/json'].schema.$ref as string;
  return schema(ref.replace('#/components/schemas/', ''));
}

function expectValid(validate: ValidateFunction, value: unknown) {
  const ok = validate(value);
  expect(ok, JSON.stringify(validate.errors)).toBe(true);
}

beforeAll(async () => {
  svc = await startTestService();
  ({ buildOpenApiDocument } = await import('../../functions/openapi/document.ts'));
  allRoles = await svc.token('MARKET', ['recorder', 'checker', 'planner', 'inspector', 'admin']);
  const res = await svc.call('GET', '/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  schema = componentValidator(doc);
});

afterAll(async () => svc?.close());

describe('GET /v1/openapi.json', () => {
  it('answers without a token, as JSON', async () => {
    const res = await svc.call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has component schemas that compile under a strict JSON Schema 2020-12 validator', () => {
    for (const name of Object.keys(doc.components.schemas)) expect(schema(name)).toBeTypeOf('function');
  });

  it('documents every route in capabilities, and no other', () => {
    const routes = capabilities.flatMap((c) => c.routes.map(routeKey)).sort();
    expect(operations(doc).map((o) => o.key).sort()).toEqual(routes);
  });

  it('asks for the bearer token on every route but the public ones', () => {
    for (const route of capabilities.flatMap((c) => c.routes)) {
      const operation = doc.paths[route.path]![route.method.toLowerCase()] as any;
      if (route.public) expect(operation.security, routeKey(route)).toEqual([]);
      else {
        expect(operation.security, routeKey(route)).toEqual([{ bearerAuth: [] }]);
        expect(Object.keys(operation.responses), routeKey(route)).toContain('401');
      }
    }
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('gives every error answer as problem+json with the Problem schema', () => {
    for (const [name, response] of Object.entries(doc.components.responses as Record<string, any>)) {
      expect(response.content['application/problem+json'].schema, name).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    expect((doc.components.responses as any).TooManyRequests.headers['Retry-After']).toBeDefined();
  });

  it('is built deterministically, and is what the service serves', () => {
    const first = buildOpenApiDocument();
    const second = buildOpenApiDocument();
    expect(first.problems).toEqual([]);
    expect(JSON.stringify(first.document)).toBe(JSON.stringify(second.document));
    expect(first.document).toEqual(doc);
  });

  it('refuses to build when a capability route has no registry entry', () => {
    const undocumented: Capability = { name: 'probe', entry: 'functions/handlers/probe/index.ts', access: 'none', routes: [{ method: 'GET', path: '/v1/undocumented' }] };
    const withProbe = [...capabilities, undocumented];
    expect(() => buildOpenApiDocument({ capabilities: withProbe })).toThrow(/GET \/v1\/undocumented has no entry in the OpenAPI route registry/);
    // The Lambda builds leniently: the route is left out and reported, the rest is still served.
    const lenient = buildOpenApiDocument({ capabilities: withProbe, strict: false });
    expect(lenient.problems).toContainEqual(expect.stringMatching(/GET \/v1\/undocumented/));
    expect(lenient.document.paths['/v1/undocumented']).toBeUndefined();
  });

  it('reports a schema JSON Schema cannot represent, instead of documenting it silently', async () => {
    const { z } = await import('zod');
    const { contracts } = await import('../../functions/contracts.ts');
    const { healthContract } = await import('../../functions/handlers/health/health.contract.ts');
    const dated = z.object({ at: z.date() });
    const probe: Capability = { name: 'probe', entry: 'functions/handlers/probe/index.ts', access: 'none', routes: [{ method: 'POST', path: '/v1/probe', public: true }] };
    const options = {
      capabilities: [...capabilities, probe],
      contracts: [...contracts, { ...healthContract, method: 'POST' as const, path: '/v1/probe', capability: 'probe', operationId: 'probe', body: { schema: dated, name: 'Dated' } }],
    };
    expect(() => buildOpenApiDocument(options)).toThrow(/not representable in JSON Schema at .*at/);
    const lenient = buildOpenApiDocument({ ...options, strict: false });
    expect(lenient.problems).toEqual([expect.stringMatching(/not representable/)]);
    expect((lenient.document.components.schemas.Dated as any).properties.at.description).toMatch(/Not representable/);
  });

  it('refuses to build when the registry documents a route that does not exist', () => {
    const withoutHealth = capabilities.filter((c) => c.name !== 'health');
    expect(() => buildOpenApiDocument({ capabilities: withoutHealth })).toThrow(/GET \/v1\/health is in the OpenAPI route registry but is no route/);
  });
});

describe('every documented route answers', () => {
  const samples: Record<string, string> = {
    id: ENTERPRISE,
    recordId: '0123456789abcdefghjkmnpqrs',
    checkId: `000000000${'0'.repeat(16)}`,
    planId: `pl${'0'.repeat(22)}`,
    code: '33000020260101000001',
  };
  it.each(capabilities.flatMap((c) => c.routes).map((r) => [routeKey(r), r]))('%s', async (_key, { method, path }) => {
    const operation = doc.paths[path]![method.toLowerCase()] as Record<string, any>;
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => samples[name]!);
    const secured = (operation.security as unknown[]).length > 0;
    const res = await svc.call(method, url, { ...(secured ? { token: allRoles } : {}), ...(operation.requestBody ? { body: {} } : {}) });
    expect(res.status, JSON.stringify(res.body)).not.toBe(405);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
    if (res.status === 404) expect(res.body.detail).not.toMatch(/^No route/);
    // Whatever it answers is documented.
    expect(Object.keys(operation.responses), `${res.status} is documented`).toContain(String(res.status));
    if (res.status >= 400) expectValid(schema('Problem'), res.body);
  });
});

describe('the request schemas in the document accept and reject what the handlers do', () => {
  const entityBody = { kind: 'enterprise', name: '浙江测试制造有限公司', region: '330100', industry: 'C13', status: 'active', establishedOn: '2015-06-01' };
  const penalty = { subjectId: ENTERPRISE, type: 'penalty', documentNo: '浙市监罚〔2026〕1号', decidedOn: '2026-03-01', title: '虚假宣传', fineAmount: 20000 };

  /** The documented schema and the API agree: both accept, or both reject naming `field`. */
  async function agree(name: string, send: (body: unknown) => Promise<{ status: number; body: any }>, body: unknown, expected: { accepted: number[] } | { field: string }) {
    const validate = schema(name);
    const documentedOk = validate(body);
    const res = await send(body);
    if ('accepted' in expected) {
      expect(documentedOk, JSON.stringify(validate.errors)).toBe(true);
      expect(expected.accepted, JSON.stringify(res.body)).toContain(res.status);
    } else {
      expect(documentedOk).toBe(false);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(expected.field);
    }
    return res;
  }

  it('PUT /v1/entities/{id}: a full body, a missing name, an enterprise without industry', async () => {
    const put = (body: unknown) => svc.call('PUT', `/v1/entities/${ENTERPRISE}`, { token: allRoles, body });
    const { name: _n, ...noName } = entityBody;
    const { industry: _i, ...noIndustry } = entityBody;
    await agree('EntityInput', put, noName, { field: 'name' });
    await agree('EntityInput', put, noIndustry, { field: 'industry' });
    const created = await agree('EntityInput', put, entityBody, { accepted: [201] });
    expectValid(responseSchema('PUT /v1/entities/{id}', 201), created.body);
    // A person needs no industry: both agree on that too.
    expect(schema('EntityInput')({ ...noIndustry, kind: 'person' })).toBe(true);
  });

  it('POST /v1/records: a penalty, a missing documentNo, a listing without listCode', async () => {
    const post = (body: unknown) => svc.call('POST', '/v1/records', { token: allRoles, body });
    const { documentNo: _d, ...noDocument } = penalty;
    await agree('RecordInput', post, noDocument, { field: 'documentNo' });
    await agree('RecordInput', post, { ...penalty, type: 'listing', documentNo: 'L-1' }, { field: 'listCode' });
    await agree('RecordInput', post, { ...penalty, unexpected: true }, { field: '(body)' });
    const created = await agree('RecordInput', post, penalty, { accepted: [201] });
    expectValid(responseSchema('POST /v1/records', 201), created.body);
  });

  it('POST /v1/checks: a check, a missing matter, an unknown matter', async () => {
    const post = (body: unknown) => svc.call('POST', '/v1/checks', { token: allRoles, body });
    await agree('CheckInput', post, { subjectId: ENTERPRISE }, { field: 'matter' });
    await agree('CheckInput', post, { subjectId: ENTERPRISE, matter: 'NO_SUCH_MATTER' }, { field: 'matter' });
    const answered = await agree('CheckInput', post, { subjectId: ENTERPRISE, matter: 'PROCUREMENT' }, { accepted: [200] });
    expectValid(responseSchema('POST /v1/checks', 200), answered.body);
  });

  it('POST /v1/plans: a plan, missing ratios', async () => {
    const post = (body: unknown) => svc.call('POST', '/v1/plans', { token: allRoles, body });
    const plan = { title: '2026年抽查', departments: ['MARKET'], ratios: { A: 0.05, B: 0.1, C: 0.2, D: 1 }, seedCommitment: sha256('openapi test seed, twenty characters or more') };
    const { ratios: _r, ...noRatios } = plan;
    await agree('PlanInput', post, noRatios, { field: 'ratios' });
    const created = await agree('PlanInput', post, plan, { accepted: [201] });
    expectValid(responseSchema('POST /v1/plans', 201), created.body);
  });
});

describe('the response schemas describe what the service answers', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const expectAnswer = async (key: string, status: number, res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expectValid(responseSchema(key, status), res.body);
    return res.body;
  };

  beforeAll(async () => {
    const res = await svc.call('PUT', `/v1/entities/${ENTERPRISE}`, { token: allRoles, body: entityBodyForResponses });
    expect([200, 201]).toContain(res.status);
  });

  it.each([
    ['GET /v1/health', '/v1/health'],
    ['GET /v1/entities/{id}', `/v1/entities/${ENTERPRISE}`],
    ['GET /v1/entities/{id}/records', `/v1/entities/${ENTERPRISE}/records`],
    ['GET /v1/memoranda', '/v1/memoranda'],
    ['GET /v1/notices', '/v1/notices'],
    ['GET /v1/public/entities/{id}', `/v1/public/entities/${ENTERPRISE}`],
    ['GET /v1/public/search', '/v1/public/search?q=%E6%B5%99%E6%B1%9F%E6%B5%8B%E8%AF%95'],
  ])('%s', async (key, url) => {
    const secured = !key.includes('/public/') && key !== 'GET /v1/health';
    await expectAnswer(key, 200, await svc.call('GET', url, secured ? { token: allRoles } : {}));
  });

  it('a check and its trail', async () => {
    const answer = await expectAnswer('POST /v1/checks', 200, await svc.call('POST', '/v1/checks', { token: allRoles, body: { subjectId: ENTERPRISE, matter: 'LICENCE' } }));
    await expectAnswer('GET /v1/checks/{checkId}', 200, await svc.call('GET', `/v1/checks/${answer.checkId}`, { token: allRoles }));
    await expectAnswer('POST /v1/checks/batch', 200, await svc.call('POST', '/v1/checks/batch', { token: allRoles, body: { matter: 'LICENCE', subjectIds: [ENTERPRISE] } }));
  });

  it('a plan: created, drawn, viewed, its population and its publication', async () => {
    const seed = 'openapi response test seed, long enough';
    const body = { title: '2026年文档抽查', departments: ['MARKET'], scope: { regionPrefix: '33' }, ratios: { A: 1, B: 1, C: 1, D: 1 }, mode: 'key-item', seedCommitment: sha256(seed) };
    const plan = await expectAnswer('POST /v1/plans', 201, await svc.call('POST', '/v1/plans', { token: allRoles, body }));
    await expectAnswer('POST /v1/plans/{planId}/draw', 200, await svc.call('POST', `/v1/plans/${plan.planId}/draw`, { token: allRoles, body: { seed } }));
    await expectAnswer('GET /v1/plans/{planId}', 200, await svc.call('GET', `/v1/plans/${plan.planId}`, { token: allRoles }));
    await expectAnswer('GET /v1/plans/{planId}/population', 200, await svc.call('GET', `/v1/plans/${plan.planId}/population`, { token: allRoles }));
    await expectAnswer('GET /v1/public/plans/{planId}', 200, await svc.call('GET', `/v1/public/plans/${plan.planId}`));
  });

  it('a commitment and the commitments of a subject and a department', async () => {
    const body = { subjectId: ENTERPRISE, type: 'VOLUNTARY', matter: 'LICENCE', content: '主动承诺依法经营', dueOn: inDays(30) };
    await expectAnswer('POST /v1/commitments', 201, await svc.call('POST', '/v1/commitments', { token: allRoles, body }));
    await expectAnswer('GET /v1/entities/{id}/commitments', 200, await svc.call('GET', `/v1/entities/${ENTERPRISE}/commitments`, { token: allRoles }));
    await expectAnswer('GET /v1/commitments', 200, await svc.call('GET', '/v1/commitments', { token: allRoles }));
  });

  it('an approval, its trail and the department list', async () => {
    const body = { subjectId: ENTERPRISE, matter: 'LICENCE', licenceNo: 'ZJ-XK-2026-0001', title: '食品经营许可', decidedOn: inDays(-1), decision: 'denied' };
    const approval = await expectAnswer('POST /v1/approvals', 201, await svc.call('POST', '/v1/approvals', { token: allRoles, body }));
    await expectAnswer('GET /v1/approvals/{approvalId}', 200, await svc.call('GET', `/v1/approvals/${approval.approvalId}`, { token: allRoles }));
    await expectAnswer('GET /v1/approvals', 200, await svc.call('GET', '/v1/approvals', { token: allRoles }));
    await expectAnswer('GET /v1/supervision/tasks', 200, await svc.call('GET', '/v1/supervision/tasks', { token: allRoles }));
  });
});

const entityBodyForResponses = { kind: 'enterprise', name: '浙江测试制造有限公司', region: '330100', industry: 'C13', status: 'active', establishedOn: '2015-06-01' };
