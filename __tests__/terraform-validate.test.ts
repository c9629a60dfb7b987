import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { listEnvironments } from '../config/load';
import { runSynth } from '../stacks/synth';
import { synthesizedStacks, validateStack } from '../scripts/lib/stacks';
import { writeCliConfig } from '../scripts/lib/terraform';

/**
 * Verification ladder step 2: every stack of every shipped environment passes
 * `terraform init -backend=false` and `terraform validate`, offline, against the
 * provider mirror. A missing terraform or mirror fails the suite; it never skips.
 */
const work = join(__dirname, '..', '.tmp', 'validate');
const outdir = join(work, 'cdktf.out');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const messages: string[] = [];
const synthCode = runSynth({ outdir, createApp: (folder) => new App({ outdir: folder, stackTraces: false }), log: (m) => messages.push(m) });
const stacks = synthCode === 0 ? synthesizedStacks(outdir) : [];

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('synthesized output of the shipped environments', () => {
  it('synthesizes without errors', () => {
    expect(messages).toEqual([]);
    expect(synthCode).toBe(0);
  });

  it.each(listEnvironments())('has every tier stack for %s', (environment) => {
    expect(stacks.filter((stack) => stack.startsWith(`${environment}-`))).toEqual(['app', 'dns', 'edge', 'network', 'state'].map((tier) => `${environment}-${tier}`));
  });
});

describe('terraform validate (offline)', () => {
  // Concurrent tests start before beforeAll hooks run, so the config is made on first use.
  // It throws, naming what is missing, when terraform or the provider mirror is absent.
  let cliConfig: string | undefined;
  const offlineCliConfig = () => (cliConfig ??= writeCliConfig(work));

  it.concurrent.each(stacks)('%s is valid, with no warnings', async (stack) => {
    expect(await validateStack(outdir, stack, offlineCliConfig())).toEqual({ stack, ok: true, messages: [] });
  });
});
