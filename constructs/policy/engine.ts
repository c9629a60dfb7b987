import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnvironmentConfig } from '../../config/schema';
import { POLICY_RULES } from './packs';
import { suppressionsOf } from './suppressions';
import { PolicyRule, StackResource } from './types';

/** A rule that does not hold for one resource. */
export interface Finding {
  readonly ruleId: string;
  readonly stack: string;
  /** Construct path of the resource. */
  readonly path: string;
  /** Terraform address of the resource. */
  readonly address: string;
  readonly problem: string;
  readonly fix: string;
}

/** What one rule found in one stack. */
export interface RuleOutcome {
  readonly rule: PolicyRule;
  /** Resources checked and compliant. */
  readonly passed: number;
  readonly failed: readonly Finding[];
  readonly suppressed: readonly { readonly finding: Finding; readonly reason: string }[];
}

/** Every rule's outcome on one stack. */
export interface StackPolicyReport {
  readonly stack: string;
  readonly outcomes: readonly RuleOutcome[];
}

type TerraformJson = { resource?: Record<string, Record<string, Record<string, any>>> };

/** The stack's resources as Terraform will see them (tokens resolved). */
export function stackResources(stack: TerraformStack): StackResource[] {
  const json = stack.toTerraform() as TerraformJson;
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, values]) => ({
      type,
      name,
      address: `${type}.${name}`,
      path: values['//']?.metadata?.path ?? `${stack.node.path}/${name}`,
      values,
    })),
  );
}

/** Runs every rule on a stack, applying the suppressions found on its constructs. */
export function evaluateStack(stack: TerraformStack, config: EnvironmentConfig, rules: readonly PolicyRule[] = POLICY_RULES): StackPolicyReport {
  const resources = stackResources(stack);
  const constructs = new Map<string, IConstruct>(stack.node.findAll().map((construct) => [construct.node.path, construct]));
  const context = { stackName: stack.node.id, config, resources };
  const outcomes = rules.map((rule) => {
    const verdicts = rule.check(context);
    const failed: Finding[] = [];
    const suppressed: { finding: Finding; reason: string }[] = [];
    for (const { resource, problem } of verdicts) {
      if (problem === undefined) continue;
      const finding = { ruleId: rule.id, stack: stack.node.id, path: resource.path, address: resource.address, problem, fix: rule.fix };
      const construct = constructs.get(resource.path);
      const suppression = construct ? suppressionsOf(construct).find((s) => s.ruleId === rule.id) : undefined;
      if (suppression) suppressed.push({ finding, reason: suppression.reason });
      else failed.push(finding);
    }
    return { rule, passed: verdicts.length - failed.length - suppressed.length, failed, suppressed };
  });
  return { stack: stack.node.id, outcomes };
}

/** One line per finding: rule id, stack, construct path, what is wrong, how to fix it. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map((f) => `  - [${f.ruleId}] ${f.stack}: ${f.path} (${f.address}) ${f.problem}.\n      fix: ${f.fix}`)
    .join('\n');
}
