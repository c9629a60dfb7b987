import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { App } from 'cdktf';
import { ConfigError } from '../config/errors';
import { installSynthOutput } from '../stacks/output-folder';
import { isUserError, runSynth } from '../stacks/synth';
import { countResources, formatSynthSummary } from '../stacks/synth-summary';
import { ConfigDir } from './support/config-dir';
import { sandboxOnly } from './support/sandbox';

/**
 * The pieces of `npm run synth` that decide what lands in the output folder and what the user is told,
 * called directly on folders built by hand (synth-output.test.ts runs whole synths): installing a staged
 * synth (installSynthOutput), the summary, the exit codes and messages of runSynth. One real synth, of a
 * sandbox-only environment, for what only a whole run shows (the cdktf CLI case, the summary on stdout).
 */

const CDKTF_VERSION = '0.21.0';

/** A manifest entry as cdktf writes it for a stack. */
function cdktfEntry(stack: string, dependencies: string[] = []): Record<string, unknown> {
  return {
    name: stack,
    constructPath: stack,
    workingDirectory: `stacks/${stack}`,
    synthesizedStackPath: `stacks/${stack}/cdk.tf.json`,
    stackMetadataPath: `stacks/${stack}/metadata.json`,
    annotations: [],
    dependencies,
  };
}

let work: string;
let staging: string;
let outdir: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'synth-install-'));
  staging = join(work, 'cdktf.out.staging-1');
  outdir = join(work, 'cdktf.out');
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Writes `files` (path relative to `root` -> content) under `root`. */
function writeFiles(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
}

/** A finished synth in the staging folder: each stack's cdk.tf.json and metadata.json, and cdktf's manifest naming them in the given order. */
function stage(stacks: string[], manifestStacks: Record<string, unknown> = Object.fromEntries(stacks.map((stack) => [stack, cdktfEntry(stack)]))): void {
  for (const stack of stacks) writeFiles(join(staging, 'stacks', stack), { 'cdk.tf.json': `{"new":"${stack}"}`, 'metadata.json': `{"metadata":"${stack}"}` });
  writeFiles(staging, { 'manifest.json': JSON.stringify({ version: CDKTF_VERSION, stacks: manifestStacks }) });
}

const stackDir = (stack: string) => join(outdir, 'stacks', stack);
const read = (file: string) => readFileSync(file, 'utf8');
const manifestText = () => read(join(outdir, 'manifest.json'));
const manifestStacks = () => Object.keys((JSON.parse(manifestText()) as { stacks: object }).stacks);
const ownsAll = () => true;

/** What the stack folder holds, every file with its content (folders end in `/`). */
function contentsOf(folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(folder, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        found[`${path}/`] = '';
        walk(path);
      } else found[path] = read(join(folder, path));
    }
  };
  walk('');
  return found;
}

