import { startEmbeddedStore, startStoreProcess } from '../../functions/local/store.ts';

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

/** An in-memory dynalite, either in a child process (as `npm start` runs it) or in this one; `disk`: on disk under `path`, in a child. */
export async function startBenchStore(mode: StoreMode, path?: string): Promise<BenchStore> {
  if (mode === 'inprocess') {
    const store = await startEmbeddedStore({});
    return { endpoint: store.endpoint, mode, peakRss: async () => process.resourceUsage().maxRSS * 1024, cpuMicros: async () => 0, close: store.close };
  }
  const store = await startStoreProcess(mode === 'disk' && path ? { path } : {});
  return { endpoint: store.endpoint, mode, peakRss: store.peakRss, cpuMicros: store.cpuMicros, close: store.close };
}
