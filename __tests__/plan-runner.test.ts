import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlanArguments } from '../scripts/lib/plan/arguments';
import { destroyCount, markdownSummary, StackReport } from '../scripts/lib/plan/report';
import { localStateSkipReason } from '../scripts/lib/plan/state-stack';
import { plainErrorLines, readJsonOutput } from '../scripts/lib/plan/terraform-run';
import { runPlanCommand } from '../scripts/lib/plan-runner';
import { SynthesizedStack } from '../scripts/lib/stack-order';
import { TerraformSettings } from '../scripts/lib/terraform';
import { ConfigDir } from './support/config-dir';
import { synthInto } from './support/run-synth';
import { sandboxOnly } from './support/sandbox';

/**
 * `npm run plan` / `npm run apply` in-process against a fake terraform: a small node script that logs
 * its arguments and folder and prints what terraform prints with -json, per stack as the test says.
 * The fixture environment `sbx` is a sandbox with the environment's keys: sbx-state, sbx-keys, sbx-sandbox.
 */

/** What the fake does in one stack folder. */
interface FakeStack {
  /** Init fails with this message on stderr. */
  readonly initError?: string;
  /** Plan's detailed exit code: 0 no changes, 1 error, 2 changes. @default 0 */
  readonly planExit?: 0 | 1 | 2;
  readonly counts?: { add: number; change: number; remove: number; import: number };
  readonly changes?: readonly { address: string; action: string }[];
  /** The diagnostic plan (exit 1) or apply prints. */
  readonly diagnostic?: { summary: string; detail: string };
  readonly applyFails?: boolean;
}

const FAKE_TERRAFORM = `#!${process.execPath}
const { appendFileSync, readFileSync } = require('node:fs');
const { basename } = require('node:path');
const [command, ...rest] = process.argv.slice(2);
const stack = basename(process.cwd());
appendFileSync(process.env.FAKE_TERRAFORM_LOG, JSON.stringify({ stack, args: [command, ...rest] }) + '\\n');
const spec = JSON.parse(readFileSync(process.env.FAKE_TERRAFORM_SPEC, 'utf8'))[stack] || {};
const print = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
const diagnostic = () => print({ '@level': 'error', '@message': 'Error: ' + spec.diagnostic.summary, type: 'diagnostic',
  diagnostic: { severity: 'error', summary: spec.diagnostic.summary, detail: spec.diagnostic.detail, range: { filename: 'cdk.tf.json', start: { line: 7 } } } });
const counts = spec.counts || { add: 0, change: 0, remove: 0, import: 0 };
const changes = spec.changes || [];
if (command === 'init') {
  if (spec.initError) { process.stderr.write('\\nError: ' + spec.initError + '\\n\\n'); process.exit(1); }
  process.stdout.write('Terraform has been successfully initialized!\\n');
} else if (command === 'plan') {
  print({ '@level': 'info', '@message': 'Terraform 1.11.4', type: 'version', terraform: '1.11.4', ui: '1.2' });
  if (spec.planExit === 1) { diagnostic(); process.exit(1); }
  for (const change of changes) print({ '@level': 'info', '@message': change.address + ': Plan to ' + change.action, type: 'planned_change', change: { resource: { addr: change.address }, action: change.action } });
  print({ '@level': 'info', '@message': 'Plan: ...', type: 'change_summary', changes: { ...counts, operation: 'plan' } });
  process.exit(spec.planExit || 0);
} else if (command === 'show') {
  process.stdout.write('fake plan of ' + stack + '\\n');
} else if (command === 'apply') {
  for (const change of changes) print({ '@level': 'info', '@message': change.address + ': Creation complete after 1s', type: 'apply_complete', hook: { resource: { addr: change.address }, action: change.action } });
  if (spec.applyFails) { diagnostic(); process.exit(1); }
  print({ '@level': 'info', '@message': 'Apply complete!', type: 'change_summary', changes: { ...counts, operation: 'apply' } });
} else {
  process.exit(3);
}
`;

