import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmbeddedStore } from '../../functions/local/store.ts';

export type StoreMode = 'child' | 'disk' | 'inprocess';

export interface BenchStore {
  endpoint: string;
  mode: StoreMode;
  /** The store's peak RSS in bytes (the child's own; in-process it is this process's). */
  peakRss(): Promise<number>;
  /** CPU time the store process has used (µs); 0 in-process, where it cannot be told apart. */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

/** An in-memory dynalite, either in a child process or in this one; `disk`: on disk under `path`, in a child. */
export async function startBenchStore(mode: StoreMode, path?: string): Promise<BenchStore> {
  if (mode === 'inprocess') {
    const store = await startEmbeddedStore({});
    return { endpoint: store.endpoint, mode, peakRss: async () => process.resourceUsage().maxRSS * 1024, cpuMicros: async () => 0, close: store.close };
  }
  const child = fork(fileURLToPath(new URL('./store-process.ts', import.meta.url)), mode === 'disk' && path ? [path] : [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m[key] as T);
        }
      };
      const onExit = (code: number | null) => reject(new Error(`store process exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const endpoint = await next<string>('endpoint');
  return {
    endpoint,
    mode,
    peakRss: async () => {
      const rss = next<number>('maxRssBytes');
      child.send('rss');
      return rss;
    },
    cpuMicros: async () => {
      const cpu = next<number>('cpuMicros');
      child.send('cpu');
      return cpu;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
