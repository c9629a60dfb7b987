import { Construct } from 'constructs';
import { GeneratedSecret } from '../generated-secret';

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
 * The cache's AUTH token, generated and kept by Secrets Manager as the origin header secret is
 * (GeneratedSecret). Rotating it (`terraform apply -replace=<the aws_secretsmanager_secret_version
 * address>` in the data stack) also updates the replication group's token; clients read it again
 * from the secret.
 */
export class CacheAuthToken extends GeneratedSecret {
  /** Reference to the token, for the replication group (resolved by Terraform, never at synth). */
  public readonly token: string;

  constructor(scope: Construct, id: string, props: CacheAuthTokenProps) {
    super(scope, id, {
      name: props.name,
      description: 'AUTH token of the data tier cache (a plain string)',
      length: CACHE_AUTH_TOKEN_LENGTH,
      recoveryWindowInDays: props.recoveryWindowInDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    this.token = this.value;
  }
}
