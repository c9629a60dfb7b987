import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/** Purposes the environment's customer-managed keys serve, one key each (stack `<env>-keys`). */
export type KeyPurpose = 's3' | 'logs' | 'data';

/** What later tiers know of the environment's keys: each key's ARN. */
export interface KeysOutputs {
  /** S3 default encryption (with bucket keys) of the bucket classes set to sse-kms. */
  readonly s3KeyArn: string;
  /** CloudWatch Logs log groups. */
  readonly logsKeyArn: string;
  /** Aurora storage, ElastiCache at rest, and their Secrets Manager secrets; only with `data`. */
  readonly dataKeyArn?: string;
}

/** Output names of the `<env>-keys` stack. */
export const KEYS_OUTPUT_NAMES: OutputNames<Required<KeysOutputs>> = {
  s3KeyArn: 's3_key_arn',
  logsKeyArn: 'logs_key_arn',
  dataKeyArn: 'data_key_arn',
};

/** The purposes the keys stack makes a key for in this environment: the data key only with a data tier. */
export function keyPurposes(config: EnvironmentConfig): KeyPurpose[] {
  return config.data === undefined ? ['s3', 'logs'] : ['s3', 'logs', 'data'];
}

/** The keys tier's outputs, read from its remote state (data key only where the environment has one). */
export function readKeysOutputs(scope: Construct, config: EnvironmentConfig): KeysOutputs {
  const { dataKeyArn, ...always } = KEYS_OUTPUT_NAMES;
  return config.data === undefined
    ? readTierOutputs<KeysOutputs>(scope, config, 'keys', always as OutputNames<KeysOutputs>)
    : readTierOutputs<KeysOutputs>(scope, config, 'keys', { ...always, dataKeyArn } as OutputNames<KeysOutputs>);
}