describe('installSynthOutput: the stacks it synthesized', () => {
  it('replaces their generated files, keeps everything else in their folders, and removes the staging folder', () => {
    writeFiles(stackDir('alpha-state'), {
      'cdk.tf.json': '{"old":true}',
      'metadata.json': '{"old":true}',
      'assets/old-asset/file.zip': 'old asset',
      'terraform.tfstate': '{"serial":7}',
      '.terraform/providers/marker': 'provider',
      'notes.md': 'a user file',
    });
    stage(['alpha-state', 'alpha-sandbox']);

    const result = installSynthOutput(staging, outdir, ownsAll);

    expect(result).toEqual({ written: ['alpha-sandbox', 'alpha-state'], removed: [], kept: [] });
    expect(contentsOf(stackDir('alpha-state'))).toEqual({
      'cdk.tf.json': '{"new":"alpha-state"}',
      'metadata.json': '{"metadata":"alpha-state"}',
      'terraform.tfstate': '{"serial":7}',
      '.terraform/': '',
      '.terraform/providers/': '',
      '.terraform/providers/marker': 'provider',
      'notes.md': 'a user file',
    });
    expect(contentsOf(stackDir('alpha-sandbox'))).toEqual({ 'cdk.tf.json': '{"new":"alpha-sandbox"}', 'metadata.json': '{"metadata":"alpha-sandbox"}' });
    expect(existsSync(staging)).toBe(false);
  });

  it('installs a synth of no stack (no stacks folder staged) without making a stack folder, and leaves stray files in the stacks folder alone', () => {
    writeFiles(join(outdir, 'stacks'), { 'README.md': 'a user file beside the stack folders' });
    stage([]);

    expect(installSynthOutput(staging, outdir, ownsAll)).toEqual({ written: [], removed: [], kept: [] });
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['README.md']);
    expect(JSON.parse(manifestText())).toEqual({ stacks: {}, version: CDKTF_VERSION });
  });

  it('lists the stacks and what a kept folder holds in one order whatever order the file system returns them in', () => {
    // Linux returns names sorted by their UTF-8 bytes, other systems otherwise (NTFS ignores case); JavaScript's
    // order puts an astral character (a surrogate pair) before U+FF21, UTF-8's after it.
    writeFiles(stackDir('alpha-legacy'), { 'Ａ.md': 'a', '😀.md': 'b', 'B.md': 'c', 'a.md': 'd' });
    stage(['alpha-Ａ', 'alpha-😀']);

    const result = installSynthOutput(staging, outdir, ownsAll);

    expect(result.written).toEqual(['alpha-😀', 'alpha-Ａ']);
    expect(result.kept).toEqual([{ stack: 'alpha-legacy', holds: ['B.md', 'a.md', '😀.md', 'Ａ.md'] }]);
  });
});

