import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { lockTableName, stateLocation } from '../constructs/backend';
import { StateStack } from '../stacks/state-stack';
import { TierStack } from '../stacks/tier-stack';
import { testConfig } from './support/fixtures';
import { createTableRequest, DynamoItem, LOCAL_AWS_CREDENTIALS, LocalAws, SynthesizedDynamodbTable } from './support/local-aws';
import { onlyResource, synthStack } from './support/synth';
import { terraform, terraformProcess, TerraformResult, writeCliConfig } from './support/terraform';

/**
 * Verification ladder step 3: the S3 backend and DynamoDB locking a tier synthesizes,
 * exercised by plain terraform against s3rver (S3) and dynalite (DynamoDB) on 127.0.0.1.
 *
 * The root modules carry the backend block exactly as the network stack synthesizes it, plus
 * one `terraform_data` resource and an output: no provider block, so nothing calls AWS. Only
 * the endpoints and the checks a non-AWS server cannot answer come from `-backend-config`.
 * The lock table is made in dynalite from the `aws_dynamodb_table` the state stack synthesizes
 * (its key schema, attributes and billing mode), so a table Terraform cannot lock with fails here.
 *
 * dynalite enforces the conditional PutItem Terraform locks with, so a concurrent run is
 * refused with Terraform's lock error. s3rver ignores `If-None-Match`, so S3-native locking
 * (`state.locking: s3-native`, `use_lockfile`) cannot be proven against it and is not tested.
 */
const config = testConfig();
const location = stateLocation(config, 'network');
const lockTable = lockTableName(config);
/** The item Terraform's S3 backend writes into the table while it holds the lock. */
const lockId = `${location.bucket}/${location.key}`;
/** The item that keeps the MD5 of the last state written (stays after the lock is released). */
const digestId = `${lockId}-md5`;
/**
 * The key of every item Terraform's S3 backend writes: its documentation for `dynamodb_table` says
 * "The table must have a partition key named LockID with type of String".
 */
const TERRAFORM_LOCK_KEY = 'LockID';
const env = { ...LOCAL_AWS_CREDENTIALS, AWS_REGION: config.region };
/** The lock table as the environment's state stack synthesizes it. */
const synthesizedLockTable = onlyResource(synthStack(new StateStack(new App(), config)), 'aws_dynamodb_table') as SynthesizedDynamodbTable;

// A fresh folder per run (under this run's TMPDIR, see global-setup.js), so two jest runs in one checkout cannot remove each other's files.
const work = mkdtempSync(join(tmpdir(), 'backend-locking-'));
const aws = new LocalAws(join(work, 's3rver'));
/** Root module whose apply holds the lock until the test releases it. */
const holderDir = join(work, 'holder');
/** Root module on the same state that tries to run while the holder runs. */
const contenderDir = join(work, 'contender');
/** The holder's provisioner waits for this file before it lets the apply finish. */
const gate = join(work, 'release-the-lock');
const running = new Set<ChildProcess>();
// Opaque: whatever writeCliConfig returns is handed back to terraform().
let cliConfig: ReturnType<typeof writeCliConfig>;

/** The `terraform.backend.s3` block of a real tier stack, as synthesized. */
function synthesizedBackend(): Record<string, unknown> {
  const json = synthStack(new TierStack(new App(), { config, tier: 'network' }));
  const backend = json.terraform?.backend as Record<string, Record<string, unknown>> | undefined;
  if (!backend?.s3) throw new Error(`the network stack synthesized no S3 backend: ${JSON.stringify(json.terraform)}`);
  return backend.s3;
}

/**
 * A root module on our backend with one `terraform_data` whose input is `release`. With `hold`,
 * creating it waits (at most 30 s) for the gate file, so the apply holds the lock for as long
 * as the test needs instead of for a guessed number of seconds.
 */
function writeRootModule(dir: string, backend: Record<string, unknown>, release: string, hold: boolean): void {
  mkdirSync(dir, { recursive: true });
  const wait = `i=0; while [ ! -e '${gate}' ]; do i=$((i+1)); if [ $i -gt 300 ]; then echo 'gate never opened' >&2; exit 1; fi; sleep 0.1; done`;
  const module = {
    terraform: { backend: { s3: backend } },
    resource: {
      terraform_data: {
        release: { input: release, ...(hold ? { provisioner: [{ 'local-exec': { command: wait } }] } : {}) },
      },
    },
    output: { release: { value: '${terraform_data.release.output}' } },
  };
  writeFileSync(join(dir, 'main.tf.json'), `${JSON.stringify(module, null, 2)}\n`);
  writeFileSync(join(dir, 'local.s3.tfbackend'), aws.backendConfig());
}

/** terraform in the background, with the same environment as `terraform()`; resolves when it exits. */
function startTerraform(dir: string, args: readonly string[]): { child: ChildProcess; done: Promise<TerraformResult> } {
  const terraformRun = terraformProcess(cliConfig, env);
  const child = spawn(terraformRun.command, [...args], {
    cwd: dir,
    env: terraformRun.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<TerraformResult>((resolve) => {
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code: code ?? 1, stdout, stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr });
    });
  });
  return { child, done };
}

