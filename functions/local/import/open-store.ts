import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../bootstrap.ts';
import { runningStoreEndpoint, startEmbeddedStore } from '../store.ts';

export class StoreLockedError extends Error {
  constructor(path: string) {
    super(
      `The local store at ${path} is in use by another process that left no note of its endpoint ` +
        '(an `npm start` of an older version?). Stop it, or give its store with DYNAMODB_ENDPOINT, then run the import again.',
    );
    this.name = 'StoreLockedError';
  }
}

export interface OpenedStore {
  endpoint: string;
  description: string;
  /** Whether another process serves this store now (a running `npm start`): it may take API writes meanwhile. */
  shared: boolean;
  close(): Promise<void>;
}

/**
 * The store an import writes to: an endpoint when one is given (DYNAMODB_ENDPOINT or --endpoint; the
 * table must exist); else the store of the `npm start` running over DATA_DIR, through the endpoint it
 * noted; else the local server's on-disk dynalite under DATA_DIR/store, opened in-process with the
 * table from the shared definition.
 *
 * LevelDB allows one process at a time. dynalite reports a held lock only as an uncaught "Database is
 * closed" on the first request, so the lock is tried first with the same LevelDB module dynalite uses.
 */
export async function openImportStore(options: { dataDir: string; endpoint?: string; tableName: string; region: string }): Promise<OpenedStore> {
  const running = options.endpoint ? undefined : runningStoreEndpoint(options.dataDir);
  if (running) {
    await assertTable(running, options.tableName, options.region);
    return { endpoint: running, description: `the running service's store (${running}), table ${options.tableName}`, shared: true, close: async () => {} };
  }
  if (options.endpoint) {
    await assertTable(options.endpoint, options.tableName, options.region);
    return { endpoint: options.endpoint, description: `${options.endpoint}, table ${options.tableName}`, shared: true, close: async () => {} };
  }
  const storePath = join(options.dataDir, 'store');
  await assertUnlocked(storePath);
  const store = await startEmbeddedStore({ path: storePath });
  await ensureTable(store.endpoint, options.tableName, options.region);
  return { endpoint: store.endpoint, description: `${storePath}, table ${options.tableName}`, shared: false, close: () => store.close() };
}

async function assertTable(endpoint: string, tableName: string, region: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) throw new Error(`No table ${tableName} at ${endpoint}`);
    throw error;
  } finally {
    client.destroy();
  }
}

async function assertUnlocked(path: string): Promise<void> {
  const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { Level } = requireFromDynalite('level') as { Level: new (path: string) => { open(): Promise<void>; close(): Promise<void> } };
  mkdirSync(path, { recursive: true });
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'LEVEL_LOCKED') throw new StoreLockedError(path);
    throw error;
  }
  await db.close();
}
