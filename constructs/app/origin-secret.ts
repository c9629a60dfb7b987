import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Construct } from 'constructs';

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
 * The shared secret between CloudFront and the load balancer, made and kept in AWS:
 * Secrets Manager generates the value at the first apply and holds it, so it is never in
 * the synthesized JSON or in git. Later plans ignore the generator (a new random value
 * each read) so the value only changes when rotated on purpose:
 * `terraform apply -replace=<the aws_secretsmanager_secret_version address>` in the app
 * stack (`terraform state list` shows it), then apply the edge stack.
 */
export class OriginSecret extends Construct {
  public readonly secretArn: string;
  /** Reference to the value, for the listener rule (resolved by Terraform, never at synth). */
  public readonly secretValue: string;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.name,
      description: `Value of the ${ORIGIN_HEADER_NAME} header CloudFront sends to the load balancer`,
      recoveryWindowInDays: props.recoveryWindowInDays,
    });
    const generated = new DataAwsSecretsmanagerRandomPassword(this, 'generated', {
      passwordLength: 48,
      excludePunctuation: true,
    });
    const version = new SecretsmanagerSecretVersion(this, 'version', {
      secretId: secret.id,
      secretString: generated.randomPassword,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    this.secretArn = secret.arn;
    this.secretValue = version.secretString;
  }
}
