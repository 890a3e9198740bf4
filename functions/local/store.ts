import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export interface StoreProcess extends EmbeddedStore {
  pid: number;
  /** The store process's peak RSS in bytes. */
  peakRss(): Promise<number>;
  /** CPU time the store process has used, in microseconds. */
  cpuMicros(): Promise<number>;
}

/**
 * The embedded store in a child process (functions/local/store-process.ts): it gets its own core and
 * event loop, and it exits with this process. With `path` it persists there, as `npm start` runs it.
 */
export async function startStoreProcess(options: { path?: string } = {}): Promise<StoreProcess> {
  const child = fork(fileURLToPath(new URL('./store-process.ts', import.meta.url)), options.path ? [options.path] : [], {
    // Resolved here, so the child finds the TypeScript loader wherever the service was started from.
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message[key] as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the store process exited (${code ?? child.signalCode})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const endpoint = await next<string>('endpoint');
  // The channel must not keep a finished process alive: the child closes itself when it disconnects.
  child.channel?.unref();
  const alive = () => child.exitCode === null && child.signalCode === null;
  const ask = async <T>(question: string, key: string) => {
    child.channel?.ref();
    try {
      const answer = next<T>(key);
      child.send(question);
      return await answer;
    } finally {
      child.channel?.unref();
    }
  };
  return {
    endpoint,
    pid: child.pid!,
    peakRss: () => ask<number>('rss', 'maxRssBytes'),
    cpuMicros: () => ask<number>('cpu', 'cpuMicros'),
    close: async () => {
      if (!alive()) return;
      child.channel?.ref();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.send('close');
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * A running service's note of its store under DATA_DIR, so that another process (`npm run import`)
 * uses that store while the service holds its files, instead of opening them a second time.
 */
const runningStoreFile = (dataDir: string) => join(dataDir, 'store.json');

export function noteRunningStore(dataDir: string, store: { endpoint: string; pid: number }): () => void {
  const file = runningStoreFile(dataDir);
  writeFileSync(file, JSON.stringify({ endpoint: store.endpoint, pid: store.pid }) + '\n');
  return () => rmSync(file, { force: true });
}

/** The endpoint of the store a running service noted under DATA_DIR, if its process is still alive. */
export function runningStoreEndpoint(dataDir: string): string | undefined {
  let note: { endpoint?: unknown; pid?: unknown };
  try {
    note = JSON.parse(readFileSync(runningStoreFile(dataDir), 'utf8')) as typeof note;
  } catch {
    return undefined;
  }
  if (typeof note.endpoint !== 'string' || typeof note.pid !== 'number') return undefined;
  try {
    process.kill(note.pid, 0);
  } catch {
    return undefined;
  }
  return note.endpoint;
}
