import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobWorker } from '../../functions/capabilities.ts';
import { ACCESS_LOG_FIELDS } from '../../lib/stateless-stack.ts';
import { exportedValue, functionOf, logicalIdOf, resourcesOf, SYNTH_TIMEOUT, synthService, TEST_CONTEXT, type Resource, type Service } from './fixture.ts';

const CONTEXT = { ...TEST_CONTEXT, alarmEmail: 'ops@example.gov.cn', alarmCheckP99Ms: '750' };

let service: Service;
beforeAll(() => {
  service = synthService(undefined, CONTEXT);
}, SYNTH_TIMEOUT);

const stateless = () => service.statelessTemplate;
const resource = (id: string) => stateless().toJSON().Resources[id] as Resource;
const topicId = () => logicalIdOf(stateless(), 'AWS::SNS::Topic', 'OperationsAlarms');
const alarm = (name: string) => resource(logicalIdOf(stateless(), 'AWS::CloudWatch::Alarm', `Operations${name}`)).Properties;
const fnId = (name: string) => functionOf(stateless(), { name })[0];
/** The one metric an alarm watches (MetricName, Namespace, Dimensions as a map). */
const metricOf = (props: Record<string, any>) => ({
  namespace: props.Namespace,
  name: props.MetricName,
  dimensions: Object.fromEntries((props.Dimensions ?? []).map((d: any) => [d.Name, d.Value])),
});
const stagedFunction = () => resourcesOf(stateless(), 'AWS::ApiGatewayV2::Stage')[0]![1];

const ALARMS = ['Api5xxRate', 'ApiThrottled', 'CheckLatencyP99', 'JobWorkerErrors', 'JobsDeadLetters', 'ProjectionsDeadLetters', 'JobsStalled'];

describe('the alarm topic', () => {
  it('is encrypted under a rotated key that admits CloudWatch of this account, and refuses requests without TLS', () => {
    const topic = resource(topicId()).Properties;
    const keyId = topic.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    expect(resource(keyId).Properties.EnableKeyRotation).toBe(true);
    expect(resource(keyId).Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
    );
    const [, policy] = resourcesOf(stateless(), 'AWS::SNS::TopicPolicy').find(([, p]) => p.Properties.Topics.some((t: any) => t.Ref === topicId()))!;
    const statements = policy.Properties.PolicyDocument.Statement as any[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }));
  });

  it('mails the address given in context alarmEmail', () => {
    const subscriptions = resourcesOf(stateless(), 'AWS::SNS::Subscription');
    expect(subscriptions.map(([, s]) => s.Properties)).toEqual([{ Protocol: 'email', Endpoint: 'ops@example.gov.cn', TopicArn: { Ref: topicId() } }]);
  });
});

