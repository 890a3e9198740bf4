import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, SYNTH_TIMEOUT, synthService } from './fixture.ts';

let service: ReturnType<typeof synthService>;
beforeAll(() => {
  service = synthService();
}, SYNTH_TIMEOUT);

describe('projections completed from the table stream', () => {
  it('streams new images of the table', () => {
    const tables = resourcesOf(service.statefulTemplate, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    expect(tables[0]![1].Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('invokes the projections function only for items with an outbox mark, with retries and a dead-letter queue', () => {
    // The other mapping is the jobs worker's, on the jobs queue (test/infra/jobs.test.ts).
    const mappings = resourcesOf(service.statelessTemplate, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({ dynamodb: { NewImage: { GSI2PK: { S: ['OUTBOX'] } } } });
    expect(mapping.Properties).toMatchObject({ BisectBatchOnFunctionError: true, MaximumRetryAttempts: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(mapping.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
    const fn = resourcesOf(service.statelessTemplate, 'AWS::Lambda::Function').find(([id]) => id === mapping.Properties.FunctionName.Ref);
    expect(fn?.[1].Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('projections');
    const queues = resourcesOf(service.statelessTemplate, 'AWS::SQS::Queue');
    expect(queues.map(([id, q]) => [id, q.Properties.MessageRetentionPeriod])).toEqual([[mapping.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0], 14 * 24 * 3600]]);
  });
});

describe('settings every function shares', () => {
  it('gives every function the one generated cursor key and the plan-disclosure setting', () => {
    const secrets = resourcesOf(service.statelessTemplate, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId] = secrets[0]!;
    const functions = resourcesOf(service.statelessTemplate, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
    expect(functions.length).toBeGreaterThan(5);
    for (const [, fn] of functions) {
      const vars = fn.Properties.Environment.Variables;
      expect(JSON.stringify(vars.CURSOR_SECRET)).toContain(secretId);
      expect(vars.PUBLIC_PLAN_STRATA).toBe('0');
    }
  });
});
