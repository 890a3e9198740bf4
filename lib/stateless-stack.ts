import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { jobWorker, type Capability } from '../functions/capabilities.ts';
import { JOB_MAX_RECEIVES } from './stateful-stack.ts';
import { keys } from '../functions/data/keys.ts';
import { ApiFunction } from './api-function.ts';
import { fileAreasOf } from './files-access.ts';
import { Operations, type OperationsSettings } from './operations.ts';

/** A Lambda of the service as functions/capabilities.ts declares it: a capability, or the jobs worker (no routes). */
export type FunctionDeclaration = Omit<Capability, 'routes'> & { routes?: Capability['routes'] };

/**
 * The stage's access log, one JSON object per request. `integrationStatus` (the Lambda invocation's
 * status) tells API Gateway's own answers from the service's: the throttling alarm reads it.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  errorType: '$context.error.responseType',
} as const;

/** Job steps one worker runs at once at most: a plan freeze fans out into 32 segments. */
export const DEFAULT_JOB_CONCURRENCY = 32;

export interface StatelessStackProps extends StackProps {
  stage?: string;
  table: ITable;
  /** The files bucket (stateful stack): published documents, uploads, reject reports; its ARN's export name. */
  files: IBucket;
  filesArnExport: string;
  /** The export carrying the ARN of the secret that seeds the report-signing key (stateful stack). */
  reportSigningSecretArnExport: string;
  /** The jobs queue and its dead-letter queue (stateful stack). */
  jobs: IQueue;
  jobDeadLetters: IQueue;
  capabilities: Capability[];
  /** The jobs worker's declaration; functions/capabilities.ts's by default. */
  jobWorker?: FunctionDeclaration;
  /** Most job steps running at once (the event source mapping's maximum concurrency, 2–1000). */
  jobConcurrency?: number;
  /** FILES_BASE_URL: where CloudFront serves /files/public/…; unset, public file URLs are relative to the site. */
  filesBaseUrl?: string;
  operations?: Partial<OperationsSettings>;
  projectRoot: string;
  jwtIssuer: string;
  jwtAudience: string[];
  throttle: { rateLimit: number; burstLimit: number };
  /** PUBLIC_PLAN_STRATA: '1' publishes the full plan document (strata) on the public route. */
  publicPlanStrata?: '0' | '1';
}

