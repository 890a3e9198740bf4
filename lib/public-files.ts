import { Duration } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  OriginBase,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type CfnDistribution,
  type IOriginAccessControl,
  type IResponseHeadersPolicy,
  type OriginBindConfig,
  type OriginBindOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Where CloudFront serves the files bucket's `public/` keys (functions/data/files.ts `publicFileUrl`). */
export const PUBLIC_FILES_PATH = '/files/public/*';

/**
 * The files bucket as an origin through origin access control. The bucket lives in the stateful stack,
 * whose policy admits CloudFront to `public/` only; CDK's S3BucketOrigin would add a statement naming this
 * distribution to that policy, which would make the stateful stack depend on the web stack.
 */
class PublicFilesOrigin extends OriginBase {
  constructor(
    bucket: IBucket,
    private readonly accessControl: IOriginAccessControl,
  ) {
    super(bucket.bucketRegionalDomainName);
  }

  override bind(scope: Construct, options: OriginBindOptions): OriginBindConfig {
    const config = super.bind(scope, options);
    return { ...config, originProperty: { ...config.originProperty!, originAccessControlId: this.accessControl.originAccessControlId } };
  }

  protected override renderS3OriginConfig(): CfnDistribution.S3OriginConfigProperty {
    return { originAccessIdentity: '' };
  }
}

/**
 * The `/files/public/*` behaviour: content-addressed, immutable documents stored gzipped, cached as long
 * as S3 says (a year) with nothing of the request in the cache key. A viewer-request function drops the
 * `/files` prefix, which is the URL's and not the key's; nothing but `public/` of the bucket is reachable.
 */
export function publicFilesBehavior(scope: Construct, files: IBucket, accessControl: IOriginAccessControl, headers: IResponseHeadersPolicy): BehaviorOptions {
  const path = new EdgeFunction(scope, 'FilesPath', {
    runtime: FunctionRuntime.JS_2_0,
    comment: 'Maps /files/public/... to the files bucket key public/...',
    code: FunctionCode.fromInline("function handler(event) {\n  event.request.uri = event.request.uri.replace(/^\\/files\\//, '/');\n  return event.request;\n}"),
  });
  const cache = new CachePolicy(scope, 'FilesCache', {
    comment: 'Credit public files: immutable, cached as long as S3 says (a year); no query string, header or cookie in the key',
    defaultTtl: Duration.days(1),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.days(365),
    headerBehavior: CacheHeaderBehavior.none(),
    queryStringBehavior: CacheQueryStringBehavior.none(),
    cookieBehavior: CacheCookieBehavior.none(),
    // Stored with Content-Encoding: gzip already; there is nothing to negotiate or compress.
    enableAcceptEncodingGzip: false,
    enableAcceptEncodingBrotli: false,
  });
  return {
    origin: new PublicFilesOrigin(files, accessControl),
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: cache,
    compress: false,
    responseHeadersPolicy: headers,
    functionAssociations: [{ function: path, eventType: FunctionEventType.VIEWER_REQUEST }],
  };
}
