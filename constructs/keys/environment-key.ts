import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';
import { KeyPolicyStatement } from './key-policies';

/** Days a scheduled key deletion waits (the most KMS allows): time to notice that something still needs the key. */
export const KEY_DELETION_WINDOW_DAYS = 30;

export interface EnvironmentKeyProps {
  /** The alias, without `alias/`; also the start of the key's description. */
  readonly aliasName: string;
  /** What the key encrypts, for its description. */
  readonly encrypts: string;
  /** The key policy's statements. */
  readonly statements: readonly KeyPolicyStatement[];
  /**
   * Refuse `terraform destroy` of the key (lifecycle prevent_destroy): data encrypted with a deleted key is lost.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** One customer-managed key of the environment in the home region, rotated yearly, with an alias. */
export class EnvironmentKey extends Construct {
  public readonly keyArn: string;
  public readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    const key = new KmsKey(this, 'key', {
      description: `${props.aliasName}: ${props.encrypts}`,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      policy: policyDocument(props.statements),
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    const alias = new KmsAlias(this, 'alias', { name: `alias/${props.aliasName}`, targetKeyId: key.keyId });
    this.keyArn = key.arn;
    this.aliasName = alias.name;
  }
}
