import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { AccessLogTarget, SecureBucket } from '../secure-bucket';

/** Where CloudFront's logs are handed over: its WAF log stream and its access log delivery source live here. */
export const LOG_REGION_FOR_CLOUDFRONT = 'us-east-1';

/** What every log delivery here needs for the bucket it writes into. */
export interface LogBucketProps {
  /** Physical name of the log bucket (see Naming.bucketName). */
  readonly bucketName: string;
  /** Days the log objects are kept. */
  readonly retentionDays: number;
  /** The bucket taking the log bucket's own server access logs, in `region` (S3 delivers access logs only within a region). */
  readonly accessLogs: AccessLogTarget;
  /** Region everything is created in; must be the provider's region. */
  readonly region: string;
  /**
   * Provider every resource is created with (stack.globalProvider for CloudFront's logs, in a stack of another region).
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * The log bucket of `construct` (named in errors), created in `scope` as `bucket`: encrypted, private,
 * TLS-only, unversioned, access-logged, its objects expired after `retentionDays`. Throws when the
 * retention is not a whole number of days or the provider's region is not `region`.
 */
export function logBucket(scope: Construct, construct: string, props: LogBucketProps): SecureBucket {
  if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1) {
    throw new Error(`${construct}: retentionDays must be a whole number of days, 1 or more (S3 lifecycle expiration), got ${props.retentionDays}`);
  }
  const providerRegion = props.provider?.region;
  if (providerRegion !== undefined && providerRegion !== props.region) {
    throw new Error(
      `${construct}: region is "${props.region}" but the provider given creates resources in "${providerRegion}": pass the provider of ${props.region}, or region "${providerRegion}".`,
    );
  }
  return new SecureBucket(scope, 'bucket', {
    provider: props.provider,
    bucketName: props.bucketName,
    versioned: false,
    expireObjectsAfterDays: props.retentionDays,
    accessLogs: props.accessLogs,
  });
}
