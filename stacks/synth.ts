import { existsSync, renameSync, rmSync } from 'node:fs';
import { App, TerraformStack } from 'cdktf';
import { ConfigError } from '../config/errors';
import { DEFAULT_CONFIG_DIR, loadSelectedEnvironments } from '../config/load';
import { assertPolicyClean } from '../constructs/policy/aspect';
import { buildEnvironmentStacks } from './environment-stacks';

export interface SynthOptions {
  /** Comma-separated environment names; empty or undefined means all. */
  readonly environments?: string;
  /** Folder of `<environment>.yaml` files. @default config/environments */
  readonly configDir?: string;
  /** Where the stacks are written (cdktf's outdir). */
  readonly outdir: string;
  /** Makes the cdktf App writing to the given folder. */
  readonly createApp: (outdir: string) => App;
  /** Where messages go. @default process.stderr */
  readonly log?: (message: string) => void;
}

/**
 * Writes the app's stacks and runs the policy rules on them (an aspect, during synth).
 * Throws a PolicyError listing every unsuppressed finding; the caller discards the output.
 */
export function synthesizeCheckedStacks(app: App, stacks: readonly TerraformStack[]): void {
  app.synth();
  assertPolicyClean(stacks);
}

/** Errors whose message is written for the user: printed as they are, without a stack trace. */
export function isUserError(error: unknown): error is Error {
  return error instanceof ConfigError || (error instanceof Error && (error as { userFacing?: boolean }).userFacing === true);
}

/**
 * Validates all configuration, then synthesizes into a staging folder and moves it into
 * place only when every stack was written. Bad input leaves the previous output as it
 * was. Returns the process exit code.
 */
export function runSynth(options: SynthOptions): number {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const staging = `${options.outdir}.staging`;
  try {
    const environments = loadSelectedEnvironments(options.environments, options.configDir ?? DEFAULT_CONFIG_DIR);
    rmSync(staging, { recursive: true, force: true });
    const app = options.createApp(staging);
    synthesizeCheckedStacks(app, environments.flatMap((config) => buildEnvironmentStacks(app, config)));
    rmSync(options.outdir, { recursive: true, force: true });
    renameSync(staging, options.outdir);
    return 0;
  } catch (error) {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
    if (isUserError(error)) {
      log(error.message);
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      log(`synth failed: ${detail}\n(an internal error, not a configuration problem; set DEBUG=1 for the stack trace)`);
      if (process.env.DEBUG && error instanceof Error && error.stack) log(error.stack);
    }
    return 1;
  }
}
