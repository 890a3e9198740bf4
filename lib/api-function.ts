import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { TableAccess } from '../functions/capabilities.ts';
import { TABLE_DEFINITION } from './table.ts';

/** Item-level reads. Scan is granted only to capabilities that stream the population (`scans`). */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** Nothing in this service is ever deleted, so DeleteItem is never granted. */
export const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];

export interface ApiFunctionProps {
  /** Absolute path of the handler module; it exports `handler`. */
  entry: string;
  projectRoot: string;
  serviceName: string;
  memorySize?: number;
  timeout?: Duration;
}

/** The one Lambda shape of this service; stacks list functions, they do not repeat these props. */
export class ApiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    // A log group we own (instead of the deprecated logRetention custom resource) so retention is plain CloudFormation.
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.THREE_MONTHS });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        NODE_OPTIONS: '--enable-source-maps',
        // CloudFront (lib/web-stack.ts) fronts the API and appends the viewer's address to X-Forwarded-For.
        TRUSTED_PROXIES: '1',
      },
      bundling: {
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        // CommonJS dependencies call require(); an ESM bundle has none unless we create it.
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        sourceMap: true,
        sourcesContent: false,
        minify: true,
        // Domain errors name themselves from new.target.name; mangled class names would break error mapping.
        keepNames: true,
        // Bundle the SDK version the tests ran against rather than whatever the runtime ships.
        externalModules: [],
      },
    });

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs (CreateLogStream/PutLogEvents); a hand-written copy would grant the same.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions, so Resource must be *.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'Pinned to nodejs22.x: the handlers, middy 6 and vitest 4 are developed and tested on Node 20/22; Node 24 is not yet in the tested matrix.',
      },
    );
  }

  /**
   * Grants exactly what `access` needs on `table` and its indexes, and tells the function the table name.
   * 'none' grants nothing and sets no TABLE_NAME.
   */
  bindTable(table: ITable, access: TableAccess, options: { scans?: boolean } = {}): void {
    if (access === 'none') return;
    this.addEnvironment('TABLE_NAME', table.tableName);
    const actions = [...READ_ACTIONS, ...(access === 'readwrite' ? WRITE_ACTIONS : []), ...(options.scans ? ['dynamodb:Scan'] : [])];
    this.addToRolePolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
    // Index ARNs named one by one (no /index/*): only Query is meaningful on a GSI.
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: TABLE_DEFINITION.globalSecondaryIndexes.map((i) => `${table.tableArn}/index/${i.indexName}`),
      }),
    );
  }
}