const work = mkdtempSync(join(tmpdir(), 'plan-runner-'));
const configDir = new ConfigDir();
configDir.writeEnvironment('sbx', (input) => {
  sandboxOnly()(input);
  input.encryption = { customerManagedKeys: true };
});
const fakeTerraform = join(work, 'terraform');
writeFileSync(fakeTerraform, FAKE_TERRAFORM);
chmodSync(fakeTerraform, 0o755);

let fixtureOutdir: string | undefined;
/** The fixture synthesized once (synchronously, so tests running side by side never race for it). */
function synthesizedFixture(): string {
  if (fixtureOutdir === undefined) {
    const outdir = join(work, 'fixture', 'cdktf.out');
    mkdirSync(join(work, 'fixture'));
    const synth = synthInto(configDir.path, outdir);
    if (synth.code !== 0) throw new Error(`fixture synth failed: ${synth.messages.join('\n')}`);
    fixtureOutdir = outdir;
  }
  return fixtureOutdir;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Each terraform call: stack folder and arguments. */
  readonly calls: { stack: string; args: string[] }[];
  /** `<stack> <command>` per call, in order. */
  readonly steps: string[];
  readonly outdir: string;
}

let runs = 0;
/** Runs the command with the fake terraform behaving as `spec` says, against `outdir` (default: a copy of the synthesized fixture). */
async function runPlan(args: readonly string[], spec: Record<string, FakeStack> = {}, outdir?: string): Promise<Run> {
  const dir = join(work, `run-${++runs}`);
  mkdirSync(dir);
  const target = outdir ?? join(dir, 'cdktf.out');
  if (outdir === undefined) cpSync(synthesizedFixture(), target, { recursive: true });
  const log = join(dir, 'terraform.log');
  const specFile = join(dir, 'spec.json');
  writeFileSync(log, '');
  writeFileSync(specFile, JSON.stringify(spec));
  const settings: TerraformSettings = { terraformBin: fakeTerraform, env: { FAKE_TERRAFORM_LOG: log, FAKE_TERRAFORM_SPEC: specFile }, summary: 'fake terraform' };
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runPlanCommand(args, {
    env: { CDKTF_OUTDIR: target },
    terraformSettings: () => settings,
    print: (line) => stdout.push(line),
    printError: (line) => stderr.push(line),
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { stack: string; args: string[] });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), calls, steps: calls.map((call) => `${call.stack} ${call.args[0]}`), outdir: target };
}

const KEYS_CHANGES: FakeStack = {
  planExit: 2,
  counts: { add: 2, change: 1, remove: 1, import: 0 },
  changes: [
    { address: 'aws_kms_key.logs', action: 'create' },
    { address: 'aws_kms_alias.logs', action: 'update' },
    { address: 'aws_kms_alias.data', action: 'replace' },
  ],
};

/** A plan that destroys nothing: applied without --allow-destroy. */
const KEYS_CREATES: FakeStack = {
  planExit: 2,
  counts: { add: 1, change: 1, remove: 0, import: 0 },
  changes: [
    { address: 'aws_kms_key.logs', action: 'create' },
    { address: 'aws_kms_alias.logs', action: 'update' },
  ],
};

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  configDir.remove();
});

