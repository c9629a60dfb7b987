import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Construct } from 'constructs';

export interface GeneratedSecretProps {
  /** Secret name in Secrets Manager. */
  readonly name: string;
  /** What the secret holds, for whoever finds it in the console. */
  readonly description: string;
  /** Length of the generated value: letters and digits only, so it is safe in headers, URLs and shells. */
  readonly length: number;
  /**
   * Days a deleted secret can still be restored (7-30), or 0 to delete it at once. While
   * a deleted secret waits, its name is taken: the stack cannot be applied again.
   */
  readonly recoveryWindowInDays: number;
  /**
   * Customer-managed KMS key of the secret.
   * @default the AWS managed key of Secrets Manager
   */
  readonly kmsKeyArn?: string;
}

/**
 * A random value made and kept in AWS: Secrets Manager generates it at the first apply
 * (`aws_secretsmanager_random_password`) and holds it, so it is never in the synthesized JSON or
 * in git. Later plans ignore the generator (a new random value each read), so the value only
 * changes when rotated on purpose: `terraform apply -replace=<the aws_secretsmanager_secret_version
 * address>` in the stack that holds it (`terraform state list` shows it). The value is in that
 * stack's state, which the resources it protects need anyway.
 */
export class GeneratedSecret extends Construct {
  public readonly secretArn: string;
  /** Reference to the value (resolved by Terraform, never at synth). */
  public readonly value: string;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.name,
      description: props.description,
      recoveryWindowInDays: props.recoveryWindowInDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const generated = new DataAwsSecretsmanagerRandomPassword(this, 'generated', {
      passwordLength: props.length,
      excludePunctuation: true,
    });
    const version = new SecretsmanagerSecretVersion(this, 'version', {
      secretId: secret.id,
      secretString: generated.randomPassword,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    this.secretArn = secret.arn;
    this.value = version.secretString;
  }
}
