import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockTableName, stateBucketName, stateLocation } from '../constructs/backend';
import { Naming } from '../constructs/naming';
import { loadEnvironments } from '../config/load';
import { synthInto } from './support/run-synth';
import { s3SystemsOnly } from './support/s3-systems';
import { ConfigDir } from './support/config-dir';
import { LOCAL_AWS_CREDENTIALS, LocalAws } from './support/local-aws';
import { terraform, TerraformResult, writeCliConfig } from './support/terraform';

/**
 * README "Bootstrapping state", run as written with plain terraform against local S3 and
 * DynamoDB servers:
 *   1. synth of a fixture environment;
 *   2. `terraform init && terraform apply` in `<env>-state`: the AWS provider really creates the
 *      state bucket, the access-log bucket, every bucket configuration and the lock table, with
 *      local state in that folder's terraform.tfstate;
 *   3. synth again: the state, .terraform/ and the lock file are still there, and a plan shows
 *      no changes;
 *   4. `state.stateStackBackend: s3`, synth, `terraform init -migrate-state`: the state is in the
 *      bucket it describes, under `<env>/state.tfstate`, and a plan from there shows no changes.
 *
 * The servers are s3rver and dynalite behind the emulators in support/ (s3-config-emulator.ts,
 * dynamodb-emulator.ts) that answer the configuration APIs those servers lack, plus a local STS
 * (the provider validates its credentials and learns it is in the environment's account, so the
 * synthesized `allowed_account_ids` stays in force) and a local KMS (the provider describes the
 * AWS managed DynamoDB key). Only a test-written `*_override.tf.json` (credentials) and the
 * AWS SDK's `AWS_ENDPOINT_URL_<SERVICE>` variables of the commands that run the provider point
 * the provider at them (an `endpoints` block would cost the provider about 5 s of CPU per
 * configured process, see LocalAws.providerEndpointEnv), and only a `-backend-config` file
 * points the S3 backend at them. Nothing contacts AWS:
 * dummy keys, every endpoint on 127.0.0.1, metadata lookups off, and any other HTTP(S) request
 * sent to a closed local port.
 *
 * The lifecycle configurations: creating an `aws_s3_bucket_lifecycle_configuration`, the AWS
 * provider 5.100 waits until the rules read back the same ten times, 5 s apart (about 55 s),
 * whatever the server answers; that alone would take `npm test` past its time budget. So by
 * default the test override also gives those two resources `count = 0`, and their settings are
 * asserted on the synthesized JSON in state-stack.test.ts. Likewise the last step reads the
 * migrated state back through the S3 backend with `terraform state list` (no provider) rather
 * than planning: a plan starts the provider twice, about 8 s under load, and the state it would
 * compare is already shown to be the applied one, unchanged. `BOOTSTRAP_FULL=1 npx jest
 * state-bootstrap` applies the lifecycle configurations too, checks them in the emulator and
 * ends with the README's `terraform plan` (about a minute more).
 */
const ENVIRONMENT = 'boot';
const STACK = `${ENVIRONMENT}-state`;
/** Terraform merges `*_override.tf.json` over cdk.tf.json; synth leaves files it did not write alone. */
const OVERRIDE_FILE = 'local_aws_override.tf.json';
/** Apply the lifecycle configurations too, and end with a plan (see above). */
const FULL = process.env.BOOTSTRAP_FULL === '1';
/** `terraform init -backend-config=<file>`: the S3 backend's endpoints, nothing else. */
const BACKEND_CONFIG_FILE = 'local.s3.tfbackend';

