import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validations, type App } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { capabilities as allCapabilities, type Capability } from '../functions/capabilities.ts';
import { EdgeStack } from './edge-stack.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { readWebConfig } from './web-config.ts';
import { WebStack } from './web-stack.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface AppConfig {
  stage: string;
  jwtIssuer: string;
  jwtAudience: string[];
  throttle: { rateLimit: number; burstLimit: number };
  publicPlanStrata: '0' | '1';
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

  return {
    stage,
    publicPlanStrata: strata,
    jwtIssuer,
    jwtAudience,
    throttle: { rateLimit: positive('throttleRate', 50), burstLimit: Math.round(positive('throttleBurst', 100)) },
  };
}

/** The stacks of one stage (data, code, edge, web), checked by cdk-nag's AwsSolutions pack at synth time. */
export function addCreditService(app: App, config: AppConfig, capabilities: Capability[] = allCapabilities) {
  const stateful = new StatefulStack(app, `credit-${config.stage}-stateful`, {
    description: 'Credit service data: the single DynamoDB table (retained)',
  });
  const stateless = new StatelessStack(app, `credit-${config.stage}-stateless`, {
    description: 'Credit service code: HTTP API and one Lambda per capability',
    table: stateful.table,
    capabilities,
    projectRoot: PROJECT_ROOT,
    jwtIssuer: config.jwtIssuer,
    jwtAudience: config.jwtAudience,
    throttle: config.throttle,
    publicPlanStrata: config.publicPlanStrata,
  });
  // The pages and the edge (CloudFront, with the WAF rate limit on /v1/public/).
  const { edge, web } = addWebStacks(app, config.stage, stateless.api, PROJECT_ROOT);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless, edge, web };
}

/**
 * The edge (us-east-1) and web stacks of one stage, the web stack deployed after the edge.
 *
 * The WebACL's ARN crosses regions through an SSM parameter the edge stack writes in us-east-1 and the
 * web stack reads with one SDK call. CDK's `crossRegionReferences` does the same, but only between
 * stacks with a concrete region, and the service's stacks are deliberately environment-agnostic.
 */
export function addWebStacks(app: App, stage: string, api: HttpApi, projectRoot: string) {
  const config = readWebConfig(app);
  const parameterName = `/credit/${stage}/edge/web-acl-arn`;
  const edge = new EdgeStack(app, `credit-${stage}-edge`, {
    description: 'Credit service edge: CloudFront WebACL with the public-API rate limit (us-east-1)',
    stage,
    config,
    parameterName,
  });
  const web = new WebStack(app, `credit-${stage}-web`, {
    description: 'Credit service web pages: private S3 bucket behind CloudFront (OAC), /v1 to the HTTP API',
    stage,
    config,
    api,
    webRoot: join(projectRoot, 'web'),
    webAclParameterName: parameterName,
    // The ACL is replaced only when its name or scope changes; its rules update in place, keeping the ARN.
    webAclRevision: createHash('sha256').update(`${edge.webAcl.name}|${edge.webAcl.scope}`).digest('hex').slice(0, 12),
  });
  web.addStackDependency(edge, 'the web stack reads the WebACL ARN the edge stack publishes');
  return { edge, web };
}
