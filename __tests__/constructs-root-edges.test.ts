import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { APP_OUTPUT_NAMES, readAppOutputs } from '../constructs/app-outputs';
import { containerValueOf, DataOutputs, readDataOutputs } from '../constructs/data-outputs';
import { readDnsOutputs } from '../constructs/dns-outputs';
import { readEdgeOutputs } from '../constructs/edge-outputs';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { GeneratedSecret } from '../constructs/generated-secret';
import { policyDocument, serviceTrustPolicy } from '../constructs/iam-policy';
import { keyPurposes, readKeysOutputs } from '../constructs/keys-outputs';
import { Naming } from '../constructs/naming';
import { readNetworkOutputs } from '../constructs/network-outputs';
import { ownSuppressions } from '../constructs/policy/suppressions';
import { SecureBucket, SecureBucketProps, serverAccessLogBucket } from '../constructs/secure-bucket';
import { StateStore } from '../constructs/state-store';
import { publishTierOutputs } from '../constructs/tier-outputs';
import { wordpress } from './support/containers';
import { testConfig } from './support/fixtures';
import { resourcesOf, resourceUnder, synthStack, SynthesizedStack } from './support/synth';

/** Edge cases of the constructs directly in constructs/ (names, outputs, buckets, the state store), each built alone. */

const ACCOUNT = '123456789012';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
const OTHER_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

const bareStack = () => new TerraformStack(new App(), 'edges');

describe('physical names', () => {
  const naming = new Naming({ project: 'WebPlat', environment: 'Dev', accountId: ACCOUNT });

  it('are lower case, prefix and purpose alike', () => {
    expect(naming.environmentPrefix()).toBe('webplat-dev-');
    expect(naming.name('app', 'Origin-Secret')).toBe('webplat-dev-app-origin-secret');
  });

  it('keep a name exactly at the limit, and end a longer one in the first 6 hex digits of its SHA-256', () => {
    expect(naming.name('app', 'x', 17)).toBe('webplat-dev-app-x');
    // sha256('webplat-dev-app-x') starts 63e36d.
    expect(naming.name('app', 'x', 16)).toBe('webplat-d-63e36d');
  });

  it('drop every hyphen the cut leaves at the end of the readable start', () => {
    // sha256('webplat-dev-app-a--bbbbbbbbbb') starts 7d6feb; the cut at 19 characters ends in "a--".
    expect(naming.name('app', 'a--bbbbbbbbbb', 26)).toBe('webplat-dev-app-a-7d6feb');
  });

  it('fit load balancer names in 32 characters and bucket names in 63 with the account id', () => {
    expect(naming.elbName('app', 'a-very-long-purpose-for-a-target-group')).toBe('webplat-dev-app-a-very-lo-c62b51');
    expect(naming.elbName('app', 'site')).toBe('webplat-dev-app-site');
    expect(naming.bucketName('edge', 'x'.repeat(60))).toBe(`webplat-dev-edge-${'x'.repeat(26)}-a5b711-${ACCOUNT}`);
  });
});

describe('IAM policy documents', () => {
  it('are in policy language version 2012-10-17', () => {
    expect(JSON.parse(policyDocument([{ Sid: 'A' }]))).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'A' }] });
  });

  it('let only the named service assume a role, for the named source only', () => {
    expect(JSON.parse(serviceTrustPolicy('ecs-tasks.amazonaws.com', { 'aws:SourceAccount': ACCOUNT }))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }],
    });
  });
});

