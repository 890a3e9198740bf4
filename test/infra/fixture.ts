import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
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

export const SYNTH_TIMEOUT = 180_000;

/** One synthesis of the whole service (bundling included; cdk-nag runs inside app.synth and throws on findings). */
export function synthService(capabilities: Capability[] = allCapabilities, context: Record<string, unknown> = TEST_CONTEXT) {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, ...context } });
  const stacks = addCreditService(app, readAppConfig(app), capabilities);
  const assembly = app.synth();
  const all: Stack[] = [stacks.stateful, stacks.stateless, stacks.web, ...(stacks.edge ? [stacks.edge] : [])];
  return {
    app,
    assembly,
    stacks,
    stateless: stacks.stateless,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: Template.fromStack(stacks.stateless),
    webTemplate: Template.fromStack(stacks.web),
    /** Every stack's template, by stack name. */
    templates: Object.fromEntries(all.map((stack) => [stack.stackName, Template.fromStack(stack)])),
  };
}

export type Service = ReturnType<typeof synthService>;
export type Resource = { Type: string; Properties: Record<string, any>; [key: string]: any };
export type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, any>; Principal?: any };

export function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

export const asArray = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);

/** The Lambda serving a capability (or the jobs worker), found in the template by the service name it logs under. */
export function functionOf(template: Template, capability: { name: string }): [string, Resource] {
  const found = resourcesOf(template, 'AWS::Lambda::Function').filter(
    ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === capability.name,
  );
  if (found.length !== 1) throw new Error(`expected one function for ${capability.name}, found ${found.length}`);
  return found[0]!;
}

/** Every statement of the policies attached to the role of a capability's function. */
export function statementsOf(service: Service, capability: { name: string }): Statement[] {
  const [, fn] = functionOf(service.statelessTemplate, capability);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const role = service.statelessTemplate.toJSON().Resources[roleId] as Resource;
  if (role.Properties.Policies !== undefined) throw new Error('grants are expected in attached AWS::IAM::Policy resources');
  return resourcesOf(service.statelessTemplate, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref?: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The value the stateful stack exports under `importName`: proves what a cross-stack reference points at. */
export function exportedValue(service: Service, importName: string) {
  const outputs = service.statefulTemplate.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  return Object.values(outputs).find((o) => o.Export?.Name === importName)?.Value;
}

/** The logical ID of the one resource of `type` in `template` whose logical ID starts with `prefix`. */
export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const found = resourcesOf(template, type).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.length}`);
  return found[0]![0];
}
