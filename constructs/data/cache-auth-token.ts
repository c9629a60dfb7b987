import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Construct } from 'constructs';

/**
 * Length of the generated token. ElastiCache takes 16 to 128 printable characters other than
 * `@`, `"` and `/`; letters and digits only (no punctuation) keep it within that and paste-safe.
 */
export const CACHE_AUTH_TOKEN_LENGTH = 64;

export interface CacheAuthTokenProps {
  /** Secret name in Secrets Manager. */
  readonly name: string;
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
 * The cache's AUTH token, made and kept in AWS as the origin header secret is: Secrets Manager
 * generates it at the first apply and holds it, so it is never in the synthesized JSON or in git.
 * Later plans ignore the generator (a new random value each read), so the token only changes
 * when rotated on purpose: `terraform apply -replace=<the aws_secretsmanager_secret_version
 * address>` in the data stack (`terraform state list` shows it), which also updates the
 * replication group's token; clients read it again from the secret.
 */
export class CacheAuthToken extends Construct {
  public readonly secretArn: string;
  /** Reference to the token, for the replication group (resolved by Terraform, never at synth). */
  public readonly token: string;

  constructor(scope: Construct, id: string, props: CacheAuthTokenProps) {
    super(scope, id);
    const secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.name,
      description: 'AUTH token of the data tier cache (a plain string)',
      recoveryWindowInDays: props.recoveryWindowInDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const generated = new DataAwsSecretsmanagerRandomPassword(this, 'generated', {
      passwordLength: CACHE_AUTH_TOKEN_LENGTH,
      excludePunctuation: true,
    });
    const version = new SecretsmanagerSecretVersion(this, 'version', {
      secretId: secret.id,
      secretString: generated.randomPassword,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    this.secretArn = secret.arn;
    this.token = version.secretString;
  }
}
