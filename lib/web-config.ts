import type { App } from 'aws-cdk-lib';
import { siteText, type SiteSettings } from '../functions/web-pages.ts';
import { isChinaRegion } from './regions.ts';

/** CloudFront-scoped WebACLs, and the certificates CloudFront uses, exist only in us-east-1. */
export const WAF_REGION = 'us-east-1';
const WAF_WINDOWS = [60, 120, 300, 600] as const;

/** The settings of the edge and web stacks. */
export interface WebConfig {
  /**
   * The service runs in a China region (context `region`): CloudFront there has no CloudFront-scope WAF
   * (AWS WAF is regional only in Beijing and Ningxia), takes no ACM certificate and serves only an
   * ICP-recorded domain of one's own, so the edge stack is left out and a domain with an IAM certificate is required.
   */
  china: boolean;
  /** Requests one IP may make to /v1/public/ within the window before WAF answers 429 (global regions only). */
  publicRateLimit: number;
  /** WAF's rate evaluation window, seconds. */
  rateWindowSeconds: (typeof WAF_WINDOWS)[number];
  /** An own domain for the distribution with its certificate; both or neither (China: required). */
  domainName?: string;
  /** Global regions: an ACM certificate in us-east-1. */
  certificateArn?: string;
  /** China regions: the ID of a server certificate uploaded to IAM (CloudFront there does not take ACM). */
  iamCertificateId?: string;
  /** The footer's hosting authority (主办单位) and contact, from context `siteOwner` and `siteContact`. */
  siteOwner?: string;
  siteContact?: string;
}

/**
 * Reads the web context (`wafPublicRateLimit`, `wafRateWindowSeconds`, `webDomainName`, `webCertificateArn`,
 * `webIamCertificateId`, `siteOwner`, `siteContact`) for the region in context `region`.
 */
export function readWebConfig(app: App): WebConfig {
  const ctx = (key: string) => app.node.tryGetContext(key) as unknown;
  const site = siteContext(ctx);
  return { ...readEdgeConfig(ctx), ...site };
}

/** The footer's settings from context, checked as the local gateway checks SITE_OWNER and SITE_CONTACT. */
function siteContext(ctx: (key: string) => unknown): Pick<WebConfig, 'siteOwner' | 'siteContact'> {
  const text = (key: string) => {
    const value = ctx(key);
    return siteText(`CDK context "${key}"`, value === undefined ? undefined : String(value));
  };
  const siteOwner = text('siteOwner');
  const siteContact = text('siteContact');
  return { ...(siteOwner ? { siteOwner } : {}), ...(siteContact ? { siteContact } : {}) };
}

function readEdgeConfig(ctx: (key: string) => unknown): WebConfig {
  const china = isChinaRegion(ctx('region') ? String(ctx('region')) : undefined);
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
  const iamCertificateId = ctx('webIamCertificateId') ? String(ctx('webIamCertificateId')) : undefined;

  if (china) {
    if (certificateArn) throw new Error('CDK context "webCertificateArn": CloudFront in the China regions takes no ACM certificate; upload it to IAM and set webIamCertificateId');
    if (!domainName || !iamCertificateId) {
      throw new Error('CDK context "webDomainName" and "webIamCertificateId" are required in the China regions: CloudFront there serves only an ICP-recorded domain of your own, with a certificate uploaded to IAM');
    }
    return { china, publicRateLimit: limit, rateWindowSeconds: window as WebConfig['rateWindowSeconds'], domainName, iamCertificateId };
  }
  if (iamCertificateId) throw new Error('CDK context "webIamCertificateId" is for the China regions; elsewhere set webCertificateArn (ACM, us-east-1)');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('CDK context "webDomainName" and "webCertificateArn" go together: set both or neither');
  }
  if (certificateArn && !certificateArn.startsWith(`arn:aws:acm:${WAF_REGION}:`)) {
    throw new Error(`CDK context "webCertificateArn" must be an ACM certificate in ${WAF_REGION} (CloudFront's requirement), got ${certificateArn}`);
  }
  return { china, publicRateLimit: limit, rateWindowSeconds: window as WebConfig['rateWindowSeconds'], domainName, certificateArn };
}

/** What the pages show of the deployment: its footer, and plan pages by query where no function maps /plans/{planId}. */
export const siteSettings = (config: WebConfig): SiteSettings => ({ owner: config.siteOwner, contact: config.siteContact, planLinks: config.china ? 'query' : 'path' });

/** The site's https origin when it has a domain of its own; the public files are served under it. */
export const siteOrigin = (config: WebConfig) => (config.domainName ? `https://${config.domainName}` : undefined);
