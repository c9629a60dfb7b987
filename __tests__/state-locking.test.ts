import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { lockTableName, stateLocation } from '../constructs/backend';
import { TierStack } from '../stacks/tier-stack';
import { testConfig } from './support/fixtures';
import { LocalStateServers } from './support/local-state-servers';
import { synthStack } from './support/synth';
import { terraform, TerraformResult, TERRAFORM_BIN, writeCliConfig } from './support/terraform';

/**
 * Verification ladder step 3: the S3 backend and DynamoDB locking that every tier
 * synthesizes, exercised by plain terraform against s3rver and dynalite on 127.0.0.1.
 *
 * dynalite enforces the conditional lock write, so a second run is refused with Terraform's
 * lock error. s3rver ignores If-None-Match, so S3-native locking (state.locking: s3-native,
 * use_lockfile) cannot be proven against it and is not exercised here.
 */
const config = testConfig();
const location = stateLocation(config, 'network');
const lockTable = lockTableName(config);
const lockId = `${location.bucket}/${location.key}`;
const work = join(__dirname, '..', '.tmp', 'state-locking');
const servers = new LocalStateServers();
// s3rver's built-in credentials; dynalite accepts any.
const credentials = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: config.region, AWS_EC2_METADATA_DISABLED: 'true' };
let cliConfig: string;

/** The backend block exactly as the network stack synthesizes it. */
function synthesizedBackend(): Record<string, unknown> {
  const json = synthStack(new TierStack(new App(), { config, tier: 'network' }));
  return (json.terraform?.backend as Record<string, Record<string, unknown>>).s3;
}

/**
 * A root module with our backend, no provider (nothing may call AWS), and a resource
 * whose creation takes a few seconds so the lock can be observed while it is held.
 */
function writeRootModule(dir: string, version: string): void {
  mkdirSync(dir, { recursive: true });
  const module = {
    terraform: { backend: { s3: synthesizedBackend() } },
    resource: {
      terraform_data: {
        release: { input: version, provisioner: [{ 'local-exec': { command: 'sleep 4' } }] },
      },
    },
    output: { release: { value: '${terraform_data.release.output}' } },
  };
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(module, null, 2));
  // Only the endpoints and the checks a non-AWS server cannot answer are overridden.
  writeFileSync(
    join(dir, 'local.s3.tfbackend'),
    [
      `endpoints = { s3 = "${servers.s3Endpoint}", dynamodb = "${servers.dynamodbEndpoint}" }`,
      'use_path_style = true',
      'skip_credentials_validation = true',
      'skip_requesting_account_id = true',
      'skip_metadata_api_check = true',
      'skip_region_validation = true',
      'skip_s3_checksum = true',
      '',
    ].join('\n'),
  );
}

/** Starts `terraform apply` in the background; resolves when it exits. */
function startApply(dir: string): Promise<TerraformResult> {
  return new Promise((resolve) => {
    const child = spawn(TERRAFORM_BIN, ['apply', '-auto-approve', '-input=false', '-no-color'], {
      cwd: dir,
      env: { ...process.env, ...credentials, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  cliConfig = writeCliConfig(work);
  await servers.start(location.bucket, lockTable);
});

afterAll(async () => {
  await servers.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('S3 backend with DynamoDB locking, driven by plain terraform', () => {
  const first = join(work, 'first');
  const second = join(work, 'second');

  it('initializes against the synthesized backend with endpoint overrides passed by -backend-config', async () => {
    writeRootModule(first, 'v1');
    writeRootModule(second, 'v1');
    for (const dir of [first, second]) {
      const init = await terraform(dir, ['init', '-input=false', '-no-color', '-backend-config=local.s3.tfbackend'], cliConfig, credentials);
      expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('Error') });
      expect(init.stdout).toContain('Successfully configured the backend "s3"');
    }
  });

  it('holds the lock in the table while a run is under way and refuses a concurrent run', async () => {
    const apply = startApply(first);
    const held = await waitFor('the lock item', async () => (await servers.lockItems(lockTable)).find((item) => item.LockID.S === lockId));
    expect(JSON.parse(held.Info!.S)).toMatchObject({ Operation: 'OperationTypeApply', Path: lockId });

    const concurrent = await terraform(second, ['plan', '-input=false', '-no-color', '-lock-timeout=0s'], cliConfig, credentials);
    expect(concurrent.code).not.toBe(0);
    expect(concurrent.stderr).toContain('Error acquiring the state lock');
    expect(concurrent.stderr).toContain(lockId);

    const result = await apply;
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('releases the lock when the run ends, leaving only the state digest', async () => {
    const items = await servers.lockItems(lockTable);
    expect(items.map((item) => item.LockID.S)).toEqual([`${lockId}-md5`]);
  });

  it('stores the state under the tier key, and it reads back unchanged', async () => {
    const pulled = await terraform(second, ['state', 'pull'], cliConfig, credentials);
    expect(pulled.code).toBe(0);
    const state = JSON.parse(pulled.stdout);
    expect(state.outputs.release.value).toBe('v1');
    expect(JSON.parse(await servers.readObject(location.bucket, location.key))).toEqual(state);

    const output = await terraform(second, ['output', '-raw', 'release'], cliConfig, credentials);
    expect(output.stdout).toBe('v1');
  });

  it('lets the next run take the lock once it is free', async () => {
    const plan = await terraform(second, ['plan', '-input=false', '-no-color', '-lock-timeout=0s', '-detailed-exitcode'], cliConfig, credentials);
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: '' });
    expect(plan.stdout).toContain('No changes.');
  });
});
