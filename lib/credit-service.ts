import { fileURLToPath } from 'node:url';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { capabilities as allCapabilities, type Capability } from '../functions/capabilities.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { addWebStacks } from './web-stack.ts';

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
  // The pages and the edge (CloudFront, with the WAF rate limit on /v1/public/): lib/web-stack.ts.
  const { edge, web } = addWebStacks(app, config.stage, stateless.api, PROJECT_ROOT);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless, edge, web };
}
