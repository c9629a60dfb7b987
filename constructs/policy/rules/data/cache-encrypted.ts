import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const cacheEncrypted: PolicyRule = {
  id: 'DATA-CACHE-ENCRYPTED',
  pack: 'data',
  title: 'Redis is encrypted at rest and in transit.',
  explanation: 'Sessions and cached pages in Redis are readable on disk and on the wire without encryption.',
  fix: 'Set at_rest_encryption_enabled = true and transit_encryption_enabled = true on the replication group.',
  check: ({ resources }) =>
    ofType(resources, 'aws_elasticache_replication_group').map((group) => {
      const missing = ['at_rest_encryption_enabled', 'transit_encryption_enabled'].filter((setting) => `${group.values[setting]}` !== 'true');
      return verdict(group, missing.length > 0 && `${missing.join(' and ')} off`);
    }),
};
