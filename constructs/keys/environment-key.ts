import { Construct } from 'constructs';
import { KeyPolicyStatement } from './key-policies';
import { rotatedKey, RotatedKeyProps } from './rotated-key';

/** A key of the environment: in the home region (the stack's provider), its policy made of key-policies.ts statements. */
export interface EnvironmentKeyProps extends Omit<RotatedKeyProps, 'statements' | 'provider'> {
  /** The key policy's statements (keyPolicyStatements). */
  readonly statements: readonly KeyPolicyStatement[];
}

/** One customer-managed key of the environment in the home region, rotated yearly, with an alias (see rotatedKey). */
export class EnvironmentKey extends Construct {
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    this.keyArn = rotatedKey(this, props);
  }
}