describe('tier outputs read from remote state', () => {
  const remote = (tier: string, name: string) => `\${data.terraform_remote_state.${tier}-state.outputs.${name}}`;

  /** Reads one tier's outputs into a bare stack; returns the outputs, each field's synthesized reference, and the remote state config. */
  function read<T extends object>(reader: (stack: TerraformStack) => T) {
    const stack = bareStack();
    const outputs = reader(stack);
    for (const [field, value] of Object.entries(outputs)) new TerraformOutput(stack, field, { value });
    const json = synthStack(stack);
    const values = Object.fromEntries(Object.entries(json.output ?? {}).map(([field, output]) => [field, output.value]));
    return { outputs: outputs as Record<string, unknown>, values, remoteState: json.data?.terraform_remote_state };
  }

  const config = testConfig();
  const withData = testConfig(
    wordpress((input) => {
      input.data = { ...input.data, cache: {} };
    }),
  );
  const cases: [string, string, (stack: TerraformStack) => object, Record<string, string>, string[]][] = [
    [
      'app',
      'app',
      (stack) => readAppOutputs(stack, config),
      { albDnsName: 'alb_dns_name', originSecretArn: 'origin_secret_arn', loadBalancerArnSuffix: 'alb_arn_suffix', targetGroupArnSuffix: 'target_group_arn_suffix', computeName: 'compute_name' },
      [],
    ],
    [
      'dns',
      'dns',
      (stack) => readDnsOutputs(stack, config),
      { zoneId: 'zone_id', nameServers: 'name_servers', regionalCertificateArn: 'regional_certificate_arn', globalCertificateArn: 'global_certificate_arn' },
      ['nameServers'],
    ],
    ['edge', 'edge', (stack) => readEdgeOutputs(stack, config), { distributionId: 'distribution_id' }, []],
    [
      'network',
      'network',
      (stack) => readNetworkOutputs(stack, config),
      {
        vpcId: 'vpc_id',
        vpcCidr: 'vpc_cidr',
        publicSubnetIds: 'public_subnet_ids',
        privateAppSubnetIds: 'private_app_subnet_ids',
        privateDataSubnetIds: 'private_data_subnet_ids',
        albSecurityGroupId: 'alb_security_group_id',
        appSecurityGroupId: 'app_security_group_id',
        dataSecurityGroupId: 'data_security_group_id',
        cacheSecurityGroupId: 'cache_security_group_id',
        endpointsSecurityGroupId: 'endpoints_security_group_id',
        privateZoneId: 'private_zone_id',
        privateZoneName: 'private_zone_name',
      },
      ['publicSubnetIds', 'privateAppSubnetIds', 'privateDataSubnetIds'],
    ],
    ['keys without a data tier', 'keys', (stack) => readKeysOutputs(stack, config), { s3KeyArn: 's3_key_arn', logsKeyArn: 'logs_key_arn' }, []],
    ['keys with a data tier', 'keys', (stack) => readKeysOutputs(stack, withData), { s3KeyArn: 's3_key_arn', logsKeyArn: 'logs_key_arn', dataKeyArn: 'data_key_arn' }, []],
    [
      'data without a cache',
      'data',
      (stack) => readDataOutputs(stack, testConfig(wordpress())),
      { databaseHost: 'database_host', databaseReaderHost: 'database_reader_host', databasePort: 'database_port', databaseName: 'database_name', databaseSecretArn: 'database_secret_arn' },
      [],
    ],
    [
      'data with a cache',
      'data',
      (stack) => readDataOutputs(stack, withData),
      {
        databaseHost: 'database_host',
        databaseReaderHost: 'database_reader_host',
        databasePort: 'database_port',
        databaseName: 'database_name',
        databaseSecretArn: 'database_secret_arn',
        cacheHost: 'cache_host',
        cachePort: 'cache_port',
        cacheAuthSecretArn: 'cache_auth_secret_arn',
      },
      [],
    ],
  ];

  it.each(cases)('%s: each field from its named output of <env>/%s.tfstate, lists as lists', (_name, tier, reader, names, listFields) => {
    const { outputs, values, remoteState } = read(reader);
    expect(remoteState).toEqual({ [`${tier}-state`]: { backend: 's3', config: { bucket: `webplat-test-state-tfstate-${ACCOUNT}`, key: `test/${tier}.tfstate`, region: 'eu-west-1' } } });
    expect(values).toEqual(Object.fromEntries(Object.entries(names).map(([field, name]) => [field, remote(tier, name)])));
    for (const field of Object.keys(names)) expect({ field, list: Array.isArray(outputs[field]) }).toEqual({ field, list: listFields.includes(field) });
  });

  it('keys: a data key purpose only with a data tier', () => {
    expect(keyPurposes(config)).toEqual(['s3', 'logs']);
    expect(keyPurposes(withData)).toEqual(['s3', 'logs', 'data']);
  });

  it('are published under the names later tiers read, with their descriptions', () => {
    const stack = bareStack();
    publishTierOutputs(stack, APP_OUTPUT_NAMES, { albDnsName: 'alb.example', originSecretArn: 'arn:s', loadBalancerArnSuffix: 'app/x/1', targetGroupArnSuffix: 'targetgroup/x/1', computeName: 'c' }, {
      albDnsName: 'the ALB',
      originSecretArn: 'the secret',
      loadBalancerArnSuffix: 'lb suffix',
      targetGroupArnSuffix: 'tg suffix',
      computeName: 'compute',
    });
    expect(synthStack(stack).output).toEqual({
      alb_dns_name: { value: 'alb.example', description: 'the ALB' },
      origin_secret_arn: { value: 'arn:s', description: 'the secret' },
      alb_arn_suffix: { value: 'app/x/1', description: 'lb suffix' },
      target_group_arn_suffix: { value: 'targetgroup/x/1', description: 'tg suffix' },
      compute_name: { value: 'c', description: 'compute' },
    });
  });
});

