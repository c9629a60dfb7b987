import { resolve } from 'node:path';
import { App } from 'cdktf';
import { displayPath } from '../../../config/environment-files';
import { DEFAULT_CONFIG_DIR, loadSelectedEnvironments } from '../../../config/load';
import { isUserError, runSynth } from '../../../stacks/synth';
import { EnvironmentConfig } from '../../../config/schema';
import { pipelinePolicies, REPOSITORY_PLACEHOLDER } from '../pipeline-policies';
import { TERRAFORM_VERSION } from '../toolchain';
import { buildBundle, BundleInput, writeBundle } from './bundle';

export const HANDOFF_USAGE = 'usage: npm run handoff -- <environment> [--out <folder>] [--skip-synth] [--repository <owner>/<repo>]';

/** What `npm run handoff` was asked to do. */
export interface HandoffOptions {
  readonly environment: string;
  /** Folder the bundle and its archive go into. @default handoff */
  readonly outRoot: string;
  /** Use the stacks already synthesized in `outdir` instead of synthesizing the environment first. @default false */
  readonly skipSynth: boolean;
  /**
   * The GitHub repository whose workflows may assume the pipeline roles (`iam/*-trust.json`).
   * @default GITHUB_REPOSITORY, else the placeholder OWNER/REPO
   */
  readonly repository?: string;
}

/** Parses the command line; a string is the usage problem. */
export function parseHandoffArguments(args: readonly string[]): HandoffOptions | string {
  const positional: string[] = [];
  let outRoot = 'handoff';
  let skipSynth = false;
  let repository: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--skip-synth') skipSynth = true;
    else if (arg === '--out' || arg === '--repository') {
      const value = args[++index];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--out') outRoot = value;
      else repository = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return positional.length === 0 ? 'name one environment' : `name one environment, not ${positional.length} (${positional.join(', ')})`;
  return { environment: positional[0], outRoot, skipSynth, ...(repository === undefined ? {} : { repository }) };
}

/** Where handoff reads configuration and synthesized stacks, and where it prints. */
export interface HandoffContext {
  /** @default config/environments (CONFIG_DIR) */
  readonly configDir?: string;
  /** The synthesized output folder (cdktf's outdir). */
  readonly outdir: string;
  readonly print: (line: string) => void;
  readonly log: (line: string) => void;
}

/** The bundle's `iam/` folder: the pipeline roles' policies and trust policies (see scripts/lib/pipeline-policies.ts). */
function pipelineDocuments(config: EnvironmentConfig, repository: string | undefined): NonNullable<BundleInput['iamDocuments']> {
  return (stacks) => {
    const policies = pipelinePolicies(config, new Map(stacks.map((facts) => [facts.stack.name, facts.json])), { repository });
    const left = policies.localStacks.length > 0 ? ` (not ${policies.localStacks.join(', ')}: local state, applied by hand)` : '';
    return new Map([
      ['plan-policy.json', { document: policies.plan, about: `permissions of the plan role: read only, plus reading state and taking the lock${left}` }],
      ['apply-policy.json', { document: policies.apply, about: `permissions of the apply role: the plan role's, plus changing the stacks' resources and writing state${left}` }],
      ['plan-trust.json', { document: policies.planTrust, about: `who may assume the plan role: GitHub Actions runs for pull requests of ${repository ?? REPOSITORY_PLACEHOLDER}` }],
      ['apply-trust.json', { document: policies.applyTrust, about: `who may assume the apply role: GitHub Actions jobs of ${repository ?? REPOSITORY_PLACEHOLDER} in the GitHub environment ${config.environment}` }],
    ]);
  };
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
      iamDocuments: pipelineDocuments(config, options.repository),
    });
    const written = writeBundle(resolve(options.outRoot), config.environment, files);
    const stacks = [...files.keys()].filter((path) => /^\d\d-[^/]+\/cdk\.tf\.json$/.test(path)).map((path) => path.split('/')[0]);
    context.print(`Wrote the handoff bundle of ${config.environment}: ${displayPath(written.folder)}/ (${stacks.length} stacks: ${stacks.join(', ')}) and ${displayPath(written.archive)}.`);
    context.print(`Check it with: cd ${displayPath(written.folder)} && sha256sum -c SHA256SUMS; its README.md says how to apply it.`);
    return 0;
  } catch (error) {
    // Bundle and policy problems are user-facing (HandoffError, PipelinePolicyError, ConfigError): their message is the whole story.
    if (isUserError(error)) {
      context.log(error.message);
    } else {
      context.log(`handoff failed: ${error instanceof Error ? error.message : String(error)}\n(an internal error, not a configuration problem; set DEBUG=1 for the stack trace)`);
      if (process.env.DEBUG && error instanceof Error && error.stack) context.log(error.stack);
    }
    return 1;
  }
}
