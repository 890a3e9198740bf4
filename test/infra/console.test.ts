import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_FILES, CONTENT_SECURITY_POLICY } from '../../functions/web-pages.ts';
import { readAppConfig } from '../../lib/credit-service.ts';
import { resourcesOf, SYNTH_TIMEOUT, synthService, TEST_CONTEXT, type Resource, type Service } from './fixture.ts';

/**
 * The workbench in AWS (issue 13): its built files and config.json deployed with the pages under console/,
 * `/console` mapped by the page-routes function, its OIDC settings from context (the API's issuer, the
 * console's client id, one of the API's audiences), a content-security policy that admits the provider for
 * the console alone — and nothing of the local development sign-in anywhere in what is synthesized.
 */
const CLIENT_ID = 'credit-portal'; // one of TEST_CONTEXT.jwtAudience
const CONTEXT = { ...TEST_CONTEXT, consoleClientId: CLIENT_ID, consoleScope: 'openid profile' };

let service: Service;
beforeAll(() => {
  service = synthService(undefined, CONTEXT); // cdk-nag runs inside and throws on any finding
}, SYNTH_TIMEOUT);

const one = (type: string): Resource => resourcesOf(service.webTemplate, type)[0]![1];
const distribution = () => one('AWS::CloudFront::Distribution').Properties.DistributionConfig;
const stagedSources = () =>
  resourcesOf(service.webTemplate, 'Custom::CDKBucketDeployment')
    .flatMap(([, d]) => d.Properties.SourceObjectKeys as string[])
    .map((key) => join(service.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`));
/** Every file under a directory, recursively. */
const filesUnder = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
const edgeHandler = (resource: Resource) => new Function(`${resource.Properties.FunctionCode}; return handler;`)() as (e: { request: { uri: string } }) => { uri?: string; statusCode?: number };

describe('the workbench in the synthesized web stack', () => {
  it('deploys the built console (page, script, stylesheet) and config.json under console/ of the pages bucket', () => {
    const staged = stagedSources().flatMap((dir) => (existsSync(join(dir, 'console')) ? readdirSync(join(dir, 'console')).map((f) => join(dir, 'console', f)) : []));
    expect(staged.map((f) => f.split('/').at(-1)).sort()).toEqual([...CONSOLE_FILES].sort());
    const file = (name: string) => readFileSync(staged.find((f) => f.endsWith(`/console/${name}`))!, 'utf8');
    expect(file('index.html')).toContain('<script defer src="/console/console.js"></script>');
    expect(file('console.js')).toContain('/console/config.json');
    expect(file('console.css')).toContain('.console-nav');
    expect(JSON.parse(file('config.json'))).toEqual({ signIn: 'oidc', issuer: TEST_CONTEXT.jwtIssuer, clientId: CLIENT_ID, scope: 'openid profile' });
  });

  it('maps /console to its page with the page-routes function, and its files as they are', () => {
    const [, routes] = resourcesOf(service.webTemplate, 'AWS::CloudFront::Function').find(([id]) => id.startsWith('PageRoutes'))!;
    const handler = edgeHandler(routes);
    expect(handler({ request: { uri: '/console' } }).uri).toBe('/console/index.html');
    for (const file of CONSOLE_FILES) expect(handler({ request: { uri: `/console/${file}` } }).uri).toBe(`/console/${file}`);
    expect(handler({ request: { uri: '/console/other.js' } }).statusCode).toBe(404);
    expect(handler({ request: { uri: '/dev/sign-in' } }).statusCode).toBe(404);
  });

  it('serves /console* under a policy that admits the OIDC provider’s origin, the other pages under their own', () => {
    const behaviour = (distribution().CacheBehaviors as any[]).find((b) => b.PathPattern === '/console*');
    expect(behaviour).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https' });
    expect(behaviour.FunctionAssociations).toEqual(distribution().DefaultCacheBehavior.FunctionAssociations);
    const policies = Object.fromEntries(
      resourcesOf(service.webTemplate, 'AWS::CloudFront::ResponseHeadersPolicy').map(([id, p]) => [id, p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy]),
    );
    const consolePolicy = policies[behaviour.ResponseHeadersPolicyId.Ref];
    // The files bucket's origin: the browser PUTs an import's file and reads a large plan document there through pre-signed URLs.
    expect(consolePolicy).toMatchObject({ 'Fn::Join': ['', expect.arrayContaining([expect.stringContaining("connect-src 'self' https://issuer.test.example https://")])] });
    const parts = (consolePolicy as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(parts[1]).toEqual({ 'Fn::ImportValue': expect.stringMatching(/:ExportsOutputFnGetAttFiles\w+RegionalDomainName\w+$/) });
    expect(parts[0]).toContain("script-src 'self';");
    expect(policies[distribution().DefaultCacheBehavior.ResponseHeadersPolicyId.Ref]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('contains nothing of the local development sign-in: no template, asset or page mentions /dev/sign-in', () => {
    const mentions: string[] = [];
    for (const file of filesUnder(service.assembly.directory)) {
      const text = readFileSync(file).toString('latin1');
      if (['dev/sign-in', 'sign-in.js', 'name="console-token"'].some((m) => text.includes(m))) mentions.push(file);
    }
    expect(mentions).toEqual([]);
    // The scan read the console's own files, so it would have seen it there.
    expect(filesUnder(service.assembly.directory).some((f) => f.endsWith('/console/console.js'))).toBe(true);
  });
});

describe('reading the console’s context', () => {
  const base = { jwtIssuer: 'https://issuer.test.example/', jwtAudience: 'credit-api, credit-console' };
  const read = (context: Record<string, unknown>) => readAppConfig(new App({ context })).console;

  it('signs in at the API’s issuer with the console’s client id, which must be one of the API’s audiences', () => {
    expect(read({ ...base, consoleClientId: 'credit-console' })).toEqual({ signIn: 'oidc', issuer: base.jwtIssuer, clientId: 'credit-console' });
    expect(() => read({ ...base, consoleClientId: 'someone-else' })).toThrow(/consoleClientId.*must be one of jwtAudience/);
  });

  it('without consoleClientId deploys a console that says sign-in is not configured', () => {
    expect(read(base)).toMatchObject({ signIn: 'none', reason: expect.stringContaining('consoleClientId') });
  });

  it('refuses scopes without openid', () => {
    expect(() => read({ ...base, consoleClientId: 'credit-console', consoleScope: 'profile' })).toThrow(/consoleScope/);
  });
});
