import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ArnFormat, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type App, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import type { Construct, IConstruct } from 'constructs';
import { CATALOGUE_PATH, CONTENT_SECURITY_POLICY, PAGE_ROUTES, webCatalogue } from '../functions/local/web.ts';

/**
 * The web pages and the edge in front of everything public:
 *
 * - `EdgeStack` (always us-east-1): the WAF WebACL, scope CLOUDFRONT, which AWS only accepts in us-east-1,
 *   with a per-IP rate-based rule scoped to `/v1/public/`. An HTTP API (apigatewayv2) cannot carry a
 *   WebACL itself, so the ACL sits on the CloudFront distribution, which routes `/v1/*` to the API.
 * - `WebStack` (the service's own environment): a private S3 bucket of web/, served by CloudFront through
 *   origin access control, with `/v1/*` forwarded to the HTTP API.
 *
 * The WebACL's ARN crosses regions through an SSM parameter the edge stack writes in us-east-1 and the
 * web stack reads with one SDK call. CDK's `crossRegionReferences` does the same, but only between
 * stacks with a concrete region, and the service's stacks are deliberately environment-agnostic.
 */

export const PUBLIC_PATH_PREFIX = '/v1/public/';
/** CloudFront-scoped WebACLs exist only in us-east-1. */
export const WAF_REGION = 'us-east-1';
const WAF_WINDOWS = [60, 120, 300, 600] as const;

export interface WebConfig {
  /** Requests one IP may make to /v1/public/ within the window before WAF answers 429. */
  publicRateLimit: number;
  /** WAF's rate evaluation window, seconds. */
  rateWindowSeconds: (typeof WAF_WINDOWS)[number];
  /** An own domain for the distribution with its ACM certificate (in us-east-1); both or neither. */
  domainName?: string;
  certificateArn?: string;
}

/** Reads the web context (`wafPublicRateLimit`, `wafRateWindowSeconds`, `webDomainName`, `webCertificateArn`). */
export function readWebConfig(app: App): WebConfig {
  const ctx = (key: string) => app.node.tryGetContext(key) as unknown;
  const limit = Number(ctx('wafPublicRateLimit') ?? 300);
  if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
    throw new Error(`CDK context "wafPublicRateLimit" must be a whole number from 10 (WAF's minimum), got ${String(ctx('wafPublicRateLimit'))}`);
  }
  const window = Number(ctx('wafRateWindowSeconds') ?? 300);
  if (!WAF_WINDOWS.includes(window as WebConfig['rateWindowSeconds'])) {
    throw new Error(`CDK context "wafRateWindowSeconds" must be one of ${WAF_WINDOWS.join(', ')}, got ${String(ctx('wafRateWindowSeconds'))}`);
  }
  const domainName = ctx('webDomainName') ? String(ctx('webDomainName')) : undefined;
  const certificateArn = ctx('webCertificateArn') ? String(ctx('webCertificateArn')) : undefined;
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('CDK context "webDomainName" and "webCertificateArn" go together: set both or neither');
  }
  if (certificateArn && !certificateArn.startsWith(`arn:aws:acm:${WAF_REGION}:`)) {
    throw new Error(`CDK context "webCertificateArn" must be an ACM certificate in ${WAF_REGION} (CloudFront's requirement), got ${certificateArn}`);
  }
  return { publicRateLimit: limit, rateWindowSeconds: window as WebConfig['rateWindowSeconds'], domainName, certificateArn };
}

const acknowledge = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

export interface EdgeStackProps extends StackProps {
  stage: string;
  config: WebConfig;
  /** The SSM parameter (in us-east-1) that carries the WebACL's ARN to the web stack. */
  parameterName: string;
}

