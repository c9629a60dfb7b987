import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG_DIR, listEnvironments } from '../config/load';
import { synthInto } from './support/run-synth';
import { ConfigDir } from './support/config-dir';

/**
 * The environment files in config/environments are the user's: they add, remove and rename
 * them. Nothing in the test suite may depend on which ones ship; this proves the synth and
 * policy path holds when a user adds one to whatever is there.
 */
describe('a user adding an environment file', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'shipped-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const stackFiles = (outdir: string) =>
    Object.fromEntries(readdirSync(join(outdir, 'stacks')).map((stack) => [stack, readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')]));

  it('synthesizes its stacks beside the shipped ones, clean under the policy, and changes no other stack', () => {
    const shipped = listEnvironments();
    const configDir = join(work, 'environments');
    cpSync(DEFAULT_CONFIG_DIR, configDir, { recursive: true });
    // runSynth fails on any unsuppressed policy finding, so this is also the shipped files' policy check.
    const before = synthInto(configDir, join(work, 'before'));
    expect(before.messages).toEqual([]);
    expect(before.code).toBe(0);

    // A name no shipped file uses, in an account of its own so it claims no shipped domain.
    const added = ['qa', 'qa2', 'qa3', 'qa4'].find((name) => !shipped.includes(name))!;
    const extra = new ConfigDir();
    extra.writeEnvironment(added, (input) => {
      input.accountId = '999999999999';
    });
    cpSync(join(extra.path, `${added}.yaml`), join(configDir, `${added}.yaml`));
    extra.remove();
    const after = synthInto(configDir, join(work, 'after'));

    expect(after.messages).toEqual([]);
    expect(after.code).toBe(0);
    expect(after.summary).toMatch(new RegExp(`^ {2}${added} +state \\d+, network \\d+, dns \\d+, app \\d+, edge \\d+`, 'm'));
    const withAdded = stackFiles(join(work, 'after'));
    const withoutAdded = Object.fromEntries(Object.entries(withAdded).filter(([stack]) => !stack.startsWith(`${added}-`)));
    expect(withoutAdded).toEqual(stackFiles(join(work, 'before')));
    expect(Object.keys(withAdded).filter((stack) => stack.startsWith(`${added}-`)).sort()).toEqual(['app', 'dns', 'edge', 'network', 'state'].map((tier) => `${added}-${tier}`));
  });
});
