import { App } from 'cdktf';
import { StateStack } from '../stacks/state-stack';
import { testConfig } from './support/fixtures';
import { idUnder, onlyResource, refTo, resourceUnder, synthStack } from './support/synth';
import type { SynthesizedStack } from './support/synth';
import type { WebPlatformInput } from './support/fixtures';

function synthState(change?: (input: WebPlatformInput) => void) {
  return synthStack(new StateStack(new App(), testConfig(change)));
}

/** The state bucket's own resource of a type (not the access log bucket's). */
const stateBucket = (json: SynthesizedStack, type: string) => resourceUnder(json, type, 'store_bucket_');

describe('state stack', () => {
  const json = synthState();

  it('keeps its own state locally until it is migrated', () => {
    expect(json.terraform?.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  it('moves its own state into the bucket when stateStackBackend is s3', () => {
    const migrated = synthState((input) => {
      input.state = { stateStackBackend: 's3' };
    });
    expect(migrated.terraform?.backend).toEqual({
      s3: expect.objectContaining({ bucket: 'webplat-test-state-tfstate-123456789012', key: 'test/state.tfstate', encrypt: true }),
    });
  });

  it('pins the provider to the environment account and region, with default tags', () => {
    expect(json.provider?.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['123456789012'],
        default_tags: [{ tags: { project: 'webplat', environment: 'test', tier: 'state', 'managed-by': 'cdktf' } }],
      },
    ]);
  });

  describe('state bucket', () => {
    it('is named for the environment and account and refuses destroy', () => {
      expect(stateBucket(json, 'aws_s3_bucket')).toMatchObject({
        bucket: 'webplat-test-state-tfstate-123456789012',
        force_destroy: false,
        lifecycle: { prevent_destroy: true },
      });
    });

    it('is versioned, and noncurrent versions expire after the configured days', () => {
      expect(stateBucket(json, 'aws_s3_bucket_versioning')).toMatchObject({ versioning_configuration: { status: 'Enabled' } });
      const rule = (stateBucket(json, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0];
      expect(rule).toMatchObject({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }] });
    });

    it('is encrypted with SSE-S3 by default and with the configured KMS key when given', () => {
      expect(stateBucket(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      ]);
      const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
      const withKms = synthState((input) => {
        input.state = { kmsKeyArn };
      });
      expect(stateBucket(withKms, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: kmsKeyArn }, bucket_key_enabled: true },
      ]);
    });

    it('blocks every kind of public access and disables ACLs', () => {
      expect(stateBucket(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(stateBucket(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    });

    it('denies every request not made over TLS', () => {
      const policy = JSON.parse(stateBucket(json, 'aws_s3_bucket_policy').policy as string);
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });
  });

  describe('lock table', () => {
    it('has a LockID string hash key, on-demand billing, PITR, encryption and deletion protection', () => {
      expect(onlyResource(json, 'aws_dynamodb_table')).toMatchObject({
        name: 'webplat-test-state-locks',
        hash_key: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        billing_mode: 'PAY_PER_REQUEST',
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true },
        deletion_protection_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
    });
  });

  it('outputs the bucket and table names for the operators, and the key ARN when it makes the key', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['lock_table', 'state_bucket']);
    const withKey = synthState((input) => {
      input.state = { customerManagedKey: true };
    });
    expect(Object.keys(withKey.output ?? {}).sort()).toEqual(['lock_table', 'state_bucket', 'state_key']);
    expect(withKey.output?.state_key.value).toMatch(/^\$\{aws_kms_key\.store_key_\w+\.arn\}$/);
  });

  it('outputs the names of the state bucket and of the lock table, each described', () => {
    expect(json.output?.state_bucket.value).toBe(refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'store_bucket_'), 'bucket'));
    expect(json.output?.lock_table.value).toBe(refTo('aws_dynamodb_table', idUnder(json, 'aws_dynamodb_table', 'store_lock-table_'), 'name'));
    for (const output of Object.values(json.output ?? {})) expect(output.description).toMatch(/\w{3,}/);
  });

  it('logs every access to the state bucket into a private log bucket kept for a year', () => {
    expect(stateBucket(json, 'aws_s3_bucket_logging').target_bucket).toMatch(/aws_s3_bucket\.store_access-logs_bucket_\w+\.id/);
    // S3 checks at PutBucketLogging that the target lets the log service write: the policy must be there first.
    expect(stateBucket(json, 'aws_s3_bucket_logging').depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.store_access-logs_policy_\w+$/)]);
    const logs = resourceUnder(json, 'aws_s3_bucket', 'store_access-logs_');
    expect(logs).toMatchObject({ bucket: 'webplat-test-state-access-logs-123456789012', lifecycle: { prevent_destroy: true } });
    const rule = (resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'store_access-logs_').rule as Record<string, unknown>[])[0];
    expect(rule.expiration).toEqual([{ days: 365 }]);
    const policy = JSON.parse(resourceUnder(json, 'aws_s3_bucket_policy', 'store_access-logs_').policy as string);
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Principal: { Service: 'logging.s3.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }));
  });
});