/**
 * Code and API: one function per capability, one route per capability route, JWT unless public; the
 * jobs worker on the jobs queue; the projections stream consumer; the alarms and dashboard.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<string, ApiFunction> = {};
  readonly operations: Operations;
  private readonly props: StatelessStackProps;
  /** Settings every function of the service reads from its environment (functions/config.ts). */
  private serviceEnvironment: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;

    this.api = new HttpApi(this, 'Api', {
      description: '信用联合奖惩 credit service',
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', props.jwtIssuer, { jwtAudience: props.jwtAudience }),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // One key seals the pagination cursors of every function, so a page from one instance is
    // accepted by another. It is generated by Secrets Manager and resolved into the functions'
    // environment at deployment: it guards only the integrity of cursors (every query is still
    // bound to the caller's own department), so being visible to the deployment's operators is acceptable.
    const cursorKey = new Secret(this, 'CursorKey', {
      description: 'Seals pagination cursors (CURSOR_SECRET)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(cursorKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the cursor key only invalidates the pages clients hold open (400, they start again); rotate by redeploying with a new secret.',
    });
    this.serviceEnvironment = {
      CURSOR_SECRET: cursorKey.secretValue.unsafeUnwrap(),
      PUBLIC_PLAN_STRATA: props.publicPlanStrata ?? '0',
    };

    const noAuth = new HttpNoneAuthorizer();
    for (const capability of props.capabilities) {
      const fn = this.addServiceFunction(capability);
      const integration = new HttpLambdaIntegration(`${pascal(capability.name)}Integration`, fn);
      for (const route of capability.routes) {
        const [httpRoute] = this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          ...(route.public ? { authorizer: noAuth } : {}),
        });
        if (route.public && httpRoute) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by design (marked public in functions/capabilities.ts); it exposes only published information.`,
          });
        }
      }
    }

    const worker = this.addJobWorker(props.jobWorker ?? jobWorker);
    const projectionDeadLetters = this.addProjections(props);
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });

    this.operations = new Operations(this, 'Operations', {
      stage: props.stage ?? 'dev',
      alarmEmail: props.operations?.alarmEmail,
      checkLatencyP99Ms: props.operations?.checkLatencyP99Ms ?? 1000,
      api5xxPercent: props.operations?.api5xxPercent ?? 1,
      apiStage: this.stage,
      accessLogs,
      functions: this.functions,
      checks: this.functions.checks ?? worker,
      worker,
      table: props.table,
      jobs: props.jobs,
      deadLetters: { jobs: props.jobDeadLetters, projections: projectionDeadLetters },
    });
  }

  /** One Lambda from its declaration: the table, files and queue it may use, granted from its flags and nothing else. */
  private addServiceFunction(declaration: FunctionDeclaration): ApiFunction {
    const props = this.props;
    const fn = new ApiFunction(this, pascal(declaration.name), {
      entry: `${props.projectRoot}/${declaration.entry}`,
      projectRoot: props.projectRoot,
      serviceName: declaration.name,
      memorySize: declaration.memorySize,
      ...(declaration.timeoutSeconds ? { timeout: Duration.seconds(declaration.timeoutSeconds) } : {}),
    });
    fn.bindTable(props.table, declaration.access, { scans: declaration.scans === true });
    if (declaration.files) fn.bindFiles({ bucket: props.files, arnExport: props.filesArnExport }, declaration.files, fileAreasOf(declaration.name), props.filesBaseUrl);
    if (declaration.enqueues) fn.bindJobQueue(props.jobs);
    if (declaration.signsReports) fn.bindReportSigning(props.reportSigningSecretArnExport);
    for (const [name, value] of Object.entries(this.serviceEnvironment)) fn.addEnvironment(name, value);
    this.functions[declaration.name] = fn;
    return fn;
  }

  /**
   * The jobs worker reads the jobs queue (job steps and the bucket's upload events) one message per
   * invocation: a step may run for most of the 15 minutes, and a batch of one is retried alone. A failed
   * step is redelivered after the visibility timeout and kept in the dead-letter queue after its last delivery.
   */
  private addJobWorker(declaration: FunctionDeclaration): ApiFunction {
    const fn = this.addServiceFunction(declaration);
    // The worker marks a job failed on the queue's last receive, so it must know the queue's count.
    fn.addEnvironment('JOBS_MAX_RECEIVES', String(JOB_MAX_RECEIVES));
    fn.addEventSource(
      new SqsEventSource(this.props.jobs, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: this.props.jobConcurrency ?? DEFAULT_JOB_CONCURRENCY,
      }),
    );
    return fn;
  }

  /**
   * The table's stream completes the projections that a request did not (it died, or timed out after
   * its fact was written): only items with an outbox mark reach the function; what keeps failing is
   * kept in a dead-letter queue for 14 days.
   */
  private addProjections(props: StatelessStackProps): IQueue {
    const fn = new ApiFunction(this, 'Projections', {
      entry: `${props.projectRoot}/functions/handlers/projections/index.ts`,
      projectRoot: props.projectRoot,
      serviceName: 'projections',
      timeout: Duration.seconds(60),
    });
    fn.bindTable(props.table, 'readwrite');
    for (const [name, value] of Object.entries(this.serviceEnvironment)) fn.addEnvironment(name, value);
    this.functions.projections = fn;
    const deadLetters = new Queue(this, 'ProjectionsDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the projections stream consumer.' });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'A DynamoDB stream event source needs dynamodb:ListStreams, which supports no resource-level permission (and, outside China, X-Ray tracing needs the same).',
    });
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(deadLetters),
        // Only marked items invoke it (a listing's change, a new name, a check or a feedback not yet in the
        // ledger), and a mark's clearing does not: the filter reads the new image's mark.
        filters: [FilterCriteria.filter({ dynamodb: { NewImage: { GSI2PK: { S: FilterRule.isEqual(keys.outboxPartition) } } } })],
      }),
    );
    // Read by an operator when its alarm fires (README "Operations").
    new CfnOutput(this, 'ProjectionDeadLettersUrl', { value: deadLetters.queueUrl });
    return deadLetters;
  }
}

const pascal = (name: string) => name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
