import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { CfnOutput, DockerImage, Duration, Fn, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
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
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type CfnDistribution,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import type { Construct, IConstruct } from 'constructs';
import { buildConsole } from '../console/build.ts';
import {
  CATALOGUE_PATH,
  CONSOLE_CONFIG,
  CONSOLE_FILES,
  CONSOLE_PATH,
  consoleContentSecurityPolicy,
  CONTENT_SECURITY_POLICY,
  NOT_FOUND_PAGE,
  PACKAGE_FILES,
  PAGE_PREFIXES,
  PAGE_ROUTES,
  webCatalogue,
  type PackageFiles,
  type ConsoleSignIn,
} from '../functions/web-pages.ts';
import { PUBLIC_FILES_PATH, publicFilesBehavior } from './public-files.ts';
import { siteSettings, WAF_REGION, type WebConfig } from './web-config.ts';

/**
 * The web pages in the service's own environment: a private S3 bucket of web/, served by CloudFront
 * through origin access control, with `/v1/*` forwarded to the HTTP API, `/files/public/*` read from the
 * files bucket (lib/public-files.ts) and the edge stack's WebACL (lib/edge-stack.ts) attached. Routes and
 * headers are those the local gateway serves (functions/web-pages.ts).
 *
 * In the China regions CloudFormation has neither CloudFront Functions nor origin access control
 * (AWS::CloudFront::Function and ::OriginAccessControl do not exist in cn-north-1, as CDK's template
 * validation reports), and there is no WebACL: the pages are read through an origin access identity,
 * /verify, /docs, /plans, /report, /track and /console are deployed as copies of their pages (a plan's page is
 * /plans?plan={planId} there, a report's /report?no={reportNo}&code=…), a wrong path answers S3's own error, and
 * /files/public/* is left out (see README).
 */

const acknowledge = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** Page paths without an extension → their objects (`/verify` → `/verify.html`); "/" is the default root object. */
function pageTargets(): Record<string, string> {
  return Object.fromEntries(Object.entries(PAGE_ROUTES).filter(([path]) => path !== '/').map(([path, file]) => [path, `/${file}`]));
}

/** Every path the pages bucket holds an object for: web/ (no dot-files), the catalogue of names, the packages' files (viewer, QR encoder), the workbench. */
export function deployedPaths(webRoot: string): string[] {
  const web = (readdirSync(webRoot, { recursive: true }) as string[])
    .map((entry) => entry.split(sep).join('/'))
    .filter((entry) => !entry.split('/').some((part) => part.startsWith('.')) && statSync(join(webRoot, entry)).isFile());
  return [
    ...web.map((entry) => `/${entry}`),
    `/${CATALOGUE_PATH}`,
    ...PACKAGE_FILES.flatMap((p) => p.files.map((file) => `${p.path}${file}`)),
    ...CONSOLE_FILES.map((file) => `${CONSOLE_PATH}/${file}`),
  ].sort();
}

/**
 * The workbench built at synth time (console/build.ts) into a folder of its own, laid out as the bucket
 * holds it (console/…); the folder is removed when the process ends, after the synthesis has staged it.
 */
function buildConsoleAsset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'credit-console-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  buildConsole(join(dir, CONSOLE_PATH.slice(1)));
  return dir;
}

/**
 * The viewer-request function of the pages: a page path to its file, a deployed file as it is, anything else
 * answered at the edge with web/404.html, status 404, under the pages' headers (CloudFront Functions may return
 * a generated response with a body; the function's code stays under CloudFront's 10 KB limit, a test checks it).
 */
export function pageRoutesCode(webRoot: string): string {
  const prefixes = Object.fromEntries(Object.entries(PAGE_PREFIXES).map(([prefix, file]) => [prefix, `/${file}`]));
  const files = Object.fromEntries(deployedPaths(webRoot).map((path) => [path, 1]));
  const headers = {
    'content-type': { value: 'text/html; charset=utf-8' },
    'cache-control': { value: 'no-cache' },
    'content-security-policy': { value: CONTENT_SECURITY_POLICY },
    'x-content-type-options': { value: 'nosniff' },
    'x-frame-options': { value: 'DENY' },
    'referrer-policy': { value: 'same-origin' },
  };
  const notFound = { statusCode: 404, statusDescription: 'Not Found', headers, body: { encoding: 'text', data: readFileSync(join(webRoot, NOT_FOUND_PAGE), 'utf8') } };
  return [
    `var routes = ${JSON.stringify({ '/': `/${PAGE_ROUTES['/']}`, ...pageTargets() })};`,
    `var prefixes = ${JSON.stringify(prefixes)};`,
    `var files = ${JSON.stringify(files)};`,
    `var notFound = ${JSON.stringify(notFound)};`,
    'function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }',
    'function handler(event) {',
    '  var uri = event.request.uri;',
    '  var target = has(routes, uri) ? routes[uri] : undefined;',
    '  for (var prefix in prefixes) {',
    '    var rest = uri.slice(prefix.length);',
    "    if (!target && uri.indexOf(prefix) === 0 && rest.length > 0 && rest.indexOf('/') < 0) target = prefixes[prefix];",
    '  }',
    '  if (target) event.request.uri = target;',
    '  else if (!has(files, uri)) return notFound;',
    '  return event.request;',
    '}',
  ].join('\n');
}

