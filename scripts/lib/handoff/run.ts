import { resolve } from 'node:path';
import { App } from 'cdktf';
import { displayPath } from '../../../config/environment-files';
import { DEFAULT_CONFIG_DIR, loadSelectedEnvironments } from '../../../config/load';
import { isUserError, runSynth } from '../../../stacks/synth';
import { TERRAFORM_VERSION } from '../toolchain';
import { buildBundle, BundleInput, HandoffError, writeBundle } from './bundle';

export const HANDOFF_USAGE = 'usage: npm run handoff -- <environment> [--out <folder>] [--skip-synth]';

/** What `npm run handoff` was asked to do. */
export interface HandoffOptions {
  readonly environment: string;
  /** Folder the bundle and its archive go into. @default handoff */
  readonly outRoot: string;
  /** Use the stacks already synthesized in `outdir` instead of synthesizing the environment first. @default false */
  readonly skipSynth: boolean;
}

/** Parses the command line; a string is the usage problem. */
export function parseHandoffArguments(args: readonly string[]): HandoffOptions | string {
  const positional: string[] = [];
  let outRoot = 'handoff';
  let skipSynth = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--skip-synth') skipSynth = true;
    else if (arg === '--out') {
      const value = args[++index];
      if (value === undefined || value.startsWith('--')) return '--out needs a folder';
      outRoot = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return positional.length === 0 ? 'name one environment' : `name one environment, not ${positional.length} (${positional.join(', ')})`;
  return { environment: positional[0], outRoot, skipSynth };
}

/** Where handoff reads configuration and synthesized stacks, and where it prints. */
export interface HandoffContext {
  /** @default config/environments (CONFIG_DIR) */
  readonly configDir?: string;
  /** The synthesized output folder (cdktf's outdir). */
  readonly outdir: string;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
  /** Policy documents for the bundle's `iam/` folder. */
  readonly iamDocuments?: BundleInput['iamDocuments'];
}

/**
 * `npm run handoff -- <env>`: synthesizes the environment (unless asked not to), then writes its
 * bundle and archive. Returns the exit code: 1 for bad input, with nothing written.
 */
export function runHandoff(options: HandoffOptions, context: HandoffContext): number {
  try {
    const configDir = context.configDir ?? DEFAULT_CONFIG_DIR;
    const [config] = loadSelectedEnvironments(options.environment, configDir);
    if (!options.skipSynth) {
      const code = runSynth({
        environments: options.environment,
        configDir,
        outdir: context.outdir,
        createApp: (outdir) => new App({ outdir, stackTraces: false }),
        log: context.log,
        report: () => undefined,
      });
      if (code !== 0) return code;
    }
    const files = buildBundle({
      outdir: context.outdir,
      environment: config.environment,
      accountId: config.accountId,
      region: config.region,
      terraformVersion: TERRAFORM_VERSION,
      iamDocuments: context.iamDocuments,
    });
    const written = writeBundle(resolve(options.outRoot), config.environment, files);
    const stacks = [...files.keys()].filter((path) => /^\d\d-[^/]+\/cdk\.tf\.json$/.test(path)).map((path) => path.split('/')[0]);
    context.print(`Wrote the handoff bundle of ${config.environment}: ${displayPath(written.folder)}/ (${stacks.length} stacks: ${stacks.join(', ')}) and ${displayPath(written.archive)}.`);
    context.print(`Check it with: cd ${displayPath(written.folder)} && sha256sum -c SHA256SUMS; its README.md says how to apply it.`);
    return 0;
  } catch (error) {
    if (!isUserError(error) && !(error instanceof HandoffError)) throw error;
    context.log(error.message);
    return 1;
  }
}
