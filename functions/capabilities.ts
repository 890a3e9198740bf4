/**
 * The service's capabilities: one Lambda each, with the HTTP routes it answers and the table access it
 * needs. The CDK stateless stack builds its functions and routes from this list, and the local gateway
 * routes requests with it, so the two cannot disagree about what exists.
 */
import { contracts } from './contracts.ts';
import { routeKeyOf } from './http/contract.ts';

export type TableAccess = 'none' | 'read' | 'readwrite';

export interface RouteDefinition {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** API Gateway path syntax, e.g. /v1/entities/{id} */
  path: string;
  /** Public routes carry no JWT authorizer. */
  public?: boolean;
}

export interface Capability {
  name: string;
  /** Entry module relative to the project root; exports `handler`. */
  entry: string;
  access: TableAccess;
  routes: RouteDefinition[];
  /** Memory for the Lambda; the default suits request/response work. */
  memorySize?: number;
  /** Seconds; the default suits request/response work. */
  timeoutSeconds?: number;
  /** Streams the whole population with a parallel Scan (plan freezing); every other pattern is Get/Query. */
  scans?: boolean;
  /** What it does with the files bucket (functions/data/files.ts): read, write, or both. */
  files?: 'read' | 'write' | 'readwrite';
  /** Hands long work to the job queue (functions/jobs/queue.ts). */
  enqueues?: boolean;
  /** Signs credit reports with the deployment's key (functions/data/report-signing.ts): reads its secret. */
  signsReports?: boolean;
}

/**
 * The job worker: no routes; it reads the job queue (and the bucket's upload events) and runs each
 * step of long work (functions/jobs/run.ts). The CDK builds it from this declaration as it builds the
 * capabilities.
 */
export const jobWorker = {
  name: 'jobs',
  entry: 'functions/handlers/jobs/index.ts',
  access: 'readwrite' as TableAccess,
  files: 'readwrite' as const,
  enqueues: true,
  // A segment of a city's population index, or the merge of all of them, in one invocation.
  memorySize: 3008,
  timeoutSeconds: 900,
};

/** The capabilities; their routes are their endpoints' contracts' (functions/contracts.ts). */
const declared: (Omit<Capability, 'routes'> & { routes?: RouteDefinition[] })[] = [
  {
    name: 'health',
    entry: 'functions/handlers/health/index.ts',
    access: 'none',
  },
  {
    name: 'openapi',
    entry: 'functions/handlers/openapi/index.ts',
    access: 'none',
  },
  {
    name: 'entities',
    entry: 'functions/handlers/entities/index.ts',
    access: 'readwrite',
  },
  {
    name: 'records',
    entry: 'functions/handlers/records/index.ts',
    access: 'readwrite',
  },
  {
    name: 'imports',
    entry: 'functions/handlers/imports/index.ts',
    access: 'readwrite',
    // Signs the upload URL (PutObject) and the reject file's download URL (GetObject); the upload itself starts the job.
    files: 'readwrite',
  },
  {
    name: 'memoranda',
    entry: 'functions/handlers/memoranda/index.ts',
    access: 'readwrite',
  },
  {
    name: 'checks',
    entry: 'functions/handlers/checks/index.ts',
    access: 'readwrite',
    memorySize: 1024,
  },
  {
    name: 'notices',
    entry: 'functions/handlers/notices/index.ts',
    access: 'read',
  },
  {
    name: 'commitments',
    entry: 'functions/handlers/commitments/index.ts',
    access: 'readwrite',
  },
  {
    name: 'approvals',
    entry: 'functions/handlers/approvals/index.ts',
    access: 'readwrite',
  },
  {
    name: 'supervision',
    entry: 'functions/handlers/supervision/index.ts',
    access: 'readwrite',
  },
  {
    name: 'inspectors',
    entry: 'functions/handlers/inspectors/index.ts',
    access: 'readwrite',
  },
  {
    name: 'plans',
    entry: 'functions/handlers/plans/index.ts',
    access: 'readwrite',
    // A small scope is frozen in the request (at most PLAN_INLINE_POPULATION index items); a larger one is a job.
    memorySize: 2048,
    timeoutSeconds: 29,
    // Published and full plan documents; a large freeze or draw runs as a job.
    files: 'readwrite',
    enqueues: true,
  },
  {
    name: 'public',
    entry: 'functions/handlers/public/index.ts',
    // Writes the per-client rate-limit counters, and a plan's public document when a read finds it
    // unpublished (the file under public/plans/, the note on the plan).
    access: 'readwrite',
    files: 'readwrite',
  },
  {
    name: 'reports',
    entry: 'functions/handlers/reports/index.ts',
    // Stores issued reports, publishes the signing key, and writes the per-client rate-limit counters.
    access: 'readwrite',
    signsReports: true,
  },
];

export const capabilities: Capability[] = declared.map((c) => ({
  ...c,
  routes: [
    ...contracts.filter((k) => k.capability === c.name).map((k) => ({ method: k.method, path: k.path, ...(k.roles === 'public' ? { public: true } : {}) })),
    ...(c.routes ?? []),
  ],
}));

for (const contract of contracts) {
  if (!declared.some((c) => c.name === contract.capability)) throw new Error(`${routeKeyOf(contract)}: no capability ${contract.capability}`);
}

export const routeKey = (r: RouteDefinition) => `${r.method} ${r.path}`;
