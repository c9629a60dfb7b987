import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { WatchedMetric } from './alarms/watched-metric';

/** Longest dashboard name CloudWatch accepts, and the characters it allows (PutDashboard DashboardName). */
export const DASHBOARD_NAME_LIMIT = 255;
const DASHBOARD_NAME = /^[A-Za-z0-9_-]+$/;
/** Widgets per row on CloudWatch's 24-column grid, and their size. */
const WIDGET_WIDTH = 12;
const WIDGET_HEIGHT = 6;
const GRID_COLUMNS = 24;

export interface OpsDashboardProps {
  /** The dashboard's name: letters, digits, `-` and `_`, at most 255 characters. */
  readonly dashboardName: string;
  /** The alarmed metrics (OpsAlarms.metrics): one graph each, in this order, with the alarm's threshold drawn. */
  readonly metrics: readonly WatchedMetric[];
}

/**
 * One CloudWatch dashboard with a graph per alarmed metric, each read in the metric's own region
 * (us-east-1 for CloudFront and its certificate) at the alarm's statistic and period, with a line at
 * the alarm's threshold. The body is built by JSON.stringify of objects with a fixed key order, so the
 * same metrics give the same bytes; resource references (ARN suffixes from other stacks) stay as
 * Terraform interpolations inside the JSON string.
 */
export class OpsDashboard extends Construct {
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const name = props.dashboardName;
    if (!Token.isUnresolved(name) && (name.length > DASHBOARD_NAME_LIMIT || !DASHBOARD_NAME.test(name))) {
      throw new Error(`OpsDashboard: dashboardName ${JSON.stringify(name)} is not a CloudWatch dashboard name; expected letters, digits, - and _, at most ${DASHBOARD_NAME_LIMIT} characters`);
    }
    if (props.metrics.length === 0) throw new Error('OpsDashboard: no metrics; expected the alarmed metrics (OpsAlarms.metrics)');

    const perRow = GRID_COLUMNS / WIDGET_WIDTH;
    const widgets = props.metrics.map((metric, i) => ({
      type: 'metric',
      x: (i % perRow) * WIDGET_WIDTH,
      y: Math.floor(i / perRow) * WIDGET_HEIGHT,
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      properties: metricWidget(metric),
    }));
    this.dashboardName = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: name,
      dashboardBody: JSON.stringify({ widgets }),
    }).dashboardName;
  }
}

/** A metric widget's properties (CloudWatch "Dashboard Body Structure and Syntax"). */
function metricWidget(metric: WatchedMetric) {
  const dimensions = Object.entries(metric.dimensions).flat();
  const below = metric.comparison === 'LessThanThreshold';
  return {
    title: metric.title,
    view: 'timeSeries',
    region: metric.region,
    stat: metric.statistic,
    period: metric.periodSeconds,
    metrics: [[metric.namespace, metric.metricName, ...dimensions]],
    annotations: {
      horizontal: [{ label: `alarm ${below ? '<' : '>='} ${metric.threshold}`, value: metric.threshold, fill: below ? 'below' : 'above' }],
    },
  };
}
