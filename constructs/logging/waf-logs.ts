import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';
import { LOG_REGION_FOR_CLOUDFRONT, logBucket, LogBucketProps } from './log-bucket';

/** WAF logs only to a Firehose stream whose name starts with this. */
export const WAF_LOG_STREAM_PREFIX = 'aws-waf-logs-';
/** Longest Firehose stream name. */
const MAX_STREAM_NAME_LENGTH = 64;
/** Longest `name` WafLogs accepts: the stream name is the prefix followed by it. */
export const MAX_WAF_LOGS_NAME_LENGTH = MAX_STREAM_NAME_LENGTH - WAF_LOG_STREAM_PREFIX.length;
/** The service that assumes the delivery role. */
const FIREHOSE_SERVICE = 'firehose.amazonaws.com';
/** Firehose's defaults, written out: a file every 5 MB or 5 minutes, whichever comes first. */
const BUFFER_SIZE_MB = 5;
const BUFFER_INTERVAL_SECONDS = 300;
/** Object keys: logs by UTC date and hour, failed deliveries apart by error type. */
const LOG_PREFIX = 'waf/!{timestamp:yyyy/MM/dd/HH}/';
const ERROR_PREFIX = 'waf-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/';

export interface WafLogsProps extends LogBucketProps {
  /** Physical name: the stream is `aws-waf-logs-<name>`, the delivery role `<name>-firehose`. At most MAX_WAF_LOGS_NAME_LENGTH characters of a-z, A-Z, 0-9, `.`, `_`, `-`. */
  readonly name: string;
  /** The web ACL whose requests are logged. */
  readonly webAclArn: string;
  /** The web ACL's scope: a CLOUDFRONT web ACL logs only to a stream in us-east-1. */
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Request headers WAF replaces with REDACTED in the logs (lower case, as config `edge.logs.redactedHeaders`). */
  readonly redactedHeaders: readonly string[];
  /** The account of the stream and the bucket: only Firehose acting for it may assume the delivery role. */
  readonly accountId: string;
}

/**
 * WAF logs of one web ACL: a Kinesis Data Firehose stream (server-side encrypted, GZIP, by
 * date and hour) into a log bucket that is encrypted, access-logged and expires its objects,
 * and the web ACL's logging configuration with the configured headers redacted. The
 * delivery role may be assumed only by Firehose for this account, and may only write to
 * that bucket. WAF creates its logging service-linked role on first use.
 */
export class WafLogs extends Construct {
  public readonly streamArn: string;
  public readonly streamName: string;
  public readonly bucketName: string;
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: WafLogsProps) {
    super(scope, id);
    checkName(props.name);
    if (props.scope === 'CLOUDFRONT' && props.region !== LOG_REGION_FOR_CLOUDFRONT) {
      throw new Error(
        `WafLogs: a CLOUDFRONT web ACL logs only to a Firehose stream in ${LOG_REGION_FOR_CLOUDFRONT}, got region "${props.region}": pass region '${LOG_REGION_FOR_CLOUDFRONT}' and the us-east-1 provider (stack.globalProvider).`,
      );
    }
    const { provider } = props;
    const streamName = `${WAF_LOG_STREAM_PREFIX}${props.name}`;

    const bucket = logBucket(this, 'WafLogs', props);

    const role = new IamRole(this, 'role', {
      provider,
      name: `${props.name}-firehose`,
      description: `Lets Firehose stream ${streamName} write WAF logs to bucket ${props.bucketName}.`,
      // Firehose passes the stream owner's account as the external id (Firehose developer guide, "Controlling access"):
      // only Firehose acting for this account may assume the role (the confused deputy check).
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: FIREHOSE_SERVICE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': props.accountId } } }]),
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      provider,
      name: 'write-waf-log-bucket',
      role: role.id,
      policy: policyDocument([
        { Sid: 'LocateAndListLogBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucket.bucketArn },
        { Sid: 'WriteLogObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `${bucket.bucketArn}/*` },
      ]),
    });

    const stream = new KinesisFirehoseDeliveryStream(this, 'stream', {
      provider,
      name: streamName,
      destination: 'extended_s3',
      serverSideEncryption: { enabled: true, keyType: 'AWS_OWNED_CMK' },
      extendedS3Configuration: {
        bucketArn: bucket.bucketArn,
        roleArn: role.arn,
        prefix: LOG_PREFIX,
        errorOutputPrefix: ERROR_PREFIX,
        bufferingSize: BUFFER_SIZE_MB,
        bufferingInterval: BUFFER_INTERVAL_SECONDS,
        compressionFormat: 'GZIP',
      },
      // Firehose checks the role's access when the stream is created.
      dependsOn: [rolePolicy],
    });

    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      provider,
      resourceArn: props.webAclArn,
      logDestinationConfigs: [stream.arn],
      redactedFields: props.redactedHeaders.map((name) => ({ singleHeader: { name } })),
    });

    this.streamArn = stream.arn;
    this.streamName = stream.name;
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
  }
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.length > MAX_WAF_LOGS_NAME_LENGTH) {
    throw new Error(
      `WafLogs: name "${name}" (${name.length} characters) cannot follow "${WAF_LOG_STREAM_PREFIX}" in a Firehose stream name: expected 1-${MAX_WAF_LOGS_NAME_LENGTH} characters of a-z, A-Z, 0-9, ".", "_" and "-" (use naming.name(tier, purpose, MAX_WAF_LOGS_NAME_LENGTH)).`,
    );
  }
}
