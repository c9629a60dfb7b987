import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { Construct } from 'constructs';
import { LOG_REGION_FOR_CLOUDFRONT, logBucket, LogBucketProps } from './log-bucket';

/** Longest delivery source or destination name CloudWatch Logs accepts. */
export const MAX_DELIVERY_NAME_LENGTH = 60;
/** The service that writes vended logs (CloudFront standard logging v2) into S3. */
const LOG_DELIVERY_SERVICE = 'delivery.logs.amazonaws.com';
/**
 * Log records as JSON lines: every field named in every record, readable with Athena's JSON
 * SerDe or jq, and no conversion charge (parquet costs extra; w3c and plain drop the field names).
 */
const OUTPUT_FORMAT = 'json';
/** After the `AWSLogs/<account>/CloudFront/` CloudWatch Logs puts first: one folder per distribution, UTC date and hour. */
const SUFFIX_PATH = '{DistributionId}/{yyyy}/{MM}/{dd}/{HH}';

export interface CloudFrontAccessLogsProps extends LogBucketProps {
  /** Name of the delivery source and of the delivery destination: 1-60 characters of a-z, A-Z, 0-9, `_` and `-`. */
  readonly name: string;
  /** The distribution whose access logs are delivered. */
  readonly distributionArn: string;
  /** The account of the distribution and the bucket: the only one whose deliveries may write to the bucket. */
  readonly accountId: string;
}

/**
 * CloudFront access logs through standard logging v2: a CloudWatch Logs delivery source for
 * the distribution, a delivery destination for an S3 bucket, and the delivery between them,
 * which writes `AWSLogs/<account>/CloudFront/<distribution id>/<yyyy>/<MM>/<dd>/<HH>/` objects.
 * Unlike legacy logging, the bucket needs no ACLs: its policy lets the log delivery service
 * write there for this account's delivery source only.
 *
 * Regions: CloudFront's delivery source must be created in us-east-1, and a delivery links a
 * source and a destination of the region it is created in, so all three are in us-east-1.
 * CloudFront v2 can write to a bucket in another region, but the bucket is kept in us-east-1
 * too, beside its server access log bucket (S3 access logs stay in their region).
 */
export class CloudFrontAccessLogs extends Construct {
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly deliverySourceArn: string;

  constructor(scope: Construct, id: string, props: CloudFrontAccessLogsProps) {
    super(scope, id);
    if (!/^[\w-]+$/.test(props.name) || props.name.length > MAX_DELIVERY_NAME_LENGTH) {
      throw new Error(
        `CloudFrontAccessLogs: name "${props.name}" (${props.name.length} characters) is not a delivery source name: expected 1-${MAX_DELIVERY_NAME_LENGTH} characters of a-z, A-Z, 0-9, "_" and "-" (use naming.name(tier, purpose, MAX_DELIVERY_NAME_LENGTH)).`,
      );
    }
    if (props.region !== LOG_REGION_FOR_CLOUDFRONT) {
      throw new Error(
        `CloudFrontAccessLogs: CloudFront's log delivery source must be in ${LOG_REGION_FOR_CLOUDFRONT}, got region "${props.region}": pass region '${LOG_REGION_FOR_CLOUDFRONT}' and the us-east-1 provider (stack.globalProvider).`,
      );
    }
    const { provider } = props;

    const bucket = logBucket(this, 'CloudFrontAccessLogs', props);
    // Written out rather than referenced: the policy must be in place before the delivery exists.
    const sourceArn = `arn:aws:logs:${props.region}:${props.accountId}:delivery-source:${props.name}`;
    bucket.addPolicyStatement({
      Sid: 'CloudFrontAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: LOG_DELIVERY_SERVICE },
      Action: 's3:PutObject',
      Resource: `${bucket.bucketArn}/AWSLogs/${props.accountId}/CloudFront/*`,
      Condition: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': props.accountId },
        ArnLike: { 'aws:SourceArn': sourceArn },
      },
    });

    const source = new CloudwatchLogDeliverySource(this, 'source', {
      provider,
      name: props.name,
      logType: 'ACCESS_LOGS',
      resourceArn: props.distributionArn,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, 'destination', {
      provider,
      name: props.name,
      outputFormat: OUTPUT_FORMAT,
      deliveryDestinationConfiguration: [{ destinationResourceArn: bucket.bucketArn }],
    });
    new CloudwatchLogDelivery(this, 'delivery', {
      provider,
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      s3DeliveryConfiguration: [{ suffixPath: SUFFIX_PATH, enableHiveCompatiblePath: false }],
      // Created before the bucket policy, the delivery would add a statement of its own to it, which the next apply removes.
      dependsOn: [bucket.policy],
    });

    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.deliverySourceArn = source.arn;
  }
}
