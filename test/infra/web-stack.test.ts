import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, QR_FILES, qrDirectory, SITE_TEXT_MAX, VIEWER_FILES, viewerDirectory, webCatalogue } from '../../functions/web-pages.ts';
import { PUBLIC_PATH_PREFIX } from '../../lib/edge-stack.ts';
import { PUBLIC_FILES_PATH } from '../../lib/public-files.ts';
import { readWebConfig, WAF_REGION } from '../../lib/web-config.ts';
import { deployedPaths } from '../../lib/web-stack.ts';
import { resourcesOf, SYNTH_TIMEOUT, synthService, TEST_CONTEXT, type Resource } from './fixture.ts';

const SITE = { siteOwner: '天津市发展和改革委员会', siteContact: '022-23456789' };
const CONTEXT = { ...TEST_CONTEXT, wafPublicRateLimit: '150', wafRateWindowSeconds: '60', ...SITE };
const CERTIFICATE = `arn:aws:acm:${WAF_REGION}:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100`;

let app: App;
let assemblyDir: string;
let web: Template;
let edge: Template;
let webStack: Stack;
let edgeStack: Stack;

beforeAll(() => {
  const service = synthService(undefined, CONTEXT); // cdk-nag runs inside and throws on any finding
  app = service.app;
  assemblyDir = service.assembly.directory;
  webStack = app.node.findChild('credit-test-web') as Stack;
  edgeStack = app.node.findChild('credit-test-edge') as Stack;
  web = Template.fromStack(webStack);
  edge = Template.fromStack(edgeStack);
}, SYNTH_TIMEOUT);

