import { AlarmThresholds } from '../../../config/ops';
import { MetricPlace, watched, WatchedMetric } from './watched-metric';
import { WatchedResources } from './watched-resources';

// Aurora publishes its instance metrics per role as well as per instance: DBClusterIdentifier + Role
// (WRITER, READER), which follow a failover where an instance id would not. AWS recommends alarming
// on those ("Creating CloudWatch alarms to monitor Amazon Aurora",
// docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/creating_alarms.html).
// RDS publishes every minute while the cluster runs: a gap is a delivery delay or a failover, so the
// alarm keeps its state (missing); an outage shows in the load balancer's alarms.
const NAMESPACE = 'AWS/RDS';
const MIB = 1024 * 1024;

/** The Aurora alarms: CPU and FreeableMemory of the writer, and of the readers when there are any. */
export function databaseMetrics(home: MetricPlace, thresholds: AlarmThresholds, database: NonNullable<WatchedResources['database']>): WatchedMetric[] {
  const roles: readonly ('WRITER' | 'READER')[] = database.readers > 0 ? ['WRITER', 'READER'] : ['WRITER'];
  return roles.flatMap((role) => {
    const who = role === 'WRITER' ? 'writer' : 'reader';
    const dimensions = { DBClusterIdentifier: database.clusterIdentifier, Role: role };
    return [
      watched(home, thresholds.databaseCpuPercent, {
        purpose: `db-${who}-cpu`,
        title: `Aurora ${who}: CPU (percent)`,
        namespace: NAMESPACE,
        metricName: 'CPUUtilization',
        dimensions,
        // The readers' mean, as Aurora Auto Scaling's own READER alarms use it.
        statistic: 'Average',
        comparison: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'missing',
        description:
          `The Aurora ${who} is short of CPU: queries slow down and the site with them. ` +
          'Check first: Performance Insights top SQL (a missing index, a runaway plugin query), then connection counts; then a larger instance class' +
          (role === 'WRITER' ? ' or moving reads to readers.' : ' or more readers.'),
      }),
      watched(home, thresholds.databaseFreeableMemoryMiB, {
        purpose: `db-${who}-freeable-memory`,
        title: `Aurora ${who}: freeable memory (bytes, Minimum)`,
        namespace: NAMESPACE,
        metricName: 'FreeableMemory',
        dimensions,
        // The fullest instance of the role counts.
        statistic: 'Minimum',
        comparison: 'LessThanThreshold',
        // Configured in MiB; the metric is in bytes.
        threshold: thresholds.databaseFreeableMemoryMiB.threshold * MIB,
        treatMissingData: 'missing',
        description:
          `The Aurora ${who} is running out of memory: it will swap, slow down, and may restart. ` +
          'Check first: connection count (each connection holds memory), then the buffer and work_mem settings in the parameter group; then a larger instance class.',
      }),
    ];
  });
}
