import { mkdtemp } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteRunningStore, startStoreProcess, type EmbeddedStore } from './store.ts';
import { dataDirOf } from './paths.ts';
import { ensureTable } from './bootstrap.ts';
import { startGateway, type Gateway } from './gateway.ts';
import { localSecret } from './tokens.ts';
import { webFallback } from './web.ts';
import { localConsole } from './console.ts';
import { devSignIn } from './dev-sign-in.ts';
import type { LocalJobs } from './jobs.ts';

export interface LocalServiceOptions {
  /** Where the embedded store and the token secret live; undefined keeps the embedded store in memory. */
  dataDir?: string;
  port?: number;
  demoData?: boolean;
  root: string;
  tableName?: string;
  /**
   * A DynamoDB-compatible endpoint (DynamoDB Local, another dynalite, DynamoDB itself) to use instead
   * of the embedded store. Undefined: DYNAMODB_ENDPOINT when set; null: the embedded store whatever
   * the environment says.
   */
  endpoint?: string | null;
  /** Where the gateway writes its access log, one line per request; undefined: no access log. */
  accessLog?: (line: string) => void;
  /** Where the job runner reports each step's progress; undefined: only failures are logged. */
  jobProgress?: (line: string) => void;
}

export interface LocalService {
  url: string;
  endpoint: string;
  /** Whether the store is the embedded dynalite this service started (and stops on close). */
  embedded: boolean;
  secret: Uint8Array;
  store: EmbeddedStore;
  gateway: Gateway;
  /** The in-process job runner (the local SQS and workers). */
  jobs: LocalJobs;
  close(): Promise<void>;
}

/** The endpoint to use instead of the embedded store, if any (the option, else DYNAMODB_ENDPOINT). */
function externalEndpoint(option: string | null | undefined): string | undefined {
  const endpoint = option === undefined ? process.env.DYNAMODB_ENDPOINT : option;
  if (!endpoint) return undefined;
  if (!URL.canParse(endpoint)) throw new Error(`DYNAMODB_ENDPOINT must be a URL such as http://localhost:8000, not ${JSON.stringify(endpoint)}`);
  return endpoint;
}

/** An endpoint this service did not start: it outlives the service, so closing leaves it alone. */
function externalStore(endpoint: string): EmbeddedStore {
  return { endpoint, close: async () => {} };
}

/**
 * The whole service on one machine: the store (embedded dynalite, or the endpoint given), the table
 * from the shared definition, the reference catalogue, optional demo data, and the local gateway in
 * front of the Lambda handlers.
 */
export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const external = externalEndpoint(options.endpoint);
  // The embedded store runs in a process of its own: the gateway's event loop serves only requests.
  const embedded = external ? undefined : await startStoreProcess(options.dataDir ? { path: join(options.dataDir, 'store') } : {});
  const store = embedded ?? externalStore(external!);
  const forgetStore = embedded && options.dataDir ? noteRunningStore(options.dataDir, embedded) : () => {};
  const tableName = options.tableName ?? process.env.TABLE_NAME ?? 'credit';
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.AWS_REGION ??= 'cn-north-1';
  // Local stores accept any credentials; a real DynamoDB endpoint gets the SDK's own credential chain.
  if (!process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE && !new URL(store.endpoint).hostname.endsWith('.amazonaws.com')) {
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
  }
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  try {
    await ensureTable(store.endpoint, tableName, process.env.AWS_REGION);
  } catch (error) {
    forgetStore();
    await store.close();
    throw external ? new Error(`Could not set up table ${tableName} in the store at DYNAMODB_ENDPOINT=${external}: ${(error as Error).message}`, { cause: error }) : error;
  }
  // Imported only now: the data client reads its endpoint from the environment set above.
  const { loadReferenceCatalogue } = await import('./catalogue.ts');
  await loadReferenceCatalogue();
  if (options.demoData) {
    const { loadDemoData } = await import('./demo-data.ts');
    await loadDemoData();
  }
  const { startSweeper } = await import('./sweeper.ts');
  const sweeper = await startSweeper();
  const secret = localSecret(options.dataDir ?? dataDirOf(options.root));
  // Files (published documents, uploads) live beside the store; in memory-only runs, in a temporary folder.
  const filesDir = options.dataDir ? join(options.dataDir, 'files') : await mkdtemp(join(tmpdir(), 'credit-files-'));
  process.env.FILES_DIR = filesDir;
  process.env.FILES_SIGNING_SECRET = Buffer.from(secret).toString('base64url');
  // The report-signing key stands where AWS keeps its secret: beside the store, made on first use.
  process.env.REPORT_SIGNING_KEY_FILE ||= join(options.dataDir ?? (await mkdtemp(join(tmpdir(), 'credit-keys-'))), 'report-signing-key.json');
  const { startLocalJobs } = await import('./jobs.ts');
  const jobs = startLocalJobs(options.jobProgress ? { progress: options.jobProgress } : {});
  // The local stand-in for SQS's redelivery: what a killed process left half-done is queued again.
  const { resumePlanJobs } = await import('../use-cases/freeze-job.ts');
  const { now } = await import('../domain/clock.ts');
  const resumed = await resumePlanJobs(now());
  if (resumed > 0) console.log(`resumed ${resumed} plan job(s) left by an earlier run`);
  const { resumeImportJobs } = await import('../use-cases/import-job.ts');
  const resumedImports = await resumeImportJobs();
  if (resumedImports > 0) console.log(`resumed ${resumedImports} import job(s) left by an earlier run`);
  // The web pages (web/) and the workbench answer whatever no API route matches, as CloudFront's default
  // behaviour does; the development sign-in exists only here.
  const pages = webFallback(join(options.root, 'web'), process.env, localConsole());
  const signIn = devSignIn(secret);
  const fallback = async (req: IncomingMessage, res: ServerResponse) => (await signIn(req, res)) || pages(req, res);
  const gateway = await startGateway({ port: options.port ?? 0, secret, root: options.root, fallback, filesDir, ...(options.accessLog ? { accessLog: options.accessLog } : {}) });
  process.env.FILES_BASE_URL = gateway.url;
  const { resetFileStore } = await import('../data/files.ts');
  resetFileStore();
  return {
    url: gateway.url,
    endpoint: store.endpoint,
    embedded: !external,
    secret,
    store,
    gateway,
    jobs,
    close: async () => {
      await gateway.close();
      await jobs.stop();
      await sweeper.stop();
      forgetStore();
      await store.close();
    },
  };
}
