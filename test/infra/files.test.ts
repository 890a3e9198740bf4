import { beforeAll, describe, expect, it } from 'vitest';
import { capabilities, jobWorker, type Capability } from '../../functions/capabilities.ts';
import { asArray, functionOf, resourcesOf, statementsOf, SYNTH_TIMEOUT, synthService, type Service, type Statement } from './fixture.ts';

// No real capability only reads or only writes files yet; probes keep those two grants under test.
const probe = (name: string, files: Capability['files']): Capability => ({
  name,
  entry: 'functions/handlers/health/index.ts',
  access: 'none',
  files,
  routes: [{ method: 'GET', path: `/v1/${name}` }],
});
const readProbe = probe('files-read-probe', 'read');
const writeProbe = probe('files-write-probe', 'write');
const worker: Capability = { ...jobWorker, routes: [] };

let service: Service;
beforeAll(() => {
  service = synthService([...capabilities, readProbe, writeProbe]);
}, SYNTH_TIMEOUT);

const bucketEntry = () => resourcesOf(service.statefulTemplate, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Files') && !id.startsWith('FilesAccessLogs'))!;
const bucket = () => bucketEntry()[1];
const bucketPolicy = () => resourcesOf(service.statefulTemplate, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === bucketEntry()[0])![1];
const s3Statements = (capability: Capability) => statementsOf(service, capability).filter((s) => asArray(s.Action).some((a) => a.startsWith('s3:')));
/** A grant's resources as "<bucket>/<suffix>" strings; the bucket must be the files bucket's ARN export. */
function resourcesIn(statement: Statement): string[] {
  const arnExport = `credit-test-stateful-FilesArn`;
  const exported = (service.statefulTemplate.toJSON().Outputs as Record<string, any>).FilesArn;
  expect(exported).toEqual({ Value: { 'Fn::GetAtt': [bucketEntry()[0], 'Arn'] }, Export: { Name: arnExport } });
  return asArray(statement.Resource as any).map((r: any) => {
    if (r['Fn::ImportValue'] === arnExport) return '<bucket>';
    const [head, tail] = r['Fn::Join'][1];
    expect(head).toEqual({ 'Fn::ImportValue': arnExport });
    return `<bucket>${tail}`;
  });
}

describe('the files bucket', () => {
  it('is retained, versioned, encrypted, private and owner-enforced', () => {
    expect(bucket()).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket().Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket().Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('logs its access to a retained log bucket of its own', () => {
    const logsId = bucket().Properties.LoggingConfiguration.DestinationBucketName.Ref as string;
    expect(logsId).toMatch(/^FilesAccessLogs/);
    expect(bucket().Properties.LoggingConfiguration.LogFilePrefix).toBe('s3/files/');
    expect(service.statefulTemplate.toJSON().Resources[logsId]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('expires uploads after 30 days and keeps replaced published documents 90 days', () => {
    const rules = bucket().Properties.LifecycleConfiguration.Rules as any[];
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 30, Status: 'Enabled' }));
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'public/', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }));
    expect(rules).toContainEqual(expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }));
    // Nothing published expires.
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix)).toEqual(['uploads/']);
  });

  it('lets a browser PUT an upload and GET a signed file from the site (without an own domain: a CloudFront default domain)', () => {
    expect(bucket().Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['PUT', 'GET'], AllowedOrigins: ['https://*.cloudfront.net', 'https://*.cloudfront.cn'], ExposedHeaders: ['ETag'] }),
    ]);
  });

  it('refuses requests without TLS and lets CloudFront read public/ of this account’s distributions, nothing else', () => {
    const statements = bucketPolicy().Properties.PolicyDocument.Statement as any[];
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([expect.objectContaining({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketEntry()[0], 'Arn'] }, '/public/*']] },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/*']] } },
        },
      },
    ]);
  });
});

const everyFunction = [...capabilities, worker, readProbe, writeProbe];
const expectedGrants: Record<string, { actions: string[]; objects: string[] }> = {
  'files-read-probe': { actions: ['s3:GetObject'], objects: ['<bucket>/*'] },
  'files-write-probe': { actions: ['s3:PutObject'], objects: ['<bucket>/*'] },
  // Written out here, not derived from lib/, so that a change to the scoping has to change this test too.
  plans: { actions: ['s3:GetObject', 's3:PutObject'], objects: ['<bucket>/public/plans/*', '<bucket>/private/plans/*'] },
  // A public read publishes a plan's public document when it finds it missing, and nothing else.
  public: { actions: ['s3:GetObject', 's3:PutObject'], objects: ['<bucket>/public/plans/*'] },
  imports: { actions: ['s3:GetObject', 's3:PutObject'], objects: ['<bucket>/uploads/imports/*', '<bucket>/private/imports/*'] },
  jobs: { actions: ['s3:GetObject', 's3:PutObject'], objects: ['<bucket>/*'] },
};

describe.each(everyFunction.map((c) => [c.name, c.files ?? 'no files', c]))('the %s function (%s)', (name, _files, capability) => {
  it('is granted exactly the object actions its files flag needs, on its own prefixes', () => {
    const statements = s3Statements(capability);
    if (!capability.files) {
      expect(statements).toEqual([]);
      return;
    }
    const objectGrants = statements.filter((s) => !asArray(s.Action).includes('s3:ListBucket'));
    expect(objectGrants).toHaveLength(1);
    expect(asArray(objectGrants[0]!.Action).sort()).toEqual(expectedGrants[name]!.actions);
    expect(resourcesIn(objectGrants[0]!)).toEqual(expectedGrants[name]!.objects);
  });

  it('may list the bucket exactly when it reads (so a HEAD of a missing key answers 404, not 403)', () => {
    const listing = s3Statements(capability).filter((s) => asArray(s.Action).includes('s3:ListBucket'));
    const reads = capability.files === 'read' || capability.files === 'readwrite';
    expect(listing.map((s) => [asArray(s.Action), resourcesIn(s), s.Condition])).toEqual(reads ? [[['s3:ListBucket'], ['<bucket>'], undefined]] : []);
  });

  it('can never delete or change the ACL of a file', () => {
    const actions = s3Statements(capability).flatMap((s) => asArray(s.Action));
    expect(actions.filter((a) => /Delete|Acl|\*/.test(a))).toEqual([]);
  });

  it('is told the bucket exactly when it may use it (FILES_BASE_URL only with an own domain)', () => {
    const [, fn] = functionOf(service.statelessTemplate, capability);
    const vars = fn.Properties.Environment.Variables;
    if (!capability.files) expect(vars.FILES_BUCKET).toBeUndefined();
    else expect(vars.FILES_BUCKET).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^credit-test-stateful:ExportsOutputRefFiles/) });
    expect(vars.FILES_BASE_URL).toBeUndefined();
    expect(vars.PUBLIC_FILE_LINKS).toBeUndefined();
  });
});

it('no function is granted anything on the files bucket beyond these statements', () => {
  const all = resourcesOf(service.statelessTemplate, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
  const s3 = all.filter((s) => asArray(s.Action).some((a) => a.startsWith('s3:')));
  const counted = everyFunction.reduce((n, c) => n + s3Statements(c).length, 0);
  expect(s3).toHaveLength(counted);
  expect(counted).toBeGreaterThan(0);
});
