import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthInto } from './support/run-synth';
import { ConfigDir } from './support/config-dir';
import { sandboxOnly } from './support/sandbox';

/**
 * What synth may and may not touch in the output folder. A stack folder is also
 * Terraform's working directory: `terraform init/apply` there leaves state (the state
 * stack keeps its state there until migrated), provider caches, lock files and plans,
 * and none of that may be lost by synthesizing again.
 */
const KEPT_FILES: Readonly<Record<string, string>> = {
  'terraform.tfstate': '{"version":4,"serial":7}',
  'terraform.tfstate.backup': '{"version":4,"serial":6}',
  '.terraform/terraform.tfstate': '{"backend":{}}',
  '.terraform/providers/registry.terraform.io/hashicorp/aws/marker': 'provider',
  '.terraform.lock.hcl': '# lock file',
  'tfplan': 'saved plan',
  'release.tfplan': 'saved plan',
  'prod.tfvars': 'x = 1',
  'notes.md': 'a user file',
};

let dir: ConfigDir;
let work: string;
let outdir: string;
beforeEach(() => {
  dir = new ConfigDir();
  work = mkdtempSync(join(tmpdir(), 'synth-output-'));
  outdir = join(work, 'cdktf.out');
  writeAlpha();
});
afterEach(() => {
  dir.remove();
  rmSync(work, { recursive: true, force: true });
});

// What synth keeps and removes does not depend on which stacks an environment has: the fixtures are
// sandbox-only environments (two stacks each, state and sandbox), the cheapest to synthesize.

/** The environment most tests synthesize: a sandbox alone, after `change`. */
function writeAlpha(into: ConfigDir = dir, change: (input: Record<string, any>) => void = () => undefined): void {
  into.writeEnvironment('alpha', (input) => {
    sandboxOnly()(input);
    change(input);
  });
}

/** A second environment, for the tests about selecting some. */
function writeBeta(into: ConfigDir = dir, change: (input: Record<string, any>) => void = () => undefined): void {
  into.writeEnvironment('beta', (input) => {
    sandboxOnly()(input);
    change(input);
  });
}

/** Output of a first synth of alpha (and beta), made once per file and copied: the tests start from it. */
const firstSynths = new Map<boolean, string>();

/** Writes beta too when asked, and puts the output of a first synth of the environments in place. */
function startFromFirstSynth(withBeta: boolean): void {
  if (withBeta) writeBeta();
  if (!firstSynths.has(withBeta)) {
    const template = mkdtempSync(join(tmpdir(), 'synth-output-first-'));
    const configs = new ConfigDir();
    writeAlpha(configs);
    if (withBeta) writeBeta(configs);
    const { code, messages } = synthInto(configs.path, join(template, 'cdktf.out'));
    configs.remove();
    expect({ code, messages }).toEqual({ code: 0, messages: [] });
    firstSynths.set(withBeta, template);
  }
  rmSync(outdir, { recursive: true, force: true });
  cpSync(join(firstSynths.get(withBeta)!, 'cdktf.out'), outdir, { recursive: true });
}
afterAll(() => {
  for (const template of firstSynths.values()) rmSync(template, { recursive: true, force: true });
});

function synth(environments?: string) {
  return synthInto(dir.path, outdir, environments);
}

function stackFolder(stack: string): string {
  return join(outdir, 'stacks', stack);
}

function plantKeptFiles(stack: string): void {
  for (const [file, content] of Object.entries(KEPT_FILES)) {
    mkdirSync(join(stackFolder(stack), file, '..'), { recursive: true });
    writeFileSync(join(stackFolder(stack), file), content);
  }
}

function keptFilesOf(stack: string): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(KEPT_FILES).map((file) => [file, existsSync(join(stackFolder(stack), file)) ? readFileSync(join(stackFolder(stack), file), 'utf8') : undefined]));
}

function manifestStacks(): string[] {
  return Object.keys((JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> }).stacks).sort();
}

