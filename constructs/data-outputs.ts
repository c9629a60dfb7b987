import { Construct } from 'constructs';
import { DATA_TIER_SECRETS, DataTierValue } from '../config/container';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/** What the app tier knows of the data tier. The cache fields are there only when `data.cache` is configured. */
export interface DataOutputs {
  /** `db.<private zone>`: a CNAME of the cluster's writer endpoint. */
  readonly databaseHost: string;
  /** `db-ro.<private zone>`: a CNAME of the cluster's reader endpoint. */
  readonly databaseReaderHost: string;
  /** The cluster's port, as a string. */
  readonly databasePort: string;
  /** The database created with the cluster. */
  readonly databaseName: string;
  /** The Secrets Manager secret RDS manages for the master user (JSON with `username` and `password`). */
  readonly databaseSecretArn: string;
  /** `cache.<private zone>`: a CNAME of the replication group's primary endpoint. */
  readonly cacheHost?: string;
  /** The replication group's port, as a string. */
  readonly cachePort?: string;
  /** The Secrets Manager secret holding the cache's AUTH token (a plain string). */
  readonly cacheAuthSecretArn?: string;
}

const DATABASE_OUTPUT_NAMES = {
  databaseHost: 'database_host',
  databaseReaderHost: 'database_reader_host',
  databasePort: 'database_port',
  databaseName: 'database_name',
  databaseSecretArn: 'database_secret_arn',
} as const;

const CACHE_OUTPUT_NAMES = {
  cacheHost: 'cache_host',
  cachePort: 'cache_port',
  cacheAuthSecretArn: 'cache_auth_secret_arn',
} as const;

/** Output names of the `<env>-data` stack: the cache's only when the environment has a cache. */
export function dataOutputNames(hasCache: boolean): OutputNames<DataOutputs> {
  return hasCache ? { ...DATABASE_OUTPUT_NAMES, ...CACHE_OUTPUT_NAMES } : DATABASE_OUTPUT_NAMES;
}

/** The data tier's outputs, read from its remote state. */
export function readDataOutputs(scope: Construct, config: EnvironmentConfig): DataOutputs {
  return readTierOutputs<DataOutputs>(scope, config, 'data', dataOutputNames(config.data?.cache !== undefined));
}

/** How a container receives one data tier value: a plain environment variable, or an ECS secret read by reference. */
export type ContainerValue = { readonly kind: 'environment'; readonly value: string } | { readonly kind: 'secret'; readonly valueFrom: string; readonly secretArn: string };

/** The output each data tier value comes from, and for a JSON secret the key ECS picks from it. */
const SOURCES: Readonly<Record<DataTierValue, { readonly output: keyof DataOutputs; readonly jsonKey?: string }>> = {
  'database-host': { output: 'databaseHost' },
  'database-reader-host': { output: 'databaseReaderHost' },
  'database-port': { output: 'databasePort' },
  'database-name': { output: 'databaseName' },
  'database-username': { output: 'databaseSecretArn', jsonKey: 'username' },
  'database-password': { output: 'databaseSecretArn', jsonKey: 'password' },
  'cache-host': { output: 'cacheHost' },
  'cache-port': { output: 'cachePort' },
  'cache-auth-token': { output: 'cacheAuthSecretArn' },
};

/**
 * The container value for `fromDataTier` entry `value`. Credentials (DATA_TIER_SECRETS) come from
 * Secrets Manager by ARN: `<arn>:<json-key>::` picks one key of the JSON secret RDS keeps for the master user.
 */
export function containerValueOf(outputs: DataOutputs, value: DataTierValue): ContainerValue {
  const { output, jsonKey } = SOURCES[value];
  const text = required(outputs[output], value);
  if (!DATA_TIER_SECRETS.includes(value)) return { kind: 'environment', value: text };
  return { kind: 'secret', secretArn: text, valueFrom: jsonKey === undefined ? text : `${text}:${jsonKey}::` };
}

function required(text: string | undefined, value: DataTierValue): string {
  if (text === undefined) throw new Error(`fromDataTier asks for ${value}, which this environment's data tier does not publish: the config rules should have refused it`);
  return text;
}
