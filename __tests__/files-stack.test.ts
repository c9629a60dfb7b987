import { App, TerraformStack } from 'cdktf';
import { EnvironmentConfig } from '../config/schema';
import { SignerPolicy } from '../constructs/files/signer-policy';
import { evaluateStack } from '../constructs/policy/engine';
import { FilesStack } from '../stacks/files-stack';
import { s3SystemsConfig } from './support/s3-systems';
import { idUnder, onlyResource, refTo, resourcesOf, resourceUnder, synthStack, SynthesizedStack } from './support/synth';

const PREFIX = 'reports/2024/';
const DEFAULT_BUCKET = 'webplat-test-files-content-123456789012';
const LOG_BUCKET = 'webplat-test-files-s3-access-logs-123456789012';
/** What the keys stack's S3 key ARN reads as in this stack (its terraform_remote_state output). */
const S3_KEY_REF = '${data.terraform_remote_state.keys-state.outputs.s3_key_arn}';

/** An environment holding only the private bucket, with `block` merged into its `privateBucket:` and the files bucket class encrypted as `encryption`. */
function filesConfig(block: Record<string, unknown> = {}, encryption: 'sse-s3' | 'sse-kms' = 'sse-s3'): EnvironmentConfig {
  return s3SystemsConfig(['private-bucket'], (input) => {
    input.privateBucket = { signedPrefix: PREFIX, signerRoleNames: ['app-server', 'report-mailer'], noncurrentVersionRetentionDays: 45, logRetentionDays: 120, ...block };
    if (encryption === 'sse-kms') input.encryption = { customerManagedKeys: true, buckets: { files: 'sse-kms' } };
  });
}

function filesStack(config: EnvironmentConfig): FilesStack {
  return new FilesStack(new App(), config, config.privateBucket!);
}

const synthFiles = (config: EnvironmentConfig) => synthStack(filesStack(config));
/** The content bucket's own resource of a type (not the log bucket's). */
const content = (json: SynthesizedStack, type: string) => resourceUnder(json, type, 'content_');
const logBucket = (json: SynthesizedStack, type: string) => resourceUnder(json, type, 'access-logs_');
const statementsOf = (resource: Record<string, unknown>): Record<string, any>[] => JSON.parse(resource.policy as string).Statement;

