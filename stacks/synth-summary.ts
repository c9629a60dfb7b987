import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../config/environment-files';
import { InstallResult } from './output-folder';

/** One synthesized stack as the summary shows it. */
export interface SynthesizedStackSummary {
  /** `<environment>-<tier>`. */
  readonly stack: string;
  readonly environment: string;
  /** Resources declared in the stack's Terraform JSON. */
  readonly resources: number;
}

/** Counts the resources declared in a synthesized stack file (cdk.tf.json). */
export function countResources(stackFile: string): number {
  const json = JSON.parse(readFileSync(stackFile, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

/**
 * What a successful synth tells the user: per environment the stacks written (in
 * dependency order) with their resource counts, where they are, and every stack folder
 * it removed or kept although its stack is gone.
 */
export function formatSynthSummary(stacks: readonly SynthesizedStackSummary[], install: InstallResult, outdir: string): string {
  const where = join(displayPath(outdir), 'stacks');
  const environments = [...new Set(stacks.map((stack) => stack.environment))];
  const width = Math.max(...environments.map((name) => name.length));
  const lines = [`Synthesized ${stacks.length} stacks of ${environments.length} environment(s) into ${where}/:`];
  for (const environment of environments) {
    const own = stacks.filter((stack) => stack.environment === environment);
    const tiers = own.map((stack) => `${stack.stack.slice(environment.length + 1)} ${stack.resources}`).join(', ');
    const total = own.reduce((sum, stack) => sum + stack.resources, 0);
    lines.push(`  ${environment.padEnd(width)}  ${tiers}  (${total} resources)`);
  }
  for (const stack of install.removed) lines.push(`Removed ${where}/${stack}: its stack is no longer in the configuration and the folder held nothing but generated files.`);
  for (const folder of install.kept) {
    lines.push(
      `Kept ${where}/${folder.stack}: its stack is no longer in the configuration, but the folder holds ${folder.holds.join(', ')}, which synth never deletes. ` +
        'If its resources should go, run `terraform destroy` there first; then delete the folder.',
    );
  }
  return lines.join('\n');
}
