import { join } from 'node:path';
import { startEmbeddedStore, type EmbeddedStore } from './store.ts';
import { ensureTable } from './bootstrap.ts';
import { startGateway, type Gateway } from './gateway.ts';
import { localSecret } from './tokens.ts';
import { webFallback } from './web.ts';

export interface LocalServiceOptions {
  /** Where the store and the token secret live; undefined keeps the store in memory. */
  dataDir?: string;
  port?: number;
  demoData?: boolean;
  root: string;
  tableName?: string;
}

export interface LocalService {
  url: string;
  endpoint: string;
  secret: Uint8Array;
  store: EmbeddedStore;
  gateway: Gateway;
  close(): Promise<void>;
}

/**
 * The whole service on one machine: dynalite, the table from the shared definition, the reference
 * catalogue, optional demo data, and the local gateway in front of the Lambda handlers.
 */
export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const store = await startEmbeddedStore(options.dataDir ? { path: join(options.dataDir, 'store') } : {});
  const tableName = options.tableName ?? process.env.TABLE_NAME ?? 'credit';
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.AWS_REGION ??= 'cn-north-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  await ensureTable(store.endpoint, tableName, process.env.AWS_REGION);
  // Imported only now: the data client reads its endpoint from the environment set above.
  const { loadReferenceCatalogue } = await import('./catalogue.ts');
  await loadReferenceCatalogue();
  if (options.demoData) {
    const { loadDemoData } = await import('./demo-data.ts');
    await loadDemoData();
  }
  const { startSweeper } = await import('./sweeper.ts');
  const sweeper = await startSweeper();
  const secret = localSecret(options.dataDir ?? join(options.root, 'data'));
  // The web pages (web/) answer whatever no API route matches, as CloudFront's default behaviour does.
  const gateway = await startGateway({ port: options.port ?? 0, secret, root: options.root, fallback: webFallback(join(options.root, 'web')) });
  return {
    url: gateway.url,
    endpoint: store.endpoint,
    secret,
    store,
    gateway,
    close: async () => {
      await gateway.close();
      await sweeper.stop();
      await store.close();
    },
  };
}
