import { parseSecretReference } from '../../config/container';

/** What an ECS secret's `valueFrom` points at, and the ARN IAM must allow for it. */
export interface SecretResource {
  readonly service: 'secretsmanager' | 'ssm';
  readonly resourceArn: string;
}

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
export function secretReferenceOf(valueFrom: string): SecretResource {
  const reference = parseSecretReference(valueFrom);
  if (reference === undefined) {
    throw new Error(
      `expected a secret by Secrets Manager secret ARN (optionally :<json-key>:<version-stage>:<version-id>) or SSM parameter ARN, got ${JSON.stringify(valueFrom)}: the config rules should have refused it`,
    );
  }
  if (reference.service === 'ssm') return { service: 'ssm', resourceArn: reference.arn };
  return { service: 'secretsmanager', resourceArn: RANDOM_SUFFIX.test(reference.arn) ? reference.arn : `${reference.arn}-??????` };
}