describe('npm run apply', () => {
  it.concurrent('synthesizes, then plans and applies each stack in apply order, applying a plan before the next stack, never the local-state stack; with --allow-destroy, a replacement too', async () => {
    const outdir = join(work, 'apply-synth', 'cdktf.out');
    const run = await runPlan(['sbx', '--apply', '--allow-destroy', '--config-dir', configDir.path], { 'sbx-keys': KEYS_CHANGES }, outdir);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Synthesized 3 stacks of 1 environment/);
    expect(run.stdout).toMatch(/^--allow-destroy: plans that destroy or replace resources are applied too$/m);
    expect(run.steps).toEqual(['sbx-keys init', 'sbx-keys plan', 'sbx-keys apply', 'sbx-sandbox init', 'sbx-sandbox plan']);
    expect(run.calls.map((call) => call.args)).toEqual([
      ['init', '-input=false', '-no-color'],
      ['plan', '-input=false', '-out=tfplan', '-detailed-exitcode', '-json'],
      ['apply', '-input=false', '-json', 'tfplan'],
      ['init', '-input=false', '-no-color'],
      ['plan', '-input=false', '-out=tfplan', '-detailed-exitcode', '-json'],
    ]);
    expect(run.stdout).toMatch(/^\[1\/3\] sbx-state: skipped: keeps its state locally until migrated .*README "Bootstrapping state"$/m);
    expect(run.stdout).toMatch(/^\[2\/3\] sbx-keys: terraform plan \.\.\.$/m);
    expect(run.stdout).toMatch(/^\[2\/3\] sbx-keys: 2 to add, 1 to change, 1 to destroy$/m);
    expect(run.stdout).toMatch(/^ +REPLACE \(destroy and create\) aws_kms_alias\.data$/m);
    expect(run.stdout).toMatch(/^ +aws_kms_key\.logs: Creation complete after 1s$/m);
    expect(run.stdout).toMatch(/^\[2\/3\] sbx-keys: applied: 2 added, 1 changed, 1 destroyed$/m);
    expect(run.stdout).toMatch(/^\[3\/3\] sbx-sandbox: no changes$/m);
    // The summary table: stack, add, change, destroy, applied.
    expect(run.stdout).toMatch(/^stack +add +change +destroy +applied$/m);
    expect(run.stdout).toMatch(/^sbx-state +- +- +- +skipped \(local state\)$/m);
    expect(run.stdout).toMatch(/^sbx-keys +2 +1 +1 +applied$/m);
    expect(run.stdout).toMatch(/^sbx-sandbox +0 +0 +0 +no changes$/m);
    expect(run.stdout).toMatch(/^DESTROYS: 1 resource .*\n +sbx-keys: aws_kms_alias\.data \(replaced/m);
    expect(run.stdout).toMatch(/^Applied 1 of 2 stacks of sbx \(2 added, 1 changed, 1 destroyed\); the other had no changes\. Skipped sbx-state/m);
    expect(run.stderr).toBe('');
  });

  it.concurrent('applies a plan that destroys nothing without --allow-destroy; stops at a failed apply with its diagnostic, names the stacks not run and exits 1', async () => {
    const run = await runPlan(['sbx', '--apply', '--skip-synth'], {
      'sbx-keys': { ...KEYS_CREATES, applyFails: true, diagnostic: { summary: 'creating KMS Key', detail: 'AccessDeniedException: not authorized' } },
    });

    expect(run.code).toBe(1);
    expect(run.steps).toEqual(['sbx-keys init', 'sbx-keys plan', 'sbx-keys apply']);
    expect(run.stderr).toMatch(/^\[2\/3\] sbx-keys: terraform apply failed in .*sbx-keys:$/m);
    expect(run.stderr).toMatch(/^ +error: creating KMS Key \(cdk\.tf\.json line 7\): AccessDeniedException: not authorized$/m);
    expect(run.stderr).toMatch(/^Stopped at sbx-keys: terraform apply failed\. Not run: sbx-sandbox\.$/m);
    expect(run.stdout).toMatch(/^sbx-keys +1 +1 +0 +FAILED at terraform apply$/m);
    expect(run.stdout).toMatch(/^sbx-sandbox +- +- +- +not run$/m);
  });

  it.concurrent('without --allow-destroy, applies no plan that destroys or replaces: stops there, lists them, says how to go on, exits 1', async () => {
    const run = await runPlan(['sbx', '--apply', '--skip-synth'], { 'sbx-keys': KEYS_CHANGES });

    expect(run.code).toBe(1);
    expect(run.steps).toEqual(['sbx-keys init', 'sbx-keys plan']);
    expect(run.stdout).toMatch(/^ +REPLACE \(destroy and create\) aws_kms_alias\.data$/m);
    expect(run.stderr).toMatch(/^\[2\/3\] sbx-keys: NOT APPLIED: the plan destroys or replaces 1 resource and --allow-destroy was not given$/m);
    expect(run.stdout).toMatch(/^sbx-keys +2 +1 +1 +stopped: destroys$/m);
    expect(run.stdout).toMatch(/^sbx-sandbox +- +- +- +not run$/m);
    expect(run.stdout).not.toMatch(/^DESTROYS/m);
    expect(run.stdout).toMatch(/^NOT APPLIED: the plan of sbx-keys destroys or replaces 1 resource:\n +sbx-keys: aws_kms_alias\.data \(replaced: destroyed and created again\)$/m);
    expect(run.stderr).toMatch(/^Stopped at sbx-keys: its plan destroys or replaces 1 resource, so it was not applied \(--allow-destroy not given\)\. Not run: sbx-sandbox\.$/m);
    expect(run.stderr).toMatch(/review the plan first, then: npm run apply -- sbx --allow-destroy$/m);
    expect(run.stderr).toMatch(/run the terraform workflow by hand on main with environment sbx and allow-destroy; see docs\/ci\.md/);
  });
});

