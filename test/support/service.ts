import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { LocalService } from '../../functions/local/runtime.ts';
import { contractBreach } from './contract-check.ts';
import { suiteStoreEndpoint } from './store.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The store's own attributes, which no response may carry (API.md, Credit checks). */
const isStoreAttribute = (key: string) => key === 'PK' || key === 'SK' || key === 'itemType' || key.startsWith('GSI');

/** The path of the first store attribute in a JSON value, or undefined. */
export function storeAttributeIn(value: unknown, path = '$'): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = storeAttributeIn(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isStoreAttribute(key)) return `${path}.${key}`;
      const found = storeAttributeIn(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

export interface TestService {
  url: string;
  service: LocalService;
  token(dept: string, roles: string[], sub?: string): Promise<string>;
  /** fetch against the service with an optional bearer token and JSON body. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  close(): Promise<void>;
}

export type Call = TestService['call'];

/** fetch against a base URL with an optional bearer token and JSON body; the body parsed when it is JSON. */
export function httpCaller(baseUrl: string): Call {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    // Every test enforces it: a response carrying the store's internal attributes fails the test that made it.
    const leaked = typeof body === 'object' ? storeAttributeIn(body) : undefined;
    if (leaked) throw new Error(`${method} ${path} answered ${res.status} with the store attribute ${leaked}`);
    // And every response keeps its endpoint's contract, strictly: the OpenAPI document is what the service does.
    const breach = contractBreach(method, path, res.status, res.headers.get('content-type'), body);
    if (breach) throw new Error(`${method} ${path} answered ${breach}`);
    return { status: res.status, body, headers: res.headers, text };
  };
}

export interface TestServiceOptions {
  demoData?: boolean;
  env?: Record<string, string>;
  /** A DynamoDB-compatible endpoint to run over (a latency proxy, a store process); default: the suite's store, else an in-memory dynalite. */
  storeEndpoint?: string;
}

/**
 * The real service for a test file: an in-memory dynalite on a random port (or the given store, or the
 * suite's store under `npm run test:dynamodb-local`), a fresh table from the shared definition, the
 * reference catalogue, and the local gateway in front of the Lambda handlers.
 */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  process.env.TOKEN_SECRET = randomBytes(16).toString('hex');
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  // Tests call public routes often from one address; the rate-limit test sets its own limit.
  process.env.PUBLIC_RATE_LIMIT = '100000';
  Object.assign(process.env, options.env);
  const { startLocalService } = await import('../../functions/local/runtime.ts');
  const { signToken } = await import('../../functions/local/tokens.ts');
  const service = await startLocalService({
    root: ROOT,
    demoData: options.demoData ?? false,
    tableName: `t${randomBytes(4).toString('hex')}`,
    // Never a DYNAMODB_ENDPOINT left in the environment by an earlier service of this process.
    endpoint: options.storeEndpoint ?? suiteStoreEndpoint() ?? null,
  });
  const secret = service.secret;
  return {
    url: service.url,
    service,
    token: (dept, roles, sub) => signToken(secret, { sub: sub ?? `${dept.toLowerCase()}-tester`, dept, roles }),
    call: httpCaller(service.url),
    close: () => service.close(),
  };
}
