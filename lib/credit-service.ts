import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validations, type App, type Environment } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { capabilities as allCapabilities, type Capability } from '../functions/capabilities.ts';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ConsoleSignIn } from '../functions/web-pages.ts';
import { EdgeStack } from './edge-stack.ts';
import type { OperationsSettings } from './operations.ts';
import { CHINA_REGIONS } from './regions.ts';
import { StatefulStack } from './stateful-stack.ts';
import { DEFAULT_JOB_CONCURRENCY, StatelessStack } from './stateless-stack.ts';
import { readWebConfig, siteOrigin, type WebConfig } from './web-config.ts';
import { WebStack } from './web-stack.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface AppConfig {
  stage: string;
  /** The region every stack of the stage is bound to (context `region`); unset, the stacks are environment-agnostic. */
  region?: string;
  jwtIssuer: string;
  jwtAudience: string[];
  throttle: { rateLimit: number; burstLimit: number };
  publicPlanStrata: '0' | '1';
  /** Most job steps running at once. */
  jobConcurrency: number;
  operations: OperationsSettings;
  /** How the workbench (/console) signs in: the API's own issuer with the console's client id (context `consoleClientId`), or not at all. */
  console: ConsoleSignIn;
}

/** Reads the CDK context once and fails with a message that says which `-c key=value` is missing or wrong. */
export function readAppConfig(app: App): AppConfig {
  const ctx = (key: string): unknown => app.node.tryGetContext(key);
  const required = (key: string): unknown => {
    const value = ctx(key);
    if (value === undefined || value === null || value === '') {
      throw new Error(`Missing CDK context "${key}": set it in cdk.json or pass -c ${key}=...`);
    }
    return value;
  };
  const positive = (key: string, fallback: number): number => {
    const raw = ctx(key) ?? fallback;
    const value = Number(raw); // -c values arrive as strings
    if (!Number.isFinite(value) || value <= 0) throw new Error(`CDK context "${key}" must be a positive number, got ${String(raw)}`);
    return value;
  };

  const jwtIssuer = String(required('jwtIssuer'));
  if (!jwtIssuer.startsWith('https://')) throw new Error(`CDK context "jwtIssuer" must be an https URL, got ${jwtIssuer}`);
  const audience = required('jwtAudience');
  const jwtAudience = (Array.isArray(audience) ? audience.map(String) : String(audience).split(','))
    .map((a) => a.trim())
    .filter(Boolean);
  if (jwtAudience.length === 0) throw new Error('CDK context "jwtAudience" names no audience');
  const stage = String(ctx('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]*$/.test(stage)) throw new Error(`CDK context "stage" must be lower-case letters, digits and -, got ${stage}`);

  const strata = String(ctx('publicPlanStrata') ?? '0');
  if (strata !== '0' && strata !== '1') throw new Error(`CDK context "publicPlanStrata" must be 0 or 1, got ${strata}`);

  const region = ctx('region') ? String(ctx('region')) : undefined;
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`CDK context "region" must be an AWS region such as ${CHINA_REGIONS[0]}, got ${region}`);
  const jobConcurrency = positive('jobConcurrency', DEFAULT_JOB_CONCURRENCY);
  // Lambda's bounds for an SQS event source's maximum concurrency.
  if (!Number.isInteger(jobConcurrency) || jobConcurrency < 2 || jobConcurrency > 1000) throw new Error(`CDK context "jobConcurrency" must be a whole number from 2 to 1000, got ${jobConcurrency}`);
  const alarmEmail = ctx('alarmEmail') ? String(ctx('alarmEmail')) : undefined;
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new Error(`CDK context "alarmEmail" must be an e-mail address, got ${alarmEmail}`);

  return {
    stage,
    region,
    console: consoleSignIn(ctx, jwtIssuer, jwtAudience),
    publicPlanStrata: strata,
    jwtIssuer,
    jwtAudience,
    throttle: { rateLimit: positive('throttleRate', 50), burstLimit: Math.round(positive('throttleBurst', 100)) },
    jobConcurrency,
    operations: {
      alarmEmail,
      checkLatencyP99Ms: positive('alarmCheckP99Ms', 1000),
      api5xxPercent: positive('alarm5xxPercent', 1),
    },
  };
}

/**
 * The workbench's sign-in: the OIDC provider the API's JWT authorizer trusts (`jwtIssuer`), the console as a
 * public client of it (`consoleClientId`, which must be one of `jwtAudience`: the console sends the ID token,
 * whose audience is its client id) and the scopes it asks for (`consoleScope`, default `openid`). Without a
 * client id the console is deployed saying that sign-in is not configured.
 */
function consoleSignIn(ctx: (key: string) => unknown, issuer: string, audiences: readonly string[]): ConsoleSignIn {
  const raw = ctx('consoleClientId');
  const clientId = raw === undefined || raw === null ? '' : String(raw).trim();
  if (!clientId) return { signIn: 'none', reason: '本部署尚未配置工作台登录（CDK 上下文 consoleClientId 未设置），请联系系统管理员。' };
  if (!audiences.includes(clientId)) {
    throw new Error(`CDK context "consoleClientId" (${clientId}) must be one of jwtAudience (${audiences.join(', ')}): the API would refuse the console's tokens`);
  }
  const scope = ctx('consoleScope') ? String(ctx('consoleScope')).trim() : 'openid';
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(scope) || !scope.split(' ').includes('openid')) {
    throw new Error(`CDK context "consoleScope" must be space-separated OAuth scopes including openid, got ${scope}`);
  }
  return { signIn: 'oidc', issuer, clientId, ...(scope !== 'openid' ? { scope } : {}) };
}

