/**
 * The embedded store in a child process (bench --store child): dynalite gets its own core, as the
 * STACK.md baselines were measured. Reports its endpoint, then its peak RSS when asked.
 */
import { startEmbeddedStore } from '../../functions/local/store.ts';

// With a path argument (bench --store disk) the store persists in LevelDB there, as `npm start` runs it.
const path = process.argv[2];
const store = await startEmbeddedStore(path ? { path } : {});
process.send!({ endpoint: store.endpoint });
process.on('message', (message) => {
  if (message === 'rss') process.send!({ maxRssBytes: process.resourceUsage().maxRSS * 1024 });
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMicros: user + system });
  }
  if (message === 'close') void store.close().then(() => process.exit(0));
});
// If the bench dies, the store must not outlive it.
process.on('disconnect', () => process.exit(0));
