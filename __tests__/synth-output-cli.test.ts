import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEPT_FILES, synthOutputForEachTest } from './support/synth-output';

/**
 * What `npx cdktf synth` keeps in the output folder (the in-process synth's cases are in
 * synth-output.test.ts; this file starts the CLI, so mutation runs leave it out).
 */

const out = synthOutputForEachTest();

describe('the cdktf CLI (npx cdktf synth; cdktf deploy and diff synthesize the same way first)', () => {
  const repoRoot = join(__dirname, '..');

  it('keeps state, removes an unused folder itself without failing, and keeps a folder that holds state', () => {
    out().startFromFirstSynth(false);
    out().plantKeptFiles('alpha-state');
    mkdirSync(out().stackFolder('alpha-unused'));
    writeFileSync(join(out().stackFolder('alpha-unused'), 'cdk.tf.json'), readFileSync(join(out().stackFolder('alpha-sandbox'), 'cdk.tf.json')));
    mkdirSync(out().stackFolder('alpha-legacy'));
    writeFileSync(join(out().stackFolder('alpha-legacy'), 'cdk.tf.json'), readFileSync(join(out().stackFolder('alpha-sandbox'), 'cdk.tf.json')));
    writeFileSync(join(out().stackFolder('alpha-legacy'), 'terraform.tfstate'), '{}');

    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', out().outdir], {
      cwd: repoRoot,
      env: { ...process.env, CONFIG_DIR: out().dir.path, CHECKPOINT_DISABLE: '1', CI: '1' },
      encoding: 'utf8',
      timeout: 60000,
    });

    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/ENOENT|Error/) });
    expect(out().keptFilesOf('alpha-state')).toEqual(KEPT_FILES);
    expect(existsSync(out().stackFolder('alpha-unused'))).toBe(false);
    expect(existsSync(join(out().stackFolder('alpha-legacy'), 'terraform.tfstate'))).toBe(true);
    expect(readdirSync(join(out().outdir, 'stacks')).sort()).toEqual(out().manifestStacks());
  });
});
