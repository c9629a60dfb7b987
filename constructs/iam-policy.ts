/** One Allow statement of an IAM policy document. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** An IAM policy document (as JSON) of these statements, in the current policy language version. */
export function policyDocument(statements: readonly object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * The trust policy (as JSON) of a role only `service` may assume, and only on behalf of what
 * `sourceConditions` names (`aws:SourceAccount`, `aws:SourceArn`: the confused deputy checks).
 */
export function serviceTrustPolicy(service: string, sourceConditions: Readonly<Record<string, string>>): string {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: { StringEquals: sourceConditions } }]);
}
