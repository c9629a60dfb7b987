import { EnvironmentConfig } from '../../config/schema';

/** True when the environment asks for KMS encryption of log groups (`observability.kmsKeyArn`, or its own keys: `encryption.customerManagedKeys`). */
export function kmsRequestedForLogs(config: EnvironmentConfig): boolean {
  return config.observability.kmsKeyArn !== undefined || config.encryption.customerManagedKeys;
}
