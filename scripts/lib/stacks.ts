import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticsOfJsonLines, formatDiagnostic, TerraformDiagnostic } from './diagnostics';
import { terraform, TerraformSettings } from './terraform';

/** The file cdktf writes into each stack folder. */
export const STACK_FILE = 'cdk.tf.json';

/**
 * The stacks of `<outdir>`, sorted: those its manifest.json lists, which synth keeps to the
 * stack folders holding a stack (a folder under `stacks/` may also be a user's own). None
 * when nothing was synthesized there yet.
 */
export function synthesizedStacks(outdir: string): string[] {
  let manifest: string;
  try {
    manifest = readFileSync(join(outdir, 'manifest.json'), 'utf8');
  } catch {
    return [];
  }
  return Object.keys((JSON.parse(manifest) as { stacks: Record<string, unknown> }).stacks).sort();
}

/** Whether one stack passed `terraform validate`, and what terraform said when it did not. */
export interface ValidateResult {
  readonly stack: string;
  /** Valid with no warnings. */
  readonly ok: boolean;
  /** What terraform said about this stack (errors and warnings), one line each. */
  readonly messages: string[];
}

/** What `terraform validate -json` prints. */
export interface ValidateReport {
  readonly valid: boolean;
  readonly diagnostics: TerraformDiagnostic[];
}

/** Parses `terraform validate -json`; an unreadable report becomes an error diagnostic instead of a crash. */
export function parseValidateReport(stdout: string, stderr: string): ValidateReport {
  try {
    return JSON.parse(stdout) as ValidateReport;
  } catch {
    return { valid: false, diagnostics: [{ severity: 'error', summary: 'terraform validate printed no JSON report', detail: (stderr || stdout).trim() }] };
  }
}

/**
 * Validates one stack the way a user would, in its own terraform process: its `cdk.tf.json` is
 * copied to `<workDir>/<stack>/` (so nothing is written into the synthesized folder, where
 * `.terraform/` and lock files belong to the user), then `init -backend=false` and `validate`.
 */
export async function validateStack(outdir: string, stack: string, settings: TerraformSettings, workDir: string): Promise<ValidateResult> {
  const dir = join(workDir, stack);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(outdir, 'stacks', stack, STACK_FILE), join(dir, STACK_FILE));
  const init = await terraform(dir, ['init', '-backend=false', '-input=false', '-no-color', '-json'], settings);
  if (init.code !== 0) {
    const errors = diagnosticsOfJsonLines(init.stdout).filter((diagnostic) => diagnostic.severity === 'error');
    return { stack, ok: false, messages: errors.length > 0 ? errors.map(formatDiagnostic) : [`terraform init failed: ${(init.stderr || init.stdout).trim()}`] };
  }
  // What init says about the configuration, validate says again; init's own warnings are about this scratch folder.
  const validate = await terraform(dir, ['validate', '-json', '-no-color'], settings);
  const report = parseValidateReport(validate.stdout, validate.stderr);
  return { stack, ok: report.valid && report.diagnostics.length === 0, messages: report.diagnostics.map(formatDiagnostic) };
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the input order in the result. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
