import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { capabilities, jobWorker } from '../../functions/capabilities.ts';
import { CHINA_REGIONS } from '../../lib/regions.ts';
import { readWebConfig } from '../../lib/web-config.ts';
import { asArray, functionOf, resourcesOf, statementsOf, SYNTH_TIMEOUT, synthService, TEST_CONTEXT, type Service } from './fixture.ts';
import { staleAcknowledgements } from './nag.ts';

const DOMAIN = 'credit.example.gov.cn';
const CONTEXT = { ...TEST_CONTEXT, region: 'cn-north-1', webDomainName: DOMAIN, webIamCertificateId: 'ASCAEXAMPLECERTIFICATE1' };

let service: Service;
beforeAll(() => {
  service = synthService(undefined, CONTEXT); // cdk-nag runs inside and throws on any finding
}, SYNTH_TIMEOUT);

const templates = () => Object.entries(service.templates);
const distribution = () => resourcesOf(service.webTemplate, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;

describe('the service in cn-north-1', () => {
  it('has no edge stack: every stack is in the region given, none in us-east-1', () => {
    expect(service.stacks.edge).toBeUndefined();
    expect(service.app.node.tryFindChild('credit-test-edge')).toBeUndefined();
    expect(templates().map(([name]) => name).sort()).toEqual(['credit-test-stateful', 'credit-test-stateless', 'credit-test-web']);
    for (const stack of [service.stacks.stateful, service.stacks.stateless, service.stacks.web]) expect(stack.region).toBe('cn-north-1');
  });

  it('creates no WAF resource and reads no WebACL', () => {
    for (const [name, t] of templates()) {
      const types = Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((type) => type.startsWith('AWS::WAFv2::') || type === 'Custom::AWS'), name).toEqual([]);
    }
    expect(distribution().WebACLId).toBeUndefined();
  });

  it('writes no ARN with a hard-coded partition (every one takes AWS::Partition)', () => {
    for (const [name, t] of templates()) {
      const text = JSON.stringify(t.toJSON());
      expect(text.match(/arn:aws(-[a-z]+)*:/g) ?? [], name).toEqual([]);
      expect(text, name).toContain('AWS::Partition');
    }
  });

  it('uses none of what CloudFormation lacks there: CloudFront Functions, origin access control, X-Ray for Lambda', () => {
    for (const [name, t] of templates()) {
      expect(resourcesOf(t, 'AWS::CloudFront::Function'), name).toEqual([]);
      expect(resourcesOf(t, 'AWS::CloudFront::OriginAccessControl'), name).toEqual([]);
    }
    for (const capability of [...capabilities, { ...jobWorker, routes: [] }]) {
      const [, fn] = functionOf(service.statelessTemplate, capability);
      expect(fn.Properties.TracingConfig, capability.name).toBeUndefined();
      expect(statementsOf(service, capability).flatMap((s) => asArray(s.Action)).filter((a) => a.startsWith('xray:')), capability.name).toEqual([]);
    }
  });

  it('serves the ICP-recorded domain with the IAM certificate, TLS 1.2 at least', () => {
    expect(distribution().Aliases).toEqual([DOMAIN]);
    expect(distribution().ViewerCertificate).toEqual({ IamCertificateId: 'ASCAEXAMPLECERTIFICATE1', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(distribution().PriceClass).toBeUndefined();
  });

  it('reads the pages through an origin access identity that the pages bucket alone admits', () => {
    const [oaiId] = resourcesOf(service.webTemplate, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')[0]!;
    const [pagesOrigin] = distribution().Origins.filter((o: any) => o.S3OriginConfig);
    expect(JSON.stringify(pagesOrigin.S3OriginConfig.OriginAccessIdentity)).toContain(oaiId);
    expect(distribution().Origins.filter((o: any) => o.S3OriginConfig)).toHaveLength(1);
    const policies = resourcesOf(service.webTemplate, 'AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p.Properties.PolicyDocument));
    expect(policies.filter((p) => p.includes(oaiId))).toHaveLength(1);
  });

  it('deploys /verify, /docs, /plans, /report, /track and /console as copies of their pages (no function maps them), which the main deployment does not prune', () => {
    const deployments = resourcesOf(service.webTemplate, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    const copies = deployments.find((d) => d.Prune === false)!;
    expect(copies).toMatchObject({ SystemMetadata: { 'content-type': 'text/html; charset=utf-8' }, DistributionPaths: ['/verify', '/docs', '/plans', '/report', '/track', '/console'] });
    expect(deployments.find((d) => d.Prune === true)!.Exclude).toEqual(['verify', 'docs', 'plans', 'report', 'track', 'console']);
    // The copy at /report is the report page itself.
    const dir = (copies.SourceObjectKeys as string[]).map((key) => join(service.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`)).find((d) => existsSync(join(d, 'report')))!;
    expect(readFileSync(join(dir, 'report'), 'utf8')).toBe(readFileSync(join(import.meta.dirname, '../../web/report.html'), 'utf8'));
    // And the copy at /track the tracking page (it reads its query, so it needs no other link form there).
    const trackDir = (copies.SourceObjectKeys as string[]).map((key) => join(service.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`)).find((d) => existsSync(join(d, 'track')))!;
    expect(readFileSync(join(trackDir, 'track'), 'utf8')).toBe(readFileSync(join(import.meta.dirname, '../../web/track.html'), 'utf8'));
  });

  it('links a plan’s page as /plans?plan={planId} and a report’s as /report?no={reportNo}&code=… there (nothing maps /plans/{planId} or /report/{reportNo} without a function)', () => {
    const main = resourcesOf(service.webTemplate, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties).find((d) => d.Prune === true)!;
    const dirs = (main.SourceObjectKeys as string[]).map((key) => join(service.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`));
    const catalogue = JSON.parse(readFileSync(join(dirs.find((d) => existsSync(join(d, 'catalogue.json')))!, 'catalogue.json'), 'utf8'));
    expect(catalogue.site).toEqual({ planLinks: 'query' });
  });

  it('leaves /files/public/* out of CloudFront (its path needs a function), and tells the functions the site for public file URLs', () => {
    expect(distribution().CacheBehaviors.map((b: any) => b.PathPattern)).toEqual(['/v1/*', '/console*']);
    const [, plans] = functionOf(service.statelessTemplate, { name: 'plans' });
    expect(plans.Properties.Environment.Variables.FILES_BASE_URL).toBe(`https://${DOMAIN}`);
    // Nothing serves /files/public/* there: public documents are linked by pre-signed URLs.
    expect(plans.Properties.Environment.Variables.PUBLIC_FILE_LINKS).toBe('signed');
    const [, files] = resourcesOf(service.statefulTemplate, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Files') && !id.startsWith('FilesAccessLogs'))!;
    expect(files.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual([`https://${DOMAIN}`]);
  });

  it('passes cdk-nag with nothing unacknowledged, and no acknowledgement left over from the global regions', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(service.app);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
    expect(staleAcknowledgements(service.app)).toEqual([]);
  });
});

describe('reading the web context for a China region', () => {
  const read = (context: Record<string, unknown>) => readWebConfig(new App({ context }));

  it.each(CHINA_REGIONS.map((r) => [r]))('%s needs an own domain and an IAM certificate', (region) => {
    expect(() => read({ region })).toThrow(/ICP/);
    expect(() => read({ region, webDomainName: DOMAIN })).toThrow(/webIamCertificateId/);
    expect(read({ region, webDomainName: DOMAIN, webIamCertificateId: 'ASCA1' })).toMatchObject({ china: true, domainName: DOMAIN, iamCertificateId: 'ASCA1' });
  });

  it('refuses an ACM certificate there, and an IAM certificate elsewhere', () => {
    expect(() => read({ region: 'cn-northwest-1', webDomainName: DOMAIN, webCertificateArn: 'arn:aws-cn:acm:cn-northwest-1:1:certificate/x' })).toThrow(/no ACM/);
    expect(() => read({ region: 'ap-east-1', webDomainName: DOMAIN, webIamCertificateId: 'ASCA1' })).toThrow(/China regions/);
  });
});
