import { z } from 'zod';

/**
 * Environment read and validated once, at cold start. A misconfigured function fails here, loudly,
 * rather than on the first request.
 */
const schema = z.object({
  TABLE_NAME: z.string().min(1).default('credit'),
  /** Local runtime only: the dynalite endpoint. In AWS the SDK's default endpoint is used. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().default('cn-north-1'),
  /** How long a Lambda keeps the in-memory catalogue before re-reading its version (ms). */
  CATALOGUE_REFRESH_MS: z.coerce.number().int().min(0).default(5000),
  /** Days after a check during which its department is notified of changes to the subject. */
  NOTICE_WINDOW_DAYS: z.coerce.number().int().min(1).default(30),
  /** Public endpoints: requests per client per minute. */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  /** Proxies in front of the API that append to X-Forwarded-For (CloudFront: 1); 0 trusts none. */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(5).default(0),
  /** Weekday public holidays (YYYY-MM-DD, comma-separated) for working-day deadlines. */
  HOLIDAYS: z.string().default(''),
  /** Weekend days worked in exchange (调休), comma-separated. */
  MAKEUP_WORKDAYS: z.string().default(''),
  /** Working days within which an inspection result must be published. */
  RESULT_PUBLISH_WORKING_DAYS: z.coerce.number().int().min(1).default(20),
  /** Working days after a check within which its department feeds back on the measures it returned (the ledger's `overdue`). */
  FEEDBACK_DUE_WORKING_DAYS: z.coerce.number().int().min(1).default(10),
  /** Working days after an objection is filed within which the recording department decides it (`dueBy`). */
  OBJECTION_WORKING_DAYS: z.coerce.number().int().min(1).default(5),
  /** Working days after a repair application is filed within which the recording department decides it (`dueBy`). */
  REPAIR_WORKING_DAYS: z.coerce.number().int().min(1).default(5),
  /**
   * The key that seals pagination cursors (at least 32 characters). Every instance of a deployment
   * needs the same one; unset, each process draws its own, which suits one local process only.
   */
  CURSOR_SECRET: z.string().min(32).optional(),
  /**
   * 1: the public plan document is the full one (strata, exempt list, industries, roster). Risk
   * classes are internal (DOMAIN.md §6), so by default it carries only sizes and salted hashes.
   */
  PUBLIC_PLAN_STRATA: z.enum(['0', '1']).default('0'),
  /** AWS: the bucket of published documents, uploads and reject reports (functions/data/files.ts). */
  FILES_BUCKET: z.string().min(1).optional(),
  /** Local: the folder that stands in for the bucket (the local runtime sets DATA_DIR/files). */
  FILES_DIR: z.string().min(1).optional(),
  /** Where `/files/public/…` is served from: the CloudFront distribution in AWS, the gateway locally. */
  FILES_BASE_URL: z.string().url().optional(),
  /** Local: the key that signs file URLs in place of S3's pre-signing. */
  FILES_SIGNING_SECRET: z.string().min(16).optional(),
  /** AWS: the queue the job workers read (functions/jobs/queue.ts); unset, jobs run in this process. */
  JOBS_QUEUE_URL: z.string().url().optional(),
  /** AWS: the job queue's maxReceiveCount; on the last receive a failing step marks its job failed. */
  JOBS_MAX_RECEIVES: z.coerce.number().int().min(1).default(5),
  /**
   * Above this many index items in a plan's scope the freeze runs as a job (202) rather than inside
   * the request (201); the same bound decides whether a draw does.
   */
  PLAN_INLINE_POPULATION: z.coerce.number().int().min(0).default(20_000),
  /**
   * Plan documents up to this many bytes are answered by the API; a larger one is answered with 303
   * to its published file (a Lambda's response is limited to 6 MB).
   */
  PLAN_DOCUMENT_INLINE_BYTES: z.coerce.number().int().min(0).default(5 * 1024 * 1024),
  /**
   * How a public file is linked: `public`, its URL under /files/public/ (CloudFront, the local gateway);
   * `signed`, a short-lived pre-signed URL, where nothing serves public files (the China regions).
   */
  PUBLIC_FILE_LINKS: z.enum(['public', 'signed']).default('public'),
  /** How often (ms) an import job writes its counts while it runs; GET /v1/imports/{importId} shows them. */
  IMPORT_PROGRESS_MS: z.coerce.number().int().min(0).default(1000),
  /** AWS: the secret whose value seeds the report-signing Ed25519 key (functions/data/report-signing.ts). */
  REPORT_SIGNING_SECRET_ARN: z.string().min(1).optional(),
  /** Local: the key file that holds the report-signing key (the local runtime sets DATA_DIR/report-signing-key.json). */
  REPORT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']).default('INFO'),
});

export type Config = z.infer<typeof schema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export const config: Config = readConfig();

const dateList = (value: string) => value.split(',').map((d) => d.trim()).filter(Boolean);

/** The working calendar deadlines are counted in (holidays and make-up working days are configuration). */
export const workingCalendar = { holidays: dateList(config.HOLIDAYS), makeUpWorkdays: dateList(config.MAKEUP_WORKDAYS) };