describe('installSynthOutput: folders whose stack it did not synthesize', () => {
  const generatedOnly = { 'cdk.tf.json': '{}', 'metadata.json': '{}', 'assets/a/file.zip': 'asset' };

  it('removes those it owns that hold only generated files, keeps and reports those holding anything else, sorted', () => {
    writeFiles(stackDir('alpha-old'), generatedOnly);
    writeFiles(stackDir('alpha-legacy'), { 'cdk.tf.json': '{}', 'terraform.tfstate': '{"serial":3}', '.terraform/marker': 'x', 'notes.md': 'mine' });
    writeFiles(stackDir('alpha-plans'), { 'tfplan': 'saved plan' });
    stage(['alpha-state']);

    const result = installSynthOutput(staging, outdir, ownsAll);

    expect(result).toEqual({
      written: ['alpha-state'],
      removed: ['alpha-old'],
      kept: [
        { stack: 'alpha-legacy', holds: ['.terraform', 'notes.md', 'terraform.tfstate'] },
        { stack: 'alpha-plans', holds: ['tfplan'] },
      ],
    });
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['alpha-legacy', 'alpha-plans', 'alpha-state']);
    expect(contentsOf(stackDir('alpha-legacy'))).toEqual({ 'cdk.tf.json': '{}', 'terraform.tfstate': '{"serial":3}', '.terraform/': '', '.terraform/marker': 'x', 'notes.md': 'mine' });
    // A kept folder with a stack file stays in the manifest (the cdktf CLI deletes folders it does not name); one without is not a stack.
    expect(manifestStacks()).toEqual(['alpha-legacy', 'alpha-state']);
  });

  it('with removeUnused false leaves such a folder in place for the cdktf CLI to delete, reported as removed and out of the manifest', () => {
    writeFiles(stackDir('alpha-old'), generatedOnly);
    stage(['alpha-state']);

    const result = installSynthOutput(staging, outdir, ownsAll, false);

    expect(result).toEqual({ written: ['alpha-state'], removed: ['alpha-old'], kept: [] });
    expect(contentsOf(stackDir('alpha-old'))).toEqual({ 'cdk.tf.json': '{}', 'metadata.json': '{}', 'assets/': '', 'assets/a/': '', 'assets/a/file.zip': 'asset' });
    expect(manifestStacks()).toEqual(['alpha-state']);
  });

  it('with removeUnused false refuses, changing nothing, when a folder holding files of its own has no stack file: the cdktf CLI would delete it', () => {
    writeFiles(stackDir('alpha-state'), { 'cdk.tf.json': '{"old":"alpha-state"}' });
    writeFiles(stackDir('alpha-legacy'), { 'terraform.tfstate': '{"serial":3}', '.terraform/marker': 'x' });
    writeFiles(stackDir('beta-app'), { 'terraform.tfstate': '{}' });
    writeFiles(stackDir('beta-state'), { 'cdk.tf.json': '{}', 'terraform.tfstate': '{}' });
    writeFiles(stackDir('alpha-old'), generatedOnly);
    writeFiles(outdir, { 'manifest.json': '{"version":"0.21.0","stacks":{}}' });
    stage(['alpha-state']);
    const before = contentsOf(outdir);
    const where = join(outdir, 'stacks');

    let thrown: unknown;
    try {
      installSynthOutput(staging, outdir, (stack) => stack.startsWith('alpha-'), false);
    } catch (error) {
      thrown = error;
    }

    expect(isUserError(thrown)).toBe(true);
    expect((thrown as Error).message.split('\n')).toEqual([
      'cdktf synth would delete stack folders that hold files synth did not write, so nothing was synthesized:',
      `  ${where}/alpha-legacy holds .terraform, terraform.tfstate but no stack file (cdk.tf.json)`,
      `  ${where}/beta-app holds terraform.tfstate but no stack file (cdk.tf.json)`,
      `The cdktf CLI deletes every folder of ${where} its manifest does not name, and only a folder with a stack file can be named.`,
      'Move these folders out of the output folder, or synthesize with `npm run synth`, which leaves them in place.',
    ]);
    expect(contentsOf(outdir)).toEqual(before);
  });

  it('with removeUnused false takes a folder named by the previous manifest whose stack file is elsewhere, one holding a stack file, and one holding only generated files', () => {
    const elsewhere = { ...cdktfEntry('alpha-hcl'), synthesizedStackPath: 'stacks/alpha-hcl/cdk.tf' };
    writeFiles(stackDir('alpha-hcl'), { 'cdk.tf': 'terraform {}', 'terraform.tfstate': '{}' });
    writeFiles(stackDir('alpha-generated'), { 'cdk.tf': 'terraform {}', 'metadata.json': '{}' });
    writeFiles(stackDir('beta-app'), { 'cdk.tf.json': '{}', 'terraform.tfstate': '{}' });
    writeFiles(outdir, { 'manifest.json': JSON.stringify({ version: CDKTF_VERSION, stacks: { 'alpha-hcl': elsewhere } }) });
    stage(['alpha-state']);

    const result = installSynthOutput(staging, outdir, ownsAll, false);

    expect(result).toEqual({
      written: ['alpha-state'],
      removed: ['alpha-generated'],
      kept: [
        { stack: 'alpha-hcl', holds: ['terraform.tfstate'] },
        { stack: 'beta-app', holds: ['terraform.tfstate'] },
      ],
    });
    expect(manifestStacks()).toEqual(['alpha-hcl', 'alpha-state', 'beta-app']);
  });

  it('leaves the folders of stacks it does not own exactly as they are', () => {
    writeFiles(stackDir('beta-state'), generatedOnly);
    writeFiles(stackDir('beta-app'), { 'cdk.tf.json': '{}', 'terraform.tfstate': '{}' });
    stage(['alpha-state']);

    const result = installSynthOutput(staging, outdir, (stack) => stack.startsWith('alpha-'));

    expect(result).toEqual({ written: ['alpha-state'], removed: [], kept: [] });
    expect(contentsOf(stackDir('beta-state'))).toEqual({ 'cdk.tf.json': '{}', 'metadata.json': '{}', 'assets/': '', 'assets/a/': '', 'assets/a/file.zip': 'asset' });
    expect(contentsOf(stackDir('beta-app'))).toEqual({ 'cdk.tf.json': '{}', 'terraform.tfstate': '{}' });
  });
});