describe('npm run plan', () => {
  it.concurrent('plans without applying, stops at a failed plan with its diagnostic, and writes the summary and plans with --out', async () => {
    const report = join(work, 'report-plan');
    mkdirSync(report);
    writeFileSync(join(report, '07-old-stack.txt'), 'left by an earlier run');
    writeFileSync(join(report, 'notes.md'), 'not ours');
    const run = await runPlan(['sbx', '--skip-synth', '--out', report], {
      'sbx-keys': KEYS_CHANGES,
      'sbx-sandbox': { planExit: 1, diagnostic: { summary: 'Invalid reference', detail: 'A reference to a resource type must be followed by at least one attribute access.' } },
    });

    expect(run.code).toBe(1);
    expect(run.steps).toEqual(['sbx-keys init', 'sbx-keys plan', 'sbx-keys show', 'sbx-sandbox init', 'sbx-sandbox plan']);
    expect(run.calls[2].args).toEqual(['show', '-no-color', 'tfplan']);
    expect(run.stdout).toMatch(/^\[1\/3\] sbx-state: skipped: keeps its state locally .*terraform\.tfstate is not here; see README "Bootstrapping state"$/m);
    expect(run.stdout).toMatch(/^\[2\/3\] sbx-keys: 2 to add, 1 to change, 1 to destroy$/m);
    expect(run.stderr).toMatch(/^\[3\/3\] sbx-sandbox: terraform plan failed in .*sbx-sandbox:\n +error: Invalid reference \(cdk\.tf\.json line 7\): A reference to a resource type must be followed/m);
    expect(run.stderr).toMatch(/^Stopped at sbx-sandbox: terraform plan failed\. Not run: none \(it was the last stack\)\.$/m);
    expect(run.stdout).toMatch(/^stack +add +change +destroy +result$/m);
    expect(run.stdout).toMatch(/^sbx-keys +2 +1 +1 +changes$/m);
    expect(run.stdout).toMatch(/^sbx-sandbox +- +- +- +FAILED at terraform plan$/m);

    expect(readdirSync(report).sort()).toEqual(['02-sbx-keys.txt', '03-sbx-sandbox.txt', 'notes.md', 'plan-summary.md']);
    expect(readFileSync(join(report, '02-sbx-keys.txt'), 'utf8')).toBe('fake plan of sbx-keys\n');
    expect(readFileSync(join(report, '03-sbx-sandbox.txt'), 'utf8')).toMatch(/^terraform plan failed:\nerror: Invalid reference/);
    const summary = readFileSync(join(report, 'plan-summary.md'), 'utf8');
    expect(summary).toMatch(/^\| sbx-state \| +\| +\| +\| skipped: keeps its state locally/m);
    expect(summary).toMatch(/^\| sbx-keys \| 2 \| 1 \| 1 \| changes \|$/m);
    expect(summary).toMatch(/^\| sbx-sandbox \| +\| +\| +\| FAILED at terraform plan \|$/m);
    expect(summary).toContain('- sbx-keys: `aws_kms_alias.data` (replaced)');
    expect(summary).toMatch(/\*\*sbx-sandbox: terraform plan failed\*\*\n\n````\nerror: Invalid reference/);
  });

  it('plans the local-state stack where its terraform.tfstate is, and shows terraform\'s own text of a failed init', async () => {
    const outdir = join(work, 'plan-with-state', 'cdktf.out');
    cpSync(synthesizedFixture(), outdir, { recursive: true });
    writeFileSync(join(outdir, 'stacks', 'sbx-state', 'terraform.tfstate'), '{}');
    const run = await runPlan(['sbx', '--skip-synth'], { 'sbx-state': { initError: 'Failed to query available provider packages' } }, outdir);

    expect(run.code).toBe(1);
    expect(run.steps).toEqual(['sbx-state init']);
    expect(run.stderr).toMatch(/^\[1\/3\] sbx-state: terraform init failed in .*sbx-state:\n +Error: Failed to query available provider packages$/m);
    expect(run.stderr).toMatch(/^Stopped at sbx-state: terraform init failed\. Not run: sbx-keys, sbx-sandbox\.$/m);
  });

  it('refuses a command line it cannot use with the usage, exit 2', async () => {
    for (const args of [[], ['dev', 'prod'], ['dev', '--force'], ['dev', '--out'], ['dev', '--apply=yes'], ['dev', '--allow-destroy'], ['dev', '--apply', '--allow-destroy=yes']]) {
      const run = await runPlan(args, {}, join(work, 'never-written'));
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/^plan: .+\nusage: npm run plan -- <environment>/);
      expect(run.calls).toEqual([]);
    }
    expect(existsSync(join(work, 'never-written'))).toBe(false);
    const planWithDestroys = await runPlan(['dev', '--allow-destroy'], {}, join(work, 'never-written'));
    expect(planWithDestroys.stderr).toMatch(/^plan: --allow-destroy only with npm run apply/);
  });

  it('names the environments the output holds when asked for another', async () => {
    const run = await runPlan(['nope', '--skip-synth']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('plan: environment "nope": no stack of it in the synthesized output; it holds sbx');
    expect(run.calls).toEqual([]);
  });

  it('prints a configuration error as synth does, and runs no terraform', async () => {
    const run = await runPlan(['nope', '--config-dir', configDir.path], {}, join(work, 'config-error', 'cdktf.out'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"nope".*expected one of the environments defined there: sbx/s);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.calls).toEqual([]);
  });

  it('with --skip-synth and no output, says to run synth first', async () => {
    const run = await runPlan(['sbx', '--skip-synth'], {}, join(work, 'empty', 'cdktf.out'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^plan: .*cdktf\.out: no synthesized output there .*run npm run synth first$/);
  });
});

describe('plan command line', () => {
  it('takes one environment and the options, CONFIG_DIR and CDKTF_OUTDIR from the environment', () => {
    expect(parsePlanArguments(['dev', '--apply', '--skip-synth', '--out=plans'], { CONFIG_DIR: 'examples/sandbox', CDKTF_OUTDIR: 'out' })).toEqual({
      help: false,
      environment: 'dev',
      apply: true,
      allowDestroy: false,
      skipSynth: true,
      reportDir: 'plans',
      configDir: 'examples/sandbox',
      outdir: 'out',
    });
    expect(parsePlanArguments(['--config-dir', 'mine', 'prod'], { CONFIG_DIR: 'examples/sandbox' })).toMatchObject({ environment: 'prod', configDir: 'mine', outdir: 'cdktf.out', apply: false });
    expect(parsePlanArguments(['prod', '--allow-destroy', '--apply'], {})).toMatchObject({ environment: 'prod', apply: true, allowDestroy: true });
    // Option names are not looked up among an object's inherited properties.
    expect(parsePlanArguments(['constructor'], {})).toMatchObject({ environment: 'constructor' });
  });
});

describe('the state stack with local state', () => {
  const stack: SynthesizedStack = { name: 'sbx-state', environment: 'sbx', tier: 'state', dependencies: [], folder: 'stacks/sbx-state' };
  const folderWithBackend = (backend: Record<string, unknown> | undefined): string => {
    const dir = mkdtempSync(join(work, 'state-'));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: backend === undefined ? {} : { backend } }));
    return dir;
  };

  it('is skipped in plan mode without terraform.tfstate, with the bootstrap note', () => {
    const dir = folderWithBackend({ local: { path: 'terraform.tfstate' } });
    expect(localStateSkipReason(stack, dir, false)).toMatch(/terraform\.tfstate is not here; see README "Bootstrapping state"/);
    expect(localStateSkipReason(stack, folderWithBackend(undefined), false)).toMatch(/Bootstrapping state/);
  });

  it('is planned where its terraform.tfstate is, and never applied', () => {
    const dir = folderWithBackend({ local: { path: 'terraform.tfstate' } });
    writeFileSync(join(dir, 'terraform.tfstate'), '{}');
    expect(localStateSkipReason(stack, dir, false)).toBeUndefined();
    expect(localStateSkipReason(stack, dir, true)).toMatch(/applied by hand; see README "Bootstrapping state"/);
  });

  it('runs like any other stack once migrated into the bucket', () => {
    const dir = folderWithBackend({ s3: { bucket: 'webplat-sbx-state', key: 'sbx/state.tfstate', region: 'eu-west-1' } });
    expect(localStateSkipReason(stack, dir, true)).toBeUndefined();
    expect(localStateSkipReason({ ...stack, name: 'sbx-keys', tier: 'keys' }, folderWithBackend(undefined), true)).toBeUndefined();
  });
});

