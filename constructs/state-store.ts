import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import { SecureBucket, serverAccessLogBucket } from './secure-bucket';

export interface StateStoreProps {
  /** Physical name of the state bucket. */
  readonly bucketName: string;
  /** Physical name of the bucket receiving the state bucket's server access logs. */
  readonly accessLogBucketName: string;
  /** Days access logs are kept. */
  readonly accessLogRetentionDays: number;
  /** The environment's account: the only source of access logs the log bucket accepts. */
  readonly accountId: string;
  /** Physical name of the DynamoDB lock table. */
  readonly lockTableName: string;
  /** Days a superseded state version is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /**
   * Customer-managed KMS key for the bucket.
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
}

/**
 * Where every other stack of the environment keeps its Terraform state: a versioned,
 * encrypted, private, TLS-only bucket that Terraform refuses to destroy (with its access
 * logs in a second bucket, so every read of the state is on record), and a
 * DynamoDB table for state locks (on demand, point-in-time recovery, deletion protection).
 */
export class StateStore extends Construct {
  public readonly bucketName: string;
  public readonly lockTableName: string;

  constructor(scope: Construct, id: string, props: StateStoreProps) {
    super(scope, id);
    const accessLogs = serverAccessLogBucket(this, 'access-logs', {
      bucketName: props.accessLogBucketName,
      retentionDays: props.accessLogRetentionDays,
      accountId: props.accountId,
      preventDestroy: true,
    });
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      versioned: true,
      noncurrentVersionRetentionDays: props.noncurrentVersionRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: true,
      accessLogs,
    });
    const table = new DynamodbTable(this, 'lock-table', {
      name: props.lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
    this.bucketName = bucket.bucketName;
    this.lockTableName = table.name;
  }
}
