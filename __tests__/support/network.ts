import { App } from 'cdktf';
import type { WebPlatformInput } from './fixtures';
import { NetworkStack } from '../../stacks/network-stack';
import { testConfig } from './fixtures';
import { resourcesOf, synthStack, SynthesizedStack } from './synth';

/** The network stack of the test environment, after `change` edits its raw config. */
export function synthNetwork(change?: (input: WebPlatformInput) => void): SynthesizedStack {
  return synthStack(new NetworkStack(new App(), testConfig(change)));
}

/** Logical id of the one resource of `type` whose id starts with `prefix` (construct path joined by `_`). */
export function idOf(json: SynthesizedStack, type: string, prefix: string): string {
  const ids = Object.keys(resourcesOf(json, type)).filter((id) => id.startsWith(`${prefix}_`));
  if (ids.length !== 1) throw new Error(`expected one ${type} ${prefix}, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}
