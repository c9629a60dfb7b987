import { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnvironmentConfig } from '../../config/schema';
import { evaluateStack, StackPolicyReport, TerraformJson, unsuppressedFindings } from './engine';
import { POLICY_RULES } from './packs';
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
 *
 * Resolving a stack (`toTerraform()`) is most of what the rules cost, and cdktf resolves it
 * again to write it right after the validations. So the JSON the rules read is frozen (no rule
 * can change what is written) and handed to that write: the stack's next `toTerraform()`
 * returns it instead of resolving again (see handOverToWrite). The file is byte for byte what
 * it was, and the report is made from the very JSON that is written.
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
    takeBack(this.stack);
    if (this.armed) return;
    this.armed = true;
    this.stack.node.addValidation({
      validate: () => {
        takeBack(this.stack);
        const json = deepFreeze(this.stack.toTerraform()) as TerraformJson;
        reports.set(this.stack, evaluateStack(this.stack, this.config, POLICY_RULES, json));
        handOverToWrite(this.stack, json);
        return [];
      },
    });
  }
}

/** Stacks whose `toTerraform()` is, for one call, the JSON their policy validation resolved. */
const handedOver = new WeakSet<TerraformStack>();

/**
 * Makes the stack's next `toTerraform()` (cdktf's StackSynthesizer writing cdk.tf.json, which
 * runs right after the validations with nothing in between that changes the stack) return
 * `json` instead of resolving the stack again. Only once, and only until the current synth
 * returns: the hand-over is taken back when it is used, when the stack is synthesized again
 * (aspects run first), and after the synchronous synth ends (a microtask), so no later call can
 * see JSON older than the stack.
 */
function handOverToWrite(stack: TerraformStack, json: unknown): void {
  Object.defineProperty(stack, 'toTerraform', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: () => {
      takeBack(stack);
      return json;
    },
  });
  handedOver.add(stack);
  queueMicrotask(() => takeBack(stack));
}

/** Undoes handOverToWrite: `toTerraform()` resolves the stack again (TerraformStack's own method). */
function takeBack(stack: TerraformStack): void {
  if (handedOver.delete(stack)) Reflect.deleteProperty(stack, 'toTerraform');
}

/** Freezes a resolved JSON value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
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
