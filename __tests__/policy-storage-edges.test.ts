import { TerraformDataSource } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { testConfig } from './support/fixtures';
import { compliantBucket, compliantLogBucket, RawResource, stackOf } from './support/policy';

// The edges the storage rules draw (S3-ENCRYPTION, S3-PUBLIC-ACCESS, S3-OWNER-ENFORCED, S3-TLS-ONLY,
// S3-ACCESS-LOGGING, S3-VERSIONING, DYNAMODB-PITR), one resource on each side; the happy paths are in policy-storage.test.ts.

const STORAGE_RULES = ['S3-ENCRYPTION', 'S3-PUBLIC-ACCESS', 'S3-OWNER-ENFORCED', 'S3-TLS-ONLY', 'S3-ACCESS-LOGGING', 'S3-VERSIONING', 'DYNAMODB-PITR'];

/** A stack of these resources, with aws_iam_policy_document data sources (logical id -> statement blocks). */
function stackWith(resources: readonly RawResource[], documents: Record<string, unknown[]> = {}) {
  const stack = stackOf(resources);
  for (const [id, statement] of Object.entries(documents)) {
    const document = new TerraformDataSource(stack, id, { terraformResourceType: 'aws_iam_policy_document' });
    document.overrideLogicalId(id);
    document.addOverride('statement', statement);
  }
  return stack;
}

/** Each storage finding as `[rule, resource address, problem]`. */
function problems(resources: readonly RawResource[], documents?: Record<string, unknown[]>): string[][] {
  return evaluateStack(stackWith(resources, documents), testConfig())
    .outcomes.filter((outcome) => outcome.rule.pack === 'storage')
    .flatMap((outcome) => outcome.failed.map((finding) => [finding.ruleId, finding.address, finding.problem]));
}

/** How many resources each storage rule found compliant. */
function passed(resources: readonly RawResource[], documents?: Record<string, unknown[]>): Record<string, number> {
  const outcomes = evaluateStack(stackWith(resources, documents), testConfig()).outcomes.filter((outcome) => outcome.rule.pack === 'storage');
  return Object.fromEntries(outcomes.map((outcome) => [outcome.rule.id, outcome.passed]));
}

const without = (...ids: string[]) => (resources: RawResource[]) => resources.filter((resource) => !ids.includes(resource.id));
const changed = (id: string, values: Record<string, unknown>) => (resources: RawResource[]) =>
  resources.map((resource) => (resource.id === id ? { ...resource, values: { ...resource.values, ...values } } : resource));
const added = (...extra: RawResource[]) => (resources: RawResource[]) => [...resources, ...extra];
/** Bucket `b` (changed) and its log bucket. */
const buckets = (...changes: ((resources: RawResource[]) => RawResource[])[]) => [...changes.reduce((resources, change) => change(resources), compliantBucket()), ...compliantLogBucket()];
const finding = (ruleId: string, problem: string) => [[ruleId, 'aws_s3_bucket.b', problem]];
const B = '${aws_s3_bucket.b.id}';

describe('storage pack', () => {
  it('runs its seven rules under the storage pack, each passing bucket b, its log bucket and a table', () => {
    const table: RawResource = { type: 'aws_dynamodb_table', id: 't', values: { point_in_time_recovery: { enabled: true } } };
    expect(problems(buckets(added(table)))).toEqual([]);
    expect(passed(buckets(added(table)))).toEqual({
      'S3-ENCRYPTION': 2,
      'S3-PUBLIC-ACCESS': 2,
      'S3-OWNER-ENFORCED': 2,
      'S3-TLS-ONLY': 2,
      'S3-ACCESS-LOGGING': 1,
      'S3-VERSIONING': 1,
      'DYNAMODB-PITR': 1,
    });
    expect(Object.keys(passed([])).sort()).toEqual([...STORAGE_RULES].sort());
  });
});

