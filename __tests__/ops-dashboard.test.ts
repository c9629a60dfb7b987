import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataTerraformRemoteStateLocal, TerraformStack, Testing } from 'cdktf';
import { alarmThresholdsSchema } from '../config/ops';
import { OpsAlarms } from '../constructs/ops/alarms/ops-alarms';
import { WatchedResources } from '../constructs/ops/alarms/watched-resources';
import { OpsDashboard, OpsDashboardProps } from '../constructs/ops/dashboard';
import { onlyResource, resourcesOf, synthStack } from './support/synth';

const HOME = 'ap-northeast-1';
const REGIONAL_CERT = 'arn:aws:acm:ap-northeast-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const GLOBAL_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';
const LB = 'app/webplat-test-app-alb/0123456789abcdef';
const TG = 'targetgroup/webplat-test-app-web/fedcba9876543210';

const THRESHOLDS = alarmThresholdsSchema.parse({
  targetErrors: { threshold: 25, periodSeconds: 120 },
  responseTimeSeconds: { threshold: 1.5 },
  databaseFreeableMemoryMiB: { threshold: 512 },
  cacheMemoryPercent: { threshold: 75 },
  certificateDaysToExpiry: { threshold: 21 },
  cdnErrorRatePercent: { threshold: 3, periodSeconds: 600 },
});

const WATCHED: WatchedResources = {
  loadBalancer: { arnSuffix: LB, targetGroupArnSuffix: TG },
  compute: { kind: 'fargate-spot', clusterName: 'webplat-test-app-web', serviceName: 'webplat-test-app-web' },
  database: { clusterIdentifier: 'webplat-test-data-aurora', readers: 1 },
  cache: { replicationGroupId: 'webplat-test-data-cache', nodeCount: 2 },
  certificates: { regionalArn: REGIONAL_CERT, globalArn: GLOBAL_CERT },
  distributionId: 'E1ABCDEFGHIJKL',
};

/** A stack with both providers, OpsAlarms over `watched`, and the dashboard of its metrics. */
function dashboardStack(watched: WatchedResources = WATCHED, dashboard: Partial<OpsDashboardProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'ops');
  new AwsProvider(stack, 'aws', { region: HOME });
  const globalProvider = new AwsProvider(stack, 'global', { region: 'us-east-1', alias: 'global' });
  const topics = { homeArn: 'arn:aws:sns:ap-northeast-1:123456789012:alarms', globalArn: 'arn:aws:sns:us-east-1:123456789012:alarms' };
  const alarms = new OpsAlarms(stack, 'alarms', { namePrefix: 'webplat-test-ops', thresholds: THRESHOLDS, watched, topics, globalProvider, region: HOME });
  new OpsDashboard(stack, 'dashboard', { dashboardName: 'webplat-test-ops', metrics: alarms.metrics, ...dashboard });
  return stack;
}

type Widget = { type: string; x: number; y: number; width: number; height: number; properties: Record<string, any> };

function synthDashboard(watched?: WatchedResources) {
  const json = synthStack(dashboardStack(watched));
  const dashboard = onlyResource(json, 'aws_cloudwatch_dashboard');
  return { json, dashboard, widgets: JSON.parse(dashboard.dashboard_body as string).widgets as Widget[] };
}

/** The widget graphing this metric; fails when there is none or several. */
function widgetOf(widgets: Widget[], metric: readonly string[]): Widget {
  const found = widgets.filter((w) => JSON.stringify(w.properties.metrics) === JSON.stringify([metric]));
  if (found.length !== 1) throw new Error(`expected one widget of ${metric.join(' ')}, found ${found.length}`);
  return found[0];
}

