import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { Construct } from 'constructs';
import { Naming } from '../../naming';
import { AccessLogTarget, SecureBucket } from '../../secure-bucket';

/** The service that writes the trail's log files. */
const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';
/** Days a deleted or expired log file stays recoverable as a noncurrent version. */
export const TRAIL_NONCURRENT_RETENTION_DAYS = 30;

/** The trail's name: fixed, so its ARN is known before it exists (the bucket policy and the key policy name it). */
export function auditTrailName(naming: Naming): string {
  return naming.name('ops', 'trail', 128);
}

/** The trail's ARN, in the home region where it is created (a multi-region trail keeps its home region's ARN). */
export function auditTrailArn(naming: Naming, region: string, accountId: string): string {
  return `arn:aws:cloudtrail:${region}:${accountId}:trail/${auditTrailName(naming)}`;
}

export interface AuditTrailProps {
  readonly naming: Naming;
  /** The account and home region: the trail is created there and its ARN built from them. */
  readonly accountId: string;
  readonly region: string;
  /** The ops home key: encrypts the log files. Its policy must let CloudTrail use it for this trail. */
  readonly kmsKeyArn: string;
  /** Server access logs of the trail bucket go there. */
  readonly accessLogs: AccessLogTarget;
  /** Days log files are kept (`ops.changeAudit.retentionDays`). */
  readonly retentionDays: number;
}

/**
 * A multi-region CloudTrail trail of every management event, global services included, with log
 * file validation (hourly signed digests), its log files encrypted with the ops key, into a bucket
 * of its own whose policy admits CloudTrail for this trail only (aws:SourceArn).
 */
export class AuditTrail extends Construct {
  public readonly trailArn: string;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { accountId } = props;
    const trailArn = auditTrailArn(props.naming, props.region, accountId);
    // Default encryption stays SSE-S3: CloudTrail encrypts each log file with the trail's key itself (digest files are SSE-S3 by design).
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.naming.bucketName('ops', 'trail'),
      expireObjectsAfterDays: props.retentionDays,
      noncurrentVersionRetentionDays: TRAIL_NONCURRENT_RETENTION_DAYS,
      accessLogs: props.accessLogs,
    });
    const fromThisTrail = { 'aws:SourceArn': trailArn };
    bucket.addPolicyStatement({
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: CLOUDTRAIL_SERVICE },
      Action: 's3:GetBucketAcl',
      Resource: bucket.bucketArn,
      Condition: { StringEquals: fromThisTrail },
    });
    bucket.addPolicyStatement({
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: CLOUDTRAIL_SERVICE },
      Action: 's3:PutObject',
      Resource: `${bucket.bucketArn}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...fromThisTrail } },
    });
    const trail = new Cloudtrail(this, 'trail', {
      name: auditTrailName(props.naming),
      s3BucketName: bucket.bucketName,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: props.kmsKeyArn,
      // CloudTrail checks its access to the bucket when the trail is created.
      dependsOn: [bucket.policy],
    });
    this.trailArn = trail.arn;
    this.bucketName = bucket.bucketName;
  }
}