describe('installSynthOutput: the manifest', () => {
  /** The entry synth writes for a stack folder the previous manifest did not name (the fields cdktf writes). */
  const minimalEntry = (stack: string) => ({
    annotations: [],
    constructPath: stack,
    dependencies: [],
    name: stack,
    stackMetadataPath: `stacks/${stack}/metadata.json`,
    synthesizedStackPath: `stacks/${stack}/cdk.tf.json`,
    workingDirectory: `stacks/${stack}`,
  });

  it('names the staged stacks and every other folder holding a stack, the previous entry where there was one, sorted by stack, stacks then version', () => {
    // beta's folders belong to another environment: kept as they are, and named in the manifest when they hold a stack.
    const betaState = { ...cdktfEntry('beta-state'), annotations: [{ level: 'info', message: 'from the previous synth' }] };
    const betaGone = cdktfEntry('beta-gone');
    writeFiles(outdir, {
      'manifest.json': JSON.stringify({ version: '0.20.0', stacks: { 'beta-state': betaState, 'beta-gone': betaGone } }),
      'stacks/beta-state/cdk.tf.json': '{}',
      'stacks/beta-app/cdk.tf.json': '{}',
      'stacks/beta-gone/terraform.tfstate': '{}',
      'stacks/beta-notes/notes.md': 'no stack here',
    });
    const stagedEntries = { 'alpha-state': cdktfEntry('alpha-state'), 'alpha-sandbox': cdktfEntry('alpha-sandbox', ['alpha-state']), 'alpha-network': cdktfEntry('alpha-network', ['alpha-state']) };
    stage(['alpha-state', 'alpha-sandbox', 'alpha-network'], stagedEntries);

    installSynthOutput(staging, outdir, (stack) => stack.startsWith('alpha-'));

    const expected = {
      stacks: {
        'alpha-network': stagedEntries['alpha-network'],
        'alpha-sandbox': stagedEntries['alpha-sandbox'],
        'alpha-state': stagedEntries['alpha-state'],
        'beta-app': minimalEntry('beta-app'),
        'beta-state': betaState,
      },
      version: CDKTF_VERSION,
    };
    expect(manifestText()).toBe(JSON.stringify(expected, null, 2));
    expect(readdirSync(outdir)).toEqual(['manifest.json', 'stacks']);
  });

  it.each([
    ['no manifest', undefined],
    ['a manifest that is not JSON', '{"stacks": {'],
  ])('with %s from an earlier synth, gives every other folder holding a stack a minimal entry', (_name, previous) => {
    writeFiles(outdir, { 'stacks/beta-state/cdk.tf.json': '{}', ...(previous === undefined ? {} : { 'manifest.json': previous }) });
    stage(['alpha-state']);

    installSynthOutput(staging, outdir, (stack) => stack.startsWith('alpha-'));

    expect(JSON.parse(manifestText())).toEqual({ stacks: { 'alpha-state': cdktfEntry('alpha-state'), 'beta-state': minimalEntry('beta-state') }, version: CDKTF_VERSION });
  });

  it.each([
    ['missing', undefined],
    ['not JSON', 'not json'],
    ['without stacks', JSON.stringify({ version: CDKTF_VERSION })],
    ['with stacks null', JSON.stringify({ version: CDKTF_VERSION, stacks: null })],
  ])('fails naming the staging folder, before changing the output folder, when the staged manifest is %s', (_name, manifest) => {
    writeFiles(join(staging, 'stacks', 'alpha-state'), { 'cdk.tf.json': '{}' });
    if (manifest !== undefined) writeFiles(staging, { 'manifest.json': manifest });
    writeFiles(stackDir('alpha-state'), { 'cdk.tf.json': '{"old":"alpha-state"}', 'terraform.tfstate': '{}' });
    const before = contentsOf(outdir);

    expect(() => installSynthOutput(staging, outdir, ownsAll)).toThrow(new Error(`cdktf wrote no readable manifest.json in ${staging}`));
    expect(contentsOf(outdir)).toEqual(before);
  });
});

describe('countResources', () => {
  it('counts every resource of every type in a stack file, none when it declares no resource', () => {
    writeFiles(work, {
      'resources.json': JSON.stringify({
        resource: { aws_s3_bucket: { logs: {}, site: {} }, aws_iam_role: { web: {} }, aws_kms_key: { state: {}, logs: {}, site: {} } },
        data: { aws_caller_identity: { current: {} } },
      }),
      'none.json': JSON.stringify({ terraform: {}, output: { id: { value: 'x' } } }),
    });

    expect(countResources(join(work, 'resources.json'))).toBe(6);
    expect(countResources(join(work, 'none.json'))).toBe(0);
  });
});

