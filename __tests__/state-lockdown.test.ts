import { App } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { NetworkStack } from '../stacks/network-stack';
import { StateStack } from '../stacks/state-stack';
import { ConfigDir } from './support/config-dir';
import { testConfig } from './support/fixtures';
import type { WebPlatformInput } from './support/fixtures';
import { idUnder, onlyResource, resourceUnder, synthStack } from './support/synth';
import type { SynthesizedStack } from './support/synth';

/**
 * The state bucket's lockdown (docs/state-access.md), judged by what a request may do: each request below is
 * run through the synthesized bucket and key policies by a small evaluator of IAM Deny statements (the
 * account's IAM policies are assumed to allow everything, so only these denies stand in the way).
 */

const ACCOUNT = '123456789012';
const BUCKET = `webplat-test-state-tfstate-${ACCOUNT}`;
const PLAN_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci/terraform-plan`;
const APPLY_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci/terraform-apply`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
const DEVELOPER = `arn:aws:iam::${ACCOUNT}:role/developer`;
const ADMIN_USER = `arn:aws:iam::${ACCOUNT}:user/admin`;
const STATE_OBJECT = `arn:aws:s3:::${BUCKET}/test/network.tfstate`;
const LOCK_FILE = `arn:aws:s3:::${BUCKET}/test/network.tfstate.tflock`;
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

function synthState(state: WebPlatformInput['state']): SynthesizedStack {
  return synthStack(new StateStack(new App(), testConfig((input) => void (input.state = state))));
}

// ---------------------------------------------------------------------------------------------------------------
// A small evaluator of Deny statements: enough of the IAM policy language for these policies, and an error for
// anything it does not know, so a new element in the policy fails the test rather than being ignored.

interface Request {
  readonly action: string;
  readonly resource: string;
  /** aws:PrincipalArn; absent for a call an AWS service makes itself. */
  readonly principalArn?: string;
  /** aws:PrincipalIsAWSService */
  readonly awsService?: boolean;
  /** aws:SecureTransport */
  readonly secureTransport?: boolean;
  /** s3:TlsVersion */
  readonly tlsVersion?: string;
}

type Statement = Record<string, any>;

function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const list = (value: unknown): string[] => (value === undefined ? [] : ([] as string[]).concat(value as string | string[]));

function contextValue(request: Request, key: string): string | undefined {
  const values: Record<string, string | undefined> = {
    'aws:principalarn': request.principalArn,
    'aws:principalisawsservice': request.awsService === undefined ? undefined : String(request.awsService),
    'aws:securetransport': String(request.secureTransport ?? true),
    's3:tlsversion': request.tlsVersion ?? (request.secureTransport === false ? undefined : '1.3'),
  };
  if (!Object.hasOwn(values, key.toLowerCase())) throw new Error(`the evaluator does not know condition key ${key}`);
  return values[key.toLowerCase()];
}

function conditionHolds(operator: string, key: string, expected: string[], actual: string | undefined): boolean {
  switch (operator) {
    case 'Bool':
      return actual !== undefined && expected.includes(actual);
    case 'NumericLessThan':
      return actual !== undefined && expected.some((value) => Number(actual) < Number(value));
    case 'ArnNotLike':
      // A negated operator holds when the key is absent.
      return actual === undefined || !expected.some((value) => glob(value, actual, false));
    default:
      throw new Error(`the evaluator does not know condition operator ${operator} (on ${key})`);
  }
}

function statementDenies(statement: Statement, request: Request): boolean {
  for (const element of ['NotPrincipal', 'NotAction', 'NotResource']) {
    if (element in statement) throw new Error(`the evaluator does not know ${element} (statement ${statement.Sid})`);
  }
  if (statement.Effect !== 'Deny') return false;
  const principal = statement.Principal;
  if (principal !== '*' && !(typeof principal === 'object' && principal.AWS === '*')) throw new Error(`Deny statement ${statement.Sid} names principals: ${JSON.stringify(principal)}`);
  if (!list(statement.Action).some((action) => glob(action, request.action, true))) return false;
  if (!list(statement.Resource).some((resource) => glob(resource, request.resource, false))) return false;
  return Object.entries<Record<string, unknown>>(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, list(values), contextValue(request, key))),
  );
}

