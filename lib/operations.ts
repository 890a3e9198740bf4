import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ApiFunction } from './api-function.ts';
import { TABLE_DEFINITION } from './table.ts';

export interface OperationsSettings {
  /** Subscribed to the alarm topic by e-mail (it confirms the subscription once). */
  alarmEmail?: string;
  /** The checks function's p99 duration above which the latency alarm fires, ms. */
  checkLatencyP99Ms: number;
  /** Percentage of API answers that are 5xx above which the error alarm fires. */
  api5xxPercent: number;
}

export interface OperationsProps extends OperationsSettings {
  stage: string;
  apiStage: HttpStage;
  /** The stage's access log group (JSON lines with status and integrationStatus). */
  accessLogs: ILogGroup;
  /** Every function of the service, by the service name it logs under. */
  functions: Record<string, ApiFunction>;
  checks: ApiFunction;
  worker: ApiFunction;
  table: ITable;
  jobs: IQueue;
  /** Every dead-letter queue, by what it keeps (jobs, projections). */
  deadLetters: Record<string, IQueue>;
}

const FIVE_MINUTES = Duration.minutes(5);
/** Alarms need at least this many requests in a period before a 5xx rate means anything. */
const MIN_REQUESTS_FOR_RATE = 20;

/**
 * What an operator watches: alarms to one SNS topic and one dashboard, fed from the stacks' resources.
 * The alarms are those that need a person — the API failing or refusing callers, checks slowing down,
 * jobs failing for good — while the dashboard shows the rest (per-function errors, throttles, duration,
 * table throttling, queue depth and age).
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  /** Requests API Gateway refused with 429 under the stage throttle (counted from the access log). */
  readonly throttledRequests: Metric;
  /** Job steps that failed and will be redelivered (counted from the worker's log). */
  readonly failedJobSteps: Metric;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { account, partition, region } = Stack.of(this);
    const namespace = `credit/${props.stage}`;

    // CloudWatch can publish to an encrypted topic only under a customer-managed key that admits it.
    const key = new Key(this, 'AlarmKey', {
      description: `Encrypts the credit-${props.stage} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.topic = new Topic(this, 'Alarms', { displayName: `credit-${props.stage} alarms`, masterKey: key, enforceSSL: true });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` } },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    // HTTP APIs publish no throttling metric, and their 4xx metric mixes stage throttling with the
    // service's own 400/401/403/404/409/422 and its per-client 429. A 429 that no integration answered
    // (the Lambda invocation status is not 200) can only be API Gateway's throttle.
    this.throttledRequests = new MetricFilter(this, 'ThrottledRequestsFilter', {
      logGroup: props.accessLogs,
      filterPattern: FilterPattern.literal('{ $.status = "429" && $.integrationStatus != "200" }'),
      metricNamespace: namespace,
      metricName: 'ApiThrottledRequests',
      metricValue: '1',
      defaultValue: 0,
    }).metric({ statistic: 'Sum', period: FIVE_MINUTES });
    // A failed step is reported alone (batch item failure), so the function's Errors metric misses it.
    this.failedJobSteps = new MetricFilter(this, 'FailedJobStepsFilter', {
      logGroup: props.worker.logGroup,
      filterPattern: FilterPattern.literal('{ $.message = "job step failed" }'),
      metricNamespace: namespace,
      metricName: 'FailedJobSteps',
      metricValue: '1',
      defaultValue: 0,
    }).metric({ statistic: 'Sum', period: FIVE_MINUTES });

    const requests = props.apiStage.metricCount({ statistic: 'Sum', period: FIVE_MINUTES });
    const serverErrors = props.apiStage.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES });
    const errorRate = new MathExpression({
      expression: `IF(requests >= ${MIN_REQUESTS_FOR_RATE}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period: FIVE_MINUTES,
      label: 'API 5xx %',
    });

    this.alarm('Api5xxRate', errorRate, {
      threshold: props.api5xxPercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description: `More than ${props.api5xxPercent}% of API answers were 5xx in 2 of the last 3 five-minute periods (with at least ${MIN_REQUESTS_FOR_RATE} requests). Look at the per-function errors on the dashboard and the function's logs.`,
    });
    this.alarm('ApiThrottled', this.throttledRequests, {
      threshold: 10,
      description: 'API Gateway refused at least 10 requests in five minutes under the stage throttle (throttleRate/throttleBurst): callers are being turned away; raise the throttle or find the caller.',
    });
    this.alarm('CheckLatencyP99', props.checks.metricDuration({ statistic: 'p99', period: FIVE_MINUTES }), {
      threshold: props.checkLatencyP99Ms,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `The checks function's p99 duration exceeded ${props.checkLatencyP99Ms} ms for 15 minutes: look at DynamoDB throttling and the function's duration on the dashboard.`,
    });
    this.alarm('JobWorkerErrors', props.worker.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }), {
      threshold: 1,
      description: 'The jobs worker failed as a whole (crash, timeout, out of memory): the step is redelivered after the visibility timeout, and kept in the dead-letter queue after the last delivery.',
    });
    for (const [what, queue] of Object.entries(props.deadLetters)) {
      this.alarm(`${pascal(what)}DeadLetters`, queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }), {
        threshold: 1,
        description: `A message is in the ${what} dead-letter queue: it failed every delivery. Read why in the logs, fix, then redrive it (README "Operations").`,
      });
    }
    this.alarm('JobsStalled', props.jobs.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }), {
      threshold: 2 * 3600,
      evaluationPeriods: 3,
      description: 'The oldest job message has waited more than two hours: the worker is not keeping up or is failing; see the queue and worker widgets.',
    });

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `credit-${props.stage}`, defaultInterval: Duration.hours(6) });
    const functions = Object.entries(props.functions);
    const perFunction = (label: string, metric: (fn: ApiFunction) => IMetric) =>
      new GraphWidget({ title: `Lambda ${label} per function`, width: 8, left: functions.map(([, fn]) => metric(fn)) });
    const tableMetric = (metricName: string, indexName?: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.table.tableName, ...(indexName ? { GlobalSecondaryIndexName: indexName } : {}) },
        statistic: 'Sum',
        period: FIVE_MINUTES,
        label: indexName ? `${metricName} ${indexName}` : metricName,
      });
    const queues = { jobs: props.jobs, ...Object.fromEntries(Object.entries(props.deadLetters).map(([what, q]) => [`${what} dead letters`, q])) };

    this.dashboard.addWidgets(
      new TextWidget({ markdown: `# credit-${props.stage}\nAlarms go to the SNS topic \`${this.topic.node.id}\`; the README's "Operations" says what each means and how to redrive a dead-letter queue.`, width: 24, height: 2 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        width: 8,
        left: [requests.with({ label: 'requests' }), props.apiStage.metricClientError({ statistic: 'Sum', period: FIVE_MINUTES, label: '4xx' }), serverErrors.with({ label: '5xx' }), this.throttledRequests.with({ label: 'throttled (429)' })],
      }),
      new GraphWidget({
        title: 'API latency',
        width: 8,
        left: ['p50', 'p99'].flatMap((statistic) => [
          props.apiStage.metricLatency({ statistic, period: FIVE_MINUTES, label: `latency ${statistic}` }),
          props.apiStage.metricIntegrationLatency({ statistic, period: FIVE_MINUTES, label: `integration ${statistic}` }),
        ]),
      }),
      new GraphWidget({ title: 'API 5xx rate (%)', width: 8, left: [errorRate] }),
    );
    this.dashboard.addWidgets(
      perFunction('errors', (fn) => fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: serviceName(functions, fn) })),
      perFunction('throttles', (fn) => fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: serviceName(functions, fn) })),
      perFunction('duration p99', (fn) => fn.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: serviceName(functions, fn) })),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB throttled requests',
        width: 8,
        left: ['ReadThrottleEvents', 'WriteThrottleEvents'].flatMap((m) => [tableMetric(m), ...TABLE_DEFINITION.globalSecondaryIndexes.map((i) => tableMetric(m, i.indexName))]),
      }),
      new GraphWidget({
        title: 'Queue depth',
        width: 8,
        left: Object.entries(queues).map(([what, q]) => q.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES, label: `${what} visible` })),
        right: [props.jobs.metricApproximateNumberOfMessagesNotVisible({ statistic: 'Maximum', period: FIVE_MINUTES, label: 'jobs in flight' }), this.failedJobSteps.with({ label: 'failed job steps' })],
      }),
      new GraphWidget({
        title: 'Age of the oldest message (s)',
        width: 8,
        left: Object.entries(queues).map(([what, q]) => q.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES, label: what })),
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));

    new CfnOutput(this, 'AlarmTopicArn', { value: this.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
  }

  private alarm(id: string, metric: IMetric, options: { threshold: number; description: string; evaluationPeriods?: number; datapointsToAlarm?: number; comparisonOperator?: ComparisonOperator }) {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      datapointsToAlarm: options.datapointsToAlarm,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }
}

const serviceName = (functions: [string, ApiFunction][], fn: ApiFunction) => functions.find(([, f]) => f === fn)?.[0] ?? fn.node.id;
const pascal = (name: string) => name.replace(/(^|[-_\s])(\w)/g, (_, __, c: string) => c.toUpperCase());
