import { App } from 'cdktf';
import type { WebPlatformConfig } from '../../config/schema';
import { DataStack } from '../../stacks/data-stack';
import type { WebPlatformInput } from './fixtures';
import { testConfig } from './fixtures';
import { resourcesOf, synthStack, SynthesizedStack } from './synth';

/** The raw `data:` section of an environment file. */
export type DataInput = NonNullable<WebPlatformInput['data']>;

/** A KMS key ARN in the test environment's region and account. */
export const TEST_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

/** The data stack of the test environment with `data` as its `data:` section, after `change` edits the rest. */
export function synthData(data: DataInput = {}, change?: (input: WebPlatformInput) => void): { stack: DataStack; config: WebPlatformConfig; json: SynthesizedStack } {
  const config = testConfig((input) => {
    input.data = data;
    change?.(input);
  });
  const stack = new DataStack(new App(), config, config.data!);
  return { stack, config, json: synthStack(stack) };
}

/** Resources of `type` in construct order (logical ids sorted), with their logical ids. */
export function entriesOf(json: SynthesizedStack, type: string): [string, Record<string, unknown>][] {
  return Object.entries(resourcesOf(json, type)).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Logical id of the only resource of `type`. */
export function onlyId(json: SynthesizedStack, type: string): string {
  const ids = Object.keys(resourcesOf(json, type));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return ids[0];
}

/** Every [path, value] leaf of a JSON value, the path joined by dots. */
export function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, path === '' ? key : `${path}.${key}`));
  }
  return [[path, value]];
}
