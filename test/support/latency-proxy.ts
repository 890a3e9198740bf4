import { createServer, request, Agent, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  /** Point DYNAMODB_ENDPOINT here. */
  endpoint: string;
  /** Requests forwarded so far. */
  forwarded(): number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A store proxy for fault tests: every request to the store waits a random 0–maxDelayMs before it is
 * forwarded, so the service's store calls interleave as they would against a remote DynamoDB and
 * not in the order they were sent. Loopback on both sides; bodies are forwarded untouched (SigV4
 * signs the host header, which local stores do not verify).
 */
export async function startLatencyProxy(target: string, options: { maxDelayMs?: number; random?: () => number } = {}): Promise<LatencyProxy> {
  const upstream = new URL(target);
  if (upstream.protocol !== 'http:' || !LOOPBACK.has(upstream.hostname)) throw new Error(`latency proxy forwards to loopback http only, not ${target}`);
  const maxDelayMs = Math.min(Math.max(options.maxDelayMs ?? 40, 0), 1_000);
  const random = options.random ?? Math.random;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let count = 0;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await new Promise((r) => setTimeout(r, Math.floor(random() * (maxDelayMs + 1))));
    count++;
    const forward = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    forward.end(Buffer.concat(chunks));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    forwarded: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