describe('ops dashboard', () => {
  const { json, dashboard, widgets } = synthDashboard();

  it('is one dashboard in the home region, named as configured', () => {
    expect(dashboard.dashboard_name).toBe('webplat-test-ops');
    expect(dashboard.provider).toBeUndefined();
  });

  it('draws one metric graph per alarm', () => {
    const alarms = Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm'));
    expect(widgets).toHaveLength(alarms.length);
    expect(widgets.every((w) => w.type === 'metric')).toBe(true);
    for (const a of alarms) {
      const dimensions = Object.entries(a.dimensions as Record<string, string>).flat();
      widgetOf(widgets, [a.namespace as string, a.metric_name as string, ...dimensions]);
    }
  });

  it.each<[string, string[], string, string, number]>([
    ['target 5xx', ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', LB], HOME, 'Sum', 25],
    ['response time', ['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', LB], HOME, 'p95', 1.5],
    ['unhealthy hosts', ['AWS/ApplicationELB', 'UnHealthyHostCount', 'LoadBalancer', LB, 'TargetGroup', TG], HOME, 'Maximum', 1],
    ['service CPU', ['AWS/ECS', 'CPUUtilization', 'ClusterName', 'webplat-test-app-web', 'ServiceName', 'webplat-test-app-web'], HOME, 'Average', 85],
    ['service memory', ['AWS/ECS', 'MemoryUtilization', 'ClusterName', 'webplat-test-app-web', 'ServiceName', 'webplat-test-app-web'], HOME, 'Average', 85],
    ['writer CPU', ['AWS/RDS', 'CPUUtilization', 'DBClusterIdentifier', 'webplat-test-data-aurora', 'Role', 'WRITER'], HOME, 'Average', 80],
    ['reader memory', ['AWS/RDS', 'FreeableMemory', 'DBClusterIdentifier', 'webplat-test-data-aurora', 'Role', 'READER'], HOME, 'Minimum', 536870912],
    ['cache node 2 memory', ['AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', 'CacheClusterId', 'webplat-test-data-cache-002'], HOME, 'Maximum', 75],
    ['regional certificate', ['AWS/CertificateManager', 'DaysToExpiry', 'CertificateArn', REGIONAL_CERT], HOME, 'Minimum', 21],
    ['global certificate', ['AWS/CertificateManager', 'DaysToExpiry', 'CertificateArn', GLOBAL_CERT], 'us-east-1', 'Minimum', 21],
    ['CloudFront 5xx rate', ['AWS/CloudFront', '5xxErrorRate', 'DistributionId', 'E1ABCDEFGHIJKL', 'Region', 'Global'], 'us-east-1', 'Average', 3],
  ])('graphs %s in its region with the alarm statistic and a line at the threshold', (_, metric, region, stat, threshold) => {
    const { properties } = widgetOf(widgets, metric);
    expect(properties.region).toBe(region);
    expect(properties.stat).toBe(stat);
    expect(properties.annotations.horizontal).toHaveLength(1);
    expect(properties.annotations.horizontal[0].value).toBe(threshold);
    expect(properties.title).toEqual(expect.any(String));
  });

  it('reads each graph at its alarm period', () => {
    expect(widgetOf(widgets, ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', LB]).properties.period).toBe(120);
    expect(widgetOf(widgets, ['AWS/CloudFront', '5xxErrorRate', 'DistributionId', 'E1ABCDEFGHIJKL', 'Region', 'Global']).properties.period).toBe(600);
  });

  it('reads only CloudFront and the CloudFront certificate in us-east-1', () => {
    const inUsEast1 = widgets.filter((w) => w.properties.region === 'us-east-1').map((w) => w.properties.metrics[0].slice(0, 2));
    expect(inUsEast1.sort()).toEqual([
      ['AWS/CertificateManager', 'DaysToExpiry'],
      ['AWS/CloudFront', '5xxErrorRate'],
    ]);
    expect(widgets.filter((w) => w.properties.region !== 'us-east-1').every((w) => w.properties.region === HOME)).toBe(true);
  });

  it('lays the graphs out two per row without overlap', () => {
    const cells = widgets.map((w) => `${w.x},${w.y}`);
    expect(new Set(cells).size).toBe(widgets.length);
    expect(widgets.every((w) => w.width === 12 && w.height === 6 && (w.x === 0 || w.x === 12))).toBe(true);
  });

  it('graphs only the tiers the environment has', () => {
    const { widgets: lean } = synthDashboard({ ...WATCHED, compute: { kind: 'ec2', autoScalingGroupName: 'webplat-test-app-web' }, database: undefined, cache: undefined });
    const namespaces = new Set(lean.map((w) => w.properties.metrics[0][0]));
    expect([...namespaces].sort()).toEqual(['AWS/ApplicationELB', 'AWS/CertificateManager', 'AWS/CloudFront', 'AWS/EC2']);
    widgetOf(lean, ['AWS/EC2', 'CPUUtilization', 'AutoScalingGroupName', 'webplat-test-app-web']);
  });

  it('gives the same body for the same input', () => {
    expect(synthDashboard().dashboard.dashboard_body).toBe(dashboard.dashboard_body);
  });

  it('keeps references to other stacks as Terraform interpolations inside the JSON body', () => {
    const stack = new TerraformStack(Testing.app(), 'ops');
    new AwsProvider(stack, 'aws', { region: HOME });
    const globalProvider = new AwsProvider(stack, 'global', { region: 'us-east-1', alias: 'global' });
    const app = new DataTerraformRemoteStateLocal(stack, 'app', { path: 'app.tfstate' });
    const watched = { ...WATCHED, loadBalancer: { arnSuffix: app.getString('alb_arn_suffix'), targetGroupArnSuffix: app.getString('target_group_arn_suffix') } };
    const topics = { homeArn: 'arn:aws:sns:ap-northeast-1:123456789012:alarms', globalArn: 'arn:aws:sns:us-east-1:123456789012:alarms' };
    const alarms = new OpsAlarms(stack, 'alarms', { namePrefix: 'webplat-test-ops', thresholds: THRESHOLDS, watched, topics, globalProvider, region: HOME });
    new OpsDashboard(stack, 'dashboard', { dashboardName: 'webplat-test-ops', metrics: alarms.metrics });
    const body = onlyResource(synthStack(stack), 'aws_cloudwatch_dashboard').dashboard_body as string;
    const parsed = JSON.parse(body) as { widgets: Widget[] };
    widgetOf(parsed.widgets, ['AWS/ApplicationELB', 'UnHealthyHostCount', 'LoadBalancer', '${data.terraform_remote_state.app.outputs.alb_arn_suffix}', 'TargetGroup', '${data.terraform_remote_state.app.outputs.target_group_arn_suffix}']);
    expect(body).not.toMatch(/TfToken|\$\{TOKEN/);
  });

  describe('bad input', () => {
    it.each(['webplat test ops', 'webplat.test', '', 'x'.repeat(256)])('refuses the dashboard name %p', (dashboardName) => {
      expect(() => dashboardStack(WATCHED, { dashboardName })).toThrow(
        `OpsDashboard: dashboardName ${JSON.stringify(dashboardName)} is not a CloudWatch dashboard name; expected letters, digits, - and _, at most 255 characters`,
      );
    });

    it('refuses a dashboard without metrics', () => {
      expect(() => dashboardStack(WATCHED, { metrics: [] })).toThrow('OpsDashboard: no metrics; expected the alarmed metrics (OpsAlarms.metrics)');
    });
  });
});
