import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { TableAccess } from '../functions/capabilities.ts';
import { FILE_READ_ACTIONS, FILE_WRITE_ACTIONS, readsFiles, writesFiles, type FileAccess } from './files-access.ts';
import { isChinaRegion } from './regions.ts';
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
    // X-Ray's integration with Lambda is not offered in the China regions.
    const traced = !isChinaRegion(Stack.of(scope).region);
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: traced ? Tracing.ACTIVE : Tracing.DISABLED,
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
        id: 'AwsSolutions-L1',
        reason: 'Pinned to nodejs22.x: the handlers, middy 6 and vitest 4 are developed and tested on Node 20/22; Node 24 is not yet in the tested matrix.',
      },
    );
    if (traced) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions, so Resource must be *.',
      });
    }
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

  /**
   * Grants what `access` needs on the files bucket, confined to `areas` (key prefixes; '' is every key),
   * and tells the function where the files are. Reading includes ListBucket on the bucket itself: without
   * it S3 answers a HEAD of a missing key 403 instead of 404, and `fileExists` (hence `writeDocument`)
   * could not tell "absent" from "forbidden".
   */
  bindFiles(files: { bucket: IBucket; arnExport: string }, access: FileAccess, areas: readonly string[], publicBaseUrl?: string): void {
    this.addEnvironment('FILES_BUCKET', files.bucket.bucketName);
    if (publicBaseUrl) this.addEnvironment('FILES_BASE_URL', publicBaseUrl);
    // In the China regions CloudFront does not serve /files/public/* (no CloudFront Functions to map the
    // path): a public document's redirect goes to a pre-signed URL instead, fresh for every request.
    if (isChinaRegion(Stack.of(this).region)) this.addEnvironment('PUBLIC_FILE_LINKS', 'signed');
    const bucketArn = Fn.importValue(files.arnExport);
    const actions = [...(readsFiles(access) ? FILE_READ_ACTIONS : []), ...(writesFiles(access) ? FILE_WRITE_ACTIONS : [])];
    this.addToRolePolicy(new PolicyStatement({ actions, resources: areas.map((prefix) => `${bucketArn}/${prefix}*`) }));
    if (readsFiles(access)) this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn] }));
    for (const prefix of areas) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${files.arnExport}/${prefix}*]`,
        reason: prefix
          ? `Object keys under ${prefix} are content hashes and ids known only at run time (functions/data/files.ts); the grant is confined to that prefix.`
          : 'This function runs every kind of job, each writing or reading its own prefix of the files bucket (functions/data/files.ts), so it reaches every key; it can never delete one.',
      });
    }
  }

  /**
   * Lets the function sign credit reports: it reads the secret that seeds the key at its first report
   * (functions/data/report-signing.ts), so the key never sits in its environment.
   */
  bindReportSigning(secretArnExport: string): void {
    const secretArn = Fn.importValue(secretArnExport);
    this.addEnvironment('REPORT_SIGNING_SECRET_ARN', secretArn);
    this.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] }));
  }

  /** Lets the function hand work to the jobs queue (SendMessageBatch is authorized as sqs:SendMessage). */
  bindJobQueue(queue: IQueue): void {
    this.addEnvironment('JOBS_QUEUE_URL', queue.queueUrl);
    this.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
  }
}