/** Stops a background terraform: SIGTERM (terraform releases its lock), SIGKILL after 5 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` every 50 ms until it returns a value; fails early when `stillWorthWaiting` says so. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, stillWorthWaiting: () => string | undefined, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    const reason = stillWorthWaiting();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ids(items: readonly DynamoItem[]): string[] {
  return items.map((item) => item[TERRAFORM_LOCK_KEY].S!).sort();
}

async function pullState(dir: string): Promise<Record<string, any>> {
  const pulled = await terraform(dir, ['state', 'pull'], cliConfig, env);
  if (pulled.code !== 0) throw new Error(`terraform state pull failed (${pulled.code}): ${pulled.stderr}`);
  return JSON.parse(pulled.stdout);
}

beforeAll(async () => {
  // Fails (not skips) with the missing piece named when terraform or the provider mirror is absent.
  cliConfig = writeCliConfig(work);
  await aws.start();
  await aws.createBucket(location.bucket);
  await aws.createTable(synthesizedLockTable);
});

afterAll(async () => {
  // Also after a failed assertion: no terraform left running, servers down, files gone.
  writeFileSync(gate, '');
  await Promise.all([...running].map(stopProcess));
  await aws.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('S3 backend with DynamoDB locking, driven by plain terraform against s3rver and dynalite', () => {
  it('locks in the table the state stack synthesizes, keyed by the string LockID Terraform locks with', () => {
    expect(createTableRequest(synthesizedLockTable)).toMatchObject({
      TableName: lockTable,
      KeySchema: [{ AttributeName: TERRAFORM_LOCK_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: TERRAFORM_LOCK_KEY, AttributeType: 'S' }],
    });
  });

  it('initializes the backend exactly as the network stack synthesizes it, with only endpoints overridden', async () => {
    const backend = synthesizedBackend();
    // The DynamoDB-locked default is what this test proves; fail loudly if the default changes.
    expect(backend).toMatchObject({ bucket: location.bucket, key: 'test/network.tfstate', region: config.region, dynamodb_table: lockTable, encrypt: true });
    expect(backend).not.toHaveProperty('use_lockfile');
    writeRootModule(holderDir, backend, 'v1', true);
    writeRootModule(contenderDir, backend, 'v2', false);

    for (const dir of [holderDir, contenderDir]) {
      const init = await terraform(dir, ['init', '-input=false', '-no-color', '-backend-config=local.s3.tfbackend'], cliConfig, env);
      // Warnings (e.g. a future dynamodb_table deprecation) are allowed; errors are not.
      expect({ dir, code: init.code, stderr: init.stderr }).toEqual({ dir, code: 0, stderr: expect.not.stringContaining('Error') });
      expect(init.stdout).toContain('Successfully configured the backend "s3"');
    }
  });

  it('holds the lock item in the table while a run is under way, and refuses a concurrent run', async () => {
    const holder = startTerraform(holderDir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    try {
      const held = await waitFor(
        `the lock item ${lockId} in ${lockTable}`,
        async () => (await aws.scan(lockTable)).find((item) => item[TERRAFORM_LOCK_KEY]?.S === lockId),
        () => (holder.child.exitCode !== null ? `terraform apply exited with ${holder.child.exitCode} before taking the lock` : undefined),
      );
      const holderLock = JSON.parse(held.Info!.S!) as { ID: string; Operation: string; Path: string };
      expect(holderLock).toMatchObject({ Operation: 'OperationTypeApply', Path: lockId });

      // An apply that would change the state, refused at once instead of waiting for the lock.
      const contender = await terraform(contenderDir, ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s'], cliConfig, env);
      expect(contender.code).toBe(1);
      expect(contender.stderr).toContain('Error acquiring the state lock');
      expect(contender.stderr).toContain('ConditionalCheckFailedException');
      // The error names the run that holds the lock.
      expect(contender.stderr).toContain(holderLock.ID);
      expect(contender.stdout).not.toContain('Apply complete');

      // The refused run neither took nor broke the holder's lock.
      const during = await aws.scan(lockTable);
      expect(during.find((item) => item[TERRAFORM_LOCK_KEY]?.S === lockId)?.Info?.S).toBe(held.Info!.S);
    } finally {
      // Let the holder finish even when an assertion above failed, so later tests see its result.
      writeFileSync(gate, '');
      await holder.done;
    }
    const applied = await holder.done;
    expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('Error') });
    expect(applied.stdout).toContain('Apply complete! Resources: 1 added');
  });

  it('releases the lock when the run ends, leaving only the digest of the state it wrote', async () => {
    const items = await aws.scan(lockTable);
    expect(ids(items)).toEqual([digestId]);
    const object = await aws.getObject(location.bucket, location.key);
    expect(items[0].Digest?.S).toBe(object.md5);
  });

  it('stores the state under <env>/<tier>.tfstate, and another working directory reads it back unchanged', async () => {
    const object = await aws.getObject(location.bucket, location.key);
    expect(object.status).toBe(200);
    const stored = JSON.parse(object.body);
    // What the holder applied, and nothing of the refused run.
    expect(stored.outputs).toEqual({ release: { value: 'v1', type: 'string' } });
    expect(stored.serial).toBe(1);

    expect(await pullState(contenderDir)).toEqual(stored);
    expect(await pullState(holderDir)).toEqual(stored);
    const output = await terraform(contenderDir, ['output', '-raw', 'release'], cliConfig, env);
    expect({ code: output.code, stdout: output.stdout }).toEqual({ code: 0, stdout: 'v1' });
  });

  it('lets the next run take the free lock and write on top of the same state', async () => {
    const before = await pullState(contenderDir);
    const applied = await terraform(contenderDir, ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s'], cliConfig, env);
    expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('Error') });
    expect(applied.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed');

    const after = await pullState(holderDir);
    expect(after.lineage).toBe(before.lineage);
    expect(after.serial).toBeGreaterThan(before.serial);
    expect(after.outputs.release.value).toBe('v2');

    const items = await aws.scan(lockTable);
    expect(ids(items)).toEqual([digestId]);
    expect(items[0].Digest?.S).toBe((await aws.getObject(location.bucket, location.key)).md5);
  });
});
