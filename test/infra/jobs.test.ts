import { beforeAll, describe, expect, it } from 'vitest';
import { capabilities, jobWorker, type Capability } from '../../functions/capabilities.ts';
import { asArray, exportedValue, functionOf, logicalIdOf, resourcesOf, statementsOf, SYNTH_TIMEOUT, synthService, type Resource, type Service } from './fixture.ts';

let service: Service;
beforeAll(() => {
  service = synthService();
}, SYNTH_TIMEOUT);

const stateful = (id: string) => service.statefulTemplate.toJSON().Resources[id] as Resource;
const queueId = () => logicalIdOf(service.statefulTemplate, 'AWS::SQS::Queue', 'JobQueue');
const deadLettersId = () => logicalIdOf(service.statefulTemplate, 'AWS::SQS::Queue', 'JobDeadLetters');
const policyOf = (queue: string) => resourcesOf(service.statefulTemplate, 'AWS::SQS::QueuePolicy').find(([, p]) => p.Properties.Queues.some((q: any) => q.Ref === queue))![1];
const worker: Capability = { ...jobWorker, routes: [] };

describe('the jobs queue', () => {
  it('lives with the data, hides a message being worked on for six worker timeouts and keeps it 14 days, encrypted', () => {
    expect(stateful(queueId()).Properties).toMatchObject({
      VisibilityTimeout: 6 * jobWorker.timeoutSeconds,
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
    expect(jobWorker.timeoutSeconds).toBe(900);
  });

  it('keeps what failed five deliveries in a dead-letter queue for 14 days', () => {
    expect(stateful(queueId()).Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId(), 'Arn'] }, maxReceiveCount: 5 });
    expect(stateful(deadLettersId()).Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
  });

  it.each([['jobs queue', queueId], ['dead-letter queue', deadLettersId]])('refuses every request to the %s without TLS', (_name, id) => {
    const denies = policyOf(id()).Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Deny');
    expect(denies).toEqual([expect.objectContaining({ Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
  });

  it('receives the files bucket’s object-created events under uploads/, S3 admitted for this account only', () => {
    const [bucketId, bucket] = resourcesOf(service.statefulTemplate, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Files') && !id.startsWith('FilesAccessLogs'))!;
    expect(bucket.Properties.NotificationConfiguration).toEqual({
      QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'uploads/' }] } }, Queue: { 'Fn::GetAtt': [queueId(), 'Arn'] } }],
    });
    const policyId = resourcesOf(service.statefulTemplate, 'AWS::SQS::QueuePolicy').find(([, p]) => p.Properties.Queues[0].Ref === queueId())![0];
    // S3 checks that it may send before it accepts the notification configuration.
    expect(asArray(bucket.DependsOn)).toContain(policyId);
    const allows = policyOf(queueId()).Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': expect.anything() } },
      },
    ]);
    expect(bucketId).toBeDefined();
  });
});

describe('the jobs worker', () => {
  it('is the declared function: 3008 MB, 900 s, the jobs handler', () => {
    const [, fn] = functionOf(service.statelessTemplate, worker);
    expect(fn.Properties).toMatchObject({ MemorySize: jobWorker.memorySize, Timeout: jobWorker.timeoutSeconds });
    expect(jobWorker.entry).toBe('functions/handlers/jobs/index.ts');
  });

  it('is told the queue\'s receive count, so it marks a job failed on the delivery before the dead-letter queue', () => {
    const [, fn] = functionOf(service.statelessTemplate, worker);
    const count = stateful(queueId()).Properties.RedrivePolicy.maxReceiveCount;
    expect(fn.Properties.Environment.Variables.JOBS_MAX_RECEIVES).toBe(String(count));
  });

  it('reads the jobs queue one message at a time, reporting failed messages alone, at most 32 at once', () => {
    const [fnId] = functionOf(service.statelessTemplate, worker);
    const mappings = resourcesOf(service.statelessTemplate, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(exportedValue(service, mapping.Properties.EventSourceArn['Fn::ImportValue'])).toEqual({ 'Fn::GetAtt': [queueId(), 'Arn'] });
    expect(mapping.Properties).toMatchObject({ BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 32 } });
    expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBeUndefined();
  });

  it('may receive and delete from the jobs queue, and from nothing else', () => {
    const consuming = statementsOf(service, worker).filter((s) => asArray(s.Action).includes('sqs:ReceiveMessage'));
    expect(consuming).toHaveLength(1);
    expect(exportedValue(service, (consuming[0]!.Resource as any)['Fn::ImportValue'])).toEqual({ 'Fn::GetAtt': [queueId(), 'Arn'] });
    expect(asArray(consuming[0]!.Action)).toContain('sqs:DeleteMessage');
  });
});

describe.each([...capabilities, worker].map((c) => [c.name, c.enqueues === true, c]))('the %s function (enqueues: %s)', (_name, enqueues, capability) => {
  it('may send job messages to the jobs queue exactly when it enqueues', () => {
    const sending = statementsOf(service, capability).filter((s) => asArray(s.Action).some((a) => a === 'sqs:SendMessage' || a === 'sqs:*'));
    if (!enqueues) {
      expect(sending).toEqual([]);
      return;
    }
    expect(sending).toHaveLength(1);
    expect(asArray(sending[0]!.Action)).toEqual(['sqs:SendMessage']);
    expect(exportedValue(service, (sending[0]!.Resource as any)['Fn::ImportValue'])).toEqual({ 'Fn::GetAtt': [queueId(), 'Arn'] });
  });

  it('is told the queue URL exactly when it enqueues', () => {
    const [, fn] = functionOf(service.statelessTemplate, capability);
    const url = fn.Properties.Environment.Variables.JOBS_QUEUE_URL;
    if (!enqueues) expect(url).toBeUndefined();
    else expect(exportedValue(service, url['Fn::ImportValue'])).toEqual({ Ref: queueId() });
  });
});

it('declares the plans capability as a file writer that enqueues (its freeze and draw run as jobs)', () => {
  const plans = capabilities.find((c) => c.name === 'plans')!;
  expect(plans).toMatchObject({ files: 'readwrite', enqueues: true });
  expect(capabilities.filter((c) => c.enqueues).length).toBeLessThan(capabilities.length);
});
