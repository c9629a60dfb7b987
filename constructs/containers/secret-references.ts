/** What an ECS secret's `valueFrom` points at, and the ARN IAM must allow for it. */
export type SecretReference =
  | { readonly service: 'secretsmanager'; readonly resourceArn: string }
  | { readonly service: 'ssm'; readonly resourceArn: string };

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>`, then optionally `:<json-key>:<version-stage>:<version-id>`. */
const SECRETS_MANAGER_ARN = /^(arn:[\w-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^:]+)(?::[^:]*:[^:]*:[^:]*)?$/;
/** `arn:aws:ssm:<region>:<account>:parameter/<name>`. */
const SSM_PARAMETER_ARN = /^arn:[\w-]+:ssm:[a-z0-9-]+:\d{12}:parameter\/.+$/;
/** The six characters Secrets Manager appends to a secret's name in its full ARN (`<name>-AbCdEf`). */
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * The resource an execution role needs for the `valueFrom` of an ECS secret written in config:
 * - a Secrets Manager ARN without the `:<json-key>:<version-stage>:<version-id>` that picks one key;
 *   a partial ARN (no random suffix) gets `-??????`, which matches the suffix of the full ARN IAM sees;
 * - an SSM parameter ARN as it is.
 * A name that itself ends in `-` and six letters or digits reads as a full ARN (Secrets Manager advises
 * against such names for this reason).
 */
export function secretReferenceOf(valueFrom: string): SecretReference {
  const secret = SECRETS_MANAGER_ARN.exec(valueFrom);
  if (secret !== null) {
    const arn = secret[1];
    return { service: 'secretsmanager', resourceArn: RANDOM_SUFFIX.test(arn) ? arn : `${arn}-??????` };
  }
  if (SSM_PARAMETER_ARN.test(valueFrom)) return { service: 'ssm', resourceArn: valueFrom };
  throw new Error(
    `expected a secret by Secrets Manager secret ARN (optionally :<json-key>:<version-stage>:<version-id>) or SSM parameter ARN, got ${JSON.stringify(valueFrom)}: the config rules should have refused it`,
  );
}
