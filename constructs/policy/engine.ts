import { TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnvironmentConfig } from '../../config/schema';
import { POLICY_RULES } from './packs';
import { blocks, isLiteral } from './resources';
import { ownSuppressions, suppressionsOf } from './suppressions';
import { PolicyRule, StackResource } from './types';

/** A rule that does not hold for one resource. */
export interface Finding {
  readonly ruleId: string;
  /** Stack name, `<environment>-<tier>`. */
  readonly stack: string;
  /** Construct path of the resource. */
  readonly path: string;
  /** Terraform address of the resource (`aws_s3_bucket.uploads_bucket_1A2B3C4D`). */
  readonly address: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A finding switched off by a suppression, with where it was made and why. */
export interface SuppressedFinding extends Finding {
  /** Construct path the suppression was made on. */
  readonly suppressedAt: string;
  readonly reason: string;
}

/** A suppression that matched no finding: stale, or on the wrong construct. */
export interface UnusedSuppression {
  readonly ruleId: string;
  readonly path: string;
  readonly reason: string;
}

/** What one rule found in one stack. */
export interface RuleOutcome {
  readonly rule: PolicyRule;
  /** Resources the rule applied to and found compliant. */
  readonly passed: number;
  readonly failed: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
}

/** Every rule's outcome on one stack. */
export interface StackPolicyReport {
  readonly stack: string;
  readonly outcomes: readonly RuleOutcome[];
  readonly unusedSuppressions: readonly UnusedSuppression[];
}

/** A stack's Terraform JSON (`stack.toTerraform()`), as far as the rules read it. */
export type TerraformJson = Readonly<Record<'resource' | 'data', Record<string, Record<string, Record<string, any>>> | undefined>> & {
  /** Provider blocks by provider name: one block, or a list of them (the default and the aliased ones). */
  readonly provider?: Readonly<Record<string, unknown>>;
};

/** The literal region of every provider block, by `<name>` (the default block) or `<name>.<alias>`. */
function providerRegionsOf(json: TerraformJson): Record<string, string> {
  const regions: Record<string, string> = {};
  for (const [name, value] of Object.entries(json.provider ?? {})) {
    for (const block of blocks(value)) {
      const key = typeof block.alias === 'string' ? `${name}.${block.alias}` : name;
      if (isLiteral(block.region)) regions[key] = block.region;
    }
  }
  return regions;
}

/** Construct of every resource and data source of the stack (`constructs`: its findAll()), by Terraform address. */
function elementsByAddress(constructs: readonly IConstruct[]): Map<string, IConstruct> {
  const elements = new Map<string, IConstruct>();
  for (const construct of constructs) {
    if (TerraformResource.isTerraformResource(construct)) {
      elements.set(`${construct.terraformResourceType}.${construct.friendlyUniqueId}`, construct);
    } else if (TerraformDataSource.isTerraformDataSource(construct)) {
      elements.set(`data.${construct.terraformResourceType}.${construct.friendlyUniqueId}`, construct);
    }
  }
  return elements;
}

/**
 * The stack's resources and data sources (type `data.<type>`) as Terraform will see them, tokens
 * resolved: from `json`, the stack's `toTerraform()` when the caller has it already (resolving a
 * stack is most of the rules' cost), else resolved here.
 */
export function stackResources(stack: TerraformStack, json: TerraformJson = stack.toTerraform() as TerraformJson): StackResource[] {
  return resourcesOf(json, elementsByAddress(stack.node.findAll()));
}

function resourcesOf(json: TerraformJson, elements: ReadonlyMap<string, IConstruct>): StackResource[] {
  const list = (block: TerraformJson['resource'], prefix: string) =>
    Object.entries(block ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, values]) => {
        const address = `${prefix}${type}.${name}`;
        const path = elements.get(address)?.node.path ?? values['//']?.metadata?.path ?? address;
        return { type: `${prefix}${type}`, name, address, path, values };
      }),
    );
  return [...list(json.resource, ''), ...list(json.data, 'data.')];
}

/**
 * Runs the rules on a stack and applies the suppressions made on its constructs.
 * Pure apart from reading the stack: the same stack gives the same report. `json` is the
 * stack's `toTerraform()` when the caller has it (see PolicyAspect); the rules only read it.
 */
export function evaluateStack(stack: TerraformStack, config: EnvironmentConfig, rules: readonly PolicyRule[] = POLICY_RULES, json?: TerraformJson): StackPolicyReport {
  const resolved = json ?? (stack.toTerraform() as TerraformJson);
  const constructs = stack.node.findAll();
  const elements = elementsByAddress(constructs);
  const resources = resourcesOf(resolved, elements);
  const context = { stackName: stack.node.id, config, resources, providerRegions: providerRegionsOf(resolved) };
  const used = new Set<string>();
  const outcomes = rules.map((rule): RuleOutcome => {
    let verdicts;
    try {
      verdicts = rule.check(context);
    } catch (error) {
      throw new Error(`policy rule ${rule.id} failed on stack ${stack.node.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const failed: Finding[] = [];
    const suppressed: SuppressedFinding[] = [];
    for (const { resource, problem } of verdicts) {
      if (problem === undefined) continue;
      const finding: Finding = { ruleId: rule.id, stack: stack.node.id, path: resource.path, address: resource.address, problem, fix: rule.fix };
      const construct = elements.get(resource.address);
      const match = construct ? suppressionsOf(construct).find(({ suppression }) => suppression.ruleId === rule.id) : undefined;
      if (match) {
        used.add(`${match.scope.node.path}\u0000${rule.id}`);
        suppressed.push({ ...finding, suppressedAt: match.scope.node.path, reason: match.suppression.reason });
      } else {
        failed.push(finding);
      }
    }
    return { rule, passed: verdicts.length - failed.length - suppressed.length, failed, suppressed };
  });
  const checked = new Set(rules.map((rule) => rule.id));
  const unusedSuppressions = constructs
    .flatMap((construct) => ownSuppressions(construct).map((s) => ({ ruleId: s.ruleId, path: construct.node.path, reason: s.reason })))
    .filter((s) => checked.has(s.ruleId) && !used.has(`${s.path}\u0000${s.ruleId}`));
  return { stack: stack.node.id, outcomes, unusedSuppressions };
}

/** The findings of some reports that no suppression covers. */
export function unsuppressedFindings(reports: readonly StackPolicyReport[]): Finding[] {
  return reports.flatMap((report) => report.outcomes.flatMap((outcome) => outcome.failed));
}