describe('files stack', () => {
  const json = synthFiles(filesConfig());
  const kmsJson = synthFiles(filesConfig({}, 'sse-kms'));
  const contentArn = refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'content_'), 'arn');

  describe('content bucket', () => {
    it('is named <project>-<env>-files-content-<account>, or as configured', () => {
      expect(content(json, 'aws_s3_bucket')).toMatchObject({ bucket: DEFAULT_BUCKET, force_destroy: false });
      const named = synthFiles(filesConfig({ bucketName: 'acme-shared-reports' }));
      expect(content(named, 'aws_s3_bucket').bucket).toBe('acme-shared-reports');
    });

    it('has no public path: every public access block on, ACLs disabled, and no bucket policy statement allows anyone', () => {
      expect(content(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(content(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
      for (const stack of [json, kmsJson]) {
        const allows = statementsOf(content(stack, 'aws_s3_bucket_policy')).filter((statement) => statement.Effect === 'Allow');
        expect(allows).toEqual([]);
      }
      expect(resourcesOf(json, 'aws_s3_bucket_website_configuration')).toEqual({});
      expect(resourcesOf(json, 'aws_s3_bucket_acl')).toEqual({});
    });

    it('denies every request not made over TLS', () => {
      expect(statementsOf(content(json, 'aws_s3_bucket_policy'))).toContainEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [contentArn, `${contentArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    });

    it('is versioned, and noncurrent versions expire after noncurrentVersionRetentionDays', () => {
      expect(content(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
      expect(content(json, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([
        expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 45 }] }),
      ]);
      expect((content(json, 'aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0]).not.toHaveProperty('expiration');
    });

    it('is encrypted with SSE-S3 by default', () => {
      expect(content(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
      expect(json.data?.terraform_remote_state).toBeUndefined();
    });

    it('is encrypted with the environment S3 key, with a bucket key, when encryption.buckets.files is sse-kms', () => {
      expect(content(kmsJson, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: S3_KEY_REF }, bucket_key_enabled: true },
      ]);
      expect(kmsJson.data?.terraform_remote_state?.['keys-state']).toMatchObject({ backend: 's3', config: expect.objectContaining({ key: 'test/keys.tfstate' }) });
    });

    it('sends its server access logs into the log bucket of this stack', () => {
      expect(onlyResource(json, 'aws_s3_bucket_logging')).toMatchObject({
        bucket: refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'content_'), 'id'),
        target_bucket: refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'access-logs_'), 'id'),
        target_prefix: `${DEFAULT_BUCKET}/`,
      });
    });
  });

  describe('access log bucket', () => {
    it('is private, TLS-only, SSE-S3 even with sse-kms (S3 log delivery writes SSE-S3 only), and expires logs after logRetentionDays', () => {
      expect(logBucket(json, 'aws_s3_bucket').bucket).toBe(LOG_BUCKET);
      expect(logBucket(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(logBucket(kmsJson, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
      expect(logBucket(json, 'aws_s3_bucket_lifecycle_configuration').rule).toEqual([expect.objectContaining({ expiration: [{ days: 120 }] })]);
    });

    it('lets only S3 log delivery for this account write into it', () => {
      const statements = statementsOf(logBucket(json, 'aws_s3_bucket_policy'));
      expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([
        expect.objectContaining({
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }),
      ]);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    });
  });

  describe('signer policy', () => {
    const policy = onlyResource(json, 'aws_iam_policy');
    const policyArn = refTo('aws_iam_policy', Object.keys(resourcesOf(json, 'aws_iam_policy'))[0], 'arn');

    it('is named <project>-<env>-files-signer', () => {
      expect(policy.name).toBe('webplat-test-files-signer');
    });

    it('allows exactly s3:GetObject on exactly the signed prefix of the content bucket, and nothing else with SSE-S3', () => {
      expect(statementsOf(policy)).toEqual([{ Sid: expect.any(String), Effect: 'Allow', Action: 's3:GetObject', Resource: `${contentArn}/${PREFIX}*` }]);
    });

    it('follows signedPrefix', () => {
      const other = synthFiles(filesConfig({ signedPrefix: 'invoices/' }));
      const otherArn = refTo('aws_s3_bucket', idUnder(other, 'aws_s3_bucket', 'content_'), 'arn');
      expect(statementsOf(onlyResource(other, 'aws_iam_policy')).map((statement) => statement.Resource)).toEqual([`${otherArn}/invoices/*`]);
    });

    it('with sse-kms, adds kms:Decrypt on the environment S3 key, only through S3 in the home region', () => {
      expect(statementsOf(onlyResource(kmsJson, 'aws_iam_policy'))).toEqual([
        { Sid: expect.any(String), Effect: 'Allow', Action: 's3:GetObject', Resource: `${contentArn}/${PREFIX}*` },
        {
          Sid: expect.any(String),
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: S3_KEY_REF,
          Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
        },
      ]);
    });

    it('is attached to each role of signerRoleNames', () => {
      const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment'));
      expect(attachments).toHaveLength(2);
      expect(attachments).toEqual(expect.arrayContaining([{ role: 'app-server', policy_arn: policyArn }, { role: 'report-mailer', policy_arn: policyArn }]));
    });

    it('keys each attachment by its role name, so reordering or removing roles leaves the others in place', () => {
      const ids = (stack: SynthesizedStack) => Object.fromEntries(Object.entries(resourcesOf(stack, 'aws_iam_role_policy_attachment')).map(([id, values]) => [values.role, id]));
      const original = ids(json);
      expect(ids(synthFiles(filesConfig({ signerRoleNames: ['report-mailer', 'app-server'] })))).toEqual(original);
      expect(ids(synthFiles(filesConfig({ signerRoleNames: ['report-mailer'] })))).toEqual({ 'report-mailer': original['report-mailer'] });
      expect(ids(synthFiles(filesConfig({ signerRoleNames: ['auditor', 'app-server', 'report-mailer'] })))).toMatchObject(original);
    });

    it('is attached to no role when signerRoleNames is empty', () => {
      expect(resourcesOf(synthFiles(filesConfig({ signerRoleNames: [] })), 'aws_iam_role_policy_attachment')).toEqual({});
    });

    it('refuses a role listed twice, in any case', () => {
      // The config refuses it first (config-s3-systems.test.ts); the construct guards its other callers.
      const props = { policyName: 'p', bucketArn: 'arn:aws:s3:::acme-reports', signedPrefix: 'downloads/', region: 'eu-west-1', roleNames: ['app-server', 'App-Server'] };
      expect(() => new SignerPolicy(new TerraformStack(new App(), 's'), 'signer', props)).toThrow(/the role App-Server is listed twice in roleNames/);
    });

    it('refuses a prefix that does not end in /, which would also reach every key that merely starts with it', () => {
      const props = { policyName: 'p', bucketArn: 'arn:aws:s3:::acme-reports', signedPrefix: 'downloads', region: 'eu-west-1' };
      expect(() => new SignerPolicy(new TerraformStack(new App(), 's'), 'signer', props)).toThrow(/signedPrefix "downloads" must end in \//);
    });
  });

  describe('outputs', () => {
    it('gives the bucket name, the signer policy ARN and a presign command for an example key under the prefix, each described', () => {
      const policyId = Object.keys(resourcesOf(json, 'aws_iam_policy'))[0];
      expect(json.output).toEqual({
        bucket_name: { value: refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'content_'), 'bucket'), description: expect.any(String) },
        signer_policy_arn: { value: refTo('aws_iam_policy', policyId, 'arn'), description: expect.stringContaining(PREFIX) },
        presign_command: {
          value: `npm run presign -- s3://${DEFAULT_BUCKET}/${PREFIX}example.pdf --expires-in 3600 --region eu-west-1`,
          description: expect.any(String),
        },
      });
      for (const output of Object.values(json.output ?? {})) expect((output.description ?? '').length).toBeGreaterThan(20);
    });
  });

  it('passes every policy rule, with SSE-S3 and with SSE-KMS', () => {
    for (const config of [filesConfig(), filesConfig({}, 'sse-kms')]) {
      const report = evaluateStack(filesStack(config), config);
      expect(report.outcomes.flatMap((outcome) => [...outcome.failed, ...outcome.suppressed])).toEqual([]);
      expect(report.unusedSuppressions).toEqual([]);
      // The rules did look at both buckets (the log bucket is exempt from access logging and versioning).
      const passed = (ruleId: string) => report.outcomes.find((outcome) => outcome.rule.id === ruleId)?.passed;
      expect(['S3-PUBLIC-ACCESS', 'S3-TLS-ONLY', 'S3-ENCRYPTION'].map(passed)).toEqual([2, 2, 2]);
      expect(passed('S3-ACCESS-LOGGING')).toBe(1);
    }
  });
});
