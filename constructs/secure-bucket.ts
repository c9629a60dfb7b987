import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from './iam-policy';
import { suppressPolicy } from './policy/suppressions';

/** One IAM policy statement, as AWS writes it. */
export type PolicyStatement = Readonly<Record<string, unknown>>;

export interface SecureBucketProps {
  /** Physical bucket name (see Naming.bucketName). */
  readonly bucketName: string;
  /**
   * Keep every version of every object.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Days a noncurrent object version is kept before it expires; only with versioning.
   * @default - noncurrent versions are kept forever
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Also remove expired object delete markers: a delete marker left once every noncurrent version under it has
   * expired. Only with versioning; not with expireObjectsAfterDays (S3 takes ExpiredObjectDeleteMarker only in an
   * expiration without days).
   * @default false - such delete markers stay
   */
  readonly removeExpiredDeleteMarkers?: boolean;
  /**
   * Days after which current objects expire (for log buckets).
   * @default - objects are kept until deleted
   */
  readonly expireObjectsAfterDays?: number;
  /**
   * Customer-managed KMS key for default encryption.
   * @default - SSE-S3 (AES256)
   */
  readonly kmsKeyArn?: string;
  /**
   * Refuse `terraform destroy` of the bucket (lifecycle prevent_destroy).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Let `terraform destroy` empty the bucket first. Only for buckets whose objects can be lost.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Server access logs go to this bucket under `<bucketName>/`. The logging configuration
   * waits for the target's bucket policy, which is what lets S3 deliver the logs.
   * @default - no access logging (for a log bucket itself)
   */
  readonly accessLogs?: AccessLogTarget;
  /**
   * Provider every resource of the bucket is created with (an aliased provider for another region).
   * The access log target must be in the same region: S3 does not deliver access logs across regions.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
  /**
   * Opens the bucket to anonymous reads, for an S3 website endpoint (which has no HTTPS): anyone may
   * `s3:GetObject`, over plain HTTP too; every other action still needs TLS, ACLs stay blocked and
   * ignored, and only the two public access blocks that stop a public policy are off. Needs SSE-S3
   * (anonymous readers cannot use a KMS key).
   * @default - private: all four public access blocks on, every request without TLS denied
   */
  readonly publicReads?: PublicReads;
}

/** Why a bucket is open to anonymous reads (see SecureBucketProps.publicReads). */
export interface PublicReads {
  /**
   * Recorded as the bucket's S3-PUBLIC-ACCESS policy suppression and shown in the policy report: name
   * the explicit config choice that asks for a public bucket.
   */
  readonly reason: string;
}

/** A bucket that accepts server access logs (see SecureBucket.acceptServerAccessLogs). */
export interface AccessLogTarget {
  readonly bucketId: string;
  /** The target's bucket policy, which grants the log delivery service its writes. */
  readonly policy: ITerraformDependable;
}

/**
 * An S3 bucket with the settings every bucket here needs: all public access blocked,
 * ACLs disabled (bucket owner enforced), default encryption, versioning, and a bucket
 * policy that denies any request not made over TLS. More statements can be added
 * until synth; S3 allows one policy per bucket, so this construct owns it.
 */
