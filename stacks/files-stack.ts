import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig, PrivateBucketConfig } from '../config/schema';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { presignCommand } from '../constructs/files/presign-command';
import { SignerPolicy } from '../constructs/files/signer-policy';
import { SecureBucket, serverAccessLogBucket } from '../constructs/secure-bucket';
import { TierStack } from './tier-stack';

/** The object the example presign command in the outputs signs for. */
const EXAMPLE_OBJECT = 'example.pdf';

/**
 * `<env>-files` (`systems: [private-bucket]`): a bucket with no public path at all, whose
 * objects are shared one at a time through presigned GET URLs (`npm run presign`). Versioned,
 * encrypted (SSE-S3, or the environment's S3 key with `encryption.buckets.files: sse-kms`),
 * TLS-only, its server access logs in a log bucket of this stack; the signer policy lets the
 * configured roles sign URLs for objects under `signedPrefix` and nothing else.
 */
export class FilesStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig, files: PrivateBucketConfig) {
    super(scope, { config, tier: 'files' });
    const kmsKeyArn = EncryptionKeys.bucket(this, config, 'files');

    const accessLogs = serverAccessLogBucket(this, 'access-logs', {
      bucketName: this.naming.bucketName('files', 's3-access-logs'),
      retentionDays: files.logRetentionDays,
      accountId: config.accountId,
    });
    const bucketName = files.bucketName ?? this.naming.bucketName('files', 'content');
    const content = new SecureBucket(this, 'content', {
      bucketName,
      noncurrentVersionRetentionDays: files.noncurrentVersionRetentionDays,
      kmsKeyArn,
      accessLogs,
    });
    const signer = new SignerPolicy(this, 'signer', {
      policyName: this.naming.name('files', 'signer', 128),
      bucketArn: content.bucketArn,
      signedPrefix: files.signedPrefix,
      region: config.region,
      kmsKeyArn,
      roleNames: files.signerRoleNames,
    });

    new TerraformOutput(this, 'bucket_name', { value: content.bucketName, description: 'Private bucket of the content shared through presigned URLs (no public access of any kind).' });
    new TerraformOutput(this, 'signer_policy_arn', {
      value: signer.policyArn,
      description: `Managed policy of whoever signs URLs: s3:GetObject under ${files.signedPrefix} only. Attached to signerRoleNames; attach it to any other signing user or role.`,
    });
    new TerraformOutput(this, 'presign_command', {
      value: presignCommand(bucketName, `${files.signedPrefix}${EXAMPLE_OBJECT}`, config.region),
      description: 'Prints a presigned GET URL (valid one hour) for an example object, signed with your AWS credentials; they need the signer policy.',
    });
  }
}
