import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { capabilities as allCapabilities, type Capability } from '../../functions/capabilities.ts';
import { addCreditService, readAppConfig } from '../../lib/credit-service.ts';

/** Feature flags as committed; the service settings below replace cdk.json's. */
const CDK_JSON_CONTEXT = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

/** Deliberately unlike cdk.json, so a test notices when context is not passed through. */
export const TEST_CONTEXT = {
  jwtIssuer: 'https://issuer.test.example/realms/credit',
  jwtAudience: 'credit-api, credit-portal',
  stage: 'test',
  throttleRate: '25',
  throttleBurst: '40',
};

export const SYNTH_TIMEOUT = 120_000;

/** One synthesis of the whole service (bundling included; cdk-nag runs inside app.synth and throws on findings). */
export function synthService(capabilities: Capability[] = allCapabilities, context: Record<string, unknown> = TEST_CONTEXT) {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, ...context } });
  const { stateful, stateless } = addCreditService(app, readAppConfig(app), capabilities);
  const assembly = app.synth();
  return {
    app,
    assembly,
    stateless,
    statefulTemplate: Template.fromStack(stateful),
    statelessTemplate: Template.fromStack(stateless),
  };
}

export type Resource = { Type: string; Properties: Record<string, any>; [key: string]: any };

export function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

/** The Lambda serving a capability, found in the template by the service name it logs under. */
export function functionOf(template: Template, capability: Capability): [string, Resource] {
  const found = resourcesOf(template, 'AWS::Lambda::Function').filter(
    ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === capability.name,
  );
  if (found.length !== 1) throw new Error(`expected one function for ${capability.name}, found ${found.length}`);
  return found[0]!;
}
