import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AlarmThresholds, alarmThresholdsSchema } from '../config/ops';
import { OpsAlarms, OpsAlarmsProps } from '../constructs/ops/alarms/ops-alarms';
import { WatchedResources } from '../constructs/ops/alarms/watched-resources';
import { resourcesOf, SynthesizedStack, synthStack } from './support/synth';

const HOME = 'eu-west-1';
const PREFIX = 'webplat-test-ops';
const TOPICS = { homeArn: 'arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms', globalArn: 'arn:aws:sns:us-east-1:123456789012:webplat-test-ops-alarms-us-east-1' };
const REGIONAL_CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const GLOBAL_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';

/** Every alarm away from its default, so a test sees the configured value and not a default. */
const THRESHOLDS: AlarmThresholds = alarmThresholdsSchema.parse({
  targetErrors: { threshold: 25, periodSeconds: 120, evaluationPeriods: 4 },
  responseTimeSeconds: { threshold: 1.5, periodSeconds: 60, evaluationPeriods: 3 },
  unhealthyHosts: { threshold: 2, periodSeconds: 120, evaluationPeriods: 2 },
  databaseCpuPercent: { threshold: 70, periodSeconds: 600, evaluationPeriods: 2 },
  databaseFreeableMemoryMiB: { threshold: 512, periodSeconds: 600, evaluationPeriods: 4 },
  cacheCpuPercent: { threshold: 65, periodSeconds: 180, evaluationPeriods: 5 },
  cacheMemoryPercent: { threshold: 75, periodSeconds: 240, evaluationPeriods: 3 },
  computeCpuPercent: { threshold: 90, periodSeconds: 120, evaluationPeriods: 6 },
  computeMemoryPercent: { threshold: 88, periodSeconds: 180, evaluationPeriods: 4 },
  certificateDaysToExpiry: { threshold: 21, periodSeconds: 86400, evaluationPeriods: 2 },
  cdnErrorRatePercent: { threshold: 3, periodSeconds: 600, evaluationPeriods: 2 },
});

const FARGATE: WatchedResources['compute'] = { kind: 'fargate-spot', clusterName: 'webplat-test-app-web', serviceName: 'webplat-test-app-web' };

/** Everything watched: Fargate, Aurora with two readers, a cache of a primary and one replica. */
const ALL: WatchedResources = {
  loadBalancer: { arnSuffix: 'app/webplat-test-app-alb/0123456789abcdef', targetGroupArnSuffix: 'targetgroup/webplat-test-app-web/fedcba9876543210' },
  compute: FARGATE,
  database: { clusterIdentifier: 'webplat-test-data-aurora', readers: 2 },
  cache: { replicationGroupId: 'webplat-test-data-cache', nodeCount: 2 },
  certificates: { regionalArn: REGIONAL_CERT, globalArn: GLOBAL_CERT },
  distributionId: 'E1ABCDEFGHIJKL',
};

type Alarm = Record<string, any>;

/** A stack with the home provider (default) and the us-east-1 one (alias `global`), and OpsAlarms. */
function synthAlarms(change: Partial<OpsAlarmsProps> = {}): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'ops');
  new AwsProvider(stack, 'aws', { region: HOME });
  const globalProvider = new AwsProvider(stack, 'global', { region: 'us-east-1', alias: 'global' });
  new OpsAlarms(stack, 'alarms', { namePrefix: PREFIX, thresholds: THRESHOLDS, watched: ALL, topics: TOPICS, globalProvider, region: HOME, ...change });
  return synthStack(stack);
}

function alarmsOf(json: SynthesizedStack): Alarm[] {
  return Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm'));
}

/** The alarm with this name; fails when there is none or several. */
function alarm(json: SynthesizedStack, name: string): Alarm {
  const found = alarmsOf(json).filter((a) => a.alarm_name === name);
  if (found.length !== 1) throw new Error(`expected one alarm named ${name}, found ${found.length}`);
  return found[0];
}

const names = (json: SynthesizedStack) => alarmsOf(json).map((a) => a.alarm_name as string).sort();

