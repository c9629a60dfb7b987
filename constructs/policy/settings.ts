import { EnvironmentConfig } from '../../config/schema';

/** True when the environment asks for KMS encryption of log groups and SNS topics (`observability.kmsKeyArn`). */
export function kmsRequestedForLogs(config: EnvironmentConfig): boolean {
  return config.observability.kmsKeyArn !== undefined;
}
