import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataTerraformRemoteStateLocal, TerraformStack, Testing } from 'cdktf';
import { alarmThresholdsSchema, opsSchema } from '../config/ops';
import { Naming } from '../constructs/naming';
import { AlarmTopic } from '../constructs/ops/alarm-topic';
import { OpsAlarms } from '../constructs/ops/alarms/ops-alarms';
import { isPercentile } from '../constructs/ops/alarms/watched-metric';
import { WatchedResources } from '../constructs/ops/alarms/watched-resources';
import { OpsDashboard } from '../constructs/ops/dashboard';
import { OpsKey, OpsKeyProps } from '../constructs/ops/ops-key';
import { alarmTopicArn } from '../constructs/ops/ops-names';
import { sessionPreferences } from '../constructs/ops/session-manager';
import { SlackChannel } from '../constructs/ops/slack-channel';
import { onlyResource, refTo, resourcesOf, SynthesizedStack, synthStack } from './support/synth';

const ACCOUNT = '123456789012';
const HOME = 'eu-west-1';
const TOPICS = { homeArn: 'arn:aws:sns:eu-west-1:123456789012:alarms', globalArn: 'arn:aws:sns:us-east-1:123456789012:alarms-us-east-1' };

/** A stack with the home provider (default) and a second one (alias `other`), and whatever `build` adds. */
function synthWith(build: (stack: TerraformStack, other: AwsProvider) => void): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'ops');
  new AwsProvider(stack, 'aws', { region: HOME });
  const other = new AwsProvider(stack, 'other', { region: 'us-east-1', alias: 'other' });
  build(stack, other);
  return synthStack(stack);
}

const statementsOf = (policy: unknown) => JSON.parse(policy as string).Statement as Record<string, unknown>[];

