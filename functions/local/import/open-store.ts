import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../bootstrap.ts';
import { startEmbeddedStore } from '../store.ts';

export class StoreLockedError extends Error {
  constructor(path: string) {
    super(
      `The local store at ${path} is in use by another process (is \`npm start\` running?). ` +
        'Stop the local server first, then run the import again; the server will see the imported records when it starts.',
    );
    this.name = 'StoreLockedError';
  }
}

export interface OpenedStore {
  endpoint: string;
  description: string;
  close(): Promise<void>;
}

/**
 * The store an import writes to: an endpoint when one is given (DYNAMODB_ENDPOINT or --endpoint; the
 * table must exist), otherwise the local server's on-disk dynalite under DATA_DIR/store, opened
 * in-process with the table from the shared definition.
 *
 * LevelDB allows one process at a time. dynalite reports a held lock only as an uncaught "Database is
 * closed" on the first request, so the lock is tried first with the same LevelDB module dynalite uses.
 */
export async function openImportStore(options: { storePath: string; endpoint?: string; tableName: string; region: string }): Promise<OpenedStore> {
  if (options.endpoint) {
    const client = new DynamoDBClient({ endpoint: options.endpoint, region: options.region });
    try {
      await client.send(new DescribeTableCommand({ TableName: options.tableName }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw new Error(`No table ${options.tableName} at ${options.endpoint}`);
      throw error;
    } finally {
      client.destroy();
    }
    return { endpoint: options.endpoint, description: `${options.endpoint}, table ${options.tableName}`, close: async () => {} };
  }
  await assertUnlocked(options.storePath);
  const store = await startEmbeddedStore({ path: options.storePath });
  await ensureTable(store.endpoint, options.tableName, options.region);
  return { endpoint: store.endpoint, description: `${options.storePath}, table ${options.tableName}`, close: () => store.close() };
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
