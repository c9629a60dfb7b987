import { Construct } from 'constructs';
import { GeneratedSecret } from '../generated-secret';

/** The header CloudFront adds to every origin request and the load balancer insists on. */
export const ORIGIN_HEADER_NAME = 'X-Origin-Verify';

export interface OriginSecretProps {
  /** Secret name in Secrets Manager. */
  readonly name: string;
  /**
   * Days a deleted secret can still be restored (7-30), or 0 to delete it at once. While
   * a deleted secret waits, its name is taken: the stack cannot be applied again.
   */
  readonly recoveryWindowInDays: number;
}

/**
 * The shared secret between CloudFront and the load balancer, generated and kept by Secrets
 * Manager (GeneratedSecret). Rotate it with `terraform apply -replace=<the
 * aws_secretsmanager_secret_version address>` in the app stack, then apply the edge stack.
 */
export class OriginSecret extends GeneratedSecret {
  /** Reference to the value, for the listener rule (resolved by Terraform, never at synth). */
  public readonly secretValue: string;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id, {
      name: props.name,
      description: `Value of the ${ORIGIN_HEADER_NAME} header CloudFront sends to the load balancer`,
      length: 48,
      recoveryWindowInDays: props.recoveryWindowInDays,
    });
    this.secretValue = this.value;
  }
}