describe('ops alarms', () => {
  const json = synthAlarms();

  describe('each alarm watches the documented metric with the configured settings', () => {
    type Place = { readonly provider?: string; readonly topic: string };
    const home: Place = { provider: undefined, topic: TOPICS.homeArn };
    const global: Place = { provider: 'aws.global', topic: TOPICS.globalArn };
    const lb = { LoadBalancer: 'app/webplat-test-app-alb/0123456789abcdef' };
    const cases: [string, Alarm, Place][] = [
      ['alb-target-5xx', { namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', dimensions: lb, statistic: 'Sum', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 25, period: 120, evaluation_periods: 4, treat_missing_data: 'notBreaching' }, home],
      ['alb-response-time-p95', { namespace: 'AWS/ApplicationELB', metric_name: 'TargetResponseTime', dimensions: lb, extended_statistic: 'p95', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 1.5, period: 60, evaluation_periods: 3, treat_missing_data: 'notBreaching' }, home],
      ['alb-unhealthy-hosts', { namespace: 'AWS/ApplicationELB', metric_name: 'UnHealthyHostCount', dimensions: { ...lb, TargetGroup: 'targetgroup/webplat-test-app-web/fedcba9876543210' }, statistic: 'Maximum', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 2, period: 120, evaluation_periods: 2, treat_missing_data: 'notBreaching' }, home],
      ['compute-cpu', { namespace: 'AWS/ECS', metric_name: 'CPUUtilization', dimensions: { ClusterName: 'webplat-test-app-web', ServiceName: 'webplat-test-app-web' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 90, period: 120, evaluation_periods: 6, treat_missing_data: 'notBreaching' }, home],
      ['compute-memory', { namespace: 'AWS/ECS', metric_name: 'MemoryUtilization', dimensions: { ClusterName: 'webplat-test-app-web', ServiceName: 'webplat-test-app-web' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 88, period: 180, evaluation_periods: 4, treat_missing_data: 'notBreaching' }, home],
      ['db-writer-cpu', { namespace: 'AWS/RDS', metric_name: 'CPUUtilization', dimensions: { DBClusterIdentifier: 'webplat-test-data-aurora', Role: 'WRITER' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 70, period: 600, evaluation_periods: 2, treat_missing_data: 'missing' }, home],
      ['db-reader-cpu', { namespace: 'AWS/RDS', metric_name: 'CPUUtilization', dimensions: { DBClusterIdentifier: 'webplat-test-data-aurora', Role: 'READER' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 70, period: 600, evaluation_periods: 2, treat_missing_data: 'missing' }, home],
      // 512 MiB in bytes.
      ['db-writer-freeable-memory', { namespace: 'AWS/RDS', metric_name: 'FreeableMemory', dimensions: { DBClusterIdentifier: 'webplat-test-data-aurora', Role: 'WRITER' }, statistic: 'Minimum', comparison_operator: 'LessThanThreshold', threshold: 536870912, period: 600, evaluation_periods: 4, treat_missing_data: 'missing' }, home],
      ['db-reader-freeable-memory', { namespace: 'AWS/RDS', metric_name: 'FreeableMemory', dimensions: { DBClusterIdentifier: 'webplat-test-data-aurora', Role: 'READER' }, statistic: 'Minimum', comparison_operator: 'LessThanThreshold', threshold: 536870912, period: 600, evaluation_periods: 4, treat_missing_data: 'missing' }, home],
      ['cache-001-engine-cpu', { namespace: 'AWS/ElastiCache', metric_name: 'EngineCPUUtilization', dimensions: { CacheClusterId: 'webplat-test-data-cache-001' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 65, period: 180, evaluation_periods: 5, treat_missing_data: 'missing' }, home],
      ['cache-001-memory', { namespace: 'AWS/ElastiCache', metric_name: 'DatabaseMemoryUsagePercentage', dimensions: { CacheClusterId: 'webplat-test-data-cache-001' }, statistic: 'Maximum', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 75, period: 240, evaluation_periods: 3, treat_missing_data: 'missing' }, home],
      ['cache-002-engine-cpu', { namespace: 'AWS/ElastiCache', metric_name: 'EngineCPUUtilization', dimensions: { CacheClusterId: 'webplat-test-data-cache-002' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 65, period: 180, evaluation_periods: 5, treat_missing_data: 'missing' }, home],
      ['cache-002-memory', { namespace: 'AWS/ElastiCache', metric_name: 'DatabaseMemoryUsagePercentage', dimensions: { CacheClusterId: 'webplat-test-data-cache-002' }, statistic: 'Maximum', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 75, period: 240, evaluation_periods: 3, treat_missing_data: 'missing' }, home],
      ['certificate-regional-days-to-expiry', { namespace: 'AWS/CertificateManager', metric_name: 'DaysToExpiry', dimensions: { CertificateArn: REGIONAL_CERT }, statistic: 'Minimum', comparison_operator: 'LessThanThreshold', threshold: 21, period: 86400, evaluation_periods: 2, treat_missing_data: 'breaching' }, home],
      ['certificate-global-days-to-expiry', { namespace: 'AWS/CertificateManager', metric_name: 'DaysToExpiry', dimensions: { CertificateArn: GLOBAL_CERT }, statistic: 'Minimum', comparison_operator: 'LessThanThreshold', threshold: 21, period: 86400, evaluation_periods: 2, treat_missing_data: 'breaching' }, global],
      ['cdn-5xx-rate', { namespace: 'AWS/CloudFront', metric_name: '5xxErrorRate', dimensions: { DistributionId: 'E1ABCDEFGHIJKL', Region: 'Global' }, statistic: 'Average', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 3, period: 600, evaluation_periods: 2, treat_missing_data: 'notBreaching' }, global],
    ];

    it('creates exactly these alarms when every tier is present', () => {
      expect(names(json)).toEqual(cases.map(([purpose]) => `${PREFIX}-${purpose}`).sort());
    });

    it.each(cases)('%s', (purpose, expected, place) => {
      const found = alarm(json, `${PREFIX}-${purpose}`);
      expect(found).toMatchObject(expected);
      expect(found.dimensions).toEqual(expected.dimensions);
      // Exactly one of statistic and extended_statistic.
      expect(found.statistic === undefined).toBe(expected.statistic === undefined);
      expect(found.extended_statistic === undefined).toBe(expected.extended_statistic === undefined);
      expect(found.provider).toBe(place.provider);
      expect(found.alarm_actions).toEqual([place.topic]);
      expect(found.ok_actions).toEqual([place.topic]);
      expect(found.datapoints_to_alarm).toBe(expected.evaluation_periods);
    });
  });

  it('puts only CloudFront and the CloudFront certificate in us-east-1, each notifying the us-east-1 topic', () => {
    const inGlobal = alarmsOf(json).filter((a) => a.provider === 'aws.global');
    expect(inGlobal.map((a) => a.alarm_name).sort()).toEqual([`${PREFIX}-cdn-5xx-rate`, `${PREFIX}-certificate-global-days-to-expiry`]);
    for (const a of alarmsOf(json)) {
      const topic = a.provider === 'aws.global' ? TOPICS.globalArn : TOPICS.homeArn;
      expect([a.alarm_actions, a.ok_actions]).toEqual([[topic], [topic]]);
    }
  });

  it('says in every description what the alarm means and what to check first', () => {
    for (const a of alarmsOf(json)) {
      expect(a.alarm_description).toMatch(/^[A-Z].+\. Check first: .+\.$/);
      // PutMetricAlarm's limit for AlarmDescription.
      expect(a.alarm_description.length).toBeLessThanOrEqual(1024);
    }
  });

  it('uses the defaults when the environment sets no thresholds', () => {
    const defaults = synthAlarms({ thresholds: alarmThresholdsSchema.parse({}) });
    expect(alarm(defaults, `${PREFIX}-alb-target-5xx`)).toMatchObject({ threshold: 10, period: 60, evaluation_periods: 5, datapoints_to_alarm: 5 });
    // 256 MiB.
    expect(alarm(defaults, `${PREFIX}-db-writer-freeable-memory`).threshold).toBe(268435456);
  });

  describe('tiers the environment does not have', () => {
    it('creates no Aurora alarms without a database', () => {
      const noDatabase = synthAlarms({ watched: { ...ALL, database: undefined } });
      expect(alarmsOf(noDatabase).filter((a) => a.namespace === 'AWS/RDS')).toEqual([]);
      expect(names(noDatabase).filter((name) => name.includes('-db-'))).toEqual([]);
    });

    it('watches only the writer when the cluster has no readers', () => {
      const writerOnly = synthAlarms({ watched: { ...ALL, database: { clusterIdentifier: 'webplat-test-data-aurora', readers: 0 } } });
      const rds = alarmsOf(writerOnly).filter((a) => a.namespace === 'AWS/RDS');
      expect(rds.map((a) => [a.metric_name, a.dimensions.Role]).sort()).toEqual([
        ['CPUUtilization', 'WRITER'],
        ['FreeableMemory', 'WRITER'],
      ]);
    });

    it('creates no cache alarms without a cache', () => {
      const noCache = synthAlarms({ watched: { ...ALL, cache: undefined } });
      expect(alarmsOf(noCache).filter((a) => a.namespace === 'AWS/ElastiCache')).toEqual([]);
    });

    it('watches the Auto Scaling group CPU and no memory for EC2 web servers', () => {
      const ec2 = synthAlarms({ watched: { ...ALL, compute: { kind: 'ec2', autoScalingGroupName: 'webplat-test-app-web' } } });
      expect(alarm(ec2, `${PREFIX}-compute-cpu`)).toMatchObject({
        namespace: 'AWS/EC2',
        metric_name: 'CPUUtilization',
        dimensions: { AutoScalingGroupName: 'webplat-test-app-web' },
        statistic: 'Average',
        threshold: 90,
        period: 120,
        evaluation_periods: 6,
      });
      expect(alarmsOf(ec2).filter((a) => a.namespace === 'AWS/ECS' || a.metric_name === 'MemoryUtilization')).toEqual([]);
      expect(names(ec2)).not.toContain(`${PREFIX}-compute-memory`);
    });
  });

  it('watches every member cluster of the cache with one CPU and one memory alarm each', () => {
    const three = synthAlarms({ watched: { ...ALL, cache: { replicationGroupId: 'webplat-test-data-cache', nodeCount: 3 } } });
    const cache = alarmsOf(three).filter((a) => a.namespace === 'AWS/ElastiCache');
    const pairs = cache.map((a) => `${a.dimensions.CacheClusterId} ${a.metric_name}`).sort();
    expect(pairs).toEqual([
      'webplat-test-data-cache-001 DatabaseMemoryUsagePercentage',
      'webplat-test-data-cache-001 EngineCPUUtilization',
      'webplat-test-data-cache-002 DatabaseMemoryUsagePercentage',
      'webplat-test-data-cache-002 EngineCPUUtilization',
      'webplat-test-data-cache-003 DatabaseMemoryUsagePercentage',
      'webplat-test-data-cache-003 EngineCPUUtilization',
    ]);
    const single = synthAlarms({ watched: { ...ALL, cache: { replicationGroupId: 'webplat-test-data-cache', nodeCount: 1 } } });
    expect(alarmsOf(single).filter((a) => a.namespace === 'AWS/ElastiCache').map((a) => a.dimensions.CacheClusterId)).toEqual([
      'webplat-test-data-cache-001',
      'webplat-test-data-cache-001',
    ]);
  });

  it('gives the same JSON for the same input', () => {
    expect(JSON.stringify(synthAlarms())).toBe(JSON.stringify(json));
  });

  describe('bad input', () => {
    it('refuses alarm names longer than CloudWatch accepts, naming the alarm', () => {
      const longPrefix = 'x'.repeat(230);
      expect(() => synthAlarms({ namePrefix: longPrefix })).toThrow(
        new RegExp(`alarm name "${longPrefix}-[a-z0-9-]+" has \\d+ characters; CloudWatch accepts at most 255: shorten namePrefix`),
      );
    });

    it('accepts a prefix that keeps the longest alarm name at 255 characters', () => {
      // The longest purpose is certificate-regional-days-to-expiry (35 characters) plus the hyphen.
      const prefix = 'x'.repeat(255 - 1 - 'certificate-regional-days-to-expiry'.length);
      expect(names(synthAlarms({ namePrefix: prefix })).every((name) => name.length <= 255)).toBe(true);
      expect(() => synthAlarms({ namePrefix: `${prefix}x` })).toThrow(/certificate-regional-days-to-expiry" has 256 characters/);
    });

    it('refuses an empty name prefix', () => {
      expect(() => synthAlarms({ namePrefix: '' })).toThrow('OpsAlarms: namePrefix is empty; expected the start of the alarm names, such as webplat-prod-ops');
    });

    it.each([16, -1, 1.5])('refuses %p readers', (readers) => {
      expect(() => synthAlarms({ watched: { ...ALL, database: { clusterIdentifier: 'webplat-test-data-aurora', readers } } })).toThrow(
        `OpsAlarms: watched.database.readers is ${readers}; expected a whole number from 0 to 15 (an Aurora cluster has one writer and up to 15 readers)`,
      );
    });

    it.each([0, 7])('refuses a cache of %p nodes', (nodeCount) => {
      expect(() => synthAlarms({ watched: { ...ALL, cache: { replicationGroupId: 'webplat-test-data-cache', nodeCount } } })).toThrow(
        `OpsAlarms: watched.cache.nodeCount is ${nodeCount}; expected a whole number from 1 to 6 (the primary and up to 5 replicas)`,
      );
    });
  });
});
