import { z } from 'zod';
import { contracts } from '../../functions/contracts.ts';
import type { Contract } from '../../functions/http/contract.ts';
import { problem } from '../../functions/openapi/responses.ts';

/**
 * Every response a test receives is checked against its endpoint's contract, strictly: a field the
 * contract does not document fails the test, so the published OpenAPI is what the service answers.
 * (The published schemas stay open to added fields, as API.md allows; only the tests are strict.)
 */
type Def = { type: string; [key: string]: any };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const strictCache = new WeakMap<z.ZodType, z.ZodType>();

/** The schema with every object in it strict (unknown keys refused), however deeply nested. */
export function strictly(schema: z.ZodType): z.ZodType {
  const cached = strictCache.get(schema);
  if (cached) return cached;
  const def = defOf(schema);
  let out: z.ZodType;
  switch (def.type) {
    case 'object':
      out = z.strictObject(Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strictly(v)])));
      break;
    case 'array':
      out = z.array(strictly(def.element));
      break;
    case 'optional':
      out = strictly(def.innerType).optional();
      break;
    case 'nullable':
      out = strictly(def.innerType).nullable();
      break;
    case 'default':
      out = strictly(def.innerType);
      break;
    case 'union':
      out = z.union((def.options as z.ZodType[]).map(strictly) as [z.ZodType, z.ZodType]);
      break;
    case 'record':
      out = z.record(def.keyType, strictly(def.valueType));
      break;
    default:
      out = schema;
  }
  strictCache.set(schema, out);
  return out;
}

interface Compiled {
  contract: Contract;
  pattern: RegExp;
  params: number;
}

// A literal segment wins over a parameter (/v1/checks/batch over /v1/checks/{checkId}), as in the gateway.
const compiled: Compiled[] = contracts
  .map((contract) => {
    const segments = contract.path.split('/');
    const source = segments.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/');
    return { contract, pattern: new RegExp(`^${source}$`), params: segments.filter((s) => s.startsWith('{')).length };
  })
  .sort((a, b) => a.params - b.params);

export function contractFor(method: string, path: string): Contract | undefined {
  const pathname = path.split('?')[0]!;
  return compiled.find((c) => c.contract.method === method && c.pattern.test(pathname))?.contract;
}

const strictProblem = strictly(problem);

/** Why a response breaks its contract, or undefined when it keeps it (or no contract covers the route). */
export function contractBreach(method: string, path: string, status: number, contentType: string | null, body: unknown): string | undefined {
  const contract = contractFor(method, path);
  if (!contract) return undefined;
  if (status >= 400) {
    if (!contentType?.includes('application/problem+json')) return `a ${status} that is not application/problem+json`;
    const parsed = strictProblem.safeParse(body);
    return parsed.success ? undefined : `a problem that breaks the Problem schema: ${z.prettifyError(parsed.error)}`;
  }
  if (!(status in contract.response.statuses)) return `status ${status}, which the contract does not list (${Object.keys(contract.response.statuses).join(', ')})`;
  // A redirect's body is not the document: the document is at its Location (followed, it is checked as a 200).
  if (status === 303) return undefined;
  const parsed = strictly(contract.response.schema).safeParse(body);
  return parsed.success ? undefined : `a body that breaks ${contract.response.name}: ${z.prettifyError(parsed.error)}`;
}
