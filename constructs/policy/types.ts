import { EnvironmentConfig } from '../../config/schema';

/** The packs rules are grouped in, by concern. */
export type PolicyPack = 'storage' | 'network' | 'compute' | 'containers' | 'edge' | 'data' | 'observability';

/** One resource of a synthesized stack, as Terraform sees it. */
export interface StackResource {
  /** Terraform type, such as aws_s3_bucket. */
  readonly type: string;
  /** Logical id in the stack. */
  readonly name: string;
  /** `<type>.<name>`: what other resources reference (`${aws_s3_bucket.<name>.id}`). */
  readonly address: string;
  /** Construct path, such as dev-state/store/bucket/bucket. */
  readonly path: string;
  /** The resource's arguments, tokens resolved. */
  readonly values: Readonly<Record<string, any>>;
}

/** What a rule sees: one synthesized stack and the environment it belongs to. */
export interface PolicyContext {
  /** The stack's name, `<environment>-<tier>`. */
  readonly stackName: string;
  /** The validated environment (production-only rules, what config asks for). */
  readonly config: EnvironmentConfig;
  /** Every resource of the stack. */
  readonly resources: readonly StackResource[];
  /**
   * The region of each provider block of the stack whose region is a literal, keyed the way a
   * resource names its provider in its `provider` argument: `aws.<alias>` for an aliased block,
   * `aws` for the default one (which a resource without `provider` uses).
   * @default - no regions known
   */
  readonly providerRegions?: Readonly<Record<string, string>>;
}

/** The verdict of a rule on one resource: compliant when `problem` is undefined. */
export interface RuleVerdict {
  readonly resource: StackResource;
  /** What is wrong, as a phrase after the resource ("has no default encryption"). */
  readonly problem?: string;
}

/**
 * A policy rule: a pure function of one stack's resources. It returns a verdict for
 * each resource it applies to (compliant or not); a resource it returns nothing for is
 * not applicable, and so is the whole rule on a stack that has none.
 */
export interface PolicyRule {
  /** Stable id, such as S3-ENCRYPTION: used in messages and in suppressions. */
  readonly id: string;
  readonly pack: PolicyPack;
  /** One line: what must hold. */
  readonly title: string;
  /** The risk when it does not. */
  readonly explanation: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Judges the stack; must not change anything. */
  readonly check: (context: PolicyContext) => readonly RuleVerdict[];
}
