import { COMPUTE_PACK } from './rules/compute';
import { CONTAINERS_PACK } from './rules/containers';
import { DATA_PACK } from './rules/data';
import { EDGE_PACK } from './rules/edge';
import { NETWORK_PACK } from './rules/network';
import { OBSERVABILITY_PACK } from './rules/observability';
import { STORAGE_PACK } from './rules/storage';
import { PolicyPack, PolicyRule } from './types';

/** The rules by pack, in the order they are run and reported. */
export const POLICY_PACKS: Readonly<Record<PolicyPack, readonly PolicyRule[]>> = {
  storage: STORAGE_PACK,
  network: NETWORK_PACK,
  compute: COMPUTE_PACK,
  containers: CONTAINERS_PACK,
  edge: EDGE_PACK,
  data: DATA_PACK,
  observability: OBSERVABILITY_PACK,
};

/** Every rule run on every stack. */
export const POLICY_RULES: readonly PolicyRule[] = Object.values(POLICY_PACKS).flat();

/** The rule with this id, or undefined. */
export function policyRule(id: string): PolicyRule | undefined {
  return POLICY_RULES.find((rule) => rule.id === id);
}