const one = (template: Template, type: string): Resource => {
  const found = resourcesOf(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const logicalIdOf = (template: Template, type: string) => resourcesOf(template, type)[0]![0];
/** The resource of `type` whose logical ID starts with `prefix` (there are two CloudFront functions and cache policies). */
const named = (template: Template, type: string, prefix: string): Resource => {
  const found = resourcesOf(template, type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return found[0]![1];
};
type EdgeAnswer = { uri?: string; statusCode?: number; headers?: Record<string, { value: string }>; body?: { encoding: string; data: string } };
const edgeHandler = (resource: Resource) => new Function(`${resource.Properties.FunctionCode}; return handler;`)() as (e: { request: { uri: string } }) => EdgeAnswer;
/** The directories CDK staged for the deployment's sources (web/, the catalogue, the viewer). */
const stagedSources = () =>
  (one(web, 'Custom::CDKBucketDeployment').Properties.SourceObjectKeys as string[]).map((key) => join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`));

describe('the pages bucket', () => {
  it('is private: every public access block on, no website hosting, TLS only', () => {
    const pagesId = webStack.resolve((webStack.node.findChild('Pages').node.defaultChild as CfnBucket).logicalId) as string;
    const bucket = web.toJSON().Resources[pagesId] as Resource;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    expect(bucket.Properties.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    for (const [, b] of resourcesOf(web, 'AWS::S3::Bucket')) expect(b.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);

    const policy = resourcesOf(web, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === pagesId)![1];
    const allows = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow');
    // The only reader is this distribution, through CloudFront's service principal.
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(JSON.stringify(allows[0].Condition)).toContain(logicalIdOf(web, 'AWS::CloudFront::Distribution'));
    const denies = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Deny');
    // Its access logs go to the log bucket, delivered by S3's logging principal under the bucket policy.
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName.Ref).toMatch(/^AccessLogs/);
    expect(denies).toEqual([expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
  });

  it('receives web/, the catalogue of names, the viewer and the workbench through BucketDeployment, invalidating the distribution', () => {
    const deployment = one(web, 'Custom::CDKBucketDeployment');
    expect(deployment.Properties).toMatchObject({ Prune: true, DistributionPaths: ['/*'], DistributionId: { Ref: logicalIdOf(web, 'AWS::CloudFront::Distribution') } });
    // web/, catalogue.json, the viewer, the QR encoder, the workbench's build and its config.json.
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(6);
    const config = stagedSources().find((d) => existsSync(join(d, 'console', 'config.json')));
    // No consoleClientId in this context: the workbench is deployed saying sign-in is not configured.
    expect(JSON.parse(readFileSync(join(config!, 'console', 'config.json'), 'utf8'))).toMatchObject({ signIn: 'none' });
    const catalogue = webCatalogue();
    expect(catalogue.lists.ABNORMAL_OPERATION).toEqual({ name: '经营异常名录', kind: 'black', severity: 'general' });
    expect(catalogue.departments.ECOLOGY).toBe('生态环境局');
  });

  it('carries the footer’s 主办单位 and contact from context in the catalogue it deploys, plans linked by path', () => {
    const dir = stagedSources().find((d) => existsSync(join(d, 'catalogue.json')));
    const deployed = JSON.parse(readFileSync(join(dir!, 'catalogue.json'), 'utf8'));
    expect(deployed.site).toEqual({ owner: SITE.siteOwner, contact: SITE.siteContact, planLinks: 'path' });
    expect(deployed.lists.COURT_DEFAULTER).toEqual({ name: '失信被执行人', kind: 'black', severity: 'serious' });
  });
});

describe('the API documentation', () => {
  it('deploys docs.html with the pages and the viewer’s files under docs/viewer/, copied from the installed package', () => {
    const pages = stagedSources().find((dir) => existsSync(join(dir, 'index.html')));
    expect(readFileSync(join(pages!, 'docs.html'), 'utf8')).toContain('<title>接口文档');
    expect(readFileSync(join(pages!, 'assets', 'docs.js'), 'utf8')).toContain("url: '/v1/openapi.json'");
    const viewer = stagedSources().find((dir) => existsSync(join(dir, 'docs', 'viewer')));
    expect(readdirSync(viewer!)).toEqual(['docs']);
    expect(readdirSync(join(viewer!, 'docs', 'viewer')).sort()).toEqual([...VIEWER_FILES].sort());
    for (const file of VIEWER_FILES) expect(readFileSync(join(viewer!, 'docs', 'viewer', file)).equals(readFileSync(join(viewerDirectory(), file))), file).toBe(true);
  });

  it('is served at /docs by the page routes, under the pages’ headers policy', () => {
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'));
    expect(handler({ request: { uri: '/docs' } }).uri).toBe('/docs.html');
    expect(handler({ request: { uri: '/docs/viewer/swagger-ui-bundle.js' } }).uri).toBe('/docs/viewer/swagger-ui-bundle.js');
    const behaviours = one(web, 'AWS::CloudFront::Distribution').Properties.DistributionConfig.CacheBehaviors as { PathPattern: string }[];
    expect(behaviours.map((b) => b.PathPattern)).toEqual(['/v1/*', '/files/public/*', '/console*']);
    // The pages' policy and the workbench's (which also reaches the files bucket).
    expect(resourcesOf(web, 'AWS::CloudFront::ResponseHeadersPolicy').map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['ConsoleHeaders', 'PageHeaders']);
  });
});

describe('the CloudFront distribution', () => {
  const distribution = () => one(web, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;

  it('reads the bucket through origin access control (no OAI, no public bucket)', () => {
    const oac = one(web, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const s3Origin = distribution().Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [logicalIdOf(web, 'AWS::CloudFront::OriginAccessControl'), 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(resourcesOf(web, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(0);
  });

  it('serves / and /verify as the local gateway does, with the same content security policy', () => {
    expect(distribution().DefaultRootObject).toBe('index.html');
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'));
    expect(handler({ request: { uri: '/verify' } }).uri).toBe('/verify.html');
    expect(handler({ request: { uri: '/assets/site.css' } }).uri).toBe('/assets/site.css');
    const headers = named(web, 'AWS::CloudFront::ResponseHeadersPolicy', 'PageHeaders').Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(CONTENT_SECURITY_POLICY);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(distribution().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('serves /report and /report/{reportNo} (one segment) as report.html, as the local gateway does', () => {
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'));
    expect(handler({ request: { uri: '/report' } }).uri).toBe('/report.html');
    expect(handler({ request: { uri: '/report/CR7K3M9QX2PAHT4W8N6R5V' } }).uri).toBe('/report.html');
    expect(handler({ request: { uri: '/assets/report.js' } }).uri).toBe('/assets/report.js');
    expect(handler({ request: { uri: '/assets/qr/index.js' } }).uri).toBe('/assets/qr/index.js');
  });

  it('serves /track (the objection and repair application tracking page) as track.html, as the local gateway does', () => {
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'));
    expect(handler({ request: { uri: '/track' } }).uri).toBe('/track.html');
    expect(handler({ request: { uri: '/assets/track.js' } }).uri).toBe('/assets/track.js');
    expect(handler({ request: { uri: '/assets/petitions.js' } }).uri).toBe('/assets/petitions.js');
    expect(handler({ request: { uri: '/track/OBK7M3Q9X2PAHT4W8N6R' } }).statusCode).toBe(404);
  });

  it('deploys the report page’s QR encoder under assets/qr/, copied from the installed package, and nothing else of it', () => {
    const encoder = stagedSources().find((dir) => existsSync(join(dir, 'assets', 'qr')));
    expect(readdirSync(encoder!)).toEqual(['assets']);
    expect(readdirSync(join(encoder!, 'assets', 'qr')).sort()).toEqual([...QR_FILES].sort());
    for (const file of QR_FILES) expect(readFileSync(join(encoder!, 'assets', 'qr', file)).equals(readFileSync(join(qrDirectory(), file))), file).toBe(true);
    const pages = stagedSources().find((dir) => existsSync(join(dir, 'index.html')));
    expect(readFileSync(join(pages!, 'report.html'), 'utf8')).toContain('<script type="module" src="/assets/report.js">');
  });

  it('serves /plans and /plans/{planId} (one segment) as plans.html, as the local gateway does', () => {
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'));
    expect(handler({ request: { uri: '/plans' } }).uri).toBe('/plans.html');
    expect(handler({ request: { uri: '/plans/pl0a33ec6f675991eca498eb' } }).uri).toBe('/plans.html');
    expect(handler({ request: { uri: '/' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/catalogue.json' } }).uri).toBe('/catalogue.json');
  });

  it.each(['/plans/', '/plans/a/b', '/report/', '/report/a/b', '/assets/qr/decode.js', '/nope', '/nope.html', '/assets/nothing.js', '/docs/viewer/index.html', '/constructor', '/__proto__'])(
    'answers %s with the Chinese 404 page, status 404, under the pages’ headers',
    (uri) => {
      const answer = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'))({ request: { uri } });
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toEqual({ encoding: 'text', data: readFileSync(join(import.meta.dirname, '../../web/404.html'), 'utf8') });
      expect(answer.body!.data).toContain('页面不存在');
      expect(answer.headers).toMatchObject({ 'content-type': { value: 'text/html; charset=utf-8' }, 'content-security-policy': { value: CONTENT_SECURITY_POLICY } });
    },
  );

  it('knows every file the deployment puts in the pages bucket, and stays under CloudFront Functions’ 10 KB', () => {
    const staged = stagedSources().flatMap((dir) =>
      (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).map((f) => `/${f.split(/[\\/]/).join('/')}`),
    );
    expect(deployedPaths(join(import.meta.dirname, '../../web'))).toEqual(staged.sort());
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'PageRoutes'));
    for (const path of staged) expect(handler({ request: { uri: path } }).uri, path).toBe(path);
    expect(Buffer.byteLength(named(web, 'AWS::CloudFront::Function', 'PageRoutes').Properties.FunctionCode)).toBeLessThan(10 * 1024);
  });

  it('routes /v1/* to the HTTP API over TLS 1.2, all methods, nothing cached across tokens', () => {
    const [behaviour] = distribution().CacheBehaviors;
    expect(behaviour).toMatchObject({ PathPattern: '/v1/*', ViewerProtocolPolicy: 'https-only' });
    expect(behaviour.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    const origin = distribution().Origins.find((o: any) => o.Id === behaviour.TargetOriginId);
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toMatch(/credit-test-stateless:.*ApiEndpoint/);
    const cache = named(web, 'AWS::CloudFront::CachePolicy', 'ApiCache').Properties.CachePolicyConfig;
    expect(cache).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual(['Authorization']);
  });

  it('logs to the access-log bucket and carries the edge WebACL read from us-east-1', () => {
    expect(distribution().Logging.Bucket).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AccessLogs/), 'RegionalDomainName'] });
    const reader = one(web, 'Custom::AWS');
    expect(distribution().WebACLId).toEqual({ 'Fn::GetAtt': [logicalIdOf(web, 'Custom::AWS'), 'Parameter.Value'] });
    const call = JSON.parse(reader.Properties.Create);
    expect(call).toMatchObject({ service: 'SSM', action: 'getParameter', region: WAF_REGION });
    const parameter = one(edge, 'AWS::SSM::Parameter').Properties;
    expect(call.parameters.Name).toBe(parameter.Name);
    expect(parameter.Value).toEqual({ 'Fn::GetAtt': [logicalIdOf(edge, 'AWS::WAFv2::WebACL'), 'Arn'] });
    expect(webStack.dependencies).toContain(edgeStack);
  });
});

describe('public files at /files/public/*', () => {
  const distribution = () => one(web, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
  const behaviour = () => (distribution().CacheBehaviors as any[]).find((b) => b.PathPattern === PUBLIC_FILES_PATH);

  it('are read from the files bucket of the stateful stack through the same origin access control', () => {
    expect(PUBLIC_FILES_PATH).toBe('/files/public/*');
    const origin = distribution().Origins.find((o: any) => o.Id === behaviour().TargetOriginId);
    expect(JSON.stringify(origin.DomainName)).toMatch(/credit-test-stateful:.*Files.*RegionalDomainName/);
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [logicalIdOf(web, 'AWS::CloudFront::OriginAccessControl'), 'Id'] });
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    // No other behaviour reaches the files bucket.
    const others = [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors.filter((b: any) => b !== behaviour())];
    expect(others.map((b: any) => b.TargetOriginId)).not.toContain(origin.Id);
  });

  it('drop the /files prefix, which is the URL’s and not the key’s', () => {
    const handler = edgeHandler(named(web, 'AWS::CloudFront::Function', 'FilesPath'));
    expect(handler({ request: { uri: '/files/public/plans/p1/ab.json' } }).uri).toBe('/public/plans/p1/ab.json');
    expect(behaviour().FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^FilesPath/), 'FunctionARN'] } }]);
  });

  it('are only read (GET/HEAD), over HTTPS, cached for up to a year with no query string, header or cookie in the key', () => {
    expect(behaviour()).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https', Compress: false });
    const cache = named(web, 'AWS::CloudFront::CachePolicy', 'FilesCache').Properties.CachePolicyConfig;
    expect(behaviour().CachePolicyId).toEqual({ Ref: expect.stringMatching(/^FilesCache/) });
    expect(cache.MaxTTL).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'none' },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      EnableAcceptEncodingGzip: false,
    });
  });
});

describe('the edge WebACL', () => {
  const acl = () => one(edge, 'AWS::WAFv2::WebACL').Properties;

  it('is CloudFront-scoped, in us-east-1 where AWS requires it', () => {
    expect(acl().Scope).toBe('CLOUDFRONT');
    expect(edgeStack.region).toBe('us-east-1');
    expect(acl().DefaultAction).toEqual({ Allow: {} });
  });

  it('limits each IP on /v1/public/ to the configured rate, answering 429 with Retry-After', () => {
    const rules = acl().Rules as any[];
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule.Statement.RateBasedStatement).toEqual({
      Limit: 150,
      EvaluationWindowSec: 60,
      AggregateKeyType: 'IP',
      ScopeDownStatement: {
        ByteMatchStatement: { FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: PUBLIC_PATH_PREFIX, TextTransformations: [{ Priority: 0, Type: 'NONE' }] },
      },
    });
    expect(PUBLIC_PATH_PREFIX).toBe('/v1/public/');
    expect(rule.Action.Block.CustomResponse).toEqual({ ResponseCode: 429, CustomResponseBodyKey: 'too-many-requests', ResponseHeaders: [{ Name: 'retry-after', Value: '60' }] });
    const body = JSON.parse(acl().CustomResponseBodies['too-many-requests'].Content);
    expect(body).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('logs to a CloudWatch group named as WAF requires', () => {
    const logging = one(edge, 'AWS::WAFv2::LoggingConfiguration').Properties;
    expect(logging.ResourceArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(edge, 'AWS::WAFv2::WebACL'), 'Arn'] });
    expect(one(edge, 'AWS::Logs::LogGroup').Properties.LogGroupName).toBe('aws-waf-logs-credit-test');
  });
});

describe('cdk-nag on the web and edge stacks', () => {
  const acknowledged = (root: IConstruct) =>
    root.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.keys(m.data as object)))
      .map((id) => id.replace(/^annotation::/i, '').replace(/\[.*$/, ''));

  it('passes, acknowledging only the CloudFront geo/TLS choices and the CDK-provided handlers', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(app);
    expect(violations).toEqual([]);
    expect(acknowledged(edgeStack)).toEqual([]);
    expect([...new Set(acknowledged(webStack))].sort()).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR4', 'AwsSolutions-IAM4', 'AwsSolutions-IAM5', 'AwsSolutions-L1']);
  });

  it(
    'with an own domain and certificate, enforces TLS 1.2 and needs no TLS acknowledgement',
    () => {
      const service = synthService([], { ...CONTEXT, webDomainName: 'credit.example.gov.cn', webCertificateArn: CERTIFICATE });
      const stack = service.app.node.findChild('credit-test-web') as Stack;
      const config = one(Template.fromStack(stack), 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
      expect(config.Aliases).toEqual(['credit.example.gov.cn']);
      expect(config.ViewerCertificate).toMatchObject({ AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
      expect(acknowledged(stack)).not.toContain('AwsSolutions-CFR4');
    },
    SYNTH_TIMEOUT,
  );
});

describe('reading the web context', () => {
  const read = (context: Record<string, unknown>) => readWebConfig(new App({ context }));

  it('defaults to 300 requests per 300 s and no own domain', () => {
    expect(read({})).toEqual({ china: false, publicRateLimit: 300, rateWindowSeconds: 300, domainName: undefined, certificateArn: undefined });
  });

  it('takes the footer’s 主办单位 and contact, trimmed, refusing a text too long for it', () => {
    expect(read({ siteOwner: ' 天津市发展和改革委员会 ', siteContact: '' })).toMatchObject({ siteOwner: '天津市发展和改革委员会' });
    expect(read({ siteOwner: '' })).not.toHaveProperty('siteOwner');
    expect(() => read({ siteContact: '电'.repeat(SITE_TEXT_MAX + 1) })).toThrow(/siteContact/);
  });

  it.each([
    [{ wafPublicRateLimit: '5' }, /wafPublicRateLimit/],
    [{ wafPublicRateLimit: 'many' }, /wafPublicRateLimit/],
    [{ wafRateWindowSeconds: '90' }, /wafRateWindowSeconds/],
    [{ webDomainName: 'credit.example.gov.cn' }, /both or neither/],
    [{ webDomainName: 'credit.example.gov.cn', webCertificateArn: 'arn:aws:acm:cn-north-1:1:certificate/x' }, /us-east-1/],
  ])('rejects %o', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });
});
