import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ConfigError } from '../config/errors';
import { DEFAULT_CONFIG_DIR, loadSelectedEnvironments, parseEnvironmentSelection } from '../config/load';
import { assertPolicyClean } from '../constructs/policy/aspect';
import { buildEnvironmentStacks } from './environment-stacks';
import { installSynthOutput } from './output-folder';
import { countResources, formatSynthSummary } from './synth-summary';

export interface SynthOptions {
  /** Comma-separated environment names; empty or undefined means all. */
  readonly environments?: string;
  /** Folder of `<environment>.yaml` files. @default config/environments */
  readonly configDir?: string;
  /** Where the stacks are written (cdktf's outdir). */
  readonly outdir: string;
  /** Makes the cdktf App writing to the given folder. */
  readonly createApp: (outdir: string) => App;
  /** Where errors go. @default process.stderr */
  readonly log?: (message: string) => void;
  /**
   * Whether the cdktf CLI runs this synth. The CLI lists the stack folders before the app
   * runs and deletes those missing from the manifest afterwards (failing on one already
   * gone), so unused stack folders are then left to it.
   * @default false - synth removes unused stack folders that hold only generated files
   */
  readonly underCdktfCli?: boolean;
  /** Where the summary of a successful synth goes. @default process.stdout */
  readonly report?: (summary: string) => void;
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
 * Validates all configuration, then synthesizes into a staging folder and, only when
 * every stack was written and passed the policy, installs it into the output folder
 * (see installSynthOutput): generated files are replaced, state, `.terraform/`, lock
 * files, plans and anything else synth did not write stay, and the stacks of environments
 * not selected are left alone. Bad input leaves the previous output as it was. Returns
 * the process exit code.
 */
export function runSynth(options: SynthOptions): number {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const report = options.report ?? ((summary: string) => process.stdout.write(`${summary}\n`));
  const configDir = options.configDir ?? DEFAULT_CONFIG_DIR;
  const staging = `${options.outdir}.staging-${process.pid}`;
  try {
    const environments = loadSelectedEnvironments(options.environments, configDir);
    rmSync(staging, { recursive: true, force: true });
    // cdktf makes only the last level of its output folder: CDKTF_OUTDIR=build/out with no build/ would fail.
    mkdirSync(dirname(options.outdir), { recursive: true });
    const app = options.createApp(staging);
    const stacks = environments.flatMap((config) => buildEnvironmentStacks(app, config));
    synthesizeCheckedStacks(app, stacks);

    // Synthesizing every environment owns every stack folder, including those of environment files since removed.
    const everyEnvironment = parseEnvironmentSelection(options.environments).length === 0;
    const selected = new Set(environments.map((config) => config.environment));
    const summaries = stacks.map((stack) => ({
      stack: stack.node.id,
      environment: stack.config.environment,
      resources: countResources(join(staging, 'stacks', stack.node.id, 'cdk.tf.json')),
    }));
    const installed = installSynthOutput(staging, options.outdir, (stack) => everyEnvironment || selected.has(environmentOfStack(stack)), !options.underCdktfCli);
    report(formatSynthSummary(summaries, installed, options.outdir));
    return 0;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
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

/** The environment a stack folder belongs to: stacks are named `<environment>-<tier>`, and environment names hold no `-`. */
function environmentOfStack(stack: string): string {
  return stack.split('-')[0];
}
