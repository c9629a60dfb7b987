import { IConstruct } from 'constructs';
import { POLICY_RULES } from './packs';

const METADATA_TYPE = 'policy-suppression';
/** A reason shorter than this says nothing. */
const MIN_REASON_LENGTH = 10;

/** A rule switched off for one construct and everything below it, with the reason. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** A policy problem written for the user (printed without a stack trace). */
export class PolicyError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/**
 * Switches rule `ruleId` off for `construct` and everything below it. The reason is
 * mandatory and appears in the policy report; an unknown rule id is an error too.
 */
export function suppressPolicy(construct: IConstruct, ruleId: string, reason: string): void {
  if (!POLICY_RULES.some((rule) => rule.id === ruleId)) {
    throw new PolicyError(`Suppression of unknown policy rule "${ruleId}" on ${construct.node.path}; known rules: ${POLICY_RULES.map((rule) => rule.id).join(', ')}.`);
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new PolicyError(
      `Suppression of ${ruleId} on ${construct.node.path} has no reason: say why the rule does not apply (at least ${MIN_REASON_LENGTH} characters).`,
    );
  }
  construct.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() });
}

/** The suppressions of a construct and of every scope above it. */
export function suppressionsOf(construct: IConstruct): Suppression[] {
  return construct.node.scopes.flatMap((scope) =>
    scope.node.metadata.filter((entry) => entry.type === METADATA_TYPE).map((entry) => entry.data as Suppression),
  );
}