/**
 * The stacks of one stage (data, code, edge, web), checked by cdk-nag's AwsSolutions pack at synth time.
 * In a China region (context `region`) the edge stack is left out: see readWebConfig.
 */
export function addCreditService(app: App, config: AppConfig, capabilities: Capability[] = allCapabilities) {
  const web = readWebConfig(app);
  const env: Environment | undefined = config.region ? { region: config.region } : undefined;
  const site = siteOrigin(web);
  const stateful = new StatefulStack(app, `credit-${config.stage}-stateful`, {
    description: 'Credit service data: the DynamoDB table, the files bucket and the jobs queue (retained)',
    env,
    ...(site ? { uploadOrigins: [site] } : {}),
  });
  const stateless = new StatelessStack(app, `credit-${config.stage}-stateless`, {
    description: 'Credit service code: HTTP API, one Lambda per capability, the jobs worker, alarms and dashboard',
    env,
    stage: config.stage,
    table: stateful.table,
    files: stateful.files,
    filesArnExport: stateful.filesArnExport,
    reportSigningSecretArnExport: stateful.reportSigningSecretArnExport,
    jobs: stateful.jobs,
    jobDeadLetters: stateful.jobDeadLetters,
    capabilities,
    jobConcurrency: config.jobConcurrency,
    // Known before the web stack exists only for an own domain; otherwise public file URLs are site-relative.
    filesBaseUrl: site,
    projectRoot: PROJECT_ROOT,
    jwtIssuer: config.jwtIssuer,
    jwtAudience: config.jwtAudience,
    throttle: config.throttle,
    publicPlanStrata: config.publicPlanStrata,
    operations: config.operations,
  });
  // The pages and the edge (CloudFront, with the WAF rate limit on /v1/public/ outside China).
  const stacks = addWebStacks(app, { stage: config.stage, env, web, api: stateless.api, files: stateful.files, projectRoot: PROJECT_ROOT, console: config.console });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless, ...stacks };
}

/**
 * The edge (us-east-1) and web stacks of one stage, the web stack deployed after the edge; in the China
 * regions the web stack alone (no CloudFront-scope WAF exists there).
 *
 * The WebACL's ARN crosses regions through an SSM parameter the edge stack writes in us-east-1 and the
 * web stack reads with one SDK call. CDK's `crossRegionReferences` does the same, but only between
 * stacks with a concrete region, and the service's stacks are environment-agnostic unless a region is given.
 */
export function addWebStacks(
  app: App,
  options: { stage: string; env?: Environment; web?: WebConfig; api: HttpApi; files: IBucket; projectRoot: string; console?: ConsoleSignIn },
) {
  const { stage, env } = options;
  const config = options.web ?? readWebConfig(app);
  const webProps = {
    description: 'Credit service web pages: private S3 bucket behind CloudFront (OAC), /v1 to the HTTP API, /files/public from the files bucket',
    env,
    stage,
    config,
    api: options.api,
    files: options.files,
    webRoot: join(options.projectRoot, 'web'),
    console: options.console ?? ({ signIn: 'none' } as const),
  };
  if (config.china) {
    return { edge: undefined, web: new WebStack(app, `credit-${stage}-web`, webProps) };
  }
  const parameterName = `/credit/${stage}/edge/web-acl-arn`;
  const edge = new EdgeStack(app, `credit-${stage}-edge`, {
    description: 'Credit service edge: CloudFront WebACL with the public-API rate limit (us-east-1)',
    stage,
    config,
    parameterName,
  });
  const web = new WebStack(app, `credit-${stage}-web`, {
    ...webProps,
    webAcl: {
      parameterName,
      // The ACL is replaced only when its name or scope changes; its rules update in place, keeping the ARN.
      revision: createHash('sha256').update(`${edge.webAcl.name}|${edge.webAcl.scope}`).digest('hex').slice(0, 12),
    },
  });
  web.addStackDependency(edge, 'the web stack reads the WebACL ARN the edge stack publishes');
  return { edge, web };
}
