import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { accountAdministersKey } from '../keys/key-policies';
import { rotatedKey } from '../keys/rotated-key';

/** Services whose messages the key protects, beside the account's own administrators. */
export interface OpsKeyUsers {
  /** Log group ARNs CloudWatch Logs encrypts with the key (the session log group). */
  readonly logGroupArns?: readonly string[];
  /** The CloudTrail trail that encrypts its log files with the key. */
  readonly trailArn?: string;
}

export interface OpsKeyProps {
  /** The alias, without `alias/`. */
  readonly aliasName: string;
  readonly accountId: string;
  /** The key's region (the provider's). */
  readonly region: string;
  /** What else uses the key, beside the alarm topic. */
  readonly users?: OpsKeyUsers;
  /**
   * Provider the key is created with.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * The customer-managed key of the ops tier in one region, rotated yearly. An SNS topic that
 * CloudWatch alarms and EventBridge publish to cannot use the AWS managed key `alias/aws/sns`
 * (its policy admits neither service), so the alarm topics need a key of their own; the key
 * policy lets exactly the services that use it do so, each only for this account.
 */
export class OpsKey extends Construct {
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: OpsKeyProps) {
    super(scope, id);
    const { accountId, region } = props;
    const publishers = ['cloudwatch.amazonaws.com', 'events.amazonaws.com'];
    const statements: object[] = [
      accountAdministersKey({ accountId, region }),
      {
        // Publishing to an encrypted topic makes SNS ask KMS on the publisher's behalf.
        Sid: 'AlarmsAndEventsPublishToEncryptedTopics',
        Effect: 'Allow',
        Principal: { Service: publishers },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
    ];
    const logGroupArns = props.users?.logGroupArns ?? [];
    if (logGroupArns.length > 0) {
      statements.push({
        Sid: 'CloudWatchLogsEncryptsSessionLogs',
        Effect: 'Allow',
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArns.length === 1 ? logGroupArns[0] : [...logGroupArns] } },
      });
    }
    if (props.users?.trailArn !== undefined) {
      statements.push(
        {
          Sid: 'CloudTrailEncryptsLogFiles',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceArn': props.users.trailArn },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${accountId}:trail/*` },
          },
        },
        {
          Sid: 'CloudTrailDescribesKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:DescribeKey',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceArn': props.users.trailArn } },
        },
      );
    }
    this.keyArn = rotatedKey(this, { aliasName: props.aliasName, encrypts: 'alarm topics and operator audit logs', statements, provider: props.provider });
  }
}
