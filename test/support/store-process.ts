/**
 * A dynalite in a process of its own (in memory), so that it outlives the service a test kills and
 * gets its own core. Reports `{ endpoint }` over IPC; stops on "close" or when its parent goes away.
 */
import { startEmbeddedStore } from '../../functions/local/store.ts';

const store = await startEmbeddedStore({});
process.send!({ endpoint: store.endpoint });
process.on('message', (message) => {
  if (message === 'close') void store.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