describe('formatSynthSummary', () => {
  const stacks = [
    { stack: 'dev-state', environment: 'dev', resources: 12 },
    { stack: 'dev-sandbox', environment: 'dev', resources: 31 },
    { stack: 'staging-state', environment: 'staging', resources: 11 },
    { stack: 'staging-network', environment: 'staging', resources: 40 },
    { stack: 'staging-app', environment: 'staging', resources: 25 },
  ];

  it('gives one line per environment, names aligned, each stack with its resources, then each folder removed or kept', () => {
    const install = {
      written: [],
      removed: ['dev-old', 'staging-edge'],
      kept: [{ stack: 'dev-legacy', holds: ['.terraform', 'terraform.tfstate'] }],
    };

    expect(formatSynthSummary(stacks, install, join(process.cwd(), 'build', 'out')).split('\n')).toEqual([
      'Synthesized 5 stacks of 2 environment(s) into build/out/stacks/:',
      '  dev      state 12, sandbox 31  (43 resources)',
      '  staging  state 11, network 40, app 25  (76 resources)',
      'Removed build/out/stacks/dev-old: its stack is no longer in the configuration and the folder held nothing but generated files.',
      'Removed build/out/stacks/staging-edge: its stack is no longer in the configuration and the folder held nothing but generated files.',
      'Kept build/out/stacks/dev-legacy: its stack is no longer in the configuration, but the folder holds .terraform, terraform.tfstate, which synth never deletes. ' +
        'If its resources should go, run `terraform destroy` there first; then delete the folder.',
    ]);
  });

  it('shows an output folder outside the working directory by its full path', () => {
    const elsewhere = join(dirname(process.cwd()), 'elsewhere', 'out');
    expect(formatSynthSummary(stacks.slice(0, 1), { written: [], removed: [], kept: [] }, elsewhere)).toBe(
      `Synthesized 1 stacks of 1 environment(s) into ${elsewhere}/stacks/:\n  dev  state 12  (12 resources)`,
    );
  });
});

describe('isUserError', () => {
  it('is true for configuration errors and errors marked userFacing, false for any other error or value', () => {
    expect(isUserError(new ConfigError('dev.yaml', [{ field: 'region', expected: 'a region' }]))).toBe(true);
    expect(isUserError(Object.assign(new Error('policy findings'), { userFacing: true }))).toBe(true);
    expect(isUserError(new Error('disk full'))).toBe(false);
    expect(isUserError(Object.assign(new Error('disk full'), { userFacing: 'yes' }))).toBe(false);
    expect(isUserError({ message: 'not an Error', userFacing: true })).toBe(false);
  });
});

