import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capabilities, jobWorker, type Capability, type TableAccess } from '../../functions/capabilities.ts';
import { TABLE_DEFINITION } from '../../lib/table.ts';
import { asArray, exportedValue, functionOf, resourcesOf, statementsOf, SYNTH_TIMEOUT, synthService, type Statement } from './fixture.ts';

// Written out here, not imported from lib/, so a change to the grants has to change this test too.
const EXPECTED_ACTIONS: Record<TableAccess, string[]> = {
  none: [],
  read: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
  readwrite: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
};
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:TransactWriteItems', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'];

// No real capability reads without writing yet; a probe keeps the 'read' grant under test.
const readProbe: Capability = {
  name: 'read-probe',
  entry: 'functions/handlers/health/index.ts',
  access: 'read',
  routes: [{ method: 'GET', path: '/v1/probe' }],
};
// The jobs worker is built from its declaration as the capabilities are, and granted the same way.
const worker: Capability = { ...jobWorker, routes: [] };
const cases = [...[...capabilities, worker].map((c) => ({ capability: c, probe: false })), { capability: readProbe, probe: true }];

let real: ReturnType<typeof synthService>;
let probe: ReturnType<typeof synthService>;

beforeAll(() => {
  real = synthService();
  probe = synthService([readProbe]);
}, SYNTH_TIMEOUT);

const serviceFor = (isProbe: boolean) => (isProbe ? probe : real);

const dynamoStatements = (statements: Statement[]) => statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));

describe.each(cases.map((c) => [c.capability.name, c.capability.access, c]))('the %s function (%s)', (_name, access, { capability, probe: isProbe }) => {
  it('is granted exactly the DynamoDB actions its access needs', () => {
    const actions = new Set(dynamoStatements(statementsOf(serviceFor(isProbe), capability)).flatMap((s) => asArray(s.Action)));
    const expected = [...EXPECTED_ACTIONS[access], ...(capability.scans ? ['dynamodb:Scan'] : [])].sort();
    expect([...actions].sort()).toEqual(expected);
  });

  it('never Scans: a freeze reads the population index, every other pattern is a Get or a Query', () => {
    const actions = dynamoStatements(statementsOf(serviceFor(isProbe), capability)).flatMap((s) => asArray(s.Action));
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('can never delete, and a reader can never write', () => {
    const actions = statementsOf(serviceFor(isProbe), capability).flatMap((s) => asArray(s.Action));
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions.filter((a) => a.includes('*') && a.startsWith('dynamodb'))).toEqual([]);
    if (access !== 'readwrite') expect(actions.filter((a) => WRITE_ACTIONS.includes(a))).toEqual([]);
  });

  it('reaches only the table and its indexes', () => {
    const service = serviceFor(isProbe);
    const [tableId] = resourcesOf(service.statefulTemplate, 'AWS::DynamoDB::Table')[0]!;
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    const indexNames = TABLE_DEFINITION.globalSecondaryIndexes.map((i) => i.indexName);
    for (const statement of dynamoStatements(statementsOf(service, capability))) {
      expect(statement.Effect).toBe('Allow');
      for (const r of asArray(statement.Resource) as any[]) {
        if (r['Fn::ImportValue']) {
          expect(exportedValue(service, r['Fn::ImportValue'])).toEqual(tableArn);
        } else {
          const [arn, suffix] = r['Fn::Join'][1];
          expect(exportedValue(service, arn['Fn::ImportValue'])).toEqual(tableArn);
          expect(indexNames.map((n) => `/index/${n}`)).toContain(suffix);
          expect(asArray(statement.Action)).toEqual(['dynamodb:Query']);
        }
      }
    }
  });

  it('is told the table name only when it may use the table', () => {
    const service = serviceFor(isProbe);
    const [, fn] = functionOf(service.statelessTemplate, capability);
    const tableName = fn.Properties.Environment.Variables.TABLE_NAME;
    if (access === 'none') {
      expect(tableName).toBeUndefined();
    } else {
      const [tableId] = resourcesOf(service.statefulTemplate, 'AWS::DynamoDB::Table')[0]!;
      expect(exportedValue(service, tableName['Fn::ImportValue'])).toEqual({ Ref: tableId });
    }
  });
});

describe.each([...capabilities, worker].map((c) => [c.name, c]))('the %s function', (_name, capability) => {
  it('runs Node 20+ on ARM with active tracing, source maps and its own log group', () => {
    const [, fn] = functionOf(real.statelessTemplate, capability);
    expect(fn.Properties.Runtime).toMatch(/^nodejs(2[0-9])\.x$/);
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Properties.Environment.Variables).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: capability.name });
    expect(fn.Properties.MemorySize).toBe(capability.memorySize ?? 512);
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    expect(real.statelessTemplate.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('ships an ESM bundle with the require shim, a source map, and every #alias resolved', () => {
    const [, fn] = functionOf(real.statelessTemplate, capability);
    const assetDir = join(real.assembly.directory, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const code = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(code.startsWith('import { createRequire')).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(code).not.toMatch(/["']#(domain|data|http|handlers|local|config|catalogue)\b/);
  });
});

describe('the report-signing key', () => {
  const secretActions = (capability: { name: string }) => statementsOf(real, capability).filter((s) => asArray(s.Action).some((a) => a.startsWith('secretsmanager:')));

  it('is a retained secret of the stateful stack, its ARN exported for the functions that sign', () => {
    const secrets = resourcesOf(real.statefulTemplate, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [id, secret] = secrets[0]!;
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(exportedValue(real, 'credit-test-stateful-ReportSigningKeyArn')).toEqual({ Ref: id });
  });

  it('is read by the reports function alone, with GetSecretValue on that secret only, named in its environment', () => {
    const signing = [...capabilities, worker].filter((c) => secretActions(c).length > 0).map((c) => c.name);
    expect(signing).toEqual(['reports']);
    const [statement] = secretActions({ name: 'reports' });
    expect(asArray(statement!.Action)).toEqual(['secretsmanager:GetSecretValue']);
    const imported = { 'Fn::ImportValue': 'credit-test-stateful-ReportSigningKeyArn' };
    expect(statement!.Resource).toEqual(imported);
    const [, fn] = functionOf(real.statelessTemplate, { name: 'reports' });
    expect(fn.Properties.Environment.Variables.REPORT_SIGNING_SECRET_ARN).toEqual(imported);
    for (const other of capabilities.filter((c) => c.name !== 'reports')) {
      expect(functionOf(real.statelessTemplate, other)[1].Properties.Environment.Variables.REPORT_SIGNING_SECRET_ARN, other.name).toBeUndefined();
    }
  });
});
