/** IAM's limit on a customer managed policy document, in characters not counting whitespace. */
export const MANAGED_POLICY_SIZE_LIMIT = 6144;

/** A condition block: operator, then condition key, then the values. */
export type PolicyCondition = Record<string, Record<string, string[]>>;

/** One statement of an identity-based (permissions) policy. */
export interface PermissionStatement {
  /** What the statement is for, unique in its document (letters and digits). */
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: PolicyCondition;
}

/** One statement of a role trust policy. */
export interface TrustStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly Federated: string };
  readonly Action: string[];
  readonly Condition: PolicyCondition;
}

/** An IAM policy document as AWS takes it (`aws iam put-role-policy --policy-document file://...`). */
export interface PolicyDocument<S = PermissionStatement> {
  readonly Version: '2012-10-17';
  readonly Statement: S[];
}

/** A pipeline policy problem written for the user (unknown resource type, document too large): printed without a stack trace. */
export class PipelinePolicyError extends Error {
  readonly userFacing = true;
}

/** Whether an IAM action pattern (`ec2:Describe*`, `s3:*`) matches an action or a narrower pattern; case-insensitive, as IAM compares actions. */
export function actionCovers(pattern: string, action: string): boolean {
  if (pattern === action) return true;
  const [patternService, patternName] = splitAction(pattern);
  const [service, name] = splitAction(action);
  if (patternService !== service) return false;
  const expression = new RegExp(`^${patternName.split('*').map(escapeRegExp).join('.*')}$`);
  return expression.test(name);
}

/**
 * The same statements in the form the handoff writes: statements merged by Sid (actions united, the
 * resources and condition of one Sid must agree), actions that a wildcard of the same statement covers
 * dropped, an allow statement that another one with the same condition wholly grants dropped (apply's
 * secretsmanager:* on a secret covers plan's read of its value), everything sorted. Same input, same JSON.
 */
export function normalizedDocument(statements: readonly PermissionStatement[]): PolicyDocument {
  const bySid = new Map<string, PermissionStatement>();
  for (const statement of statements) {
    const earlier = bySid.get(statement.Sid);
    if (earlier === undefined) {
      bySid.set(statement.Sid, statement);
      continue;
    }
    if (key(earlier) !== key(statement)) {
      throw new Error(`statement ${statement.Sid} is built twice with different effects, resources or conditions`);
    }
    bySid.set(statement.Sid, { ...earlier, Action: [...earlier.Action, ...statement.Action] });
  }
  const merged = [...bySid.values()].map((statement) => ({
    Sid: statement.Sid,
    Effect: statement.Effect,
    Action: withoutCovered(sortedUnique(statement.Action)),
    Resource: sortedUnique(statement.Resource),
    ...(statement.Condition === undefined ? {} : { Condition: sortedCondition(statement.Condition) }),
  }));
  return { Version: '2012-10-17', Statement: withoutSubsumed(merged.sort((a, b) => compare(a.Sid, b.Sid))) };
}

/** Characters IAM counts against its size limits: the JSON without any whitespace. */
export function policySize(document: PolicyDocument<unknown>): number {
  return JSON.stringify(document).replace(/\s/g, '').length;
}

/** Throws a PipelinePolicyError when `document` is over IAM's managed policy size limit. */
export function assertWithinSizeLimit(document: PolicyDocument<unknown>, name: string): void {
  const size = policySize(document);
  if (size > MANAGED_POLICY_SIZE_LIMIT) {
    throw new PipelinePolicyError(
      `${name}: the policy is ${size} characters without whitespace, over IAM's limit of ${MANAGED_POLICY_SIZE_LIMIT} for a managed policy; ` +
        'split the environment\'s stacks between more pipeline roles or shorten the table\'s action lists (scripts/lib/pipeline/services.ts)',
    );
  }
}

/** Sorted by code unit, so the order never depends on the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Unique values, sorted by code unit. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compare);
}

function sortedCondition(condition: PolicyCondition): PolicyCondition {
  const sorted: PolicyCondition = {};
  for (const operator of Object.keys(condition).sort(compare)) {
    sorted[operator] = {};
    for (const conditionKey of Object.keys(condition[operator]).sort(compare)) {
      sorted[operator][conditionKey] = sortedUnique(condition[operator][conditionKey]);
    }
  }
  return sorted;
}

function withoutSubsumed(statements: PermissionStatement[]): PermissionStatement[] {
  const grants = (wider: PermissionStatement, narrower: PermissionStatement) =>
    wider !== narrower &&
    wider.Effect === 'Allow' &&
    narrower.Effect === 'Allow' &&
    JSON.stringify(wider.Condition) === JSON.stringify(narrower.Condition) &&
    narrower.Action.every((action) => wider.Action.some((pattern) => actionCovers(pattern, action))) &&
    narrower.Resource.every((resource) => wider.Resource.some((pattern) => resourceCovers(pattern, resource)));
  // Of two statements granting each other, the first (by Sid) stays.
  return statements.filter((statement, index) => !statements.some((other, otherIndex) => grants(other, statement) && !(grants(statement, other) && index < otherIndex)));
}

/** Whether a resource pattern matches every resource another one can: the same text, or a prefix wildcard (`...*`) over it. Conservative. */
function resourceCovers(pattern: string, resource: string): boolean {
  if (pattern === resource || pattern === '*') return true;
  const head = pattern.slice(0, -1);
  return pattern.endsWith('*') && !/[*?]/.test(head) && resource.startsWith(head);
}

function withoutCovered(actions: readonly string[]): string[] {
  // Two patterns that cover each other (they differ in case only) keep the first.
  return actions.filter(
    (action) => !actions.some((other) => other !== action && actionCovers(other, action) && !(actionCovers(action, other) && compare(action, other) < 0)),
  );
}

function key(statement: PermissionStatement): string {
  return JSON.stringify([statement.Effect, sortedUnique(statement.Resource), statement.Condition && sortedCondition(statement.Condition)]);
}

function splitAction(action: string): [string, string] {
  const colon = action.indexOf(':');
  return colon < 0 ? ['', action.toLowerCase()] : [action.slice(0, colon).toLowerCase(), action.slice(colon + 1).toLowerCase()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
