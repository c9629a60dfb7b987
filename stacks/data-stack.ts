import { Construct } from 'constructs';
import { ResolvedDataConfig, WebPlatformConfig } from '../config/schema';
import { AuroraCluster } from '../constructs/data/aurora-cluster';
import { CacheAuthToken } from '../constructs/data/cache-auth-token';
import { CacheReplicationGroup } from '../constructs/data/cache-replication-group';
import { DataNames } from '../constructs/data/data-names';
import { DataPrivateNames } from '../constructs/data/private-names';
import { dataOutputNames, DataOutputs } from '../constructs/data-outputs';
import { readNetworkOutputs } from '../constructs/network-outputs';
import { publishTierOutputs } from '../constructs/tier-outputs';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { privateZoneNameOf } from './network-stack';
import { TierStack } from './tier-stack';

/** Labels of the private names in the network tier's private zone. */
export const DATA_RECORD_LABELS = { database: 'db', databaseReader: 'db-ro', cache: 'cache' } as const;

const OUTPUT_DESCRIPTIONS: Record<keyof DataOutputs, string> = {
  databaseHost: 'Private name of the database writer (CNAME of the cluster endpoint): connect here to read and write.',
  databaseReaderHost: 'Private name of the database readers (CNAME of the reader endpoint; the writer while there are no readers).',
  databasePort: 'Port the database listens on.',
  databaseName: 'Database created with the cluster.',
  databaseSecretArn: 'Secrets Manager secret RDS manages for the master user: JSON with username and password.',
  cacheHost: 'Private name of the cache (CNAME of the primary endpoint); TLS and the AUTH token are required.',
  cachePort: 'Port the cache listens on.',
  cacheAuthSecretArn: 'Secrets Manager secret holding the cache AUTH token (a plain string).',
};

/**
 * `<env>-data`: the Aurora cluster and, with `data.cache`, the Redis or Valkey replication group,
 * in the network tier's private data subnets behind its data and cache security groups (which
 * admit the app tier only), with private names in its private zone. Publishes DataOutputs.
 */
export class DataStack extends TierStack {
  constructor(scope: Construct, config: WebPlatformConfig, data: ResolvedDataConfig) {
    super(scope, { config, tier: 'data' });
    const network = readNetworkOutputs(this, config);
    const names = new DataNames(this.naming);
    const zones = config.network.availabilityZones;
    const logsKmsKeyArn = EncryptionKeys.logs(this, config);

    const database = new AuroraCluster(this, 'aurora', {
      names,
      database: { ...data.database, kmsKeyArn: EncryptionKeys.database(this, config) },
      subnetIds: network.privateDataSubnetIds,
      availabilityZones: zones,
      securityGroupId: network.dataSecurityGroupId,
      port: config.network.ports.database,
      logsKmsKeyArn,
    });
    const targets: Record<string, string> = {
      [DATA_RECORD_LABELS.database]: database.endpoint,
      [DATA_RECORD_LABELS.databaseReader]: database.readerEndpoint,
    };

    const { cache } = data;
    let cacheAuthSecretArn: string | undefined;
    if (cache !== undefined) {
      const token = new CacheAuthToken(this, 'cache-auth-token', {
        name: names.cacheAuthSecretName,
        // Outside production a destroyed data stack must be re-appliable at once: no recovery window.
        recoveryWindowInDays: config.production ? 30 : 0,
        kmsKeyArn: EncryptionKeys.cache(this, config),
      });
      const group = new CacheReplicationGroup(this, 'cache', {
        names,
        cache: { ...cache, kmsKeyArn: EncryptionKeys.cache(this, config) },
        subnetIds: network.privateDataSubnetIds,
        availabilityZones: zones,
        securityGroupId: network.cacheSecurityGroupId,
        port: config.network.ports.cache,
        authToken: token.token,
        logRetentionDays: cache.logRetentionDays,
        logsKmsKeyArn,
      });
      targets[DATA_RECORD_LABELS.cache] = group.primaryEndpointAddress;
      cacheAuthSecretArn = token.secretArn;
    }

    const privateNames = new DataPrivateNames(this, 'names', {
      zoneId: network.privateZoneId,
      zoneName: privateZoneNameOf(config),
      targets,
      ttlSeconds: config.dns.recordTtlSeconds,
    });
    const hostOf = (label: string) => privateNames.names[label];

    publishTierOutputs<DataOutputs>(
      this,
      dataOutputNames(cache !== undefined),
      {
        databaseHost: hostOf(DATA_RECORD_LABELS.database),
        databaseReaderHost: hostOf(DATA_RECORD_LABELS.databaseReader),
        databasePort: String(config.network.ports.database),
        databaseName: data.database.databaseName,
        databaseSecretArn: database.masterUserSecretArn,
        ...(cache !== undefined && {
          cacheHost: hostOf(DATA_RECORD_LABELS.cache),
          cachePort: String(config.network.ports.cache),
          cacheAuthSecretArn,
        }),
      },
      OUTPUT_DESCRIPTIONS,
    );
  }
}