/** The CloudFront-scoped WebACL: a per-IP rate limit on the public API, logged to CloudWatch. */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: WAF_REGION } });
    const { publicRateLimit, rateWindowSeconds } = props.config;
    const metric = (name: string) => ({ metricName: name, cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true });
    const problem = {
      type: 'about:blank',
      title: 'Too many requests',
      status: 429,
      detail: `At most ${publicRateLimit} public requests per ${rateWindowSeconds} s from one address`,
      errors: [],
    };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `credit-${props.stage}-edge`,
      description: 'Credit service edge - per-IP rate limit on the public API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric(`credit-${props.stage}-edge`),
      customResponseBodies: {
        'too-many-requests': { contentType: 'APPLICATION_JSON', content: JSON.stringify(problem) },
      },
      rules: [
        {
          name: 'public-rate-limit',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many-requests',
                responseHeaders: [{ name: 'retry-after', value: String(rateWindowSeconds) }],
              },
            },
          },
          visibilityConfig: metric(`credit-${props.stage}-public-rate-limit`),
          statement: {
            rateBasedStatement: {
              limit: publicRateLimit,
              evaluationWindowSec: rateWindowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: PUBLIC_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
        },
      ],
    });

    // WAF requires the log group's name to start with aws-waf-logs-.
    const logs = new LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-credit-${props.stage}`,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // The destination is the log group's ARN without the trailing :* that LogGroup.logGroupArn carries.
      logDestinationConfigs: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: logs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    });

    new StringParameter(this, 'WebAclArn', {
      parameterName: props.parameterName,
      stringValue: this.webAcl.attrArn,
      description: 'ARN of the CloudFront WebACL, read by the web stack in the service region',
    });
    new CfnOutput(this, 'WebAclArnOutput', { value: this.webAcl.attrArn });
  }
}

export interface WebStackProps extends StackProps {
  stage: string;
  config: WebConfig;
  api: HttpApi;
  /** web/ on disk. */
  webRoot: string;
  webAclParameterName: string;
  /** Changes when the WebACL would be replaced, so its ARN is read again. */
  webAclRevision: string;
}

/** The pages: private bucket, CloudFront with OAC, /v1/* to the HTTP API, the edge WebACL attached. */
export class WebStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;

    // S3 server access logs arrive through a bucket policy rather than the deprecated LogDeliveryWrite ACL
    // (the flag is set for this stack only); CloudFront's standard logs still need ACLs enabled.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/pages/',
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The WebACL lives in us-east-1; read its ARN there (one GetParameter) at deploy time.
    const parameterArn = Stack.of(this).formatArn({ service: 'ssm', region: 'us-east-1', resource: 'parameter', resourceName: props.webAclParameterName.replace(/^\//, '') });
    const getParameter = {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: props.webAclParameterName },
      region: WAF_REGION,
      outputPaths: ['Parameter.Value'],
      physicalResourceId: PhysicalResourceId.of(`${props.webAclParameterName}@${props.webAclRevision}`),
    };
    const webAclArn = new AwsCustomResource(this, 'WebAclArn', {
      onCreate: getParameter,
      onUpdate: getParameter,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
      installLatestAwsSdk: false,
    }).getResponseField('Parameter.Value');

    // Page paths without an extension (/verify) to their files; "/" is the default root object.
    const routes = Object.fromEntries(Object.entries(PAGE_ROUTES).filter(([path]) => path !== '/').map(([path, file]) => [path, `/${file}`]));
    const pageRoutes = new EdgeFunction(this, 'PageRoutes', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves /verify as /verify.html, as the local gateway does',
      code: FunctionCode.fromInline(
        `var routes = ${JSON.stringify(routes)};\nfunction handler(event) {\n  var target = routes[event.request.uri];\n  if (target) event.request.uri = target;\n  return event.request;\n}`,
      ),
    });

    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Credit pages: same-origin only, no framing (as functions/local/web.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    // The API decides caching per response; the token is part of the key so no answer crosses callers.
    const apiCache = new CachePolicy(this, 'ApiCache', {
      comment: 'Credit API through CloudFront: nothing cached unless the API says so, keyed by token and query',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));

    const certificate = config.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Credit service ${props.stage}: web pages and /v1 API`,
      defaultRootObject: PAGE_ROUTES['/'],
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [{ function: pageRoutes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2] }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCache,
          // API Gateway answers only to its own Host header.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      webAclId: webAclArn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Asia (mainland China's neighbours included) is in price class 200.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(certificate ? { certificate, domainNames: [config.domainName!], minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Public credit information (信息公示) is published for everyone, including foreign investors and counterparties abroad; no country is excluded.',
    );
    if (!certificate) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without webDomainName/webCertificateArn the distribution uses the *.cloudfront.net certificate, whose TLS floor CloudFront fixes; set both to enforce TLSv1.2_2021.',
      );
    }

    const deployment = new BucketDeployment(this, 'DeployPages', {
      sources: [Source.asset(props.webRoot), Source.jsonData(CATALOGUE_PATH, webCatalogue())],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
    });
    // The handlers CDK provides for the deployment and for reading the ARN: their policies are CDK's.
    const basicRole = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
    const providers = [this.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287'), ...this.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))];
    for (const provider of providers) {
      if (provider) acknowledge(provider, basicRole, 'CDK-provided handler: AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs, as a hand-written policy would.');
    }
    const copier = providers.at(-1);
    if (copier && copier !== providers[0]) {
      const pagesArn = `<${this.resolve((this.bucket.node.defaultChild as CfnBucket).logicalId)}.Arn>`;
      const copying = 'BucketDeployment copies the web/ asset from the CDK asset bucket into the pages bucket and prunes what web/ no longer has';
      for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*']) {
        acknowledge(copier, `AwsSolutions-IAM5[${finding}]`, `${copying}; CDK grants these object-level action groups on those two buckets only.`);
      }
      acknowledge(copier, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', `${copying}; asset object keys are content hashes known only at deploy time.`);
      acknowledge(copier, `AwsSolutions-IAM5[Resource::${pagesArn}/*]`, `${copying}; it writes every object of the pages bucket, which holds nothing else.`);
      acknowledge(copier, 'AwsSolutions-L1', 'The BucketDeployment handler runs the Python runtime aws-cdk-lib pins for it (with its bundled AWS CLI layer); it moves with CDK upgrades.');
      acknowledge(copier, 'AwsSolutions-IAM5[Resource::*]', 'CreateInvalidation/GetInvalidation after a deployment: BucketDeployment grants them on all distributions; it is invoked only with this distribution.');
    }
    void deployment;

    new CfnOutput(this, 'WebUrl', { value: `https://${config.domainName ?? this.distribution.distributionDomainName}/` });
  }
}

/** The edge (us-east-1) and web stacks of one stage, the web stack deployed after the edge. */
export function addWebStacks(app: App, stage: string, api: HttpApi, projectRoot: string) {
  const config = readWebConfig(app);
  const parameterName = `/credit/${stage}/edge/web-acl-arn`;
  const edge = new EdgeStack(app, `credit-${stage}-edge`, {
    description: 'Credit service edge: CloudFront WebACL with the public-API rate limit (us-east-1)',
    stage,
    config,
    parameterName,
  });
  const web = new WebStack(app, `credit-${stage}-web`, {
    description: 'Credit service web pages: private S3 bucket behind CloudFront (OAC), /v1 to the HTTP API',
    stage,
    config,
    api,
    webRoot: join(projectRoot, 'web'),
    webAclParameterName: parameterName,
    // The ACL is replaced only when its name or scope changes; its rules update in place, keeping the ARN.
    webAclRevision: createHash('sha256').update(`${edge.webAcl.name}|${edge.webAcl.scope}`).digest('hex').slice(0, 12),
  });
  web.addStackDependency(edge, 'the web stack reads the WebACL ARN the edge stack publishes');
  return { edge, web };
}