describe('runSynth', () => {
  const INTERNAL = '\n(an internal error, not a configuration problem; set DEBUG=1 for the stack trace)';
  let configDir: ConfigDir;
  let debug: string | undefined;
  beforeEach(() => {
    configDir = new ConfigDir();
    configDir.writeEnvironment('alpha', sandboxOnly());
    debug = process.env.DEBUG;
    delete process.env.DEBUG;
  });
  afterEach(() => {
    configDir.remove();
    if (debug === undefined) delete process.env.DEBUG;
    else process.env.DEBUG = debug;
    jest.restoreAllMocks();
  });

  /** runSynth of alpha into outdir, with `createApp` in place of cdktf's App, capturing what it prints. */
  function synthWith(createApp: (folder: string) => App) {
    const messages: string[] = [];
    const reports: string[] = [];
    const code = runSynth({ configDir: configDir.path, outdir, createApp, log: (message) => messages.push(message), report: (summary) => reports.push(summary) });
    return { code, messages, reports };
  }

  const failWith = (error: unknown) => () => {
    throw error;
  };

  it('on an internal error exits 1 and says it is one, without the stack trace unless DEBUG is set', () => {
    const error = new Error('disk full');

    expect(synthWith(failWith(error))).toEqual({ code: 1, messages: [`synth failed: disk full${INTERNAL}`], reports: [] });
    process.env.DEBUG = '1';
    expect(synthWith(failWith(error))).toEqual({ code: 1, messages: [`synth failed: disk full${INTERNAL}`, error.stack], reports: [] });
    expect(synthWith(failWith('a thrown string'))).toEqual({ code: 1, messages: [`synth failed: a thrown string${INTERNAL}`], reports: [] });
  });

  it('on an error written for the user exits 1 and prints its message alone', () => {
    expect(synthWith(failWith(Object.assign(new Error('2 policy findings: ...'), { userFacing: true })))).toEqual({ code: 1, messages: ['2 policy findings: ...'], reports: [] });
  });

  it('synthesizes into a fresh staging folder beside the output folder, removing one an interrupted run left, and removes it on failure', () => {
    const expectedStaging = `${outdir}.staging-${process.pid}`;
    writeFiles(expectedStaging, { 'stacks/alpha-state/cdk.tf.json': '{}', 'manifest.json': '{}' });
    const given: { folder: string; existed: boolean }[] = [];

    const run = synthWith((folder) => {
      given.push({ folder, existed: existsSync(folder) });
      throw Object.assign(new Error('stop here'), { userFacing: true });
    });

    expect(run).toEqual({ code: 1, messages: ['stop here'], reports: [] });
    expect(given).toEqual([{ folder: expectedStaging, existed: false }]);
    expect(existsSync(expectedStaging)).toBe(false);
  });

  it('writes errors to stderr by default', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const code = runSynth({ configDir: configDir.path, outdir, createApp: failWith(new Error('disk full')) });

    expect(code).toBe(1);
    expect(stderr.mock.calls).toEqual([[`synth failed: disk full${INTERNAL}\n`]]);
  });

  it('under the cdktf CLI leaves a selected environment\'s unused folder to the CLI and another environment\'s alone, and prints the summary to stdout by default', () => {
    configDir.writeEnvironment('beta', sandboxOnly());
    writeFiles(stackDir('alpha-old'), { 'cdk.tf.json': '{}' });
    writeFiles(stackDir('beta-old'), { 'cdk.tf.json': '{}' });
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const messages: string[] = [];

    const code = runSynth({
      environments: 'alpha',
      configDir: configDir.path,
      outdir,
      createApp: (folder) => new App({ outdir: folder, stackTraces: false }),
      log: (message) => messages.push(message),
      underCdktfCli: true,
    });

    expect({ code, messages }).toEqual({ code: 0, messages: [] });
    expect(stdout).toHaveBeenCalledTimes(1);
    const summary = String(stdout.mock.calls[0][0]).split('\n');
    // The output folder as the user would type it (relative to the working directory, where jest's temporary folders are).
    const where = /^Synthesized 2 stacks of 1 environment\(s\) into (.+)\/:$/.exec(summary[0])?.[1] ?? '';
    expect(resolve(where)).toBe(join(outdir, 'stacks'));
    expect(summary[1]).toMatch(/^ {2}alpha {2}state [1-9]\d*, sandbox [1-9]\d* {2}\(\d+ resources\)$/);
    expect(summary.slice(2)).toEqual([
      `Removed ${where}/alpha-old: its stack is no longer in the configuration and the folder held nothing but generated files.`,
      '',
    ]);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['alpha-old', 'alpha-sandbox', 'alpha-state', 'beta-old']);
    expect(manifestStacks().sort()).toEqual(['alpha-sandbox', 'alpha-state', 'beta-old']);
  });

  it('synthesizing every environment removes the unused folders of an environment whose file is gone', () => {
    writeFiles(stackDir('gone-state'), { 'cdk.tf.json': '{}' });
    writeFiles(stackDir('gone-app'), { 'cdk.tf.json': '{}', 'terraform.tfstate': '{}' });

    const run = synthWith((folder) => new App({ outdir: folder, stackTraces: false }));

    expect(run.code).toBe(0);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['alpha-sandbox', 'alpha-state', 'gone-app']);
    expect(run.reports[0]).toMatch(/\nRemoved .*\/gone-state: .*\nKept .*\/gone-app: .* holds terraform\.tfstate, /);
  });
});
