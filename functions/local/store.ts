import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
// dynalite ships no types; it exports a factory returning an http.Server.
// @ts-expect-error no declaration file
import dynalite from 'dynalite';

export interface EmbeddedStore {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite, the DynamoDB-compatible server, on loopback. With `path` it persists to LevelDB
 * files there; without, it keeps everything in memory (tests).
 */
export async function startEmbeddedStore(options: { path?: string; port?: number } = {}): Promise<EmbeddedStore> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  const server: Server = (dynalite as (o: object) => Server)({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // dynalite closes its LevelDB when the server closes; idle keep-alive sockets must not hold it open.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