describe('S3-ENCRYPTION edges', () => {
  const sse = (rule: unknown) => changed('b-sse', { rule });
  const NO_ENCRYPTION = finding('S3-ENCRYPTION', 'has no default encryption');

  it.each(['AES256', 'aws:kms', 'aws:kms:dsse'])('passes the default algorithm %s', (algorithm) => {
    expect(problems(buckets(sse([{ apply_server_side_encryption_by_default: { sse_algorithm: algorithm } }])))).toEqual([]);
  });

  it.each([
    ['an empty algorithm', [{ apply_server_side_encryption_by_default: { sse_algorithm: '' } }]],
    ['an algorithm in the wrong case', [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aes256' } }]],
    ['a rule with only bucket_key_enabled', [{ bucket_key_enabled: true }]],
    ['no rule', undefined],
  ])('fails %s', (_label, rule) => {
    expect(problems(buckets(sse(rule)))).toEqual(NO_ENCRYPTION);
  });

  it('fails a bucket without a configuration, and one whose configuration is for another bucket', () => {
    expect(problems(buckets(without('b-sse')))).toEqual(NO_ENCRYPTION);
    expect(problems(buckets(changed('b-sse', { bucket: '${aws_s3_bucket.logs.id}' })))).toEqual(NO_ENCRYPTION);
  });
});

describe('S3-PUBLIC-ACCESS edges', () => {
  const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
  const allOn = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };

  it('passes the four settings as the string "true" too', () => {
    expect(problems(buckets(changed('b-pab', Object.fromEntries(SETTINGS.map((setting) => [setting, 'true'])))))).toEqual([]);
  });

  it.each(SETTINGS)('fails a block that leaves %s off, and one that leaves it out, naming it', (setting) => {
    const off = finding('S3-PUBLIC-ACCESS', `leaves ${setting} off in its public access block`);
    expect(problems(buckets(changed('b-pab', { [setting]: false })))).toEqual(off);
    expect(problems(buckets(changed('b-pab', { [setting]: undefined })))).toEqual(off);
  });

  it('names every setting left off, in order', () => {
    expect(problems(buckets(changed('b-pab', { block_public_acls: false, ignore_public_acls: 'false' })))).toEqual(
      finding('S3-PUBLIC-ACCESS', 'leaves block_public_acls, ignore_public_acls off in its public access block'),
    );
  });

  it('fails a bucket without a block, and one whose block is for another bucket', () => {
    expect(problems(buckets(without('b-pab')))).toEqual(finding('S3-PUBLIC-ACCESS', 'has no public access block'));
    expect(problems(buckets(changed('b-pab', { bucket: '${aws_s3_bucket.logs.id}' })))).toEqual(finding('S3-PUBLIC-ACCESS', 'has no public access block'));
  });

  it('fails settings split over two blocks: each block replaces the whole setting, so one of them leaves the others off', () => {
    const second: RawResource = { type: 'aws_s3_bucket_public_access_block', id: 'b-pab2', values: { bucket: B, ignore_public_acls: true, restrict_public_buckets: true } };
    const split = buckets(changed('b-pab', { ignore_public_acls: undefined, restrict_public_buckets: undefined }), added(second));
    expect(problems(split)).toEqual(finding('S3-PUBLIC-ACCESS', `leaves ${SETTINGS.join(', ')} off in its public access block`));
    expect(problems(buckets(added({ ...second, values: { bucket: B, ...allOn } })))).toEqual([]);
  });
});

describe('S3-OWNER-ENFORCED edges', () => {
  const ACLS_ON = finding('S3-OWNER-ENFORCED', 'does not enforce bucket-owner ownership (ACLs stay on)');

  it('passes BucketOwnerEnforced written as a list of rules', () => {
    expect(problems(buckets(changed('b-own', { rule: [{ object_ownership: 'BucketOwnerEnforced' }] })))).toEqual([]);
  });

  it.each([
    ['BucketOwnerPreferred', { rule: { object_ownership: 'BucketOwnerPreferred' } }],
    ['ObjectWriter', { rule: { object_ownership: 'ObjectWriter' } }],
    ['no rule', { rule: undefined }],
  ])('fails ownership controls with %s', (_label, values) => {
    expect(problems(buckets(changed('b-own', values)))).toEqual(ACLS_ON);
  });

  it('fails a bucket without ownership controls, and one whose controls are for another bucket', () => {
    expect(problems(buckets(without('b-own')))).toEqual(ACLS_ON);
    expect(problems(buckets(changed('b-own', { bucket: '${aws_s3_bucket.logs.id}' })))).toEqual(ACLS_ON);
  });
});

describe('S3-TLS-ONLY edges', () => {
  const NO_TLS = finding('S3-TLS-ONLY', 'has no bucket policy denying requests without TLS (aws:SecureTransport = false)');
  const tlsDeny = { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
  const policy = (document: unknown) => changed('b-policy', { policy: typeof document === 'string' ? document : JSON.stringify(document) });

  it.each([
    ['a single statement object, not a list', { Statement: tlsDeny }],
    ['the condition value as a boolean', { Statement: [{ ...tlsDeny, Condition: { Bool: { 'aws:SecureTransport': false } } }] }],
    ['the condition value as a list', { Statement: [{ ...tlsDeny, Condition: { Bool: { 'aws:SecureTransport': ['false'] } } }] }],
    ['an Allow before the deny', { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject' }, tlsDeny] }],
    ['a Deny without condition before it', { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket' }, tlsDeny] }],
    [
      'a Deny with a non-Bool condition before it',
      { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } } }, tlsDeny] },
    ],
    ['an empty statement before it', { Statement: [null, tlsDeny] }],
  ])('passes a JSON policy with %s', (_label, document) => {
    expect(problems(buckets(policy(document)))).toEqual([]);
  });

  it.each([
    ['an Allow on aws:SecureTransport = false', { Statement: [{ ...tlsDeny, Effect: 'Allow' }] }],
    ['a Deny on aws:SecureTransport = true', { Statement: [{ ...tlsDeny, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] }],
    ['a Deny without condition', { Statement: [{ ...tlsDeny, Condition: undefined }] }],
    ['a Deny on another Bool key', { Statement: [{ ...tlsDeny, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }] }],
    ['no statement', {}],
    ['text that is not JSON', 'Deny aws:SecureTransport false'],
  ])('fails a JSON policy with %s', (_label, document) => {
    expect(problems(buckets(policy(document)))).toEqual(NO_TLS);
  });

  it('fails a bucket policy without a policy argument, and one for another bucket', () => {
    expect(problems(buckets(changed('b-policy', { policy: undefined })))).toEqual(NO_TLS);
    expect(problems(buckets(changed('b-policy', { bucket: '${aws_s3_bucket.logs.id}' })))).toEqual(NO_TLS);
  });

  describe('as an aws_iam_policy_document', () => {
    const condition = { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] };
    const deny = (changes: Record<string, unknown> = {}) => ({ effect: 'Deny', actions: ['s3:*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [condition], ...changes });
    const referencing = (id: string) => buckets(changed('b-policy', { policy: `\${data.aws_iam_policy_document.${id}.json}` }));

    it.each([
      ['the deny alone', [deny()]],
      ['the deny after an Allow', [{ effect: 'Allow', actions: ['s3:GetObject'] }, deny()]],
      ['the value as a boolean', [deny({ condition: [{ ...condition, values: [false] }] })]],
    ])('passes %s', (_label, statement) => {
      expect(problems(referencing('tls'), { tls: statement })).toEqual([]);
    });

    it.each([
      ['an Allow with the condition', [deny({ effect: 'Allow' })]],
      ['a statement with no effect (Allow)', [deny({ effect: undefined })]],
      ['a Deny without condition', [deny({ condition: undefined })]],
      ['a Deny on aws:SecureTransport = true', [deny({ condition: [{ ...condition, values: ['true'] }] })]],
      ['a Deny on another Bool key', [deny({ condition: [{ ...condition, variable: 'aws:MultiFactorAuthPresent' }] })]],
      ['a Deny with another operator', [deny({ condition: [{ ...condition, test: 'StringEquals' }] })]],
    ])('fails %s', (_label, statement) => {
      expect(problems(referencing('tls'), { tls: statement })).toEqual(NO_TLS);
    });

    it('reads the document the policy references, not another one of the stack', () => {
      expect(problems(referencing('tls'), { other: [{ effect: 'Allow', actions: ['s3:GetObject'] }], tls: [deny()] })).toEqual([]);
      expect(problems(referencing('other'), { other: [{ effect: 'Allow', actions: ['s3:GetObject'] }], tls: [deny()] })).toEqual(NO_TLS);
    });

    it('does not read a reference to a document as JSON, nor a JSON policy as a reference', () => {
      // A policy string that only ends like a reference is JSON to be parsed: here not JSON, so no deny.
      expect(problems(buckets(changed('b-policy', { policy: 'x ${data.aws_iam_policy_document.tls.json}' })), { tls: [deny()] })).toEqual(NO_TLS);
    });
  });
});

describe('S3-ACCESS-LOGGING and S3-VERSIONING edges', () => {
  it('fails a bucket whose logging is for another bucket', () => {
    const other: RawResource = { type: 'aws_s3_bucket_logging', id: 'b-log', values: { bucket: '${aws_s3_bucket.logs.id}', target_bucket: '${aws_s3_bucket.logs.id}' } };
    expect(problems(buckets(without('b-log'), added(other)))).toEqual(finding('S3-ACCESS-LOGGING', 'has no server access logging'));
  });

  it('asks neither of a log bucket, and both of a bucket that receives no logs', () => {
    expect(problems(buckets())).toEqual([]);
    expect(passed(buckets())).toMatchObject({ 'S3-ACCESS-LOGGING': 1, 'S3-VERSIONING': 1 });
    // Without b's logging, logs receives nothing: it is an ordinary bucket again.
    expect(problems(buckets(without('b-log')))).toEqual([
      ['S3-ACCESS-LOGGING', 'aws_s3_bucket.b', 'has no server access logging'],
      ['S3-ACCESS-LOGGING', 'aws_s3_bucket.logs', 'has no server access logging'],
      ['S3-VERSIONING', 'aws_s3_bucket.logs', 'is not versioned'],
    ]);
  });

  it.each([
    ['Suspended', { versioning_configuration: { status: 'Suspended' } }],
    ['Disabled', { versioning_configuration: { status: 'Disabled' } }],
    ['no configuration', { versioning_configuration: undefined }],
    ['another bucket', { bucket: '${aws_s3_bucket.logs.id}' }],
  ])('fails versioning with %s', (_label, values) => {
    expect(problems(buckets(changed('b-ver', values)))).toEqual(finding('S3-VERSIONING', 'is not versioned'));
  });

  it('passes Enabled written as a list of configurations, and fails a bucket without versioning', () => {
    expect(problems(buckets(changed('b-ver', { versioning_configuration: [{ status: 'Enabled' }] })))).toEqual([]);
    expect(problems(buckets(without('b-ver')))).toEqual(finding('S3-VERSIONING', 'is not versioned'));
  });
});

describe('DYNAMODB-PITR edges', () => {
  const table = (values: Record<string, unknown>): RawResource => ({ type: 'aws_dynamodb_table', id: 'locks', values: { hash_key: 'LockID', ...values } });
  const NO_PITR = [['DYNAMODB-PITR', 'aws_dynamodb_table.locks', 'has no point-in-time recovery']];

  it.each([
    ['enabled', { enabled: true }],
    ['enabled as the string "true"', { enabled: 'true' }],
    ['enabled, written as a list', [{ enabled: true }]],
  ])('passes recovery %s', (_label, pitr) => {
    expect(problems([table({ point_in_time_recovery: pitr })])).toEqual([]);
    expect(passed([table({ point_in_time_recovery: pitr })])['DYNAMODB-PITR']).toBe(1);
  });

  it.each([
    ['no recovery block', undefined],
    ['recovery off', { enabled: false }],
    ['recovery off as the string "false"', { enabled: 'false' }],
    ['a recovery block without enabled', { recovery_period_in_days: 35 }],
  ])('fails %s', (_label, pitr) => {
    expect(problems([table({ point_in_time_recovery: pitr })])).toEqual(NO_PITR);
  });
});