describe('AlarmTopic', () => {
  const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
  const json = synthWith((stack, other) => new AlarmTopic(stack, 'alarms', { name: 'webplat-test-ops-alarms', accountId: ACCOUNT, kmsKeyArn: KEY, emails: ['Ops@Example.com', 'oncall@example.com'], provider: other }));
  const [topicId, topic] = Object.entries(resourcesOf(json, 'aws_sns_topic'))[0];
  const arn = refTo('aws_sns_topic', topicId, 'arn');

  it('is encrypted with the given key, in the given provider\'s region', () => {
    expect(topic).toEqual({ name: 'webplat-test-ops-alarms', kms_master_key_id: KEY, provider: 'aws.other' });
  });

  it('lets the account manage the topic, CloudWatch and EventBridge publish for this account only, and refuses publishing without TLS', () => {
    const policy = onlyResource(json, 'aws_sns_topic_policy');
    expect(policy.arn).toBe(arn);
    expect(policy.provider).toBe('aws.other');
    expect(statementsOf(policy.policy)).toEqual([
      {
        Sid: 'AccountManagesTopic',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
        Resource: arn,
      },
      {
        Sid: 'AlarmsAndEventsPublish',
        Effect: 'Allow',
        Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
        Action: 'sns:Publish',
        Resource: arn,
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
      { Sid: 'DenyWithoutTls', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
  });

  it('mails each address once, each subscription keyed by the address in lower case (reordering replaces none)', () => {
    const subscriptions = Object.entries(resourcesOf(json, 'aws_sns_topic_subscription'));
    const byId = (prefix: string) => subscriptions.filter(([id]) => id.startsWith(prefix)).map(([, s]) => [s.protocol, s.endpoint, s.topic_arn, s.provider]);
    expect(subscriptions).toHaveLength(2);
    expect(byId('alarms_email-opsexamplecom_')).toEqual([['email', 'Ops@Example.com', arn, 'aws.other']]);
    expect(byId('alarms_email-oncallexamplecom_')).toEqual([['email', 'oncall@example.com', arn, 'aws.other']]);
    // Two spellings of one address are one subscription: the second is refused, not created twice.
    expect(() => synthWith((stack) => new AlarmTopic(stack, 'alarms', { name: 'a', accountId: ACCOUNT, kmsKeyArn: KEY, emails: ['ops@example.com', 'OPS@example.com'] }))).toThrow(/email-ops@example\.com/);
  });

  it('has no subscription without e-mails, and uses the default provider without one', () => {
    const bare = synthWith((stack) => new AlarmTopic(stack, 'alarms', { name: 'a', accountId: ACCOUNT, kmsKeyArn: KEY }));
    expect(resourcesOf(bare, 'aws_sns_topic_subscription')).toEqual({});
    expect(onlyResource(bare, 'aws_sns_topic').provider).toBeUndefined();
  });
});

describe('OpsKey', () => {
  function keyPolicy(props: Partial<OpsKeyProps> = {}) {
    const json = synthWith((stack) => new OpsKey(stack, 'key', { aliasName: 'webplat-test-ops-key', accountId: ACCOUNT, region: HOME, ...props }));
    const key = onlyResource(json, 'aws_kms_key');
    return { key, statements: statementsOf(key.policy) };
  }
  const administers = { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' };
  const publish = {
    Sid: 'AlarmsAndEventsPublishToEncryptedTopics',
    Effect: 'Allow',
    Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
  };
  const GROUP_A = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/a';
  const GROUP_B = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/b';
  const logs = (groups: string | string[]) => ({
    Sid: 'CloudWatchLogsEncryptsSessionLogs',
    Effect: 'Allow',
    Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': groups } },
  });
  const TRAIL = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/webplat-test-ops-trail';

  it.each<[string, Partial<OpsKeyProps>, object[]]>([
    ['no other users', {}, [administers, publish]],
    ['empty users', { users: { logGroupArns: [] } }, [administers, publish]],
    ['one session log group', { users: { logGroupArns: [GROUP_A] } }, [administers, publish, logs(GROUP_A)]],
    ['two log groups', { users: { logGroupArns: [GROUP_A, GROUP_B] } }, [administers, publish, logs([GROUP_A, GROUP_B])]],
    [
      'the trail',
      { users: { trailArn: TRAIL } },
      [
        administers,
        publish,
        {
          Sid: 'CloudTrailEncryptsLogFiles',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceArn': TRAIL }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:123456789012:trail/*' } },
        },
        { Sid: 'CloudTrailDescribesKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'aws:SourceArn': TRAIL } } },
      ],
    ],
  ])('admits exactly the services that use it, for this account, with %s', (_, props, expected) => {
    expect(keyPolicy(props).statements).toEqual(expected);
  });

  it('says what it encrypts and is rotated', () => {
    expect(keyPolicy().key).toMatchObject({ description: 'webplat-test-ops-key: alarm topics and operator audit logs', enable_key_rotation: true });
  });
});

describe('SlackChannel', () => {
  const json = synthWith((stack, other) =>
    new SlackChannel(stack, 'slack', { name: 'webplat-test-ops-chatbot', accountId: ACCOUNT, workspaceId: 'T0123ABCD4', channelId: 'C0123ABCD4', topicArns: [TOPICS.homeArn, TOPICS.globalArn], provider: other }),
  );
  const [roleId] = Object.keys(resourcesOf(json, 'aws_iam_role'));

  it('gives the bot a role that may only read CloudWatch, in one named inline policy', () => {
    const rolePolicy = onlyResource(json, 'aws_iam_role_policy');
    expect(rolePolicy.name).toBe('read-alarms');
    expect(rolePolicy.role).toBe(refTo('aws_iam_role', roleId, 'name'));
    expect(statementsOf(rolePolicy.policy)).toEqual([{ Sid: 'RenderAlarmNotifications', Effect: 'Allow', Action: ['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*'], Resource: '*' }]);
  });

  it('posts the topics to the channel, logs errors only and makes each member authorize with their own IAM permissions', () => {
    expect(onlyResource(json, 'aws_chatbot_slack_channel_configuration')).toEqual({
      provider: 'aws.other',
      configuration_name: 'webplat-test-ops-chatbot',
      iam_role_arn: refTo('aws_iam_role', roleId, 'arn'),
      slack_team_id: 'T0123ABCD4',
      slack_channel_id: 'C0123ABCD4',
      sns_topic_arns: [TOPICS.homeArn, TOPICS.globalArn],
      guardrail_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      logging_level: 'ERROR',
      user_authorization_required: true,
    });
  });
});

describe('session preferences', () => {
  it('stream to the encrypted log group only: nothing to S3, no data-channel key', () => {
    const settings = opsSchema.parse({ sessionManager: { idleTimeoutMinutes: 15 } }).sessionManager;
    expect(JSON.parse(sessionPreferences('/aws/ssm/sessions', settings)).inputs).toEqual({
      s3BucketName: '',
      s3KeyPrefix: '',
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: '/aws/ssm/sessions',
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      kmsKeyId: '',
      runAsEnabled: false,
      runAsDefaultUser: '',
      idleSessionTimeout: '15',
      maxSessionDuration: '',
      shellProfile: { windows: '', linux: '' },
    });
  });
});

describe('ops names', () => {
  it('gives the home alarm topic\'s ARN before it exists', () => {
    const naming = new Naming({ project: 'webplat', environment: 'test', accountId: ACCOUNT });
    expect(alarmTopicArn(naming, HOME, ACCOUNT)).toBe('arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms');
  });
});

describe('isPercentile: the statistics CloudWatch takes as extended statistics', () => {
  it.each<[string, boolean]>([
    ['p95', true],
    ['p99.9', true],
    ['p99.99', true],
    ['p0', true],
    ['Average', false],
    ['Maximum', false],
    ['p', false],
    ['p9.', false],
    ['xp95', false],
    ['p95x', false],
    ['p9a', false],
    ['pp95', false],
  ])('%s: %p', (statistic, expected) => {
    expect(isPercentile(statistic)).toBe(expected);
  });
});

const WATCHED: WatchedResources = {
  loadBalancer: { arnSuffix: 'app/alb/0123456789abcdef', targetGroupArnSuffix: 'targetgroup/web/fedcba9876543210' },
  compute: { kind: 'ec2', autoScalingGroupName: 'web' },
  database: { clusterIdentifier: 'aurora', readers: 1 },
  certificates: { regionalArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/regional', globalArn: 'arn:aws:acm:us-east-1:123456789012:certificate/global' },
  distributionId: 'E1ABCDEFGHIJKL',
};

function buildAlarms(stack: TerraformStack, globalProvider: AwsProvider, watched: WatchedResources = WATCHED): OpsAlarms {
  return new OpsAlarms(stack, 'alarms', { namePrefix: 'ops', thresholds: alarmThresholdsSchema.parse({}), watched, topics: TOPICS, globalProvider, region: HOME });
}

describe('OpsAlarms edges', () => {
  it('accepts the largest Aurora cluster (15 readers) and the largest cache (6 nodes)', () => {
    const json = synthWith((stack, other) => buildAlarms(stack, other, { ...WATCHED, database: { clusterIdentifier: 'aurora', readers: 15 }, cache: { replicationGroupId: 'cache', nodeCount: 6 } }));
    const alarms = Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm'));
    expect(alarms.filter((a) => a.namespace === 'AWS/ElastiCache').map((a) => (a.dimensions as Record<string, string>).CacheClusterId)).toContain('cache-006');
    expect(alarms.filter((a) => a.namespace === 'AWS/RDS').map((a) => (a.dimensions as Record<string, string>).Role)).toContain('READER');
  });

  it('refuses a cache with a fractional node count', () => {
    expect(() => synthWith((stack, other) => buildAlarms(stack, other, { ...WATCHED, cache: { replicationGroupId: 'cache', nodeCount: 2.5 } }))).toThrow(
      'OpsAlarms: watched.cache.nodeCount is 2.5; expected a whole number from 1 to 6 (the primary and up to 5 replicas)',
    );
  });

  it('tells each metric where it is read: the home region, or us-east-1 for CloudFront and its certificate', () => {
    let alarms: OpsAlarms | undefined;
    synthWith((stack, other) => (alarms = buildAlarms(stack, other)));
    expect(alarms!.metrics.map((m) => [m.purpose, m.where, m.region])).toEqual([
      ['alb-target-5xx', 'home', HOME],
      ['alb-response-time-p95', 'home', HOME],
      ['alb-unhealthy-hosts', 'home', HOME],
      ['compute-cpu', 'home', HOME],
      ['db-writer-cpu', 'home', HOME],
      ['db-writer-freeable-memory', 'home', HOME],
      ['db-reader-cpu', 'home', HOME],
      ['db-reader-freeable-memory', 'home', HOME],
      ['certificate-regional-days-to-expiry', 'home', HOME],
      ['cdn-5xx-rate', 'global', 'us-east-1'],
      ['certificate-global-days-to-expiry', 'global', 'us-east-1'],
    ]);
    expect(alarms!.alarmNames).toEqual(alarms!.metrics.map((m) => `ops-${m.purpose}`));
  });

  it('alarms on the web servers\' CPU at or above its threshold, and not while the group reports nothing', () => {
    const json = synthWith((stack, other) => buildAlarms(stack, other));
    const cpu = Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).find((alarm) => alarm.alarm_name === 'ops-compute-cpu')!;
    expect(cpu).toMatchObject({
      namespace: 'AWS/EC2',
      metric_name: 'CPUUtilization',
      dimensions: { AutoScalingGroupName: 'web' },
      statistic: 'Average',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
    });
  });

  it('names the certificate\'s user, and suggests readers for the writer and more readers for the readers', () => {
    let alarms: OpsAlarms | undefined;
    synthWith((stack, other) => (alarms = buildAlarms(stack, other)));
    const byPurpose = Object.fromEntries(alarms!.metrics.map((m) => [m.purpose, m]));
    expect(byPurpose['certificate-regional-days-to-expiry'].title).toBe('Certificate (load balancer): days to expiry (Minimum)');
    expect(byPurpose['certificate-global-days-to-expiry'].title).toBe('Certificate (CloudFront): days to expiry (Minimum)');
    expect(byPurpose['db-writer-cpu'].description).toMatch(/ or moving reads to readers\.$/);
    expect(byPurpose['db-reader-cpu'].description).toMatch(/; then a larger instance class or more readers\.$/);
  });
});

describe('OpsDashboard edges', () => {
  type Widget = { type: string; x: number; y: number; width: number; height: number; properties: Record<string, any> };
  function dashboard(dashboardName: string | ((stack: TerraformStack) => string) = 'ops') {
    const json = synthWith((stack, other) => {
      const alarms = buildAlarms(stack, other);
      new OpsDashboard(stack, 'dashboard', { dashboardName: typeof dashboardName === 'string' ? dashboardName : dashboardName(stack), metrics: alarms.metrics });
    });
    const resource = onlyResource(json, 'aws_cloudwatch_dashboard');
    return { resource, widgets: JSON.parse(resource.dashboard_body as string).widgets as Widget[] };
  }

  it('lays the graphs out in metric order, two per 24-column row, each 12 wide and 6 high', () => {
    const { widgets } = dashboard();
    expect(widgets).toHaveLength(11);
    expect(widgets.map((w) => [w.x, w.y, w.width, w.height])).toEqual(Array.from({ length: 11 }, (_, i) => [(i % 2) * 12, Math.floor(i / 2) * 6, 12, 6]));
    expect(widgets.map((w) => w.properties.metrics[0][1])).toEqual([
      'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'UnHealthyHostCount', 'CPUUtilization', 'CPUUtilization', 'FreeableMemory', 'CPUUtilization', 'FreeableMemory',
      'DaysToExpiry', '5xxErrorRate', 'DaysToExpiry',
    ]);
  });

  it('draws time series with the threshold line on the side that alarms', () => {
    const { widgets } = dashboard();
    expect(widgets.every((w) => w.properties.view === 'timeSeries')).toBe(true);
    const lines = Object.fromEntries(widgets.map((w) => [w.properties.metrics[0].slice(0, 2).join(' ') + (w.properties.metrics[0][5] ?? ''), w.properties.annotations.horizontal]));
    expect(lines['AWS/ApplicationELB HTTPCode_Target_5XX_Count']).toEqual([{ label: 'alarm >= 10', value: 10, fill: 'above' }]);
    expect(lines['AWS/RDS FreeableMemoryWRITER']).toEqual([{ label: 'alarm < 268435456', value: 268435456, fill: 'below' }]);
    expect(lines['AWS/CertificateManager DaysToExpiry']).toEqual([{ label: 'alarm < 30', value: 30, fill: 'below' }]);
  });

  it.each(['Webplat_Prod-Ops-2', 'x'.repeat(255), '0_9'])('accepts the dashboard name %p', (name) => {
    expect(dashboard(name).resource.dashboard_name).toBe(name);
  });

  it('leaves a name only known at apply time to CloudWatch', () => {
    const { resource } = dashboard((stack) => new DataTerraformRemoteStateLocal(stack, 'names', { path: 'names.tfstate' }).getString('dashboard'));
    expect(resource.dashboard_name).toBe('${data.terraform_remote_state.names.outputs.dashboard}');
  });
});
