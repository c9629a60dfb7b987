import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';

/** Days a scheduled key deletion waits (the most KMS allows): time to notice that something still needs the key. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface RotatedKeyProps {
  /** The alias, without `alias/`; also the start of the key's description. */
  readonly aliasName: string;
  /** What the key encrypts, for its description. */
  readonly encrypts: string;
  /** The key policy's statements. */
  readonly statements: readonly object[];
  /**
   * Refuse `terraform destroy` of the key (lifecycle prevent_destroy): data encrypted with a deleted key is lost.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Provider the key and alias are created with (another region).
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * A customer-managed KMS key rotated yearly, with its policy and an alias, created as `key` and `alias`
 * directly in `scope` (the construct that owns the key: its ids stay those of the resources in state).
 * Returns the key's ARN.
 */
export function rotatedKey(scope: Construct, props: RotatedKeyProps): string {
  const key = new KmsKey(scope, 'key', {
    provider: props.provider,
    description: `${props.aliasName}: ${props.encrypts}`,
    enableKeyRotation: true,
    deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
    policy: policyDocument(props.statements),
    lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
  });
  new KmsAlias(scope, 'alias', { provider: props.provider, name: `alias/${props.aliasName}`, targetKeyId: key.keyId });
  return key.arn;
}
