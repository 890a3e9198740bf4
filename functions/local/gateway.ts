import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Duplex } from 'node:stream';
import type { Context } from 'aws-lambda';
import { maskResidentIds } from '../domain/masking.ts';
import { capabilities, routeKey, type Capability, type RouteDefinition } from '../capabilities.ts';
import type { HttpEvent, HttpResult } from '../http/handler.ts';
import { verifyToken } from './tokens.ts';

type LambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

interface CompiledRoute {
  route: RouteDefinition;
  capability: Capability;
  pattern: RegExp;
  names: string[];
}

export interface GatewayOptions {
  port?: number;
  host?: string;
  secret: Uint8Array;
  /** Project root, where capability entries are resolved. */
  root: string;
  /** Answers requests no API route matches (the web pages); undefined → 404. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  maxBodyBytes?: number;
  /** The folder that stands in for the files bucket (served at /files/…); undefined → no files. */
  filesDir?: string;
  /** Receives one line per request once it is answered (or abandoned); undefined → no access log. */
  accessLog?: (line: string) => void;
}

export interface Gateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function compile(capability: Capability, route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, capability, pattern: new RegExp(`^${source}$`), names };
}

function problem(res: ServerResponse, status: number, title: string, detail: string, requestId: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json', 'x-request-id': requestId });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, errors: [], requestId }));
}

type ParseError = Error & { code?: string; rawPacket?: Buffer; bytesParsed?: number };

/** The header line the HTTP parser stopped in, lower-cased, when it can tell. */
function failingHeader(error: ParseError): string | undefined {
  if (!error.rawPacket || error.bytesParsed === undefined) return undefined;
  const text = error.rawPacket.toString('latin1');
  const start = text.lastIndexOf('\n', Math.max(0, error.bytesParsed - 1)) + 1;
  return /^([^:\r\n]*):/.exec(text.slice(start))?.[1]?.trim().toLowerCase();
}

/**
 * A request the HTTP parser refuses never reaches a route; it still gets problem+json. A malformed
 * Authorization header is a malformed token: 401, as a wrong one is.
 */
function refuseUnparsable(error: ParseError, socket: Duplex) {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const [status, title, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request line and headers are limited to 16 KB']
      : failingHeader(error) === 'authorization'
        ? [401, 'Unauthorized', 'A valid bearer token is required']
        : [400, 'Bad Request', 'The request is not valid HTTP/1.1'];
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, errors: [], requestId: randomUUID() });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** `<time> <method> <route> <status> <ms>ms <request id>`; a request the client abandoned shows its status as `-`. */
function accessLine(req: IncomingMessage, res: ServerResponse, route: string | undefined, ms: number, requestId: string): string {
  const path = route ?? maskResidentIds((req.url ?? '/').split('?')[0]!);
  const status = res.writableFinished ? String(res.statusCode) : '-';
  return `${new Date().toISOString()} ${req.method} ${path} ${status} ${ms.toFixed(1)}ms ${requestId}`;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The local stand-in for API Gateway: matches the route, verifies the JWT as the authorizer would,
 * builds the HTTP API v2 event (claims where the authorizer puts them) and calls the same handler
 * the Lambda runs.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  // Like API Gateway, a literal segment wins over a path parameter (/v1/checks/batch over /v1/checks/{checkId}).
  const routes = capabilities.flatMap((c) => c.routes.map((r) => compile(c, r))).sort((a, b) => a.names.length - b.names.length);
  const handlers = new Map<string, LambdaHandler>();
  for (const capability of capabilities) {
    const mod = (await import(pathToFileURL(join(options.root, capability.entry)).href)) as { handler: LambdaHandler };
    handlers.set(capability.name, mod.handler);
  }
  const limit = options.maxBodyBytes ?? 6 * 1024 * 1024;
  // Imported here, not at the top: the files and jobs modules read the configuration the runtime has set by now.
  const { serveFiles } = await import('./files.ts');

  const server = createServer(async (req, res) => {
    const requestId = randomUUID();
    const started = performance.now();
    // The route's template where one matched, so that no identifier in a path reaches the log.
    let logged: string | undefined;
    if (options.accessLog) {
      const log = options.accessLog;
      res.once('close', () => log(accessLine(req, res, logged, performance.now() - started, requestId)));
    }
    try {
      const url = URL.canParse(req.url ?? '/', 'http://localhost') ? new URL(req.url ?? '/', 'http://localhost') : undefined;
      if (!url) return problem(res, 400, 'Bad Request', 'The request target is not a valid path', requestId);
      const method = (req.method ?? 'GET').toUpperCase();
      if (options.filesDir && (await serveFiles(options.filesDir, req, res, url))) return;
      let matched: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
      let pathKnown = false;
      for (const compiled of routes) {
        const m = compiled.pattern.exec(url.pathname);
        if (!m) continue;
        pathKnown = true;
        if (compiled.route.method !== method) continue;
        matched = { compiled, params: Object.fromEntries(compiled.names.map((n, i) => [n, m[i + 1]!])) };
        break;
      }
      if (!matched) {
        if (!pathKnown && options.fallback && (await options.fallback(req, res))) return;
        return problem(res, pathKnown ? 405 : 404, pathKnown ? 'Method not allowed' : 'Not found', `No route ${method} ${url.pathname}`, requestId);
      }
      const { compiled, params } = matched;
      logged = compiled.route.path;
      let claims: Record<string, unknown> | undefined;
      if (!compiled.route.public) {
        const header = req.headers.authorization ?? '';
        const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
        claims = token ? await verifyToken(options.secret, token) : undefined;
        if (!claims) return problem(res, 401, 'Unauthorized', 'A valid bearer token is required', requestId);
      }
      const body = await readBody(req, limit);
      if (body === 'too-large') return problem(res, 413, 'Payload too large', `Bodies are limited to ${limit} bytes`, requestId);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const query = Object.fromEntries(url.searchParams.entries());
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: routeKey(compiled.route),
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(compiled.names.length ? { pathParameters: params } : {}),
        requestContext: {
          accountId: 'local',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'local',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId,
          routeKey: routeKey(compiled.route),
          stage: '$default',
          time: now.toISOString(),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 } } : {}),
        },
        body: body.length ? body.toString('utf8') : undefined,
        isBase64Encoded: false,
      } as unknown as HttpEvent;
      const context = {
        awsRequestId: requestId,
        functionName: compiled.capability.name,
        functionVersion: '$LATEST',
        memoryLimitInMB: '1024',
        invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${compiled.capability.name}`,
        logGroupName: `/local/${compiled.capability.name}`,
        logStreamName: 'local',
        callbackWaitsForEmptyEventLoop: false,
        getRemainingTimeInMillis: () => 30_000,
      } as unknown as Context;
      const result = await handlers.get(compiled.capability.name)!(event, context);
      res.writeHead(result.statusCode ?? 200, { 'x-request-id': requestId, ...(result.headers as Record<string, string>) });
      res.end(result.body ?? '');
    } catch (error) {
      const what = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(maskResidentIds(`error in ${req.method} ${logged ?? req.url} (request ${requestId}): ${what}`));
      if (!res.headersSent) problem(res, 500, 'Internal error', 'The request could not be completed', requestId);
      else res.end();
    }
  });
  server.on('clientError', refuseUnparsable);
  // A client may reuse an idle connection at the instant the server times it out, and its request then
  // fails with ECONNRESET. Clients close idle connections after a few seconds (fetch: 4 s); the server
  // keeps them longer, as load balancers do, so that it is never the one to close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
