import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthInto } from './support/run-synth';
import { KEPT_FILES, synthOutputForEachTest } from './support/synth-output';

/**
 * What synth may and may not touch in the output folder, synthesized in-process (the same runSynth
 * as `npm run synth`; synth-output-cli.test.ts runs `npx cdktf synth`): stack folders are also
 * Terraform's working directories, and nothing synth did not write may be lost by synthesizing again.
 */

const out = synthOutputForEachTest();

describe('synth keeps what it did not write', () => {
  it.each([
    ['every environment', undefined],
    ['only that environment', 'alpha'],
    ['only another environment', 'beta'],
  ])('keeps state, .terraform/, the lock file, plans, tfvars and user files in every stack folder when synthesizing %s', (_name, selection) => {
    out().startFromFirstSynth(true);
    for (const stack of ['alpha-state', 'alpha-sandbox']) out().plantKeptFiles(stack);

    expect(out().synth(selection).code).toBe(0);

    for (const stack of ['alpha-state', 'alpha-sandbox']) {
      expect(out().keptFilesOf(stack)).toEqual(KEPT_FILES);
      expect(existsSync(join(out().stackFolder(stack), 'cdk.tf.json'))).toBe(true);
    }
  });

  it('replaces the generated stack file with the new configuration', () => {
    out().startFromFirstSynth(false);
    out().plantKeptFiles('alpha-state');
    out().writeAlpha((input) => {
      input.state = { noncurrentVersionRetentionDays: 30 };
    });

    expect(out().synth('alpha').code).toBe(0);

    expect(readFileSync(join(out().stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8')).toContain('"noncurrent_days": 30');
    expect(out().keptFilesOf('alpha-state')).toEqual(KEPT_FILES);
  });

  it('leaves the stack folders of environments not selected exactly as they were, and in the manifest', () => {
    out().startFromFirstSynth(true);
    const betaFiles = readdirSync(join(out().outdir, 'stacks')).filter((stack) => stack.startsWith('beta-'));
    const before = betaFiles.map((stack) => readFileSync(join(out().stackFolder(stack), 'cdk.tf.json'), 'utf8'));
    out().writeBeta((input) => {
      input.sandbox.rootVolumeGiB = 16;
    });

    const { code, summary } = out().synth('alpha');

    expect(code).toBe(0);
    expect(betaFiles.map((stack) => readFileSync(join(out().stackFolder(stack), 'cdk.tf.json'), 'utf8'))).toEqual(before);
    expect(out().manifestStacks()).toEqual(readdirSync(join(out().outdir, 'stacks')).sort());
    expect(summary).not.toMatch(/beta/);
  });

  it('on bad input changes nothing: generated files, state and the manifest stay as they were', () => {
    out().startFromFirstSynth(false);
    out().plantKeptFiles('alpha-state');
    const stackFile = readFileSync(join(out().stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8');
    const manifest = readFileSync(join(out().outdir, 'manifest.json'), 'utf8');
    out().writeAlpha((input) => {
      input.state = { noncurrentVersionRetentionDays: 0 };
    });

    const { code, messages } = out().synth();

    expect(code).toBe(1);
    expect(messages.join('\n')).toMatch(/alpha\.yaml:\n {2}- state\.noncurrentVersionRetentionDays: got 0/);
    expect(readFileSync(join(out().stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8')).toBe(stackFile);
    expect(readFileSync(join(out().outdir, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(out().keptFilesOf('alpha-state')).toEqual(KEPT_FILES);
    expect(readdirSync(out().work)).toEqual(['cdktf.out']);
  });
});

describe('stack folders whose stack is gone', () => {
  beforeEach(() => {
    out().startFromFirstSynth(false);
  });

  it('removes a folder that holds only generated files', () => {
    mkdirSync(out().stackFolder('alpha-legacy'));
    writeFileSync(join(out().stackFolder('alpha-legacy'), 'cdk.tf.json'), '{}');

    const { code, summary } = out().synth();

    expect(code).toBe(0);
    expect(existsSync(out().stackFolder('alpha-legacy'))).toBe(false);
    expect(out().manifestStacks()).not.toContain('alpha-legacy');
    expect(summary).toMatch(/Removed .*stacks\/alpha-legacy: its stack is no longer in the configuration/);
  });

  it('keeps a folder that holds state, names it and what it holds, and keeps it in the manifest', () => {
    mkdirSync(out().stackFolder('alpha-legacy'));
    writeFileSync(join(out().stackFolder('alpha-legacy'), 'cdk.tf.json'), '{}');
    writeFileSync(join(out().stackFolder('alpha-legacy'), 'terraform.tfstate'), '{"serial":3}');
    mkdirSync(join(out().stackFolder('alpha-legacy'), '.terraform'));

    const { code, summary } = out().synth();

    expect(code).toBe(0);
    expect(readFileSync(join(out().stackFolder('alpha-legacy'), 'terraform.tfstate'), 'utf8')).toBe('{"serial":3}');
    expect(readFileSync(join(out().stackFolder('alpha-legacy'), 'cdk.tf.json'), 'utf8')).toBe('{}');
    expect(out().manifestStacks()).toContain('alpha-legacy');
    expect(summary).toMatch(/Kept .*stacks\/alpha-legacy: its stack is no longer in the configuration, but the folder holds \.terraform, terraform\.tfstate, which synth never deletes\. If its resources should go, run `terraform destroy` there first/);
  });

  it('keeps the stacks of an environment whose file was removed when they hold state, and removes the others', () => {
    out().startFromFirstSynth(true);
    out().plantKeptFiles('beta-state');
    out().newConfigDir();

    const { code, summary } = out().synth();

    expect(code).toBe(0);
    expect(readdirSync(join(out().outdir, 'stacks')).filter((stack) => stack.startsWith('beta-'))).toEqual(['beta-state']);
    expect(out().keptFilesOf('beta-state')).toEqual(KEPT_FILES);
    expect(summary).toMatch(/Kept .*beta-state/);
  });

  it('leaves another environment\'s folders alone when synthesizing a subset, even when their stack is gone', () => {
    out().writeBeta();
    mkdirSync(out().stackFolder('beta-legacy'));
    writeFileSync(join(out().stackFolder('beta-legacy'), 'cdk.tf.json'), '{}');

    expect(out().synth('alpha').code).toBe(0);

    expect(existsSync(join(out().stackFolder('beta-legacy'), 'cdk.tf.json'))).toBe(true);
  });
});

describe('the summary of a successful synth', () => {
  it('lists per environment each stack with its resource count, in apply order, and the output folder', () => {
    // beta holds the web platform, alpha the sandbox: each environment's line names its own stacks.
    out().dir.writeEnvironment('beta');
    const { code, summary, messages } = out().synth();
    expect(messages).toEqual([]);
    expect(code).toBe(0);
    const lines = summary.split('\n');
    expect(lines[0]).toMatch(/^Synthesized 8 stacks of 2 environment\(s\) into .*cdktf\.out\/stacks\/:$/);
    expect(lines[1]).toMatch(/^ {2}alpha {2}state \d+, sandbox \d+ {2}\(\d+ resources\)$/);
    expect(lines[2]).toMatch(/^ {2}beta {3}state \d+, network \d+, dns \d+, app \d+, edge \d+, ops \d+ {2}\(\d+ resources\)$/);
    const stateStack = JSON.parse(readFileSync(join(out().stackFolder('alpha-state'), 'cdk.tf.json'), 'utf8')) as { resource: Record<string, object> };
    const declared = Object.values(stateStack.resource).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
    expect(lines[1]).toContain(`state ${declared},`);
  });
});

describe('the output folder', () => {
  it('is made with the folders above it that are missing', () => {
    const nested = join(out().work, 'build', 'ci', 'cdktf.out');
    const { code, messages } = synthInto(out().dir.path, nested);
    expect({ code, messages }).toEqual({ code: 0, messages: [] });
    expect(readdirSync(join(nested, 'stacks')).sort()).toEqual(['alpha-sandbox', 'alpha-state']);
  });
});
