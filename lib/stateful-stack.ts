import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption, type CfnQueuePolicy } from 'aws-cdk-lib/aws-sqs';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { jobWorker } from '../functions/capabilities.ts';
import { fileKeys } from '../functions/data/files.ts';
import { TABLE_DEFINITION, type KeyAttribute } from './table.ts';

const attribute = (k: KeyAttribute) => ({
  name: k.name,
  type: k.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
});

const topLevel = (key: string) => `${key.split('/')[0]}/`;
/** Where clients PUT their uploads (pre-signed); S3 announces each new object there to the jobs queue. */
export const UPLOADS_PREFIX = topLevel(fileKeys.importUpload('id'));
/** What CloudFront may read: published documents, public by definition (functions/data/files.ts). */
export const PUBLIC_PREFIX = topLevel(fileKeys.publicPlanDocument('id', 'sha'));
/** How often a job message is delivered before it is kept in the dead-letter queue. */
export const JOB_MAX_RECEIVES = 5;

export interface StatefulStackProps extends StackProps {
  /**
   * Origins a browser may PUT uploads from and read signed files from (the site's own origin). Without one, the default domains of
   * CloudFront distributions: a pre-signed URL is what authorizes an upload, CORS only lets a page read the answer.
   */
  uploadOrigins?: string[];
}

/**
 * Everything that holds data, deployed separately so the stateless stack can be replaced freely: the
 * table, the files bucket (published documents, uploads, reject reports) and the jobs queue, whose
 * messages are work in progress that must outlive a redeployment of the code.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly files: Bucket;
  /**
   * The export carrying the files bucket's ARN under a name of ours. Grants on its keys import it by this
   * name, so that cdk-nag names them predictably and each can be acknowledged with its own reason.
   */
  readonly filesArnExport: string;
  readonly jobs: Queue;
  readonly jobDeadLetters: Queue;
  /** The secret whose value seeds the report-signing key, and the export carrying its ARN (as for the files bucket). */
  readonly reportSigningSecret: Secret;
  readonly reportSigningSecretArnExport: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    // Server access logs arrive through a bucket policy, not the deprecated LogDeliveryWrite ACL.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const def = TABLE_DEFINITION;

    this.table = new Table(this, 'Table', {
      partitionKey: attribute(def.partitionKey),
      sortKey: attribute(def.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Credit records are legal evidence: the table outlives any stack that created it.
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: def.timeToLiveAttribute,
      // Projections (notices, the name index) are completed from the stream: lib/stateless-stack.ts.
      stream: StreamViewType.NEW_IMAGE,
    });

    for (const index of def.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    this.jobDeadLetters = new Queue(this, 'JobDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.jobs = new Queue(this, 'JobQueue', {
      // AWS's advice for a Lambda-polled queue: at least six times the function timeout, so a message
      // being worked on is not handed to a second worker while the first still runs.
      visibilityTimeout: Duration.seconds(6 * jobWorker.timeoutSeconds),
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.jobDeadLetters, maxReceiveCount: JOB_MAX_RECEIVES },
    });

    this.files = this.addFiles(props.uploadOrigins ?? ['https://*.cloudfront.net', 'https://*.cloudfront.cn']);
    this.filesArnExport = `${this.stackName}-FilesArn`;
    new CfnOutput(this, 'FilesArn', { value: this.files.bucketArn, exportName: this.filesArnExport });
    new CfnOutput(this, 'FilesBucket', { value: this.files.bucketName });
    // Issued credit reports are verified against this key for as long as they circulate: it is state, kept
    // with the data. A new secret version is a new key; the keys that signed before stay published (the table).
    this.reportSigningSecret = new Secret(this, 'ReportSigningKey', {
      description: 'Seeds the Ed25519 key that signs credit reports (functions/data/report-signing.ts)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.reportSigningSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A rotation is a new signing key: done deliberately (README "Report-signing key"), never on a schedule; the keys that signed before stay in the published key list.',
    });
    this.reportSigningSecretArnExport = `${this.stackName}-ReportSigningKeyArn`;
    new CfnOutput(this, 'ReportSigningKeyArn', { value: this.reportSigningSecret.secretArn, exportName: this.reportSigningSecretArnExport });
    // What an operator redrives after fixing a failing job step (README "Operations").
    new CfnOutput(this, 'JobDeadLettersArn', { value: this.jobDeadLetters.queueArn });
  }

  /**
   * The files bucket: private (CloudFront reads `public/` through origin access control, lib/web-stack.ts;
   * everything else only through pre-signed URLs), versioned so that a published document overwritten or
   * deleted by mistake can be restored, uploads kept 30 days, its access logged.
   */
  private addFiles(uploadOrigins: string[]) {
    const logs = new Bucket(this, 'FilesAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const files = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/files/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // An upload is read once by its import job; what is left after 30 days is never read again.
        { id: 'uploads-expire', prefix: UPLOADS_PREFIX, expiration: Duration.days(30), noncurrentVersionExpiration: Duration.days(1) },
        { id: 'uploads-delete-markers', prefix: UPLOADS_PREFIX, expiredObjectDeleteMarker: true },
        { id: 'public-noncurrent', prefix: 'public/', noncurrentVersionExpiration: Duration.days(90) },
        { id: 'private-noncurrent', prefix: 'private/', noncurrentVersionExpiration: Duration.days(90) },
        { id: 'incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      cors: [
        {
          // PUT: a page uploading an import; GET: the /verify page following a 303 to a signed full plan document.
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedOrigins: uploadOrigins,
          allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
    });

    // CloudFront (lib/web-stack.ts) reads public/ through origin access control, and nothing else. The
    // distribution is created after this stack, in the web stack, so the condition admits the account's
    // distributions rather than naming it (naming it would make this stack depend on that one).
    files.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [files.arnForObjects(`${PUBLIC_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );

    // New uploads start their job: S3 sends the event to the jobs queue the worker reads. The queue must
    // admit S3 before the bucket's notification is created, so the condition names the account rather than
    // the bucket (naming the bucket would make each wait for the other); the worker acts only on keys of
    // FILES_BUCKET under uploads/, so a stray event from another bucket of the account is a no-op.
    this.jobs.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.jobs.queueArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': `arn:${this.partition}:s3:::*` },
        },
      }),
    );
    const cfnFiles = files.node.defaultChild as CfnBucket;
    cfnFiles.notificationConfiguration = {
      queueConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          queue: this.jobs.queueArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: UPLOADS_PREFIX }] } },
        },
      ],
    };
    cfnFiles.addResourceDependency(this.jobs.node.findChild('Policy').node.defaultChild as CfnQueuePolicy);
    return files;
  }
}
