import { EnvironmentConfig } from '../../config/schema';

/** The packs rules are grouped in, by concern. */
export type PolicyPack = 'storage' | 'network' | 'compute' | 'edge' | 'data' | 'observability';

/** One resource of a synthesized stack, as Terraform sees it. */
export interface StackResource {
  /** Terraform type, such as aws_s3_bucket. */
  readonly type: string;
  /** Logical id in the stack. */
  readonly name: string;
  /** `<type>.<name>`, what other resources reference. */
  readonly address: string;
  /** Construct path, such as dev-state/store/bucket/bucket. */
  readonly path: string;
  /** The resource's arguments, resolved. */
  readonly values: Readonly<Record<string, any>>;
}

/** What a rule sees: one synthesized stack and its environment. */
export interface PolicyContext {
  readonly stackName: string;
  readonly config: EnvironmentConfig;
  readonly resources: readonly StackResource[];
}

/** The verdict of a rule on one resource. */
export interface RuleVerdict {
  readonly resource: StackResource;
  /** Undefined when compliant; otherwise what is wrong. */
  readonly problem?: string;
}

/**
 * A policy rule: a pure check over a stack's resources. It returns a verdict for each
 * resource it applies to (none when it does not apply to the stack).
 */
export interface PolicyRule {
  /** Stable id, such as S3-ENCRYPTION; used in messages and suppressions. */
  readonly id: string;
  readonly pack: PolicyPack;
  /** One line: what must hold. */
  readonly title: string;
  /** The risk when it does not. */
  readonly explanation: string;
  /** How to fix a finding. */
  readonly fix: string;
  check(context: PolicyContext): RuleVerdict[];
}
