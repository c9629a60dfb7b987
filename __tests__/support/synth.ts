import { Testing, TerraformStack } from 'cdktf';

/** A synthesized stack as parsed Terraform JSON. */
export interface SynthesizedStack {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; description?: string }>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly terraform?: Record<string, unknown>;
}

/** Synthesizes one stack (as `cdktf synth` would) and parses the JSON. */
export function synthStack(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, false)) as SynthesizedStack;
}

/** All resources of one Terraform type, keyed by their logical id. */
export function resourcesOf(json: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type; fails the test when there are none or several. */
export function onlyResource(json: SynthesizedStack, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The `${type.id}` reference other resources use to point at the resource with this logical id. */
export function refTo(type: string, logicalId: string, attribute = 'id'): string {
  return `\${${type}.${logicalId}.${attribute}}`;
}

/** The logical id of the only resource of a type whose id starts with `idPrefix`; fails the test when there are none or several. */
export function idUnder(json: SynthesizedStack, type: string, idPrefix: string): string {
  const ids = Object.keys(resourcesOf(json, type)).filter((id) => id.startsWith(idPrefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} with id ${idPrefix}*, found ${ids.length}`);
  return ids[0];
}

/** The only resource of a type whose logical id starts with `idPrefix` (construct path joined by `_`, such as `store_bucket_`). */
export function resourceUnder(json: SynthesizedStack, type: string, idPrefix: string): Record<string, unknown> {
  const all = Object.entries(resourcesOf(json, type))
    .filter(([id]) => id.startsWith(idPrefix))
    .map(([, resource]) => resource);
  if (all.length !== 1) throw new Error(`expected exactly one ${type} with id ${idPrefix}*, found ${all.length}`);
  return all[0];
}
