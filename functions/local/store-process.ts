/**
 * The embedded store's own process (functions/local/store.ts, startStoreProcess): dynalite on loopback,
 * in memory or on disk at argv[2], so that the gateway's event loop never serves the store.
 * Tells its parent the endpoint over IPC and answers "rss" and "cpu"; stops on "close", on SIGTERM,
 * and when its parent goes away however it died. Ctrl-C reaches the whole process group: the store
 * ignores SIGINT and waits for its parent, which may still be writing while it shuts down.
 */
import { startEmbeddedStore } from './store.ts';

const path = process.argv[2];
const store = await startEmbeddedStore(path ? { path } : {});
let closing: Promise<void> | undefined;
const close = () => (closing ??= store.close().finally(() => process.exit(0)));

process.send!({ endpoint: store.endpoint, pid: process.pid });
process.on('message', (message) => {
  if (message === 'rss') process.send!({ maxRssBytes: process.resourceUsage().maxRSS * 1024 });
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  }
  if (message === 'close') void close();
});
process.on('disconnect', () => void close());
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => {});