// A fresh folder per run (under this run's TMPDIR, see global-setup.js), so two jest runs in one checkout cannot remove each other's files.
const work = mkdtempSync(join(tmpdir(), 'state-bootstrap-'));
const outdir = join(work, 'cdktf.out');
const stackDir = join(outdir, 'stacks', STACK);
const stateFile = join(stackDir, 'terraform.tfstate');
const configDir = new ConfigDir();
// The state stack is the same whichever systems the environment holds: the private bucket alone (state
// and files stacks) is the cheapest to synthesize, three times over.
configDir.writeEnvironment(ENVIRONMENT, s3SystemsOnly('private-bucket'));
const config = loadEnvironments([ENVIRONMENT], configDir.path)[0];
const bucket = stateBucketName(config);
const accessLogBucket = new Naming(config).bucketName('state', 'access-logs');
const lockTable = lockTableName(config);
const location = stateLocation(config, 'state');
const aws = new LocalAws(join(work, 's3rver'), { emulateProviderApis: { accountId: config.accountId, region: config.region } });
const env: Record<string, string> = {
  ...LOCAL_AWS_CREDENTIALS,
  AWS_REGION: config.region,
  // Every endpoint in use is on 127.0.0.1, which Go never sends through a proxy. A request to
  // anything else (an AWS endpoint no override names) goes to this closed port and fails.
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  NO_PROXY: '',
};
// Opaque: whatever writeCliConfig returns is handed back to terraform().
let cliConfig: ReturnType<typeof writeCliConfig>;

/** `npm run synth` of the fixture environment (from its config folder) into the test's own output folder. */
function synth(): void {
  const { code, messages } = synthInto(configDir.path, outdir);
  expect({ code, messages }).toEqual({ code: 0, messages: [] });
}

function stackJson(): Record<string, any> {
  return JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
}

/**
 * Each synthesized provider block with the local servers' credentials (see LocalAws.providerSettings;
 * `tfWithProvider` adds their endpoints), and unless FULL the lifecycle configurations left out (`count = 0`).
 */
function writeProviderOverride(): void {
  const providers = (stackJson().provider.aws as Record<string, unknown>[]).map((provider) => ({
    ...(provider.alias === undefined ? {} : { alias: provider.alias }),
    ...aws.providerSettings(),
  }));
  // An override's `resource` must name at least one type, so it is left out entirely in FULL.
  const skipped = FULL ? {} : { resource: { aws_s3_bucket_lifecycle_configuration: Object.fromEntries(lifecycleNames().map((name) => [name, { count: 0 }])) } };
  writeFileSync(join(stackDir, OVERRIDE_FILE), `${JSON.stringify({ provider: { aws: providers }, ...skipped }, null, 2)}\n`);
}

function lifecycleNames(): string[] {
  return Object.keys(stackJson().resource.aws_s3_bucket_lifecycle_configuration as Record<string, unknown>);
}

/** terraform in the state stack's folder; the S3 backend finds the local servers only through its `-backend-config` file. */
function tf(...args: string[]): Promise<TerraformResult> {
  return terraform(stackDir, args, cliConfig, env);
}

/** As tf, for the commands that run the AWS provider: with the local servers' endpoints. */
function tfWithProvider(...args: string[]): Promise<TerraformResult> {
  return terraform(stackDir, args, cliConfig, { ...env, ...aws.providerEndpointEnv() });
}

/** What a failed terraform run said, in a form `toEqual` prints in full. */
function outcome(result: TerraformResult): { code: number; errors: string } {
  return { code: result.code, errors: result.code === 0 && !/Error/.test(result.stderr) ? '' : `${result.stderr}\n${result.stdout.slice(-3000)}` };
}

/** Every `type.name` the synthesized stack declares, less what the override leaves out. */
function declaredResources(): string[] {
  const skipped = FULL ? [] : lifecycleNames().map((name) => `aws_s3_bucket_lifecycle_configuration.${name}`);
  return Object.entries(stackJson().resource as Record<string, Record<string, unknown>>)
    .flatMap(([type, resources]) => Object.keys(resources).map((name) => `${type}.${name}`))
    .filter((address) => !skipped.includes(address))
    .sort();
}

interface TerraformState {
  readonly lineage: string;
  readonly outputs: Record<string, { value: unknown }>;
  readonly resources: { mode: string; type: string; name: string; instances: unknown[] }[];
}

