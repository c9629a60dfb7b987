import { isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

const SETTINGS = { at_rest_encryption_enabled: 'at rest', transit_encryption_enabled: 'in transit' } as const;

/** Redis is encrypted at rest and in transit. */
export const cacheEncrypted: PolicyRule = {
  id: 'DATA-CACHE-ENCRYPTED',
  pack: 'data',
  title: 'Redis is encrypted at rest and in transit.',
  explanation: 'Sessions and cached pages in Redis are readable on disk, in snapshots and on the wire without encryption; without TLS there is no AUTH either.',
  fix: 'Use an aws_elasticache_replication_group with at_rest_encryption_enabled = true and transit_encryption_enabled = true.',
  check: ({ resources }) => [
    ...ofType(resources, 'aws_elasticache_replication_group').map((group) => {
      const off = Object.entries(SETTINGS).filter(([setting]) => !isTrue(group.values[setting])).map(([, what]) => what);
      return verdict(group, off.length > 0 && `is not encrypted ${off.join(' or ')}`);
    }),
    ...ofType(resources, 'aws_elasticache_cluster')
      .filter((cluster) => cluster.values.engine === 'redis' || cluster.values.engine === 'valkey')
      .map((cluster) => verdict(cluster, 'is a single cache cluster, which cannot be encrypted at rest')),
  ],
};
