import type { App } from 'aws-cdk-lib';

/** CloudFront-scoped WebACLs, and the certificates CloudFront uses, exist only in us-east-1. */
export const WAF_REGION = 'us-east-1';
const WAF_WINDOWS = [60, 120, 300, 600] as const;

/** The settings of the edge and web stacks. */
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