describe('the alarms', () => {
  it('are exactly these, each notifying the topic when it fires and when it clears, quiet without data', () => {
    const alarms = resourcesOf(stateless(), 'AWS::CloudWatch::Alarm');
    expect(alarms.map(([id]) => ALARMS.find((a) => id.startsWith(`Operations${a}`))).sort()).toEqual([...ALARMS].sort());
    for (const [, a] of alarms) {
      expect(a.Properties).toMatchObject({ AlarmActions: [{ Ref: topicId() }], OKActions: [{ Ref: topicId() }], TreatMissingData: 'notBreaching' });
      expect(a.Properties.AlarmDescription.length).toBeGreaterThan(40);
    }
  });

  it('watch the share of 5xx answers of the stage, once there are enough requests to mean something', () => {
    const a = alarm('Api5xxRate');
    const expression = a.Metrics.find((m: any) => m.Expression);
    expect(expression.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    const byId = Object.fromEntries(a.Metrics.filter((m: any) => m.MetricStat).map((m: any) => [m.Id, metricOf(m.MetricStat.Metric)]));
    const [apiId] = resourcesOf(stateless(), 'AWS::ApiGatewayV2::Api')[0]!;
    expect(byId).toEqual({
      errors: { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: { ApiId: { Ref: apiId }, Stage: '$default' } },
      requests: { namespace: 'AWS/ApiGateway', name: 'Count', dimensions: { ApiId: { Ref: apiId }, Stage: '$default' } },
    });
    expect(a).toMatchObject({ Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 2, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('count stage throttling from the access log: a 429 that no Lambda invocation answered', () => {
    const a = alarm('ApiThrottled');
    expect(metricOf(a)).toEqual({ namespace: 'credit/test', name: 'ApiThrottledRequests', dimensions: {} });
    const [, filter] = resourcesOf(stateless(), 'AWS::Logs::MetricFilter').find(([, f]) => f.Properties.MetricTransformations[0].MetricName === 'ApiThrottledRequests')!;
    const accessLogs = stagedFunction().Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(filter.Properties.LogGroupName).toEqual({ Ref: accessLogs });
    expect(filter.Properties.FilterPattern).toBe('{ $.status = "429" && $.integrationStatus != "200" }');
    // The pattern reads fields the access log writes.
    expect(JSON.parse(stagedFunction().Properties.AccessLogSettings.Format)).toMatchObject({ status: '$context.status', integrationStatus: '$context.integrationStatus' });
    expect(ACCESS_LOG_FIELDS.integrationStatus).toBe('$context.integrationStatus');
  });

  it('watch the p99 duration of the checks function against the threshold from context', () => {
    const a = alarm('CheckLatencyP99');
    expect(metricOf(a)).toEqual({ namespace: 'AWS/Lambda', name: 'Duration', dimensions: { FunctionName: { Ref: fnId('checks') } } });
    expect(a).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 750, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3 });
  });

  it('fire on any error of the jobs worker as a whole', () => {
    const a = alarm('JobWorkerErrors');
    expect(metricOf(a)).toEqual({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: { Ref: fnId(jobWorker.name) } } });
    expect(a).toMatchObject({ Threshold: 1, Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('fire as soon as either dead-letter queue holds a message', () => {
    const jobs = alarm('JobsDeadLetters');
    expect(metricOf(jobs).name).toBe('ApproximateNumberOfMessagesVisible');
    const jobsDeadLetters = logicalIdOf(service.statefulTemplate, 'AWS::SQS::Queue', 'JobDeadLetters');
    expect(exportedValue(service, metricOf(jobs).dimensions.QueueName['Fn::ImportValue'])).toEqual({ 'Fn::GetAtt': [jobsDeadLetters, 'QueueName'] });
    const projections = alarm('ProjectionsDeadLetters');
    expect(metricOf(projections).dimensions.QueueName).toEqual({ 'Fn::GetAtt': [logicalIdOf(stateless(), 'AWS::SQS::Queue', 'ProjectionsDeadLetters'), 'QueueName'] });
    for (const a of [jobs, projections]) expect(a).toMatchObject({ Threshold: 1, Statistic: 'Maximum', ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('fire when the oldest job message has waited two hours', () => {
    const a = alarm('JobsStalled');
    expect(metricOf(a).name).toBe('ApproximateAgeOfOldestMessage');
    expect(exportedValue(service, metricOf(a).dimensions.QueueName['Fn::ImportValue'])).toEqual({ 'Fn::GetAtt': [logicalIdOf(service.statefulTemplate, 'AWS::SQS::Queue', 'JobQueue'), 'QueueName'] });
    expect(a.Threshold).toBe(7200);
  });
});

it('counts failed job steps from the worker’s log, by the message the worker logs', () => {
  const [, filter] = resourcesOf(stateless(), 'AWS::Logs::MetricFilter').find(([, f]) => f.Properties.MetricTransformations[0].MetricName === 'FailedJobSteps')!;
  const [, worker] = functionOf(stateless(), jobWorker);
  expect(filter.Properties.LogGroupName).toEqual(worker.Properties.LoggingConfig.LogGroup);
  expect(filter.Properties.FilterPattern).toBe('{ $.message = "job step failed" }');
  expect(readFileSync(new URL('../../functions/handlers/jobs/index.ts', import.meta.url), 'utf8')).toContain("logger.error('job step failed'");
});

describe('the dashboard', () => {
  const body = () => {
    const dashboards = resourcesOf(stateless(), 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]![1].Properties.DashboardName).toBe('credit-test');
    return JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
  };

  it('shows API requests, errors and latency', () => {
    for (const text of ['AWS/ApiGateway', '\\"Count\\"', '\\"4xx\\"', '\\"5xx\\"', '\\"Latency\\"', '\\"IntegrationLatency\\"', 'ApiThrottledRequests']) expect(body()).toContain(text);
  });

  it('shows errors, throttles and duration for every function', () => {
    const functions = resourcesOf(stateless(), 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME);
    expect(functions.length).toBeGreaterThan(10);
    for (const [id] of functions) expect(body().split(`{"Ref":"${id}"}`).length - 1, id).toBe(3);
    for (const text of ['\\"Errors\\"', '\\"Throttles\\"', '\\"Duration\\"']) expect(body()).toContain(text);
  });

  it('shows DynamoDB throttling (table and each index), queue depth and age, dead letters and the alarms', () => {
    for (const text of ['ReadThrottleEvents', 'WriteThrottleEvents', 'GlobalSecondaryIndexName', 'ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesNotVisible', 'FailedJobSteps']) {
      expect(body()).toContain(text);
    }
    for (const [id] of resourcesOf(stateless(), 'AWS::CloudWatch::Alarm')) expect(body()).toContain(`{"Fn::GetAtt":["${id}","Arn"]}`);
  });
});

describe('log retention', () => {
  it('is set on every log group of every stack', () => {
    const groups = Object.entries(service.templates).flatMap(([stack, t]) => resourcesOf(t, 'AWS::Logs::LogGroup').map(([id, g]) => [`${stack}/${id}`, g.Properties.RetentionInDays] as const));
    expect(groups.length).toBeGreaterThan(15);
    for (const [id, days] of groups) expect(days, id).toBeGreaterThan(0);
  });

  it('covers every Lambda of every stack, CDK’s own handlers included: each logs to a group of its stack', () => {
    for (const [stack, t] of Object.entries(service.templates)) {
      const groups = new Set(resourcesOf(t, 'AWS::Logs::LogGroup').map(([id]) => id));
      for (const [id, fn] of resourcesOf(t, 'AWS::Lambda::Function')) {
        expect(groups.has(fn.Properties.LoggingConfig?.LogGroup?.Ref), `${stack}/${id}`).toBe(true);
      }
    }
  });
});
