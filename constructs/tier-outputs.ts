import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { remoteTierState } from './backend';
import { Tier } from './naming';

/** Terraform output names of a tier, one per field of its outputs interface. */
export type OutputNames<T> = { readonly [K in keyof T]: string };

/**
 * Reads the named outputs of an earlier tier of the same environment through one
 * terraform_remote_state data source. Fields in `listFields` are read as lists.
 */
export function readTierOutputs<T extends object>(
  scope: Construct,
  config: EnvironmentConfig,
  tier: Tier,
  names: OutputNames<T>,
  listFields: readonly (keyof T)[] = [],
): T {
  const state = remoteTierState(scope, config, tier);
  const entries = (Object.keys(names) as (keyof T)[]).map((key) => [
    key,
    listFields.includes(key) ? state.getList(names[key]) : state.getString(names[key]),
  ]);
  return Object.fromEntries(entries) as T;
}

/** Publishes one described TerraformOutput per field, under the names later tiers read. */
export function publishTierOutputs<T extends object>(
  stack: TerraformStack,
  names: OutputNames<T>,
  values: T,
  descriptions: { readonly [K in keyof T]: string },
): void {
  for (const key of Object.keys(names) as (keyof T)[]) {
    new TerraformOutput(stack, names[key], { value: values[key], description: descriptions[key] });
  }
}
