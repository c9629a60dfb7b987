import { AlarmThresholds } from '../../../config/ops';
import { MetricPlace, watched, WatchedMetric } from './watched-metric';
import { WatchedResources } from './watched-resources';

// ElastiCache publishes host and engine metrics per node, keyed by CacheClusterId (a member cluster
// of the replication group, one node each with cluster mode disabled): "Metrics for Valkey and Redis
// OSS" (docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html).
// Published every minute while a node runs: a gap is a delivery delay or a node being replaced (missing).
const NAMESPACE = 'AWS/ElastiCache';

/** The member clusters of a replication group with cluster mode disabled: `<id>-001`, `<id>-002`, ... */
export function memberClusterIds(replicationGroupId: string, nodeCount: number): string[] {
  return Array.from({ length: nodeCount }, (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, '0')}`);
}

/** The cache alarms: engine CPU and memory use of every node. */
export function cacheMetrics(home: MetricPlace, thresholds: AlarmThresholds, cache: NonNullable<WatchedResources['cache']>): WatchedMetric[] {
  return memberClusterIds(cache.replicationGroupId, cache.nodeCount).flatMap((memberId, i) => {
    const node = String(i + 1).padStart(3, '0');
    const dimensions = { CacheClusterId: memberId };
    return [
      watched(home, thresholds.cacheCpuPercent, {
        purpose: `cache-${node}-engine-cpu`,
        title: `Cache node ${node}: engine CPU (percent)`,
        namespace: NAMESPACE,
        metricName: 'EngineCPUUtilization',
        dimensions,
        statistic: 'Average',
        comparison: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'missing',
        description:
          `The cache engine on node ${memberId} is busy (it runs commands on one thread): every cache call waits. ` +
          'Check first: the slow log in CloudWatch Logs (KEYS, large SMEMBERS/HGETALL), then the command rate; then a larger node type.',
      }),
      watched(home, thresholds.cacheMemoryPercent, {
        purpose: `cache-${node}-memory`,
        title: `Cache node ${node}: memory used (percent of maxmemory, Maximum)`,
        namespace: NAMESPACE,
        metricName: 'DatabaseMemoryUsagePercentage',
        dimensions,
        // The peak of the period: evictions start at the peak, not the mean.
        statistic: 'Maximum',
        comparison: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'missing',
        description:
          `The cache on node ${memberId} is nearly full: keys will be evicted (or writes refused) and the database takes the load. ` +
          'Check first: Evictions and the keys without a TTL, then whether the application caches more than it needs; then a larger node type.',
      }),
    ];
  });
}
