import { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnvironmentConfig } from '../../config/schema';
import { evaluateStack, StackPolicyReport } from './engine';

const reports = new WeakMap<TerraformStack, StackPolicyReport>();

/**
 * Runs the policy rules on a stack when cdktf synthesizes it (aspects run before the stack
 * is written). The report is kept for the caller of app.synth(): see policyReportOf().
 */
export class PolicyAspect implements IAspect {
  constructor(
    private readonly stack: TerraformStack,
    private readonly config: EnvironmentConfig,
  ) {}

  visit(node: IConstruct): void {
    if (node === this.stack) reports.set(this.stack, evaluateStack(this.stack, this.config));
  }
}

/** The policy report of a synthesized stack, or undefined before synth. */
export function policyReportOf(stack: TerraformStack): StackPolicyReport | undefined {
  return reports.get(stack);
}