/** An installed package's files the pages load (the OpenAPI viewer's, the QR encoder's), copied under their path at synth time. */
function packageSource(assets: PackageFiles) {
  const from = assets.directory();
  return Source.asset(from, {
    bundling: {
      // Never pulled: the local copy below always succeeds, so no container runs.
      image: DockerImage.fromRegistry('scratch'),
      local: {
        tryBundle(outputDir) {
          const to = join(outputDir, assets.path);
          mkdirSync(to, { recursive: true });
          for (const file of assets.files) copyFileSync(join(from, file), join(to, file));
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
  /** The files bucket (stateful stack), whose `public/` CloudFront serves at /files/public/. */
  files: IBucket;
  /** web/ on disk. */
  webRoot: string;
  /** How the workbench signs in: its config.json, and the origin its content-security policy admits. */
  console: ConsoleSignIn;
  /** The edge WebACL, published by the edge stack in us-east-1; absent in the China regions. */
  webAcl?: {
    parameterName: string;
    /** Changes when the WebACL would be replaced, so its ARN is read again. */
    revision: string;
  };
}

/** The pages: private bucket, CloudFront with OAC, /v1/* to the HTTP API, /files/public/* from the files bucket, the edge WebACL attached. */
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

    const webAclArn = props.webAcl ? this.readWebAclArn(props.webAcl.parameterName, props.webAcl.revision) : undefined;
    const china = config.china;
    // One origin access control for both buckets; an origin access identity where OAC does not exist.
    const accessControl = china ? undefined : new S3OriginAccessControl(this, 'OriginAccess', { description: 'Credit pages and public files: CloudFront signs its S3 reads' });
    const pagesOrigin = accessControl ? S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl: accessControl }) : S3BucketOrigin.withOriginAccessIdentity(this.bucket);

    // Page paths without an extension (/verify, /docs, /plans, /report, /track), /plans/{planId} and /report/{reportNo} to their files, every deployed
    // file as it is, and anything else to the Chinese 404 page with status 404, as the local gateway answers (the
    // pages bucket would answer S3's own 403). Only the pages' behaviour: /v1/* keeps the API's problem+json.
    const pageRoutes = china
      ? undefined
      : new EdgeFunction(this, 'PageRoutes', {
          runtime: FunctionRuntime.JS_2_0,
          comment: 'Maps page paths to their files; any other path is the 404 page, as the local gateway does',
          code: FunctionCode.fromInline(pageRoutesCode(props.webRoot)),
        });

    const headersPolicy = (id: string, comment: string, contentSecurityPolicy: string) =>
      new ResponseHeadersPolicy(this, id, {
        comment,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        },
      });
    const pageHeaders = headersPolicy('PageHeaders', 'Credit pages and API docs: same-origin only, no framing (as the local gateway)', CONTENT_SECURITY_POLICY);
    // The workbench alone may also reach the OIDC provider (discovery and the token exchange) and the files bucket
    // (an import's upload, a large plan document), both through URLs the browser is handed.
    const consolePolicy = consoleContentSecurityPolicy(props.console, `https://${props.files.bucketRegionalDomainName}`);
    const consoleHeaders = headersPolicy('ConsoleHeaders', 'Credit workbench: the pages policy, with fetches to the OIDC provider and the files bucket', consolePolicy);

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

    const pagesBehavior = {
      origin: pagesOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      ...(pageRoutes ? { functionAssociations: [{ function: pageRoutes, eventType: FunctionEventType.VIEWER_REQUEST }] } : {}),
    };

    const certificate = config.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Credit service ${props.stage}: web pages and /v1 API`,
      defaultRootObject: PAGE_ROUTES['/'],
      defaultBehavior: { ...pagesBehavior, responseHeadersPolicy: pageHeaders },
      additionalBehaviors: {
        '/v1/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2] }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCache,
          // API Gateway answers only to its own Host header.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
        ...(accessControl ? { [PUBLIC_FILES_PATH]: publicFilesBehavior(this, props.files, accessControl, pageHeaders) } : {}),
        [`${CONSOLE_PATH}*`]: { ...pagesBehavior, responseHeadersPolicy: consoleHeaders },
      },
      webAclId: webAclArn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      // CloudFront in China has its own four edge locations; price class and HTTP version stay at its defaults there.
      ...(china ? {} : { httpVersion: HttpVersion.HTTP2_AND_3, priceClass: PriceClass.PRICE_CLASS_200 }),
      ...(certificate ? { certificate, domainNames: [config.domainName!], minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
    });
    if (config.iamCertificateId) {
      // CloudFront in China takes no ACM certificate, and the Distribution construct knows only ACM ones.
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [config.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: config.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      });
    }
    this.acknowledgeDistribution(config, Boolean(certificate));

    const deploymentLogs = new LogGroup(this, 'DeployPagesLogs', { retention: RetentionDays.THREE_MONTHS });
    const routeCopies = Object.entries(pageTargets()).map(([path, file]) => [path.slice(1), file.slice(1)] as const);
    const consoleRoot = buildConsoleAsset();
    // A page's file: the workbench's from its build, the others from web/.
    const pageSource = (file: string) => readFileSync(join(file.startsWith(`${CONSOLE_PATH.slice(1)}/`) ? consoleRoot : props.webRoot, file), 'utf8');
    new BucketDeployment(this, 'DeployPages', {
      sources: [
        Source.asset(props.webRoot),
        Source.jsonData(CATALOGUE_PATH, webCatalogue(siteSettings(config))),
        ...PACKAGE_FILES.map(packageSource),
        Source.asset(consoleRoot),
        Source.jsonData(`${CONSOLE_PATH.slice(1)}/${CONSOLE_CONFIG}`, props.console),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      // The route copies below are another deployment's: not this one's to prune.
      ...(pageRoutes ? {} : { exclude: routeCopies.map(([key]) => key) }),
      memoryLimit: 256,
      logGroup: deploymentLogs,
    });
    if (!pageRoutes) {
      // Without CloudFront Functions, /verify, /docs, /plans, /report, /track and /console are objects of their own: copies of their pages.
      new BucketDeployment(this, 'DeployPageRoutes', {
        sources: routeCopies.map(([key, file]) => Source.data(key, pageSource(file))),
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: routeCopies.map(([key]) => `/${key}`),
        prune: false,
        contentType: 'text/html; charset=utf-8',
        memoryLimit: 256,
        logGroup: deploymentLogs,
      });
    }
    this.acknowledgeProviders();

    new CfnOutput(this, 'WebUrl', { value: `https://${config.domainName ?? this.distribution.distributionDomainName}/` });
  }

  private acknowledgeDistribution(config: WebConfig, ownCertificate: boolean) {
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Public credit information (信息公示) is published for everyone, including foreign investors and counterparties abroad; no country is excluded.',
    );
    if (config.iamCertificateId) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'China regions: the IAM server certificate is set by a property override (the Distribution construct takes ACM only), with MinimumProtocolVersion TLSv1.2_2021 and SNI.',
      );
    } else if (!ownCertificate) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without webDomainName/webCertificateArn the distribution uses the *.cloudfront.net certificate, whose TLS floor CloudFront fixes; set both to enforce TLSv1.2_2021.',
      );
    }
    if (config.china) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'China regions: AWS WAF is regional only there, so no CloudFront-scope WebACL exists; the public routes are limited per client by the service (PUBLIC_RATE_LIMIT) and by the stage throttle.',
      );
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR7',
        'China regions: AWS::CloudFront::OriginAccessControl does not exist there, so the pages bucket is read through an origin access identity, which its policy alone admits.',
      );
    }
  }

  /** The handlers CDK provides for the deployments and for reading the WebACL ARN: their policies are CDK's. */
  private acknowledgeProviders() {
    const basicRole = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
    const reader = this.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
    const copier = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const provider of [reader, copier]) {
      if (provider) acknowledge(provider, basicRole, 'CDK-provided handler: AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs, as a hand-written policy would.');
    }
    if (!copier) return;
    const pagesArn = `<${this.resolve((this.bucket.node.defaultChild as CfnBucket).logicalId)}.Arn>`;
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const copying = 'BucketDeployment copies the page assets (web/, the catalogue of names, the OpenAPI viewer, the QR encoder, the workbench) from the CDK asset bucket into the pages bucket and prunes what they no longer have';
    for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*']) {
      acknowledge(copier, `AwsSolutions-IAM5[${finding}]`, `${copying}; CDK grants these object-level action groups on those two buckets only.`);
    }
    acknowledge(copier, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`, `${copying}; asset object keys are content hashes known only at deploy time.`);
    acknowledge(copier, `AwsSolutions-IAM5[Resource::${pagesArn}/*]`, `${copying}; it writes every object of the pages bucket, which holds nothing else.`);
    acknowledge(copier, 'AwsSolutions-L1', 'The BucketDeployment handler runs the Python runtime aws-cdk-lib pins for it (with its bundled AWS CLI layer); it moves with CDK upgrades.');
    acknowledge(copier, 'AwsSolutions-IAM5[Resource::*]', 'CreateInvalidation/GetInvalidation after a deployment: BucketDeployment grants them on all distributions; it is invoked only with this distribution.');
  }

  /** The WebACL lives in us-east-1: its ARN is read there (one GetParameter) at deploy time. */
  private readWebAclArn(parameterName: string, revision: string): string {
    const parameterArn = Stack.of(this).formatArn({ service: 'ssm', region: WAF_REGION, resource: 'parameter', resourceName: parameterName.replace(/^\//, '') });
    const getParameter = {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: parameterName },
      region: WAF_REGION,
      outputPaths: ['Parameter.Value'],
      physicalResourceId: PhysicalResourceId.of(`${parameterName}@${revision}`),
    };
    return new AwsCustomResource(this, 'WebAclArn', {
      onCreate: getParameter,
      onUpdate: getParameter,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'WebAclArnLogs', { retention: RetentionDays.THREE_MONTHS }),
    }).getResponseField('Parameter.Value');
  }
}
