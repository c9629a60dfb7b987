import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** Where CloudFront's logs are handed over: its WAF log stream and its access log delivery source live here. */
export const LOG_REGION_FOR_CLOUDFRONT = 'us-east-1';

/** Throws unless `days` is a whole number of days S3 lifecycle accepts. */
export function checkRetentionDays(construct: string, days: number): void {
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`${construct}: retentionDays must be a whole number of days, 1 or more (S3 lifecycle expiration), got ${days}`);
  }
}

/** Throws when the provider's region is known and is not `region`: the construct's resources would be made elsewhere than its props say. */
export function checkProviderRegion(construct: string, region: string, provider: AwsProvider | undefined): void {
  const providerRegion = provider?.region;
  if (providerRegion !== undefined && providerRegion !== region) {
    throw new Error(`${construct}: region is "${region}" but the provider given creates resources in "${providerRegion}": pass the provider of ${region}, or region "${providerRegion}".`);
  }
}
