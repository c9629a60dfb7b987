import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../../../config/environment-files';
import { s3Backend, StackJson } from '../stack-json';
import { SynthesizedStack } from '../stack-order';

/** Where the state stack's bootstrap is explained. */
export const BOOTSTRAP_SECTION = 'README "Bootstrapping state"';

/**
 * Whether a synthesized stack is the state stack still keeping its state in its own folder
 * (`state.stateStackBackend: local`): its cdk.tf.json declares a `local` backend or none.
 */
export function keepsLocalState(stack: SynthesizedStack, stackDir: string): boolean {
  if (stack.tier !== 'state') return false;
  return s3Backend(stack.name, JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson) === undefined;
}

/**
 * Why this command leaves a state stack with local state alone, or undefined when it runs it.
 * Applying it is never this command's job: a CI runner has no copy of the local state and would try
 * to create the bucket and table that exist. A plan is only meaningful where that copy is
 * (`terraform.tfstate` in the stack folder, as after the bootstrap on this machine).
 */
export function localStateSkipReason(stack: SynthesizedStack, stackDir: string, apply: boolean): string | undefined {
  if (!keepsLocalState(stack, stackDir)) return undefined;
  if (apply) return `keeps its state locally until migrated (state.stateStackBackend: local), so it is applied by hand; see ${BOOTSTRAP_SECTION}`;
  if (existsSync(join(stackDir, 'terraform.tfstate'))) return undefined;
  return `keeps its state locally (state.stateStackBackend: local) and ${displayPath(join(stackDir, 'terraform.tfstate'))} is not here; see ${BOOTSTRAP_SECTION}`;
}
