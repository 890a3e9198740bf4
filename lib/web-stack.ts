import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, DockerImage, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
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
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import type { Construct, IConstruct } from 'constructs';
import { CATALOGUE_PATH, CONTENT_SECURITY_POLICY, PAGE_ROUTES, VIEWER_FILES, VIEWER_PATH, viewerDirectory, webCatalogue } from '../functions/web-pages.ts';
import { WAF_REGION, type WebConfig } from './web-config.ts';

/**
 * The web pages in the service's own environment: a private S3 bucket of web/, served by CloudFront
 * through origin access control, with `/v1/*` forwarded to the HTTP API and the edge stack's WebACL
 * (lib/edge-stack.ts) attached. Routes and headers are those the local gateway serves
 * (functions/web-pages.ts).
 */

const acknowledge = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** The OpenAPI viewer's files from the installed swagger-ui-dist, copied under docs/viewer/ at synth time. */
function viewerSource() {
  const from = viewerDirectory();
  return Source.asset(from, {
    bundling: {
      // Never pulled: the local copy below always succeeds, so no container runs.
      image: DockerImage.fromRegistry('scratch'),
      local: {
        tryBundle(outputDir) {
          const to = join(outputDir, VIEWER_PATH);
          mkdirSync(to, { recursive: true });
          for (const file of VIEWER_FILES) copyFileSync(join(from, file), join(to, file));
          return true;
        },
      },
    },
  });
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

    // Page paths without an extension (/verify, /docs) to their files; "/" is the default root object.
    const routes = Object.fromEntries(Object.entries(PAGE_ROUTES).filter(([path]) => path !== '/').map(([path, file]) => [path, `/${file}`]));
    const pageRoutes = new EdgeFunction(this, 'PageRoutes', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves /verify as /verify.html and /docs as /docs.html, as the local gateway does',
      code: FunctionCode.fromInline(
        `var routes = ${JSON.stringify(routes)};\nfunction handler(event) {\n  var target = routes[event.request.uri];\n  if (target) event.request.uri = target;\n  return event.request;\n}`,
      ),
    });

    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Credit pages and API docs: same-origin only, no framing (as the local gateway)',
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
      sources: [Source.asset(props.webRoot), Source.jsonData(CATALOGUE_PATH, webCatalogue()), viewerSource()],
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
      const copying = 'BucketDeployment copies the page assets (web/, the catalogue of names, the OpenAPI viewer) from the CDK asset bucket into the pages bucket and prunes what they no longer have';
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