describe('data tier values in containers', () => {
  const outputs: DataOutputs = {
    databaseHost: 'db.internal',
    databaseReaderHost: 'db-ro.internal',
    databasePort: '3306',
    databaseName: 'wordpress',
    databaseSecretArn: 'arn:db-secret',
    cacheHost: 'cache.internal',
    cachePort: '6379',
    cacheAuthSecretArn: 'arn:cache-secret',
  };

  it('are plain values, or secrets read by ARN (one JSON key of the master user secret: <arn>:<key>::)', () => {
    const values = ['database-host', 'database-reader-host', 'database-port', 'database-name', 'database-username', 'database-password', 'cache-host', 'cache-port', 'cache-auth-token'] as const;
    expect(Object.fromEntries(values.map((value) => [value, containerValueOf(outputs, value)]))).toEqual({
      'database-host': { kind: 'environment', value: 'db.internal' },
      'database-reader-host': { kind: 'environment', value: 'db-ro.internal' },
      'database-port': { kind: 'environment', value: '3306' },
      'database-name': { kind: 'environment', value: 'wordpress' },
      'database-username': { kind: 'secret', secretArn: 'arn:db-secret', valueFrom: 'arn:db-secret:username::' },
      'database-password': { kind: 'secret', secretArn: 'arn:db-secret', valueFrom: 'arn:db-secret:password::' },
      'cache-host': { kind: 'environment', value: 'cache.internal' },
      'cache-port': { kind: 'environment', value: '6379' },
      'cache-auth-token': { kind: 'secret', secretArn: 'arn:cache-secret', valueFrom: 'arn:cache-secret' },
    });
  });

  it('refuse a value the data tier does not publish', () => {
    const { cacheHost: _host, ...noCache } = outputs;
    expect(() => containerValueOf(noCache, 'cache-host')).toThrow(
      "fromDataTier asks for cache-host, which this environment's data tier does not publish: the config rules should have refused it",
    );
  });
});

