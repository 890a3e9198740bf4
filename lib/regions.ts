/**
 * Where the service may run. AWS's China regions form their own partition (aws-cn): what exists only
 * in the global partition (a CloudFront-scope WAF, ACM certificates for CloudFront, X-Ray for Lambda)
 * is left out there, by the stacks reading `isChinaRegion` of the region given in context.
 */
export const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'] as const;

/** True for the Beijing and Ningxia regions; false for every other region and for an unresolved one. */
export function isChinaRegion(region: string | undefined): boolean {
  return region !== undefined && (CHINA_REGIONS as readonly string[]).includes(region);
}
