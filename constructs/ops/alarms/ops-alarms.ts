import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmThresholds } from '../../../config/ops';
import { cacheMetrics } from './cache';
import { computeMetrics } from './compute';
import { databaseMetrics } from './database';
import { globalMetrics, regionalCertificateMetrics } from './edge';
import { loadBalancerMetrics } from './load-balancer';
import { GLOBAL_METRICS_REGION, isPercentile, WatchedMetric } from './watched-metric';
import { AlarmTopics, WatchedResources } from './watched-resources';

/** Longest alarm name CloudWatch accepts (PutMetricAlarm AlarmName). */
export const ALARM_NAME_LIMIT = 255;
/** Aurora's limit: one writer and up to 15 readers. */
const MAX_READERS = 15;
/** A replication group with cluster mode disabled has a primary and up to 5 replicas. */
const MAX_CACHE_NODES = 6;

export interface OpsAlarmsProps {
  /** Start of every alarm name: alarms are named `<namePrefix>-<purpose>`, such as `webplat-prod-ops-alb-target-5xx`. */
  readonly namePrefix: string;
  /** Threshold, period and evaluation count of each alarm (`ops.alarms.thresholds`). */
  readonly thresholds: AlarmThresholds;
  /** The resources watched; tiers left out get no alarms. */
  readonly watched: WatchedResources;
  /** The alarm topic of each region. */
  readonly topics: AlarmTopics;
  /** Provider in us-east-1, where CloudFront's metrics and the CloudFront certificate are. */
  readonly globalProvider: AwsProvider;
  /** The home region (the stack's default provider's): where the other metrics are. */
  readonly region: string;
}

/**
 * The CloudWatch alarms of an environment: load balancer, compute, database, cache and the regional
 * certificate in the home region; CloudFront and its certificate in us-east-1. Each alarm notifies the
 * topic of its own region when it fires and again when it recovers (OK), and fires only after
 * `evaluationPeriods` breaching periods in a row.
 */
export class OpsAlarms extends Construct {
  /** Every watched metric with its alarm settings, in a fixed order: what the dashboard draws. */
  public readonly metrics: readonly WatchedMetric[];
  /** Alarm names, in the order of `metrics`. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const { watched, thresholds } = props;
    validate(props);

    const home = { where: 'home', region: props.region } as const;
    const global = { where: 'global', region: GLOBAL_METRICS_REGION } as const;
    this.metrics = [
      ...loadBalancerMetrics(home, thresholds, watched.loadBalancer),
      ...computeMetrics(home, thresholds, watched.compute),
      ...(watched.database ? databaseMetrics(home, thresholds, watched.database) : []),
      ...(watched.cache ? cacheMetrics(home, thresholds, watched.cache) : []),
      ...regionalCertificateMetrics(home, thresholds, watched.certificates),
      ...globalMetrics(global, thresholds, watched),
    ];

    const names = this.metrics.map((metric) => `${props.namePrefix}-${metric.purpose}`);
    const tooLong = Token.isUnresolved(props.namePrefix) ? undefined : names.find((name) => name.length > ALARM_NAME_LIMIT);
    if (tooLong) {
      throw new Error(`OpsAlarms: alarm name ${JSON.stringify(tooLong)} has ${tooLong.length} characters; CloudWatch accepts at most ${ALARM_NAME_LIMIT}: shorten namePrefix`);
    }
    this.alarmNames = names;

    this.metrics.forEach((metric, i) => {
      const topic = metric.where === 'global' ? props.topics.globalArn : props.topics.homeArn;
      const percentile = isPercentile(metric.statistic);
      new CloudwatchMetricAlarm(this, metric.purpose, {
        provider: metric.where === 'global' ? props.globalProvider : undefined,
        alarmName: names[i],
        alarmDescription: metric.description,
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: { ...metric.dimensions },
        statistic: percentile ? undefined : metric.statistic,
        extendedStatistic: percentile ? metric.statistic : undefined,
        comparisonOperator: metric.comparison,
        threshold: metric.threshold,
        period: metric.periodSeconds,
        evaluationPeriods: metric.evaluationPeriods,
        datapointsToAlarm: metric.evaluationPeriods,
        treatMissingData: metric.treatMissingData,
        alarmActions: [topic],
        okActions: [topic],
      });
    });
  }
}

function validate(props: OpsAlarmsProps): void {
  if (props.namePrefix.length === 0) throw new Error('OpsAlarms: namePrefix is empty; expected the start of the alarm names, such as webplat-prod-ops');
  const { database, cache } = props.watched;
  if (database && !(Number.isInteger(database.readers) && database.readers >= 0 && database.readers <= MAX_READERS)) {
    throw new Error(`OpsAlarms: watched.database.readers is ${database.readers}; expected a whole number from 0 to ${MAX_READERS} (an Aurora cluster has one writer and up to 15 readers)`);
  }
  if (cache && !(Number.isInteger(cache.nodeCount) && cache.nodeCount >= 1 && cache.nodeCount <= MAX_CACHE_NODES)) {
    throw new Error(`OpsAlarms: watched.cache.nodeCount is ${cache.nodeCount}; expected a whole number from 1 to ${MAX_CACHE_NODES} (the primary and up to 5 replicas)`);
  }
}
