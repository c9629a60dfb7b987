import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { terraform, TerraformResult } from './terraform';

/** Stack folders cdktf wrote under `<outdir>/stacks`, sorted. */
export function synthesizedStacks(outdir: string): string[] {
  return readdirSync(join(outdir, 'stacks')).sort();
}

/** Result of `terraform init -backend=false` + `terraform validate` in one stack folder. */
export interface ValidateResult {
  readonly stack: string;
  readonly ok: boolean;
  /** What terraform said when it failed or warned. */
  readonly messages: string[];
}

/** Validates one synthesized stack offline. */
export async function validateStack(outdir: string, stack: string, cliConfig: string): Promise<ValidateResult> {
  const dir = join(outdir, 'stacks', stack);
  const init: TerraformResult = await terraform(dir, ['init', '-backend=false', '-input=false', '-no-color'], cliConfig);
  if (init.code !== 0) return { stack, ok: false, messages: [init.stderr.trim() || init.stdout.trim()] };
  const validate = await terraform(dir, ['validate', '-json', '-no-color'], cliConfig);
  const report = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { severity: string; summary: string; detail?: string }[] };
  return {
    stack,
    ok: report.valid && report.diagnostics.length === 0,
    messages: report.diagnostics.map((d) => `${d.severity}: ${d.summary}${d.detail ? ` (${d.detail})` : ''}`),
  };
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