/** The Sids of the statements that deny `request`. */
function deniedBy(statements: readonly Statement[], request: Request): string[] {
  return statements.filter((statement) => statementDenies(statement, request)).map((statement) => statement.Sid);
}

/** Whether `request` gets past every Deny of the policy. */
function passes(statements: readonly Statement[], request: Request): boolean {
  return deniedBy(statements, request).length === 0;
}

/** The state bucket's policy, with the bucket's ARN reference replaced by its ARN. */
function bucketPolicy(json: SynthesizedStack): Statement[] {
  const bucketId = idUnder(json, 'aws_s3_bucket', 'store_bucket_');
  expect(resourceUnder(json, 'aws_s3_bucket', 'store_bucket_').bucket).toBe(BUCKET);
  const document = resourceUnder(json, 'aws_s3_bucket_policy', 'store_bucket_').policy as string;
  return JSON.parse(document.split(`\${aws_s3_bucket.${bucketId}.arn}`).join(BUCKET_ARN)).Statement;
}

function keyPolicy(json: SynthesizedStack): Statement[] {
  return JSON.parse(onlyResource(json, 'aws_kms_key').policy as string).Statement;
}

function backendOf(json: SynthesizedStack): Record<string, unknown> {
  return (json.terraform?.backend as Record<string, Record<string, unknown>>).s3;
}

// ---------------------------------------------------------------------------------------------------------------

describe('state bucket policy, with every default', () => {
  const policy = bucketPolicy(synthState({}));

  it('keeps one bucket policy with SecureBucket\'s TLS-only deny in it', () => {
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(passes(policy, { action: 's3:GetObject', resource: STATE_OBJECT, principalArn: DEVELOPER, secureTransport: false })).toBe(false);
  });

  it('refuses every request over TLS older than 1.2, and takes TLS 1.2 and 1.3', () => {
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }),
    );
    const requests: [string, string][] = [['s3:GetObject', STATE_OBJECT], ['s3:PutObject', STATE_OBJECT], ['s3:ListBucket', BUCKET_ARN], ['s3:PutBucketPolicy', BUCKET_ARN]];
    for (const [action, resource] of requests) {
      for (const [tlsVersion, expected] of [['1.0', false], ['1.1', false], ['1.2', true], ['1.3', true]] as const) {
        expect({ action, tlsVersion, passes: passes(policy, { action, resource, principalArn: APPLY_ROLE, tlsVersion }) }).toEqual({ action, tlsVersion, passes: expected });
      }
    }
  });

  it('lets nobody delete a state object, in any folder or workspace', () => {
    for (const key of ['test/network.tfstate', 'test/state.tfstate', 'env:/blue/test/app.tfstate']) {
      const resource = `${BUCKET_ARN}/${key}`;
      for (const principalArn of [APPLY_ROLE, BREAK_GLASS, ADMIN_USER, `arn:aws:iam::${ACCOUNT}:root`]) {
        expect({ key, principalArn, passes: passes(policy, { action: 's3:DeleteObject', resource, principalArn }) }).toEqual({ key, principalArn, passes: false });
      }
    }
  });

  it('lets nobody delete any object version, of state or of a lock file', () => {
    for (const resource of [STATE_OBJECT, LOCK_FILE, `${BUCKET_ARN}/anything/else`]) {
      expect(passes(policy, { action: 's3:DeleteObjectVersion', resource, principalArn: BREAK_GLASS })).toBe(false);
    }
  });

  it('keeps the S3-native lock files deletable: Terraform deletes <key>.tflock on every unlock', () => {
    expect(passes(policy, { action: 's3:DeleteObject', resource: LOCK_FILE, principalArn: APPLY_ROLE })).toBe(true);
    expect(passes(policy, { action: 's3:PutObject', resource: LOCK_FILE, principalArn: APPLY_ROLE })).toBe(true);
  });

  it('leaves reads and writes to the account\'s IAM policies: any principal gets past the bucket policy', () => {
    for (const action of ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject']) {
      expect(passes(policy, { action, resource: STATE_OBJECT, principalArn: DEVELOPER })).toBe(true);
    }
    expect(passes(policy, { action: 's3:ListBucket', resource: BUCKET_ARN, principalArn: DEVELOPER })).toBe(true);
  });
});