describe('encryption keys chosen per purpose', () => {
  const keysOutput = (name: string) => `\${data.terraform_remote_state.keys-state.outputs.${name}}`;

  /** Each purpose's key for `config`, as a bare stack synthesizes it, and the remote states it reads. */
  const resolved = (config: ReturnType<typeof testConfig>) => {
    const stack = bareStack();
    const chosen: Record<string, string | undefined> = {
      logs: EncryptionKeys.logs(stack, config),
      database: EncryptionKeys.database(stack, config),
      cache: EncryptionKeys.cache(stack, config),
      uploads: EncryptionKeys.bucket(stack, config, 'uploads'),
      website: EncryptionKeys.bucket(stack, config, 'website'),
    };
    for (const [purpose, value] of Object.entries(chosen)) if (value !== undefined) new TerraformOutput(stack, purpose, { value });
    const json = synthStack(stack);
    return {
      keys: Object.fromEntries(Object.keys(chosen).map((purpose) => [purpose, json.output?.[purpose]?.value])),
      remoteStates: Object.keys(json.data?.terraform_remote_state ?? {}),
    };
  };

  it.each([
    ['no data tier, no keys of its own', testConfig(), { logs: undefined, database: undefined, cache: undefined, uploads: undefined, website: undefined }, []],
    ['a data tier without a cache, no keys of its own', testConfig(wordpress()), { logs: undefined, database: undefined, cache: undefined, uploads: undefined, website: undefined }, []],
    [
      'its own keys, uploads on sse-kms, a cache',
      testConfig(
        wordpress((input) => {
          input.data = { ...input.data, cache: {} };
          input.encryption = { customerManagedKeys: true, buckets: { uploads: 'sse-kms' } };
        }),
      ),
      { logs: keysOutput('logs_key_arn'), database: keysOutput('data_key_arn'), cache: keysOutput('data_key_arn'), uploads: keysOutput('s3_key_arn'), website: undefined },
      ['keys-state'],
    ],
    [
      'its own keys, overridden by keys named in config',
      testConfig(
        wordpress((input) => {
          input.data = { database: { ...input.data!.database, kmsKeyArn: KEY_ARN }, cache: { kmsKeyArn: OTHER_KEY_ARN } };
          input.observability = { kmsKeyArn: OTHER_KEY_ARN };
          input.encryption = { customerManagedKeys: true };
        }),
      ),
      { logs: OTHER_KEY_ARN, database: KEY_ARN, cache: OTHER_KEY_ARN, uploads: undefined, website: undefined },
      [],
    ],
    [
      'keys named in config, none of its own',
      testConfig(
        wordpress((input) => {
          input.data = { database: { ...input.data!.database, kmsKeyArn: KEY_ARN }, cache: { kmsKeyArn: OTHER_KEY_ARN } };
          input.observability = { kmsKeyArn: OTHER_KEY_ARN };
        }),
      ),
      { logs: OTHER_KEY_ARN, database: KEY_ARN, cache: OTHER_KEY_ARN, uploads: undefined, website: undefined },
      [],
    ],
  ] as const)('%s', (_name, config, keys, remoteStates) => {
    expect(resolved(config)).toEqual({ keys, remoteStates });
  });
});

describe('generated secret', () => {
  function synthSecret(kmsKeyArn?: string): SynthesizedStack {
    const stack = bareStack();
    const secret = new GeneratedSecret(stack, 'origin', { name: 'webplat-test-app-origin', description: 'd', length: 48, recoveryWindowInDays: 7, ...(kmsKeyArn ? { kmsKeyArn } : {}) });
    new TerraformOutput(stack, 'arn', { value: secret.secretArn });
    new TerraformOutput(stack, 'value', { value: secret.value, sensitive: true });
    return synthStack(stack);
  }

  it('is generated by Secrets Manager (letters and digits only), kept in a version later plans leave alone', () => {
    const json = synthSecret(KEY_ARN);
    const [secretId, secret] = Object.entries(resourcesOf(json, 'aws_secretsmanager_secret'))[0];
    expect(secret).toEqual({ name: 'webplat-test-app-origin', description: 'd', recovery_window_in_days: 7, kms_key_id: KEY_ARN });
    const [generatorId, generator] = Object.entries(json.data?.aws_secretsmanager_random_password ?? {})[0];
    expect(generator).toEqual({ password_length: 48, exclude_punctuation: true });
    const [versionId, version] = Object.entries(resourcesOf(json, 'aws_secretsmanager_secret_version'))[0];
    expect(version).toEqual({
      secret_id: `\${aws_secretsmanager_secret.${secretId}.id}`,
      secret_string: `\${data.aws_secretsmanager_random_password.${generatorId}.random_password}`,
      lifecycle: { ignore_changes: ['secret_string'] },
    });
    expect(json.output?.arn.value).toBe(`\${aws_secretsmanager_secret.${secretId}.arn}`);
    expect(json.output?.value.value).toBe(`\${aws_secretsmanager_secret_version.${versionId}.secret_string}`);
  });

  it('uses the AWS managed key without a key ARN', () => {
    expect(Object.values(resourcesOf(synthSecret(), 'aws_secretsmanager_secret'))[0]).not.toHaveProperty('kms_key_id');
  });
});

