import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { KeysOutputs, readKeysOutputs } from './keys-outputs';

const outputsByStack = new WeakMap<TerraformStack, KeysOutputs>();

/** The keys stack's outputs as `scope`'s stack reads them: one remote state per stack, however many ask. */
function keysOf(scope: Construct, config: EnvironmentConfig): KeysOutputs | undefined {
  if (!config.encryption.customerManagedKeys) return undefined;
  const stack = TerraformStack.of(scope);
  let outputs = outputsByStack.get(stack);
  if (outputs === undefined) {
    outputs = readKeysOutputs(stack, config);
    outputsByStack.set(stack, outputs);
  }
  return outputs;
}

/**
 * The KMS keys a stack encrypts with. A key ARN set in config wins; otherwise the environment's
 * own key of that purpose (stack `<env>-keys`, with `encryption.customerManagedKeys`); otherwise
 * undefined, and the service's AWS managed key is used.
 */
export const EncryptionKeys = {
  /** CloudWatch Logs log groups (`observability.kmsKeyArn`, else the logs key). */
  logs(scope: Construct, config: EnvironmentConfig): string | undefined {
    return config.observability.kmsKeyArn ?? keysOf(scope, config)?.logsKeyArn;
  },

  /** Aurora storage and its master user secret (`data.database.kmsKeyArn`, else the data key); undefined without a data tier. */
  database(scope: Construct, config: EnvironmentConfig): string | undefined {
    const database = config.data?.database;
    return database === undefined ? undefined : (database.kmsKeyArn ?? keysOf(scope, config)?.dataKeyArn);
  },

  /** ElastiCache at rest and the AUTH token secret (`data.cache.kmsKeyArn`, else the data key); undefined without a cache. */
  cache(scope: Construct, config: EnvironmentConfig): string | undefined {
    const cache = config.data?.cache;
    return cache === undefined ? undefined : (cache.kmsKeyArn ?? keysOf(scope, config)?.dataKeyArn);
  },

  /** A bucket class set to `sse-kms` (`encryption.buckets.<class>`): the S3 key; undefined for SSE-S3. */
  bucket(scope: Construct, config: EnvironmentConfig, bucketClass: keyof EnvironmentConfig['encryption']['buckets']): string | undefined {
    return config.encryption.buckets[bucketClass] === 'sse-kms' ? keysOf(scope, config)?.s3KeyArn : undefined;
  },
} as const;