function managedResources(state: TerraformState): string[] {
  return state.resources
    .filter((resource) => resource.mode === 'managed')
    .map((resource) => `${resource.type}.${resource.name}`)
    .sort();
}

/** A bucket configuration document the provider PUT (XML, or JSON for the policy). */
function configured(name: string, subresource: string): string {
  const document = aws.s3Config!.configuration(name, subresource);
  if (document === undefined) throw new Error(`nothing was PUT for ${subresource} of ${name}`);
  return document;
}

/**
 * A no-op plan: `terraform plan -detailed-exitcode` exits 0 only when nothing would change.
 * Without refresh it compares the configuration with the state alone: that is what shows the
 * state was kept or moved whole, and it saves the provider's slow lifecycle read-back. (The
 * emulators' read-back is exercised by the apply itself, which reads every resource it creates.)
 */
async function expectNoChanges(): Promise<void> {
  const plan = await tfWithProvider('plan', '-detailed-exitcode', '-input=false', '-no-color', '-refresh=false');
  expect(outcome(plan)).toEqual({ code: 0, errors: '' });
  expect(plan.stdout).toContain('No changes. Your infrastructure matches the configuration.');
}

beforeAll(async () => {
  // Fails (not skips) with the missing piece named when terraform or the provider mirror is absent.
  cliConfig = writeCliConfig(work);
  await aws.start();
});