describe('state bucket policy with state.allowedPrincipals', () => {
  const allowed = [PLAN_ROLE, APPLY_ROLE, BREAK_GLASS];
  const policy = bucketPolicy(synthState({ locking: 's3-native', allowedPrincipals: allowed }));

  it('denies with a condition on aws:PrincipalArn (ArnNotLike), never with NotPrincipal', () => {
    const statement = policy.find((candidate) => candidate.Condition?.ArnNotLike !== undefined);
    expect(statement).toMatchObject({ Effect: 'Deny', Principal: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': allowed } } });
    expect(policy.filter((candidate) => 'NotPrincipal' in candidate)).toEqual([]);
  });

  it('lets only the listed roles read, write and list state, its old versions and its lock files', () => {
    const requests: Request[] = [
      { action: 's3:GetObject', resource: STATE_OBJECT },
      { action: 's3:GetObjectVersion', resource: STATE_OBJECT },
      { action: 's3:GetObjectAttributes', resource: STATE_OBJECT },
      { action: 's3:PutObject', resource: STATE_OBJECT },
      { action: 's3:PutObject', resource: LOCK_FILE },
      { action: 's3:GetObject', resource: LOCK_FILE },
      { action: 's3:DeleteObject', resource: LOCK_FILE },
      { action: 's3:ListBucket', resource: BUCKET_ARN },
      { action: 's3:ListBucketVersions', resource: BUCKET_ARN },
      { action: 's3:ListBucketMultipartUploads', resource: BUCKET_ARN },
      { action: 's3:AbortMultipartUpload', resource: STATE_OBJECT },
      { action: 's3:PutObjectTagging', resource: STATE_OBJECT },
    ];
    for (const request of requests) {
      for (const principalArn of allowed) expect({ ...request, principalArn, passes: passes(policy, { ...request, principalArn }) }).toEqual({ ...request, principalArn, passes: true });
      for (const principalArn of [DEVELOPER, ADMIN_USER, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:role/ci/terraform-plan-copy`]) {
        expect({ ...request, principalArn, passes: passes(policy, { ...request, principalArn }) }).toEqual({ ...request, principalArn, passes: false });
      }
    }
  });

  it('denies a call that carries no principal ARN (an AWS service) the objects too', () => {
    expect(passes(policy, { action: 's3:GetObject', resource: STATE_OBJECT, awsService: true })).toBe(false);
  });

  it('still lets no listed role delete state or any version', () => {
    for (const principalArn of allowed) {
      expect(passes(policy, { action: 's3:DeleteObject', resource: STATE_OBJECT, principalArn })).toBe(false);
      expect(passes(policy, { action: 's3:DeleteObjectVersion', resource: LOCK_FILE, principalArn })).toBe(false);
    }
  });

  it('never denies bucket administration to anyone, so a wrong list can be mended', () => {
    for (const action of ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketVersioning', 's3:PutLifecycleConfiguration', 's3:PutEncryptionConfiguration', 's3:PutBucketPublicAccessBlock', 's3:GetBucketObjectLockConfiguration']) {
      expect({ action, passes: passes(policy, { action, resource: BUCKET_ARN, principalArn: DEVELOPER }) }).toEqual({ action, passes: true });
    }
  });
});

describe('state bucket lifecycle', () => {
  const json = synthState({ locking: 's3-native', noncurrentVersionRetentionDays: 30 });
  const rules = resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'store_bucket_').rule as Record<string, unknown>[];

  it('covers the whole bucket, lock files included, in one rule (a filter cannot match the .tflock suffix)', () => {
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ status: 'Enabled', filter: [{}] });
  });

  it('keeps noncurrent versions (old state, released lock files) for the configured days, then expires them', () => {
    expect(rules[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 30 }]);
  });

  it('removes expired object delete markers, and never expires a current object (live state, a held lock)', () => {
    expect(rules[0].expiration).toEqual([{ expired_object_delete_marker: true }]);
  });
});

describe('state.customerManagedKey', () => {
  const allowed = [PLAN_ROLE, APPLY_ROLE, BREAK_GLASS];
  const change = (input: WebPlatformInput) => void (input.state = { customerManagedKey: true, stateStackBackend: 's3', allowedPrincipals: allowed });
  const config = testConfig(change);
  const stateStack = new StateStack(new App(), config);
  const json = synthStack(stateStack);
  const keyId = idUnder(json, 'aws_kms_key', 'store_');
  const keyArn = `\${aws_kms_key.${keyId}.arn}`;
  const aliasArn = `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/webplat-test-state-tfstate`;

  it('creates a rotated key that survives destroy, with the alias every backend names', () => {
    expect(onlyResource(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    expect(onlyResource(json, 'aws_kms_alias')).toEqual({ name: 'alias/webplat-test-state-tfstate', target_key_id: `\${aws_kms_key.${keyId}.key_id}` });
    expect(json.output?.state_key.value).toBe(keyArn);
  });

  it('encrypts the bucket with it (SSE-KMS with a bucket key) and the lock table', () => {
    expect(resourceUnder(json, 'aws_s3_bucket_server_side_encryption_configuration', 'store_bucket_').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keyArn }, bucket_key_enabled: true },
    ]);
    expect(onlyResource(json, 'aws_dynamodb_table').server_side_encryption).toEqual({ enabled: true, kms_key_arn: keyArn });
  });

  it('is named by its alias ARN, a literal, in the backend of every stack of the environment', () => {
    expect(backendOf(json)).toMatchObject({ bucket: BUCKET, key: 'test/state.tfstate', encrypt: true, kms_key_id: aliasArn });
    const network = synthStack(new NetworkStack(new App(), config));
    expect(backendOf(network)).toMatchObject({ bucket: BUCKET, key: 'test/network.tfstate', encrypt: true, kms_key_id: aliasArn });
  });

  it('lets the account administer the key, and only the listed roles encrypt and decrypt with it', () => {
    const policy = keyPolicy(json);
    expect(policy).toContainEqual({ Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom']) {
      for (const principalArn of allowed) expect({ action, principalArn, passes: passes(policy, { action, resource: key, principalArn, awsService: false }) }).toEqual({ action, principalArn, passes: true });
      for (const principalArn of [DEVELOPER, ADMIN_USER, `arn:aws:iam::${ACCOUNT}:root`]) {
        expect({ action, principalArn, passes: passes(policy, { action, resource: key, principalArn, awsService: false }) }).toEqual({ action, principalArn, passes: false });
      }
    }
    for (const action of ['kms:PutKeyPolicy', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation']) {
      expect({ action, passes: passes(policy, { action, resource: key, principalArn: `arn:aws:iam::${ACCOUNT}:root`, awsService: false }) }).toEqual({ action, passes: true });
    }
    // DynamoDB uses the key through the grants it holds for the table, as itself.
    expect(passes(policy, { action: 'kms:Decrypt', resource: key, awsService: true })).toBe(true);
  });

  it('leaves key use to IAM policies when no principals are listed', () => {
    const open = synthState({ customerManagedKey: true });
    expect(keyPolicy(open)).toEqual([{ Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }]);
  });

  it('passes every policy rule with nothing suppressed', () => {
    const report = evaluateStack(stateStack, config);
    expect(report.outcomes.flatMap((outcome) => [...outcome.failed, ...outcome.suppressed])).toEqual([]);
  });
});

describe('state configuration errors', () => {
  let dir: ConfigDir;
  beforeAll(() => {
    dir = new ConfigDir();
  });
  afterAll(() => dir.remove());

  const problemsWith = (state: Record<string, unknown>) => dir.problemsFor((input) => void (input.state = state));
  const accepted =
    "expected an IAM role or user ARN of the environment's account, such as arn:aws:iam::<accountId>:role/<name> or arn:aws:iam::<accountId>:user/<path>/<name> (no wildcards)";

  it('accepts roles and users of the account, with paths', () => {
    const config = dir.loadWith((input) => void (input.state = { allowedPrincipals: [PLAN_ROLE, ADMIN_USER, `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlass_0123456789abcdef`] }));
    expect(config.state.allowedPrincipals).toHaveLength(3);
    expect(config.state.customerManagedKey).toBe(false);
  });

  it('refuses a principal of another account', () => {
    expect(problemsWith({ allowedPrincipals: [PLAN_ROLE, 'arn:aws:iam::999999999999:role/ci'] })).toEqual([
      {
        field: 'state.allowedPrincipals[1]',
        received: '"arn:aws:iam::999999999999:role/ci"',
        expected: "expected a role or user of the environment's own account 123456789012 (accountId): the state bucket and its key admit no other account",
      },
    ]);
  });

  it('refuses what is not an IAM role or user ARN: another service, the root, a wildcard, an account id', () => {
    for (const value of [`arn:aws:sts::${ACCOUNT}:assumed-role/ci/session`, `arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:role/ci-*`, ACCOUNT, 'ci-apply']) {
      expect(problemsWith({ allowedPrincipals: [value] })).toEqual([{ field: 'state.allowedPrincipals[0]', received: JSON.stringify(value), expected: accepted }]);
    }
  });

  it('refuses a group ARN, saying why', () => {
    expect(problemsWith({ allowedPrincipals: [PLAN_ROLE, `arn:aws:iam::${ACCOUNT}:group/admins`] })).toEqual([
      {
        field: 'state.allowedPrincipals[1]',
        received: `"arn:aws:iam::${ACCOUNT}:group/admins"`,
        expected:
          'expected an IAM role or user ARN, not a group: a request is made by a role or user, never by a group (aws:PrincipalArn cannot name one); list the roles or users instead',
      },
    ]);
  });

  it('refuses a principal listed twice, naming the first', () => {
    expect(problemsWith({ allowedPrincipals: [PLAN_ROLE, APPLY_ROLE, PLAN_ROLE] })).toEqual([
      { field: 'state.allowedPrincipals[2]', received: JSON.stringify(PLAN_ROLE), expected: 'expected each principal once: it is state.allowedPrincipals[0] too' },
    ]);
  });

  it('refuses an empty list', () => {
    expect(problemsWith({ allowedPrincipals: [] })).toEqual([
      {
        field: 'state.allowedPrincipals',
        received: '[]',
        expected: "expected at least one IAM role or user ARN; leave allowedPrincipals out to let the account's IAM policies decide who reads state",
      },
    ]);
  });

  it('refuses customerManagedKey with kmsKeyArn', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
    const problems = problemsWith({ customerManagedKey: true, kmsKeyArn });
    expect(problems).toEqual([
      {
        field: 'state.customerManagedKey',
        received: 'true',
        expected: 'expected customerManagedKey or kmsKeyArn, not both: customerManagedKey creates the state key in the state stack, kmsKeyArn names one made elsewhere',
      },
    ]);
  });

  it('names the field, the value and what is accepted in the message', () => {
    dir.writeEnvironment('test', (input) => void (input.state = { allowedPrincipals: [PLAN_ROLE, `arn:aws:iam::${ACCOUNT}:group/admins`] }));
    expect(dir.loadError(['test']).message).toContain(`state.allowedPrincipals[1]: got "arn:aws:iam::${ACCOUNT}:group/admins"; expected an IAM role or user ARN, not a group`);
  });
});
