import { IConstruct } from 'constructs';
import { policyRule, POLICY_RULES } from './packs';

const METADATA_TYPE = 'policy-suppression';
/** A reason shorter than this says nothing ("n/a", "ok"). */
export const MIN_REASON_LENGTH = 10;

/** A rule switched off for one construct and everything below it, with the reason. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** A policy problem written for the user: printed without a stack trace (see isUserError in stacks/synth.ts). */
export class PolicyError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/**
 * Switches rule `ruleId` off for `construct` and every construct below it. The reason is
 * mandatory and appears in the policy report (`npm run policy`); a missing or empty
 * reason, or an unknown rule id, is an error at once.
 *
 * @example suppressPolicy(uploads, 'S3-VERSIONING', 'edge.uploadsVersioning is false: uploads can be restored from the web servers');
 */
export function suppressPolicy(construct: IConstruct, ruleId: string, reason: string): void {
  if (policyRule(ruleId) === undefined) {
    throw new PolicyError(
      `Suppression of unknown policy rule "${ruleId}" on ${construct.node.path}; expected one of ${POLICY_RULES.map((rule) => rule.id).join(', ')}.`,
    );
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new PolicyError(
      `Suppression of ${ruleId} on ${construct.node.path} has no reason (got ${JSON.stringify(reason ?? null)}): ` +
        `say why the rule does not apply here, in at least ${MIN_REASON_LENGTH} characters; it is printed in the policy report.`,
    );
  }
  construct.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() } satisfies Suppression);
}

/** The suppressions made on this construct itself. */
export function ownSuppressions(construct: IConstruct): Suppression[] {
  return construct.node.metadata.filter((entry) => entry.type === METADATA_TYPE).map((entry) => entry.data as Suppression);
}

/** The suppressions that apply to a construct: its own and those of every scope above it, nearest first. */
export function suppressionsOf(construct: IConstruct): { readonly scope: IConstruct; readonly suppression: Suppression }[] {
  return [...construct.node.scopes].reverse().flatMap((scope) => ownSuppressions(scope).map((suppression) => ({ scope, suppression })));
}
