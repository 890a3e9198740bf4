import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { normaliseId } from '#domain/identifiers.ts';
import { callerFromClaims, type Caller } from './auth.ts';
import { logger } from './logger.ts';
import { problemResponse } from './problem.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a use-case handler sees: the request already decoded, the caller already identified. */
export interface ApiRequest {
  /** The route key, e.g. `GET /v1/notices`: what a cursor is bound to. */
  route: string;
  /** Decoded on first use, so a malformed body is a 400 only after the role check (401 → 403 → 400). */
  body: unknown;
  /** Each decoded on first use: malformed percent-encoding or more than 64 characters is a 400 naming it. */
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  caller: Caller | undefined;
  requestId: string;
  sourceIp: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;

type Request = middy.Request<HttpEvent, HttpResult, Error, Context>;

function decodeBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw ValidationError.field('(body)', 'must be a valid JSON document');
  }
}

/** A path id is at most this long once normalised (API.md, Conventions: Bounds). */
export const PATH_ID_MAX = 64;

function decodePathParameter(name: string, raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw ValidationError.field(name, 'is not valid percent-encoding');
  }
  if (normaliseId(value).length > PATH_ID_MAX) throw ValidationError.field(name, `must be at most ${PATH_ID_MAX} characters`);
  return value;
}

/**
 * Path parameters and the body are decoded when the handler first reads them, which it does only
 * after the role check: authority is decided before content.
 */
function toApiRequest(event: HttpEvent): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.pathParameters ?? {})) {
    if (v !== undefined) Object.defineProperty(params, k, { enumerable: true, get: () => decodePathParameter(k, v) });
  }
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  let body: { value: unknown } | undefined;
  return {
    route: event.routeKey,
    get body() {
      body ??= { value: decodeBody(event) };
      return body.value;
    },
    params,
    query,
    headers,
    caller: callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.http.sourceIp,
  };
}

function formatResponse(response: ApiResponse): HttpResult {
  const hasBody = response.body !== undefined;
  return {
    statusCode: response.status,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...response.headers },
    body: hasBody ? JSON.stringify(response.body) : '',
  };
}

/** The error handler goes last so that its onError runs first: every failure leaves as problem+json. */
const problemErrors = (): MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  onError: (request: Request) => {
    const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
    const error = request.error;
    // The request id is given with each line, not only as a logger key: the local gateway runs
    // requests concurrently in one process, where a key appended by one request is another's too.
    if (error instanceof DomainError) logger.info('request refused', { requestId, status: error.status, detail: error.message });
    else logger.error('request failed', { requestId, error: error as Error });
    request.response = problemResponse(error, requestId);
  },
});

const requestIdInLogs = (): MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  before: (request: Request) => {
    logger.appendKeys({ requestId: request.event.requestContext.requestId, route: request.event.routeKey });
  },
});

/**
 * One Lambda per capability: the handler picks the use case by the API Gateway route key. The
 * middleware order is the same for every capability: observability → request ids → errors last.
 */
export function capabilityHandler(useCases: Record<string, ApiHandler>) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(requestIdInLogs())
    .use(problemErrors())
    .handler(async (event) => {
      const useCase = Object.hasOwn(useCases, event.routeKey) ? useCases[event.routeKey] : undefined;
      if (!useCase) throw new NotFoundError(`No route ${event.routeKey}`);
      return formatResponse(await useCase(toApiRequest(event)));
    });
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** 303 See Other: what was asked for is at `location` (a published file, a signed URL). */
export const seeOther = (location: string): ApiResponse => ({ status: 303, body: undefined, headers: { location } });