describe('plan-summary.md', () => {
  const keys: StackReport = { stack: 'sbx-keys', position: 2, status: 'applied', counts: KEYS_CHANGES.counts, changes: KEYS_CHANGES.changes, planFile: '02-sbx-keys.txt' };
  const skipped: StackReport = { stack: 'sbx-state', position: 1, status: 'skipped', skipReason: 'keeps its state locally' };

  it('shows in apply mode what was applied, the destroys and the plan files', () => {
    const summary = markdownSummary({ environment: 'sbx', apply: true, stacks: [skipped, keys] });
    expect(summary).toMatch(/^## terraform apply of sbx$/m);
    expect(summary).toMatch(/^\| stack \| add \| change \| destroy \| applied \|$/m);
    expect(summary).toMatch(/^\| sbx-state \| +\| +\| +\| skipped: keeps its state locally \|$/m);
    expect(summary).toMatch(/^\| sbx-keys \| 2 \| 1 \| 1 \| applied \|$/m);
    expect(summary).toContain('**Destroys: 1**\n\n- sbx-keys: `aws_kms_alias.data` (replaced)');
    expect(summary).toContain('- update `aws_kms_alias.logs`');
    expect(summary).toContain('Plans as text: `02-sbx-keys.txt`.');
  });

  it('shows a stack stopped for its destroys, what it would destroy and how to go on', () => {
    const summary = markdownSummary({
      environment: 'sbx',
      apply: true,
      stacks: [skipped, { ...keys, status: 'stopped-destroys' }, { stack: 'sbx-sandbox', position: 3, status: 'not-run' }],
    });
    expect(summary).toMatch(/^\| sbx-keys \| 2 \| 1 \| 1 \| stopped: destroys \|$/m);
    expect(summary).toMatch(/^\| sbx-sandbox \| +\| +\| +\| not run \|$/m);
    expect(summary).toMatch(/^Stopped at sbx-keys: its plan destroys or replaces 1 resource, so it was not applied \(--allow-destroy not given\)\. Not run: sbx-sandbox\.$/m);
    expect(summary).toContain('npm run apply -- sbx --allow-destroy');
    expect(summary).toContain('**Not applied: the plan of sbx-keys destroys or replaces 1 resource**\n\n- `aws_kms_alias.data` (replaced)');
    expect(summary).not.toContain('**Destroys');
  });

  it('counts the destroys of a plan from terraform\'s count or the listed deletes and replacements, whichever is more', () => {
    expect(destroyCount({ counts: { add: 0, change: 0, remove: 2, import: 0 }, changes: [] })).toBe(2);
    expect(destroyCount({ changes: [{ address: 'aws_s3_bucket.logs', action: 'delete' }, { address: 'aws_kms_key.data', action: 'replace' }] })).toBe(2);
    // A forgotten resource (removed block, destroy = false) leaves AWS as it is.
    expect(destroyCount({ counts: { add: 0, change: 0, remove: 0, import: 0 }, changes: [{ address: 'aws_s3_bucket.old', action: 'remove' }, { address: 'aws_kms_key.a', action: 'update' }] })).toBe(0);
  });

  it('lists at most 100 changed resources of a stack, pointing to its plan file for the rest', () => {
    const changes = Array.from({ length: 130 }, (_, index) => ({ address: `aws_route53_record.r${index}`, action: 'create' }));
    const summary = markdownSummary({ environment: 'sbx', apply: false, stacks: [{ ...keys, status: 'changes', changes }] });
    expect(summary.match(/^- create /gm)).toHaveLength(100);
    expect(summary).toContain('- ... and 30 more (see 02-sbx-keys.txt)');
  });
});

describe('terraform output', () => {
  it('reads counts, changed resources and errors from -json lines as terraform 1.11 prints them', () => {
    const stdout = [
      '{"@level":"info","@message":"Terraform 1.11.4","type":"version","terraform":"1.11.4","ui":"1.2"}',
      '{"@level":"info","@message":"terraform_data.b: Plan to delete","change":{"resource":{"addr":"terraform_data.b"},"action":"delete","reason":"delete_because_no_resource_config"},"type":"planned_change"}',
      '{"@level":"info","@message":"data.aws_region.x: Plan to read","change":{"resource":{"addr":"data.aws_region.x"},"action":"read"},"type":"planned_change"}',
      '{"@level":"info","@message":"terraform_data.a: Plan to replace","change":{"resource":{"addr":"terraform_data.a"},"action":"replace","reason":"cannot_update"},"type":"planned_change"}',
      '{"@level":"warn","@message":"Warning: Deprecated Parameter","diagnostic":{"severity":"warning","summary":"Deprecated Parameter"},"type":"diagnostic"}',
      '{"@level":"info","@message":"Plan: 1 to add, 0 to change, 2 to destroy.","changes":{"add":1,"change":0,"import":0,"remove":2,"operation":"plan"},"type":"change_summary"}',
      'not json',
    ].join('\n');
    expect(readJsonOutput(stdout)).toEqual({
      counts: { add: 1, change: 0, remove: 2, import: 0 },
      changes: [
        { address: 'terraform_data.b', action: 'delete' },
        { address: 'terraform_data.a', action: 'replace' },
      ],
      errors: [],
    });
  });

  it('keeps terraform\'s own error text of a step without -json, blank runs collapsed', () => {
    expect(plainErrorLines({ code: 1, stdout: 'Initializing the backend...\n', stderr: '\nError: No valid credential sources found\n\n\nPlease see the docs\n\n' })).toEqual([
      'Error: No valid credential sources found',
      '',
      'Please see the docs',
    ]);
  });
});