export class SecureBucket extends Construct {
  public readonly bucketId: string;
  public readonly bucketArn: string;
  public readonly bucketName: string;
  /** Regional domain name, for CloudFront S3 origins (avoids the 307 redirect of the global name). */
  public readonly bucketRegionalDomainName: string;
  /** The bucket policy, for resources that must wait until it applies (log writers). */
  public readonly policy: ITerraformDependable;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { provider, publicReads } = props;
    if (publicReads !== undefined && props.kmsKeyArn !== undefined) {
      throw new Error(`SecureBucket ${props.bucketName}: publicReads needs SSE-S3, got kmsKeyArn: anonymous readers cannot decrypt with a KMS key; leave kmsKeyArn out.`);
    }
    if (props.removeExpiredDeleteMarkers && (props.versioned === false || props.expireObjectsAfterDays !== undefined)) {
      throw new Error(
        `SecureBucket ${props.bucketName}: removeExpiredDeleteMarkers needs versioning and no expireObjectsAfterDays (S3 refuses ExpiredObjectDeleteMarker beside Days); leave one out.`,
      );
    }
    const bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketId = bucket.id;
    this.bucketArn = bucket.arn;
    this.bucketName = bucket.bucket;
    this.bucketRegionalDomainName = bucket.bucketRegionalDomainName;

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: publicReads === undefined,
      ignorePublicAcls: true,
      restrictPublicBuckets: publicReads === undefined,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: props.kmsKeyArn ? true : undefined,
        },
      ],
    });
    const versioned = props.versioned ?? true;
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      provider,
      bucket: bucket.id,
      versioningConfiguration: { status: versioned ? 'Enabled' : 'Suspended' },
    });
    const expiry = {
      ...(versioned && props.noncurrentVersionRetentionDays !== undefined
        ? { noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays }] }
        : {}),
      ...(props.expireObjectsAfterDays !== undefined ? { expiration: [{ days: props.expireObjectsAfterDays }] } : {}),
      ...(props.removeExpiredDeleteMarkers ? { expiration: [{ expiredObjectDeleteMarker: true }] } : {}),
    };
    if (Object.keys(expiry).length > 0) {
      new S3BucketLifecycleConfiguration(this, 'lifecycle', {
        provider,
        bucket: bucket.id,
        dependsOn: [versioning],
        rule: [
          {
            id: 'expire-old-objects',
            status: 'Enabled',
            filter: [{}],
            ...expiry,
            abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          },
        ],
      });
    }
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'logging', {
        provider,
        bucket: bucket.id,
        targetBucket: props.accessLogs.bucketId,
        targetPrefix: `${props.bucketName}/`,
        dependsOn: [props.accessLogs.policy],
      });
    }

    if (publicReads === undefined) {
      this.addPolicyStatement({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucket.arn, `${bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    } else {
      this.allowPublicReads(bucket.arn, publicReads);
    }
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
      // A policy put before the public access block could be judged public and refused.
      dependsOn: [publicAccessBlock],
    });
  }

  /** Anyone may read objects, over HTTP too; everything else needs TLS; the exception is explained in the policy report. */
  private allowPublicReads(bucketArn: string, publicReads: PublicReads): void {
    this.addPolicyStatement({
      Sid: 'DenyInsecureTransportExceptReads',
      Effect: 'Deny',
      Principal: '*',
      NotAction: 's3:GetObject',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    this.addPolicyStatement({
      Sid: 'PublicReads',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${bucketArn}/*`,
    });
    suppressPolicy(this, 'S3-PUBLIC-ACCESS', publicReads.reason);
  }

  /** Lets S3 deliver server access logs of this account's buckets into this bucket. */
  acceptServerAccessLogs(accountId: string): void {
    this.addPolicyStatement({
      Sid: 'S3ServerAccessLogs',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${this.bucketArn}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    });
  }

  /** Adds a statement to the bucket policy (for example, read access for one CloudFront distribution). */
  addPolicyStatement(statement: PolicyStatement): void {
    this.statements.push(statement);
  }
}

export interface ServerAccessLogBucketProps {
  /** Physical bucket name (see Naming.bucketName). */
  readonly bucketName: string;
  /** Days the access logs are kept. */
  readonly retentionDays: number;
  /** The account whose buckets log into it: S3's log delivery writes for this account only. */
  readonly accountId: string;
  /**
   * Refuse `terraform destroy` of the bucket.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Provider (region) of the bucket: S3 delivers access logs only to a bucket in the source bucket's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/** A private, unversioned bucket that takes the server access logs of this account's buckets in its region, and expires them. */
export function serverAccessLogBucket(scope: Construct, id: string, props: ServerAccessLogBucketProps): SecureBucket {
  const bucket = new SecureBucket(scope, id, {
    ...(props.provider === undefined ? {} : { provider: props.provider }),
    bucketName: props.bucketName,
    versioned: false,
    expireObjectsAfterDays: props.retentionDays,
    ...(props.preventDestroy === undefined ? {} : { preventDestroy: props.preventDestroy }),
  });
  bucket.acceptServerAccessLogs(props.accountId);
  return bucket;
}
