import { AlarmSettings } from '../../../config/ops';

/** The region CloudFront publishes its metrics in, and where the CloudFront certificate lives. */
export const GLOBAL_METRICS_REGION = 'us-east-1';

/**
 * How an alarm reads a period without data points (CloudWatch's treat_missing_data): `notBreaching`
 * where no data means no traffic, `breaching` where it means the thing is gone, `missing` where a gap
 * is a delivery delay or a failover and the alarm should keep its state.
 */
export type MissingData = 'missing' | 'notBreaching' | 'breaching';

/** Upper-bound alarms fire at the threshold ("the value that trips the alarm"); lower bounds below it. */
export type Comparison = 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';

/** One metric an alarm watches, with everything the alarm and the dashboard need. */
export interface WatchedMetric {
  /** Last part of the alarm's name (`<prefix>-<purpose>`) and its construct id: kebab-case, stable. */
  readonly purpose: string;
  /** Short human title: the dashboard widget's. */
  readonly title: string;
  /** Which topic the alarm notifies: `home`, or `global` for metrics CloudWatch keeps in us-east-1. */
  readonly where: 'home' | 'global';
  /** The region the metric lives in (the home region, or us-east-1 for `global`). */
  readonly region: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, `Minimum`, `Maximum`, or a percentile such as `p95` (an extended statistic). */
  readonly statistic: string;
  readonly comparison: Comparison;
  /** In the metric's unit (bytes for FreeableMemory, seconds for TargetResponseTime). */
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: MissingData;
  /** What the alarm means and what to check first. */
  readonly description: string;
}

/** Whether a statistic is a percentile (`p95`, `p99.9`), which CloudWatch takes as an extended statistic. */
export function isPercentile(statistic: string): boolean {
  return /^p\d+(\.\d+)?$/.test(statistic);
}

/** Where a metric is read: the alarm's own region decides its topic. */
export interface MetricPlace {
  readonly where: 'home' | 'global';
  readonly region: string;
}

/** The parts of a WatchedMetric the per-tier files decide; period, evaluations and the config threshold come from `settings`. */
export type MetricDefinition = Omit<WatchedMetric, 'threshold' | 'periodSeconds' | 'evaluationPeriods' | 'where' | 'region'> & {
  /** The threshold in the metric's unit. @default settings.threshold */
  readonly threshold?: number;
};

/** A WatchedMetric from its definition, the configured alarm settings and where it is read. */
export function watched(place: MetricPlace, settings: AlarmSettings, definition: MetricDefinition): WatchedMetric {
  return {
    ...definition,
    where: place.where,
    region: place.region,
    threshold: definition.threshold ?? settings.threshold,
    periodSeconds: settings.periodSeconds,
    evaluationPeriods: settings.evaluationPeriods,
  };
}