describe('synth keeps what it did not write', () => {
  it.each([
    ['every environment', undefined],
    ['only that environment', 'alpha'],
    ['only another environment', 'beta'],
  ])('keeps state, .terraform/, the lock file, plans, tfvars and user files in every stack folder when synthesizing %s', (_name, selection) => {
    startFromFirstSynth(true);
    for (const stack of ['alpha-state', 'alpha-sandbox']) plantKeptFiles(stack);

    expect(synth(selection).code).toBe(0);

    for (const stack of ['alpha-state', 'alpha-sandbox']) {
      expect(keptFilesOf(stack)).toEqual(KEPT_FILES);
      expect(existsSync(join(stackFolder(stack), 'cdk.tf.json'))).toBe(true);
    }
  });

  it('replaces the generated stack file with the new configuration', () => {
    startFromFirstSynth(false);
    plantKeptFiles('alpha-state');
    writeAlpha(dir, (input) => {
      input.state = { noncurrentVersionRetentionDays: 30 };
    });

    expect(synth('alpha').code).toBe(0);

    expect(readFileSync(join(stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8')).toContain('"noncurrent_days": 30');
    expect(keptFilesOf('alpha-state')).toEqual(KEPT_FILES);
  });

  it('leaves the stack folders of environments not selected exactly as they were, and in the manifest', () => {
    startFromFirstSynth(true);
    const betaFiles = readdirSync(join(outdir, 'stacks')).filter((stack) => stack.startsWith('beta-'));
    const before = betaFiles.map((stack) => readFileSync(join(stackFolder(stack), 'cdk.tf.json'), 'utf8'));
    writeBeta(dir, (input) => {
      input.sandbox.rootVolumeGiB = 16;
    });

    const { code, summary } = synth('alpha');

    expect(code).toBe(0);
    expect(betaFiles.map((stack) => readFileSync(join(stackFolder(stack), 'cdk.tf.json'), 'utf8'))).toEqual(before);
    expect(manifestStacks()).toEqual(readdirSync(join(outdir, 'stacks')).sort());
    expect(summary).not.toMatch(/beta/);
  });

  it('on bad input changes nothing: generated files, state and the manifest stay as they were', () => {
    startFromFirstSynth(false);
    plantKeptFiles('alpha-state');
    const stackFile = readFileSync(join(stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8');
    const manifest = readFileSync(join(outdir, 'manifest.json'), 'utf8');
    writeAlpha(dir, (input) => {
      input.state = { noncurrentVersionRetentionDays: 0 };
    });

    const { code, messages } = synth();

    expect(code).toBe(1);
    expect(messages.join('\n')).toMatch(/alpha\.yaml:\n {2}- state\.noncurrentVersionRetentionDays: got 0/);
    expect(readFileSync(join(stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8')).toBe(stackFile);
    expect(readFileSync(join(outdir, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(keptFilesOf('alpha-state')).toEqual(KEPT_FILES);
    expect(readdirSync(work)).toEqual(['cdktf.out']);
  });
});

describe('stack folders whose stack is gone', () => {
  beforeEach(() => {
    startFromFirstSynth(false);
  });

  it('removes a folder that holds only generated files', () => {
    mkdirSync(stackFolder('alpha-legacy'));
    writeFileSync(join(stackFolder('alpha-legacy'), 'cdk.tf.json'), '{}');

    const { code, summary } = synth();

    expect(code).toBe(0);
    expect(existsSync(stackFolder('alpha-legacy'))).toBe(false);
    expect(manifestStacks()).not.toContain('alpha-legacy');
    expect(summary).toMatch(/Removed .*stacks\/alpha-legacy: its stack is no longer in the configuration/);
  });

  it('keeps a folder that holds state, names it and what it holds, and keeps it in the manifest', () => {
    mkdirSync(stackFolder('alpha-legacy'));
    writeFileSync(join(stackFolder('alpha-legacy'), 'cdk.tf.json'), '{}');
    writeFileSync(join(stackFolder('alpha-legacy'), 'terraform.tfstate'), '{"serial":3}');
    mkdirSync(join(stackFolder('alpha-legacy'), '.terraform'));

    const { code, summary } = synth();

    expect(code).toBe(0);
    expect(readFileSync(join(stackFolder('alpha-legacy'), 'terraform.tfstate'), 'utf8')).toBe('{"serial":3}');
    expect(readFileSync(join(stackFolder('alpha-legacy'), 'cdk.tf.json'), 'utf8')).toBe('{}');
    expect(manifestStacks()).toContain('alpha-legacy');
    expect(summary).toMatch(/Kept .*stacks\/alpha-legacy: its stack is no longer in the configuration, but the folder holds \.terraform, terraform\.tfstate, which synth never deletes\. If its resources should go, run `terraform destroy` there first/);
  });

  it('keeps the stacks of an environment whose file was removed when they hold state, and removes the others', () => {
    startFromFirstSynth(true);
    plantKeptFiles('beta-state');
    dir.remove();
    dir = new ConfigDir();
    writeAlpha();

    const { code, summary } = synth();

    expect(code).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).filter((stack) => stack.startsWith('beta-'))).toEqual(['beta-state']);
    expect(keptFilesOf('beta-state')).toEqual(KEPT_FILES);
    expect(summary).toMatch(/Kept .*beta-state/);
  });

  it('leaves another environment\'s folders alone when synthesizing a subset, even when their stack is gone', () => {
    writeBeta();
    mkdirSync(stackFolder('beta-legacy'));
    writeFileSync(join(stackFolder('beta-legacy'), 'cdk.tf.json'), '{}');

    expect(synth('alpha').code).toBe(0);

    expect(existsSync(join(stackFolder('beta-legacy'), 'cdk.tf.json'))).toBe(true);
  });
});

describe('the summary of a successful synth', () => {
  it('lists per environment each stack with its resource count, in apply order, and the output folder', () => {
    // beta holds the web platform, alpha the sandbox: each environment's line names its own stacks.
    dir.writeEnvironment('beta');
    const { code, summary, messages } = synth();
    expect(messages).toEqual([]);
    expect(code).toBe(0);
    const lines = summary.split('\n');
    expect(lines[0]).toMatch(/^Synthesized 8 stacks of 2 environment\(s\) into .*cdktf\.out\/stacks\/:$/);
    expect(lines[1]).toMatch(/^ {2}alpha {2}state \d+, sandbox \d+ {2}\(\d+ resources\)$/);
    expect(lines[2]).toMatch(/^ {2}beta {3}state \d+, network \d+, dns \d+, app \d+, edge \d+, ops \d+ {2}\(\d+ resources\)$/);
    const stateStack = JSON.parse(readFileSync(join(stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8')) as { resource: Record<string, object> };
    const declared = Object.values(stateStack.resource).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    expect(lines[1]).toContain(`state ${declared},`);
  });
});

describe('the output folder', () => {
  it('is made with the folders above it that are missing', () => {
    const nested = join(work, 'build', 'ci', 'cdktf.out');
    const { code, messages } = synthInto(dir.path, nested);
    expect({ code, messages }).toEqual({ code: 0, messages: [] });
    expect(readdirSync(join(nested, 'stacks')).sort()).toEqual(['alpha-sandbox', 'alpha-state']);
  });
});

describe('the cdktf CLI (npx cdktf synth; cdktf deploy and diff synthesize the same way first)', () => {
  const repoRoot = join(__dirname, '..');

  it('keeps state, removes an unused folder itself without failing, and keeps a folder that holds state', () => {
    startFromFirstSynth(false);
    plantKeptFiles('alpha-state');
    mkdirSync(stackFolder('alpha-unused'));
    writeFileSync(join(stackFolder('alpha-unused'), 'cdk.tf.json'), readFileSync(join(stackFolder('alpha-sandbox'), 'cdk.tf.json')));
    mkdirSync(stackFolder('alpha-legacy'));
    writeFileSync(join(stackFolder('alpha-legacy'), 'cdk.tf.json'), readFileSync(join(stackFolder('alpha-sandbox'), 'cdk.tf.json')));
    writeFileSync(join(stackFolder('alpha-legacy'), 'terraform.tfstate'), '{}');

    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', outdir], {
      cwd: repoRoot,
      env: { ...process.env, CONFIG_DIR: dir.path, CHECKPOINT_DISABLE: '1', CI: '1' },
      encoding: 'utf8',
      timeout: 60000,
    });

    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/ENOENT|Error/) });
    expect(keptFilesOf('alpha-state')).toEqual(KEPT_FILES);
    expect(existsSync(stackFolder('alpha-unused'))).toBe(false);
    expect(existsSync(join(stackFolder('alpha-legacy'), 'terraform.tfstate'))).toBe(true);
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(manifestStacks());
  });
});
