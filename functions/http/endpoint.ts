import type { z } from 'zod';
import { now, type Now } from '#domain/clock.ts';
import type { Stamp } from '#domain/records.ts';
import { ROLES } from '#domain/roles.ts';
import { requireRole, type Caller } from './auth.ts';
import type { Contract } from './contract.ts';
import { capabilityHandler, json, seeOther, type ApiHandler, type ApiRequest, type ApiResponse } from './handler.ts';
import { parseInput } from './parse.ts';

type Infer<S> = S extends z.ZodType ? z.infer<S> : Record<string, never>;

/** What an endpoint's implementation receives: everything its contract promises, already checked. */
export interface EndpointInput<C extends Contract> {
  params: Infer<C['params']>;
  query: Infer<C['query']>;
  /** The headers the contract names, by their documented names. */
  headers: Infer<C['headers']>;
  /**
   * The body, parsed by the contract's schema when first called. An endpoint that checks ownership
   * calls it after that check, so a forbidden request is 403 whatever its body (API.md: 403 before 400).
   */
  body(): NonNullable<C['body']> extends { schema: infer B } ? Infer<B> : undefined;
  /** The verified caller (undefined on public routes). */
  caller: C['roles'] extends 'public' ? Caller | undefined : Caller;
  /** Who, when and in which request: built once from the verified caller, the request id and the clock. */
  stamp: Stamp;
  now: Now;
  request: ApiRequest;
}

export interface Endpoint {
  contract: Contract;
  handle: ApiHandler;
}

type ClientLimiter = (request: ApiRequest) => Promise<void>;
let clientLimiter: ClientLimiter | undefined;

/**
 * The per-client rate limit for rate-limited contracts, registered by the Lambda that serves them
 * (the public one): it needs the store, which the other Lambdas — the docs one above all — never bundle.
 */
export function limitClientsWith(limiter: ClientLimiter): void {
  clientLimiter = limiter;
}

/**
 * An endpoint from its contract and its implementation. Steps, in the order API.md fixes: the token
 * and role (401, 403) → the per-client rate on rate-limited contracts (429) → the path and query
 * (400) → the implementation, which reads the body (400) after deciding ownership (403/404), then the
 * use case's 422 and 409.
 */
export function endpoint<C extends Contract>(contract: C, implementation: (input: EndpointInput<C>) => Promise<ApiResponse>): Endpoint {
  return {
    contract,
    handle: async (request) => {
      const caller =
        contract.roles === 'public' ? request.caller : requireRole(request.caller, ...(contract.roles === 'any' ? ROLES : contract.roles));
      if (contract.rateLimited) {
        if (!clientLimiter) throw new Error(`${contract.operationId} is rate-limited but its Lambda registered no limiter`);
        await clientLimiter(request);
      }
      const params = contract.params ? parseInput(contract.params, { ...request.params }) : {};
      const query = contract.query ? parseInput(contract.query, request.query) : {};
      const headers = contract.headers ? parseInput(contract.headers, namedHeaders(contract.headers, request.headers)) : {};
      const clock = now();
      let parsed: { value: unknown } | undefined;
      const input = {
        params,
        query,
        headers,
        body: () => {
          parsed ??= { value: contract.body ? parseInput(contract.body.schema, request.body) : undefined };
          return parsed.value;
        },
        caller,
        stamp: { sub: caller?.sub ?? 'public', department: caller?.dept ?? '', at: clock.at, requestId: request.requestId },
        now: clock,
        request,
      } as EndpointInput<C>;
      return implementation(input);
    },
  };
}

/** The request's headers under the names a contract gives them (HTTP header names are case-insensitive). */
function namedHeaders(schema: z.ZodObject, headers: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined) named[name] = value;
  }
  return named;
}

/** One Lambda serving these endpoints, picked by route key. */
export function serve(...endpoints: Endpoint[]) {
  return capabilityHandler(Object.fromEntries(endpoints.map((e) => [`${e.contract.method} ${e.contract.path}`, e.handle])));
}

export { json, seeOther };
