import { EnvironmentConfig } from '../../config/schema';

/**
 * Config the rules read that the schema does not hold yet: the ops tier is to add a
 * customer-managed key for logs and notifications as `observability.kmsKeyArn`.
 */
interface LaterConfig {
  readonly observability?: { readonly kmsKeyArn?: string };
}

/** True when the environment asks for KMS encryption of log groups and SNS topics. */
export function kmsRequestedForLogs(config: EnvironmentConfig): boolean {
  return (config as EnvironmentConfig & LaterConfig).observability?.kmsKeyArn !== undefined;
}
