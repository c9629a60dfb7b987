import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath } from '../../config/environment-files';

/** One synthesized stack as cdktf's manifest.json records it. */
export interface SynthesizedStack {
  /** `<environment>-<tier>`. */
  readonly name: string;
  readonly environment: string;
  readonly tier: string;
  /** The stacks it reads outputs of or was made to follow (`addDependency`), by name. */
  readonly dependencies: readonly string[];
  /** Its folder relative to the output folder: `stacks/<name>`. */
  readonly folder: string;
}

/** A stack-order problem written for the user (unknown environment, missing output): printed without a stack trace. */
export class StackOrderError extends Error {
  readonly userFacing = true;
}

interface Manifest {
  readonly stacks: Record<string, { readonly dependencies?: string[]; readonly synthesizedStackPath?: string }>;
}

/** The stacks recorded in `<outdir>/manifest.json`, by name. Throws a StackOrderError when there is no synthesized output. */
export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new StackOrderError(`${displayPath(outdir)}: no synthesized output there (manifest.json missing or unreadable); run npm run synth first`);
  }
  return Object.entries(manifest.stacks)
    .map(([name, entry]) => {
      const environment = name.split('-')[0];
      return {
        name,
        environment,
        tier: name.slice(environment.length + 1),
        dependencies: [...(entry.dependencies ?? [])].sort(),
        folder: join('stacks', name),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * How stacks that could go in either order are ordered: the tiers as README lists them (a system's
 * stacks together, the web platform's first), then by name.
 */
const TIER_ORDER = ['state', 'keys', 'network', 'dns', 'data', 'app', 'edge', 'ops', 'sandbox', 'website', 'files', 'intranet'];

function byTier(a: SynthesizedStack, b: SynthesizedStack): number {
  const rank = (stack: SynthesizedStack) => (TIER_ORDER.includes(stack.tier) ? TIER_ORDER.indexOf(stack.tier) : TIER_ORDER.length);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/**
 * The stacks of one environment in the order they are applied: every stack after all the stacks it
 * depends on (taken from the real cross-stack dependencies synth recorded), ties by tier. Throws a
 * StackOrderError when the output holds no stack of the environment, when a dependency is missing
 * from it, or when dependencies form a cycle.
 */
export function applyOrder(stacks: readonly SynthesizedStack[], environment: string): SynthesizedStack[] {
  const own = stacks.filter((stack) => stack.environment === environment);
  if (own.length === 0) {
    const known = [...new Set(stacks.map((stack) => stack.environment))].sort();
    throw new StackOrderError(
      `environment "${environment}": no stack of it in the synthesized output; ${known.length > 0 ? `it holds ${known.join(', ')}` : 'it holds none'}`,
    );
  }
  const byName = new Map(own.map((stack) => [stack.name, stack]));
  for (const stack of own) {
    const missing = stack.dependencies.filter((dependency) => !byName.has(dependency));
    if (missing.length > 0) throw new StackOrderError(`${stack.name} depends on ${missing.join(', ')}, which the synthesized output does not hold; synthesize again`);
  }
  const ordered: SynthesizedStack[] = [];
  const placed = new Set<string>();
  while (ordered.length < own.length) {
    const ready = own.filter((stack) => !placed.has(stack.name) && stack.dependencies.every((dependency) => placed.has(dependency))).sort(byTier);
    if (ready.length === 0) {
      const left = own.filter((stack) => !placed.has(stack.name)).map((stack) => stack.name);
      throw new StackOrderError(`the stacks ${left.join(', ')} depend on each other in a cycle; no order applies them`);
    }
    // One at a time, the first ready, so an order never depends on how many became ready together.
    ordered.push(ready[0]);
    placed.add(ready[0].name);
  }
  return ordered;
}

/** The environments the synthesized output holds stacks of, sorted. */
export function synthesizedEnvironments(stacks: readonly SynthesizedStack[]): string[] {
  return [...new Set(stacks.map((stack) => stack.environment))].sort();
}