describe('secure bucket', () => {
  function synthBucket(props: Partial<SecureBucketProps>, build?: (stack: TerraformStack, bucket: SecureBucket) => void): { json: SynthesizedStack; bucket: SecureBucket } {
    const stack = bareStack();
    const bucket = new SecureBucket(stack, 'b', { bucketName: 'webplat-test-edge-b-123456789012', ...props });
    build?.(stack, bucket);
    return { json: synthStack(stack), bucket };
  }
  const one = (json: SynthesizedStack, type: string) => resourceUnder(json, type, 'b_');
  const policyOf = (json: SynthesizedStack) => JSON.parse(one(json, 'aws_s3_bucket_policy').policy as string);
  const bucketArn = (json: SynthesizedStack) => `\${aws_s3_bucket.${Object.keys(resourcesOf(json, 'aws_s3_bucket'))[0]}.arn}`;

  it('by default: private, owner-enforced, SSE-S3, versioned, no lifecycle, kept from force destroy, TLS only', () => {
    const { json } = synthBucket({});
    expect(one(json, 'aws_s3_bucket')).toEqual({ bucket: 'webplat-test-edge-b-123456789012', force_destroy: false });
    expect(one(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(one(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(one(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(one(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')).toEqual({});
    expect(resourcesOf(json, 'aws_s3_bucket_logging')).toEqual({});
    const arn = bucketArn(json);
    expect(policyOf(json)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
    // S3 may judge a policy put before the public access block public, and refuse it.
    const blockId = Object.keys(resourcesOf(json, 'aws_s3_bucket_public_access_block'))[0];
    expect(one(json, 'aws_s3_bucket_policy').depends_on).toEqual([`aws_s3_bucket_public_access_block.${blockId}`]);
  });

  it('takes a KMS key with bucket keys, prevent_destroy, force_destroy and a second statement', () => {
    const { json } = synthBucket({ kmsKeyArn: KEY_ARN, preventDestroy: true, forceDestroy: true }, (_stack, bucket) =>
      bucket.addPolicyStatement({ Sid: 'Extra', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: '*' }),
    );
    expect(one(json, 'aws_s3_bucket')).toEqual({ bucket: 'webplat-test-edge-b-123456789012', force_destroy: true, lifecycle: { prevent_destroy: true } });
    expect(one(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }, bucket_key_enabled: true },
    ]);
    expect(policyOf(json).Statement.map((statement: { Sid: string }) => statement.Sid)).toEqual(['DenyInsecureTransport', 'Extra']);
  });

  it('expires noncurrent versions, current objects and expired delete markers as asked, aborting stale uploads after 7 days', () => {
    const rule = (props: Partial<SecureBucketProps>) => {
      const { json } = synthBucket(props);
      const lifecycle = one(json, 'aws_s3_bucket_lifecycle_configuration');
      const versioningId = Object.keys(resourcesOf(json, 'aws_s3_bucket_versioning'))[0];
      expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${versioningId}`]);
      return (lifecycle.rule as unknown[])[0];
    };
    const common = { id: 'expire-old-objects', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] };
    expect(rule({ noncurrentVersionRetentionDays: 30 })).toEqual({ ...common, noncurrent_version_expiration: [{ noncurrent_days: 30 }] });
    expect(rule({ versioned: false, expireObjectsAfterDays: 90 })).toEqual({ ...common, expiration: [{ days: 90 }] });
    // Without versioning there are no noncurrent versions to expire.
    expect(rule({ versioned: false, noncurrentVersionRetentionDays: 30, expireObjectsAfterDays: 90 })).toEqual({ ...common, expiration: [{ days: 90 }] });
    expect(rule({ noncurrentVersionRetentionDays: 30, removeExpiredDeleteMarkers: true })).toEqual({
      ...common,
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      expiration: [{ expired_object_delete_marker: true }],
    });
    expect(one(synthBucket({ versioned: false }).json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Suspended' });
  });

  it('refuses expired delete marker removal without versioning or beside expiry days, and public reads with a KMS key', () => {
    const markers =
      'SecureBucket webplat-test-edge-b-123456789012: removeExpiredDeleteMarkers needs versioning and no expireObjectsAfterDays (S3 refuses ExpiredObjectDeleteMarker beside Days); leave one out.';
    expect(() => synthBucket({ removeExpiredDeleteMarkers: true, versioned: false })).toThrow(markers);
    expect(() => synthBucket({ removeExpiredDeleteMarkers: true, expireObjectsAfterDays: 30 })).toThrow(markers);
    expect(() => synthBucket({ removeExpiredDeleteMarkers: true, versioned: true })).not.toThrow();
    expect(() => synthBucket({ removeExpiredDeleteMarkers: false, versioned: false, expireObjectsAfterDays: 30 })).not.toThrow();
    expect(() => synthBucket({ publicReads: { reason: 'staticWebsite.mode is s3-website' }, kmsKeyArn: KEY_ARN })).toThrow(
      'SecureBucket webplat-test-edge-b-123456789012: publicReads needs SSE-S3, got kmsKeyArn: anonymous readers cannot decrypt with a KMS key; leave kmsKeyArn out.',
    );
  });

  it('with publicReads: anyone may GetObject, over HTTP too; all else needs TLS; ACLs stay blocked; the exception is recorded', () => {
    const reason = 'staticWebsite.mode is s3-website';
    const { json, bucket } = synthBucket({ publicReads: { reason } });
    expect(one(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: false });
    const arn = bucketArn(json);
    expect(policyOf(json).Statement).toEqual([
      { Sid: 'DenyInsecureTransportExceptReads', Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'PublicReads', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/*` },
    ]);
    expect(ownSuppressions(bucket)).toEqual([{ ruleId: 'S3-PUBLIC-ACCESS', reason }]);
  });

  it('logs into the target under <bucketName>/ once the target policy lets S3 deliver; a log bucket takes this account\'s logs only', () => {
    const stack = bareStack();
    const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
    const logs = serverAccessLogBucket(stack, 'logs', { bucketName: 'webplat-test-edge-logs-123456789012', retentionDays: 400, accountId: ACCOUNT, preventDestroy: true, provider: west });
    new SecureBucket(stack, 'b', { bucketName: 'webplat-test-edge-b-123456789012', provider: west, accessLogs: logs });
    const json = synthStack(stack);
    const logsId = Object.keys(resourcesOf(json, 'aws_s3_bucket')).find((id) => id.startsWith('logs_'))!;
    const logsPolicyId = Object.keys(resourcesOf(json, 'aws_s3_bucket_policy')).find((id) => id.startsWith('logs_'))!;
    expect(resourceUnder(json, 'aws_s3_bucket_logging', 'b_')).toMatchObject({
      provider: 'aws.west',
      target_bucket: `\${aws_s3_bucket.${logsId}.id}`,
      target_prefix: 'webplat-test-edge-b-123456789012/',
      depends_on: [`aws_s3_bucket_policy.${logsPolicyId}`],
    });
    expect(resourceUnder(json, 'aws_s3_bucket', 'logs_')).toEqual({ provider: 'aws.west', bucket: 'webplat-test-edge-logs-123456789012', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(resourceUnder(json, 'aws_s3_bucket_versioning', 'logs_').versioning_configuration).toEqual({ status: 'Suspended' });
    expect((resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'logs_').rule as Record<string, unknown>[])[0].expiration).toEqual([{ days: 400 }]);
    for (const type of ['aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_policy']) {
      expect({ type, provider: resourceUnder(json, type, 'b_').provider }).toEqual({ type, provider: 'aws.west' });
    }
    expect(resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'logs_').provider).toBe('aws.west');
    const logsArn = `\${aws_s3_bucket.${logsId}.arn}`;
    expect(JSON.parse(resourceUnder(json, 'aws_s3_bucket_policy', 'logs_').policy as string).Statement[1]).toEqual({
      Sid: 'S3ServerAccessLogs',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${logsArn}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
  });

  it('a log bucket in the default provider may be destroyed unless told otherwise', () => {
    const stack = bareStack();
    serverAccessLogBucket(stack, 'logs', { bucketName: 'webplat-test-edge-logs-123456789012', retentionDays: 30, accountId: ACCOUNT });
    expect(resourceUnder(synthStack(stack), 'aws_s3_bucket', 'logs_')).toEqual({ bucket: 'webplat-test-edge-logs-123456789012', force_destroy: false });
  });
});

describe('state store', () => {
  const props = {
    bucketName: 'webplat-test-state-tfstate-123456789012',
    accessLogBucketName: 'webplat-test-state-access-logs-123456789012',
    accessLogRetentionDays: 365,
    accountId: ACCOUNT,
    lockTableName: 'webplat-test-state-locks',
    noncurrentVersionRetentionDays: 90,
  };
  const PLAN = `arn:aws:iam::${ACCOUNT}:role/ci/terraform-plan`;

  it('refuses a created key and a named key together', () => {
    expect(() => new StateStore(bareStack(), 'store', { ...props, kmsKeyArn: KEY_ARN, createKey: { aliasName: 'webplat-test-state-tfstate', region: 'eu-west-1' } })).toThrow(
      'StateStore webplat-test-state-tfstate-123456789012: createKey and kmsKeyArn both given; the state key is either created here or named, not both.',
    );
  });

  it('with allowedPrincipals: exactly these bucket and key policy statements', () => {
    const stack = bareStack();
    new StateStore(stack, 'store', { ...props, allowedPrincipals: [PLAN], createKey: { aliasName: 'webplat-test-state-tfstate', region: 'eu-west-1' } });
    const json = synthStack(stack);
    const arn = `\${aws_s3_bucket.${Object.keys(resourcesOf(json, 'aws_s3_bucket')).find((id) => id.startsWith('store_bucket_'))}.arn}`;
    expect(JSON.parse(resourceUnder(json, 'aws_s3_bucket_policy', 'store_bucket_').policy as string).Statement).toEqual([
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'DenyTlsOlderThan12', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
      { Sid: 'DenyDeletingState', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${arn}/*.tfstate` },
      { Sid: 'DenyDeletingObjectVersions', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObjectVersion', Resource: `${arn}/*` },
      {
        Sid: 'DenyStateObjectsToOtherPrincipals',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*', 's3:ListBucket*', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        Resource: [arn, `${arn}/*`],
        Condition: { ArnNotLike: { 'aws:PrincipalArn': [PLAN] } },
      },
    ]);
    const key = Object.values(resourcesOf(json, 'aws_kms_key'))[0];
    expect(key.description).toBe('webplat-test-state-tfstate: Terraform state of this environment (state bucket and lock table)');
    expect(JSON.parse(key.policy as string).Statement[1]).toEqual({
      Sid: 'DenyKeyUseToOtherPrincipals',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [PLAN] }, Bool: { 'aws:PrincipalIsAWSService': 'false' } },
    });
  });
});
