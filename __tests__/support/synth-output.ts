import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigDir } from './config-dir';
import { synthInto } from './run-synth';
import { sandboxOnly } from './sandbox';

/**
 * What synth may not touch in a stack folder. A stack folder is also Terraform's working
 * directory: `terraform init/apply` there leaves state (the state stack keeps its state there
 * until migrated), provider caches, lock files and plans, and none of that may be lost by
 * synthesizing again.
 */
export const KEPT_FILES: Readonly<Record<string, string>> = {
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

type Change = (input: Record<string, any>) => void;

// What synth keeps and removes does not depend on which stacks an environment has: the fixtures are
// sandbox-only environments (two stacks each, state and sandbox), the cheapest to synthesize.

/** Writes the environment `name` as a sandbox alone, after `change`. */
function writeSandbox(into: ConfigDir, name: string, change: Change): void {
  into.writeEnvironment(name, (input) => {
    sandboxOnly()(input);
    change(input);
  });
}

/** Output of a first synth of alpha (and beta), made once per test file and copied: the tests start from it. */
const firstSynths = new Map<boolean, string>();

/**
 * Call at the top of a test file: a new fixture before each test, removed after it, and the first
 * synths' outputs removed after the file. Returns the current test's fixture.
 */
export function synthOutputForEachTest(): () => SynthOutputFixture {
  let current: SynthOutputFixture | undefined;
  beforeEach(() => {
    current = new SynthOutputFixture();
  });
  afterEach(() => {
    current?.remove();
  });
  afterAll(() => {
    for (const template of firstSynths.values()) rmSync(template, { recursive: true, force: true });
    firstSynths.clear();
  });
  return () => current!;
}

/**
 * A configuration folder holding the environment alpha, and an output folder (`work/cdktf.out`)
 * in a temporary folder of its own: what the synth output tests start from.
 */
export class SynthOutputFixture {
  /** The configuration folder synth reads (replace it with `newConfigDir`). */
  dir = new ConfigDir();
  /** The temporary folder holding the output folder: nothing else may appear in it. */
  readonly work = mkdtempSync(join(tmpdir(), 'synth-output-'));
  /** The output folder synth writes. */
  readonly outdir = join(this.work, 'cdktf.out');

  constructor() {
    this.writeAlpha();
  }

  /** The environment most tests synthesize: a sandbox alone, after `change`. */
  writeAlpha(change: Change = () => undefined, into: ConfigDir = this.dir): void {
    writeSandbox(into, 'alpha', change);
  }

  /** A second environment, for the tests about selecting some. */
  writeBeta(change: Change = () => undefined, into: ConfigDir = this.dir): void {
    writeSandbox(into, 'beta', change);
  }

  /** Removes the configuration folder and starts an empty one with alpha alone. */
  newConfigDir(): void {
    this.dir.remove();
    this.dir = new ConfigDir();
    this.writeAlpha();
  }

  /** Writes beta too when asked, and puts the output of a first synth of the environments in place. */
  startFromFirstSynth(withBeta: boolean): void {
    if (withBeta) this.writeBeta();
    if (!firstSynths.has(withBeta)) {
      const template = mkdtempSync(join(tmpdir(), 'synth-output-first-'));
      const configs = new ConfigDir();
      this.writeAlpha(undefined, configs);
      if (withBeta) this.writeBeta(undefined, configs);
      const { code, messages } = synthInto(configs.path, join(template, 'cdktf.out'));
      configs.remove();
      if (code !== 0 || messages.length > 0) throw new Error(`the first synth failed (exit ${code}):\n${messages.join('\n')}`);
      firstSynths.set(withBeta, template);
    }
    rmSync(this.outdir, { recursive: true, force: true });
    cpSync(join(firstSynths.get(withBeta)!, 'cdktf.out'), this.outdir, { recursive: true });
  }

  /** Synthesizes the configuration folder into the output folder, in-process. */
  synth(environments?: string) {
    return synthInto(this.dir.path, this.outdir, environments);
  }

  stackFolder(stack: string): string {
    return join(this.outdir, 'stacks', stack);
  }

  /** Puts every file of KEPT_FILES into the stack's folder. */
  plantKeptFiles(stack: string): void {
    for (const [file, content] of Object.entries(KEPT_FILES)) {
      mkdirSync(join(this.stackFolder(stack), file, '..'), { recursive: true });
      writeFileSync(join(this.stackFolder(stack), file), content);
    }
  }

  /** What the stack's folder holds of KEPT_FILES (undefined where a file is gone). */
  keptFilesOf(stack: string): Record<string, string | undefined> {
    return Object.fromEntries(
      Object.keys(KEPT_FILES).map((file) => [file, existsSync(join(this.stackFolder(stack), file)) ? readFileSync(join(this.stackFolder(stack), file), 'utf8') : undefined]),
    );
  }

  /** The stacks the output folder's manifest names, sorted. */
  manifestStacks(): string[] {
    return Object.keys((JSON.parse(readFileSync(join(this.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> }).stacks).sort();
  }

  remove(): void {
    this.dir.remove();
    rmSync(this.work, { recursive: true, force: true });
  }
}
