import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import { accountAdministersKey } from './keys/key-policies';
import { rotatedKey } from './keys/rotated-key';
import { PolicyStatement, SecureBucket, serverAccessLogBucket } from './secure-bucket';

/** The state key a StateStore creates (see StateStoreProps.createKey). */
export interface StateKeySettings {
  /** The key's alias, without `alias/`: what every backend of the environment names the key by. */
  readonly aliasName: string;
  /** The key's region: the home region, the bucket's and the table's. */
  readonly region: string;
}

export interface StateStoreProps {
  /** Physical name of the state bucket. */
  readonly bucketName: string;
  /** Physical name of the bucket receiving the state bucket's server access logs. */
  readonly accessLogBucketName: string;
  /** Days access logs are kept. */
  readonly accessLogRetentionDays: number;
  /** The environment's account: the only source of access logs the log bucket accepts, and the key's administrator. */
  readonly accountId: string;
  /** Physical name of the DynamoDB lock table. */
  readonly lockTableName: string;
  /** Days a superseded state version (and a released lock file) is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /**
   * Customer-managed KMS key made elsewhere, for the bucket. Not with createKey.
   * @default - SSE-S3 (AES256), unless createKey
   */
  readonly kmsKeyArn?: string;
  /**
   * Create a rotated KMS key with an alias here, for the bucket (SSE-KMS with a bucket key) and the lock table.
   * Not with kmsKeyArn.
   * @default - no key: SSE-S3 for the bucket and DynamoDB's AWS owned key for the table, unless kmsKeyArn
   */
  readonly createKey?: StateKeySettings;
  /**
   * IAM role and user ARNs of the account that alone may read, write, list and delete objects in the bucket and use
   * the created key; everyone else is denied those, whatever their IAM policies say. Bucket and key administration
   * stays with the account, so the policies can always be mended.
   * @default - every principal the account's IAM policies allow
   */
  readonly allowedPrincipals?: readonly string[];
}

/**
 * Where every other stack of the environment keeps its Terraform state: a versioned,
 * encrypted, private, TLS-only bucket that Terraform refuses to destroy (with its access
 * logs in a second bucket, so every read of the state is on record), and a
 * DynamoDB table for state locks (on demand, point-in-time recovery, deletion protection).
 * No one may delete a state object or any object version; only TLS 1.2 or newer is accepted;
 * with allowedPrincipals, only they reach the objects (and the created key).
 */
export class StateStore extends Construct {
  public readonly bucketName: string;
  public readonly lockTableName: string;
  /** ARN of the key this store created (createKey), or undefined. */
  public readonly keyArn?: string;

  constructor(scope: Construct, id: string, props: StateStoreProps) {
    super(scope, id);
    if (props.createKey !== undefined && props.kmsKeyArn !== undefined) {
      throw new Error(`StateStore ${props.bucketName}: createKey and kmsKeyArn both given; the state key is either created here or named, not both.`);
    }
    this.keyArn =
      props.createKey === undefined
        ? undefined
        : rotatedKey(this, {
            aliasName: props.createKey.aliasName,
            encrypts: 'Terraform state of this environment (state bucket and lock table)',
            statements: stateKeyPolicy(props.accountId, props.createKey.region, props.allowedPrincipals),
            preventDestroy: true,
          });
    const accessLogs = serverAccessLogBucket(this, 'access-logs', {
      bucketName: props.accessLogBucketName,
      retentionDays: props.accessLogRetentionDays,
      accountId: props.accountId,
      preventDestroy: true,
    });
    // S3 lifecycle filters match a prefix, tags or a size, never a suffix, so no rule can pick out the `<key>.tflock`
    // objects of S3-native locking, which sit beside the state under the same prefix. One rule covers the whole bucket:
    // every unlock is a DeleteObject in a versioned bucket, which leaves the lock object as a noncurrent version under a
    // delete marker; noncurrent versions (of lock files and of state alike) expire after noncurrentVersionRetentionDays,
    // older delete markers are noncurrent versions too, and the last delete marker, alone once they are gone, is an expired
    // object delete marker, which the rule also removes. A current object (live state, a held lock) never expires.
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      versioned: true,
      noncurrentVersionRetentionDays: props.noncurrentVersionRetentionDays,
      removeExpiredDeleteMarkers: true,
      kmsKeyArn: this.keyArn ?? props.kmsKeyArn,
      preventDestroy: true,
      accessLogs,
    });
    for (const statement of stateBucketStatements(bucket.bucketArn, props.allowedPrincipals)) bucket.addPolicyStatement(statement);
    const table = new DynamodbTable(this, 'lock-table', {
      name: props.lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: this.keyArn === undefined ? { enabled: true } : { enabled: true, kmsKeyArn: this.keyArn },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
    this.bucketName = bucket.bucketName;
    this.lockTableName = table.name;
  }
}

/**
 * Every object-level action on state, and nothing that administers the bucket (policy, versioning, lifecycle,
 * encryption stay with the account, so a wrong list can be mended): reading state and its old versions and their
 * metadata (`GetObject*`), writing state and lock files (`PutObject*`), releasing locks (`DeleteObject*`), listing
 * which states and versions exist (`ListBucket*`: ListBucket, ListBucketVersions, ListBucketMultipartUploads), and
 * multipart uploads of large states in flight.
 */
const STATE_OBJECT_ACTIONS = ['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*', 's3:ListBucket*', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'];

/** The statements the state bucket's policy holds beside SecureBucket's TLS-only deny. */
function stateBucketStatements(bucketArn: string, allowedPrincipals: readonly string[] | undefined): PolicyStatement[] {
  const everything = [bucketArn, `${bucketArn}/*`];
  const statements: PolicyStatement[] = [
    {
      Sid: 'DenyTlsOlderThan12',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: everything,
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    },
    {
      // Not `*.tflock`: S3-native locking deletes its lock file on every unlock.
      Sid: 'DenyDeletingState',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteObject',
      Resource: `${bucketArn}/*.tfstate`,
    },
    {
      // Terraform never deletes a version; old versions go by the lifecycle rule, which no bucket policy stops.
      Sid: 'DenyDeletingObjectVersions',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteObjectVersion',
      Resource: `${bucketArn}/*`,
    },
  ];
  if (allowedPrincipals !== undefined) {
    statements.push({
      Sid: 'DenyStateObjectsToOtherPrincipals',
      Effect: 'Deny',
      Principal: '*',
      Action: STATE_OBJECT_ACTIONS,
      Resource: everything,
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...allowedPrincipals] } },
    });
  }
  return statements;
}

/**
 * The state key's policy: the account administers it (IAM policies govern it, and it cannot become unmanageable);
 * with allowedPrincipals, nobody else may encrypt or decrypt with it, whatever their IAM policies say. Calls AWS
 * services make themselves (DynamoDB through the grants it holds for the lock table) are not caught by the deny.
 */
function stateKeyPolicy(accountId: string, region: string, allowedPrincipals: readonly string[] | undefined): object[] {
  const statements: object[] = [accountAdministersKey({ accountId, region })];
  if (allowedPrincipals !== undefined) {
    statements.push({
      Sid: 'DenyKeyUseToOtherPrincipals',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...allowedPrincipals] }, Bool: { 'aws:PrincipalIsAWSService': 'false' } },
    });
  }
  return statements;
}
