import { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnvironmentConfig } from '../../config/schema';
import { evaluateStack, StackPolicyReport, unsuppressedFindings } from './engine';
import { formatFindings } from './report';
import { PolicyError } from './suppressions';

const reports = new WeakMap<TerraformStack, StackPolicyReport>();

/**
 * Runs the policy rules on a stack while cdktf synthesizes it, before the stack is
 * written. Visiting the stack arms a check that runs once every aspect has run (cdktf
 * runs node validations after aspects), so the rules judge the stack's resolved
 * Terraform JSON exactly as it will be written, as a whole: relations between resources
 * are by reference. It only records the report; the caller of app.synth() decides what
 * to do with it (see assertPolicyClean). Needs validations on (App skipValidation false).
 */
export class PolicyAspect implements IAspect {
  private armed = false;

  constructor(
    private readonly stack: TerraformStack,
    private readonly config: EnvironmentConfig,
  ) {}

  visit(node: IConstruct): void {
    if (node !== this.stack) return;
    reports.delete(this.stack);
    if (this.armed) return;
    this.armed = true;
    this.stack.node.addValidation({
      validate: () => {
        reports.set(this.stack, evaluateStack(this.stack, this.config));
        return [];
      },
    });
  }
}

/** The policy report of a stack from its last synth, or undefined before the first. */
export function policyReportOf(stack: TerraformStack): StackPolicyReport | undefined {
  return reports.get(stack);
}

/**
 * Throws a PolicyError listing every unsuppressed finding of the stacks' last synth
 * (rule id, stack, construct path, problem, fix); does nothing when there are none. A
 * stack the rules did not run on (no PolicyAspect, or not synthesized) is an error too.
 */
export function assertPolicyClean(stacks: readonly TerraformStack[]): void {
  const unchecked = stacks.filter((stack) => policyReportOf(stack) === undefined).map((stack) => stack.node.id);
  if (unchecked.length > 0) throw new Error(`the policy rules did not run on stack(s) ${unchecked.join(', ')}: synthesize them with a PolicyAspect and validations on`);
  const findings = unsuppressedFindings(stacks.map((stack) => policyReportOf(stack) as StackPolicyReport));
  if (findings.length > 0) {
    throw new PolicyError(`Policy check failed with ${findings.length} finding(s); nothing was written.\n${formatFindings(findings)}`);
  }
}