afterAll(async () => {
  await aws.stop();
  configDir.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('README "Bootstrapping state", with plain terraform against local S3 and DynamoDB', () => {
  let localState: TerraformState;

  it('synthesizes the state stack with local state', () => {
    synth();
    expect(stackJson().terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    // The provider keeps its account pin: the local STS reports the environment's account.
    expect(stackJson().provider.aws[0].allowed_account_ids).toEqual([config.accountId]);
  });

  it('step 1: `terraform init && terraform apply` creates the buckets, their configuration and the lock table, with local state', async () => {
    writeProviderOverride();
    const init = await tf('init', '-input=false', '-no-color');
    expect(outcome(init)).toEqual({ code: 0, errors: '' });
    const apply = await tfWithProvider('apply', '-auto-approve', '-input=false', '-no-color');
    expect(outcome(apply)).toEqual({ code: 0, errors: '' });
    expect(apply.stdout).toContain(`Apply complete! Resources: ${declaredResources().length} added, 0 changed, 0 destroyed.`);
    // Every call the provider made was answered: none fell through to s3rver's NotImplemented.
    expect(aws.s3Config!.unsupported).toEqual([]);
    // The provider learned its account from the local STS, and allowed_account_ids let it proceed.
    expect(aws.sts!.actions).toContain('GetCallerIdentity');

    localState = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(managedResources(localState)).toEqual(declaredResources());
    expect(localState.outputs).toEqual({
      state_bucket: expect.objectContaining({ value: bucket }),
      lock_table: expect.objectContaining({ value: lockTable }),
    });
  }, 240_000);

  it('step 1: the state bucket is versioned, encrypted, private, owner-enforced, TLS-only, expires old versions and logs access', async () => {
    for (const name of [bucket, accessLogBucket]) {
      expect({ name, status: (await fetch(`${aws.s3Endpoint}/${name}`, { method: 'HEAD' })).status }).toEqual({ name, status: 200 });
      expect(configured(name, 'encryption')).toContain('<SSEAlgorithm>AES256</SSEAlgorithm>');
      for (const setting of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']) {
        expect(configured(name, 'publicAccessBlock')).toContain(`<${setting}>true</${setting}>`);
      }
      expect(configured(name, 'ownershipControls')).toContain('<ObjectOwnership>BucketOwnerEnforced</ObjectOwnership>');
      const policy = JSON.parse(configured(name, 'policy'));
      expect(policy.Statement).toContainEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      // default_tags reach the bucket.
      expect(configured(name, 'tagging')).toContain('<Key>tier</Key><Value>state</Value>');
    }
    expect(configured(bucket, 'versioning')).toContain('<Status>Enabled</Status>');
    if (FULL) expect(configured(bucket, 'lifecycle')).toContain(`<NoncurrentDays>${config.state.noncurrentVersionRetentionDays}</NoncurrentDays>`);
    expect(configured(bucket, 'logging')).toContain(`<TargetBucket>${accessLogBucket}</TargetBucket>`);
    expect(configured(bucket, 'logging')).toContain(`<TargetPrefix>${bucket}/</TargetPrefix>`);

    // The access-log bucket: not versioned, logs expire, and S3 log delivery from this account may write.
    expect(configured(accessLogBucket, 'versioning')).toContain('<Status>Suspended</Status>');
    if (FULL) expect(configured(accessLogBucket, 'lifecycle')).toContain('<Expiration><Days>365</Days></Expiration>');
    expect(JSON.parse(configured(accessLogBucket, 'policy')).Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'S3ServerAccessLogs',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': config.accountId } },
      }),
    );
  });

  it('step 1: the lock table has the LockID key, is on demand, encrypted, deletion-protected and has PITR on', async () => {
    const table = await aws.describeTable(lockTable);
    expect(table).toMatchObject({
      TableName: lockTable,
      TableStatus: 'ACTIVE',
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      DeletionProtectionEnabled: true,
      SSEDescription: { Status: 'ENABLED' },
    });
    expect(await aws.describeContinuousBackups(lockTable)).toMatchObject({
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' },
    });
  });

  it('step 1, synthesized again: the local state, .terraform/ and the lock file stay as they were', () => {
    const before = readFileSync(stateFile, 'utf8');
    synth();
    for (const kept of ['terraform.tfstate', '.terraform', '.terraform.lock.hcl', OVERRIDE_FILE]) {
      expect({ kept, exists: existsSync(join(stackDir, kept)) }).toEqual({ kept, exists: true });
    }
    // Byte for byte; step 3's plan shows this state still matches the regenerated stack.
    expect(readFileSync(stateFile, 'utf8')).toBe(before);
  });

  it('step 3: with `state.stateStackBackend: s3`, synth and `terraform init -migrate-state` move the state into the bucket', async () => {
    configDir.writeEnvironment(ENVIRONMENT, (input) => {
      input.state = { stateStackBackend: 's3' };
    });
    synth();
    expect(stackJson().terraform.backend).toEqual({
      s3: { bucket, key: `${ENVIRONMENT}/state.tfstate`, region: config.region, dynamodb_table: lockTable, encrypt: true },
    });
    expect(location.key).toBe(`${ENVIRONMENT}/state.tfstate`);

    writeFileSync(join(stackDir, BACKEND_CONFIG_FILE), aws.backendConfig());
    // `-force-copy` answers the README's "yes" to copying the existing state.
    const init = await tf('init', '-migrate-state', '-force-copy', `-backend-config=${BACKEND_CONFIG_FILE}`, '-input=false', '-no-color');
    expect(outcome(init)).toEqual({ code: 0, errors: '' });
    expect(init.stdout).toContain('Successfully configured the backend "s3"');

    const object = await aws.getObject(bucket, location.key);
    expect(object.status).toBe(200);
    const migrated = JSON.parse(object.body) as TerraformState;
    expect(managedResources(migrated)).toEqual(declaredResources());
    expect(migrated.resources).toEqual(localState.resources);
    expect(migrated.outputs).toEqual(localState.outputs);

    // The lock is released; what stays in the table is the digest of the state just written.
    const items = await aws.scan(lockTable);
    expect(items.map((item) => item.LockID.S)).toEqual([`${bucket}/${location.key}-md5`]);
    expect(items[0].Digest?.S).toBe(object.md5);
  }, 120_000);

  it('step 3: terraform reads the migrated state through the S3 backend, every resource of the stack in it', async () => {
    const list = await tf('state', 'list');
    expect(outcome(list)).toEqual({ code: 0, errors: '' });
    expect(list.stdout.trim().split('\n').sort()).toEqual(declaredResources());
    if (FULL) await expectNoChanges();
  }, 120_000);
});
