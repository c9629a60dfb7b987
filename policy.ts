import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { DEFAULT_CONFIG_DIR, loadSelectedEnvironments } from './config/load';
import { policyReportOf } from './constructs/policy/aspect';
import { StackPolicyReport, unsuppressedFindings } from './constructs/policy/engine';
import { formatReport, formatRules } from './constructs/policy/report';
import { buildEnvironmentStacks } from './stacks/environment-stacks';
import { isUserError } from './stacks/synth';

/** What `npm run policy` checks and where it prints. */
export interface PolicyRunOptions {
  /** Comma-separated environment names; empty or undefined means all. */
  readonly environments?: string;
  /** Folder of `<environment>.yaml` files. @default config/environments */
  readonly configDir?: string;
  /** Print the rules (id, pack, title, risk, fix) instead of checking the stacks. @default false */
  readonly listRules?: boolean;
  /** Where the report goes. @default process.stdout */
  readonly out?: (text: string) => void;
  /** Where errors go. @default process.stderr */
  readonly log?: (message: string) => void;
}

/**
 * `npm run policy`: synthesizes every stack of the environments into a throwaway folder
 * (nothing in cdktf.out changes) and prints the policy report: per stack, the rules that
 * applied, what passed, what was suppressed and why, what failed. Returns the exit code:
 * 1 when any finding is unsuppressed or the configuration is invalid.
 */
export function runPolicy(options: PolicyRunOptions = {}): number {
  const out = options.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  if (options.listRules) {
    out(formatRules());
    return 0;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'policy-'));
  try {
    const environments = loadSelectedEnvironments(options.environments, options.configDir ?? DEFAULT_CONFIG_DIR);
    const app = new App({ outdir, stackTraces: false });
    const stacks = environments.flatMap((config) => buildEnvironmentStacks(app, config));
    app.synth();
    const reports = stacks.map((stack) => policyReportOf(stack)).filter((report): report is StackPolicyReport => report !== undefined);
    out(formatReport(reports));
    return unsuppressedFindings(reports).length > 0 ? 1 : 0;
  } catch (error) {
    log(isUserError(error) ? error.message : `policy check failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  process.exitCode = runPolicy({
    listRules: args.includes('--rules'),
    environments: args.filter((arg) => !arg.startsWith('--')).join(',') || process.env.ENVIRONMENTS,
    configDir: process.env.CONFIG_DIR,
  });
}
