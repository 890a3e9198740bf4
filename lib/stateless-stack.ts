import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Capability } from '../functions/capabilities.ts';
import { keys } from '../functions/data/keys.ts';
import { ApiFunction } from './api-function.ts';

export interface StatelessStackProps extends StackProps {
  table: ITable;
  capabilities: Capability[];
  projectRoot: string;
  jwtIssuer: string;
  jwtAudience: string[];
  throttle: { rateLimit: number; burstLimit: number };
}

/** Code and API: one function per capability, one route per capability route, JWT unless public. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<string, ApiFunction> = {};

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

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
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });

    const noAuth = new HttpNoneAuthorizer();
    for (const capability of props.capabilities) {
      const fn = new ApiFunction(this, pascal(capability.name), {
        entry: `${props.projectRoot}/${capability.entry}`,
        projectRoot: props.projectRoot,
        serviceName: capability.name,
        memorySize: capability.memorySize,
        ...(capability.timeoutSeconds ? { timeout: Duration.seconds(capability.timeoutSeconds) } : {}),
      });
      fn.bindTable(props.table, capability.access, { scans: capability.scans === true });
      this.functions[capability.name] = fn;

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

    this.addProjections(props);
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
  }

  /**
   * The table's stream completes the projections that a request did not (it died, or timed out after
   * its fact was written): only items with an outbox mark reach the function; what keeps failing is
   * kept in a dead-letter queue for 14 days.
   */
  private addProjections(props: StatelessStackProps) {
    const fn = new ApiFunction(this, 'Projections', {
      entry: `${props.projectRoot}/functions/handlers/projections/index.ts`,
      projectRoot: props.projectRoot,
      serviceName: 'projections',
      timeout: Duration.seconds(60),
    });
    fn.bindTable(props.table, 'readwrite');
    this.functions.projections = fn;
    const deadLetters = new Queue(this, 'ProjectionsDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the projections stream consumer.' });
    fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        bisectBatchOnError: true,
        retryAttempts: 5,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(deadLetters),
        // Check logs and everything else unmarked never invoke it: the filter reads the new image's mark.
        filters: [FilterCriteria.filter({ dynamodb: { NewImage: { GSI2PK: { S: FilterRule.isEqual(keys.outboxPartition) } } } })],
      }),
    );
  }
}

const pascal = (name: string) => name.replace(/(^|[-_])(\w)/g, (_, __, c: string) => c.toUpperCase());
