import { App } from 'cdktf';
import type { WebPlatformInput } from './support/fixtures';
import { OpsStack } from '../stacks/ops-stack';
import { testConfig } from './support/fixtures';
import { resourcesOf, SynthesizedStack, synthStack } from './support/synth';

const SLACK = { workspaceId: 'T0123ABCD4', channelId: 'C0123ABCD4' };

function synthOps(change?: (input: WebPlatformInput) => void): SynthesizedStack {
  return synthStack(new OpsStack(new App(), testConfig(change)));
}

/** The resources of `type` keyed by logical id, each with the Terraform address others reference it by. */
function entries(json: SynthesizedStack, type: string): [string, Record<string, any>][] {
  return Object.entries(resourcesOf(json, type)) as [string, Record<string, any>][];
}

const topicNamed = (json: SynthesizedStack, name: string) => entries(json, 'aws_sns_topic').find(([, topic]) => topic.name === name)!;
const policyOf = (value: unknown) => JSON.parse(value as string) as { Statement: Record<string, any>[] };

describe('ops stack alarm topics', () => {
  const json = synthOps((input) => {
    input.ops = { alarms: { slack: SLACK, emails: ['ops@example.com', 'oncall@example.com'] } };
  });
  const [homeId, home] = topicNamed(json, 'webplat-test-ops-alarms');
  const [globalId, global] = topicNamed(json, 'webplat-test-ops-alarms-us-east-1');
  const keys = entries(json, 'aws_kms_key');

  it('keeps one topic in the home region and one in us-east-1, where CloudFront publishes its metrics', () => {
    expect(home.provider).toBeUndefined();
    expect(global.provider).toBe('aws.global');
    expect(json.provider?.aws).toEqual(
      expect.arrayContaining([expect.objectContaining({ region: 'eu-west-1' }), expect.objectContaining({ alias: 'global', region: 'us-east-1' })]),
    );
  });

  it('encrypts each topic with a rotated customer key of its own region', () => {
    for (const [topic, provider] of [
      [home, undefined],
      [global, 'aws.global'],
    ] as const) {
      const keyId = (topic.kms_master_key_id as string).match(/^\$\{aws_kms_key\.([\w-]+)\.arn\}$/)![1];
      const key = resourcesOf(json, 'aws_kms_key')[keyId] as Record<string, any>;
      expect(key.provider).toBe(provider);
      expect(key.enable_key_rotation).toBe(true);
      expect(topic.kms_master_key_id).not.toBe('alias/aws/sns');
    }
    expect(keys).toHaveLength(2);
  });

  it('lets CloudWatch and EventBridge use the keys and publish to the topics for this account only', () => {
    for (const [, key] of keys) {
      const publish = policyOf(key.policy).Statement.find((statement) => JSON.stringify(statement.Principal).includes('cloudwatch.amazonaws.com'))!;
      expect(publish.Principal.Service).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
      expect(publish.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      expect(publish.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' } });
    }
    for (const id of [homeId, globalId]) {
      const policy = Object.values(resourcesOf(json, 'aws_sns_topic_policy')).find((candidate) => candidate.arn === `\${aws_sns_topic.${id}.arn}`)!;
      const statements = policyOf(policy.policy).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
          Action: 'sns:Publish',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }),
      );
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(statements.filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).includes('"*"'))).toEqual([]);
    }
  });

  it('mails every configured address from both topics', () => {
    const subscriptions = Object.values(resourcesOf(json, 'aws_sns_topic_subscription'));
    expect(subscriptions).toHaveLength(4);
    for (const id of [homeId, globalId]) {
      const mine = subscriptions.filter((subscription) => subscription.topic_arn === `\${aws_sns_topic.${id}.arn}`);
      expect(mine.map((subscription) => [subscription.protocol, subscription.endpoint]).sort()).toEqual([
        ['email', 'oncall@example.com'],
        ['email', 'ops@example.com'],
      ]);
    }
  });

  it('posts both topics to the Slack channel through AWS Chatbot, read-only', () => {
    const [channel] = Object.values(resourcesOf(json, 'aws_chatbot_slack_channel_configuration')) as Record<string, any>[];
    expect(channel).toMatchObject({
      slack_team_id: 'T0123ABCD4',
      slack_channel_id: 'C0123ABCD4',
      sns_topic_arns: [`\${aws_sns_topic.${homeId}.arn}`, `\${aws_sns_topic.${globalId}.arn}`],
      guardrail_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      provider: 'aws.chatbot',
    });
    expect(json.provider?.aws).toContainEqual(expect.objectContaining({ alias: 'chatbot', region: 'us-east-2', allowed_account_ids: ['123456789012'] }));
    const role = Object.values(resourcesOf(json, 'aws_iam_role'))[0] as Record<string, any>;
    expect(policyOf(role.assume_role_policy).Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'chatbot.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
    ]);
    const [rolePolicy] = Object.values(resourcesOf(json, 'aws_iam_role_policy')) as Record<string, any>[];
    expect(policyOf(rolePolicy.policy).Statement.flatMap((statement) => statement.Action)).toEqual(['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*']);
  });

  it('has no Chatbot and no subscription when neither is configured', () => {
    const bare = synthOps();
    expect(resourcesOf(bare, 'aws_chatbot_slack_channel_configuration')).toEqual({});
    expect(resourcesOf(bare, 'aws_sns_topic_subscription')).toEqual({});
    expect(bare.provider?.aws).not.toContainEqual(expect.objectContaining({ alias: 'chatbot' }));
    expect(Object.keys(resourcesOf(bare, 'aws_sns_topic'))).toHaveLength(2);
  });

  it('pins every provider to the environment account', () => {
    for (const provider of json.provider?.aws ?? []) expect(provider.allowed_account_ids).toEqual(['123456789012']);
  });

  it('names the alarms, the dashboard, each region\'s key alias and the Slack channel under the ops tier', () => {
    const alarmNames = Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm')).map((alarm) => alarm.alarm_name as string);
    expect(alarmNames).toContain('webplat-test-ops-alarm-compute-cpu');
    for (const name of alarmNames) expect(name).toMatch(/^webplat-test-ops-alarm-[a-z0-9]/);
    expect(Object.values(resourcesOf(json, 'aws_cloudwatch_dashboard')).map((dashboard) => dashboard.dashboard_name)).toEqual(['webplat-test-ops-dashboard']);
    const aliases = Object.values(resourcesOf(json, 'aws_kms_alias')).map((alias) => [alias.name, alias.provider ?? 'home']);
    expect(aliases.sort()).toEqual([
      ['alias/webplat-test-ops-key', 'home'],
      ['alias/webplat-test-ops-key-us-east-1', 'aws.global'],
    ]);
    expect(Object.values(resourcesOf(json, 'aws_chatbot_slack_channel_configuration')).map((channel) => channel.configuration_name)).toEqual(['webplat-test-ops-slack']);
  });

  it('outputs the ARN of each region\'s alarm topic and the dashboard\'s name, each described', () => {
    const [dashboardId] = Object.keys(resourcesOf(json, 'aws_cloudwatch_dashboard'));
    expect(Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]))).toEqual({
      alarm_topic_arn: `\${aws_sns_topic.${homeId}.arn}`,
      global_alarm_topic_arn: `\${aws_sns_topic.${globalId}.arn}`,
      dashboard_name: `\${aws_cloudwatch_dashboard.${dashboardId}.dashboard_name}`,
    });
    for (const output of Object.values(json.output ?? {})) expect(output.description).toBeTruthy();
  });
});

describe('ops stack names other tiers rely on', () => {
  it('names the home alarm topic as the app tier\'s schedule alarms expect it', () => {
    expect(topicNamed(synthOps(), 'webplat-test-ops-alarms')).toBeDefined();
  });
});

describe('ops stack session recording and change audit', () => {
  const json = synthOps((input) => {
    input.ops = { sessionManager: { idleTimeoutMinutes: 12, runAsUser: 'webops' }, changeAudit: { enabled: true, retentionDays: 400 } };
  });
  const homeKeyId = () => {
    const [id] = Object.entries(resourcesOf(json, 'aws_kms_key')).find(([, key]) => key.provider === undefined)!;
    return id;
  };

  it('records sessions to the encrypted session log group the app tier names', () => {
    const [group] = Object.values(resourcesOf(json, 'aws_cloudwatch_log_group')) as Record<string, any>[];
    expect(group.name).toBe('/aws/ssm/webplat-test-ops-sessions');
    expect(group.kms_key_id).toBe(`\${aws_kms_key.${homeKeyId()}.arn}`);
    const [document] = Object.values(resourcesOf(json, 'aws_ssm_document')) as Record<string, any>[];
    expect(document.name).toBe('SSM-SessionManagerRunShell');
    expect(JSON.parse(document.content).inputs).toMatchObject({ cloudWatchEncryptionEnabled: true, idleSessionTimeout: '12', runAsEnabled: true, runAsDefaultUser: 'webops' });
  });

  it('lets CloudWatch Logs use the home key for the session log group only, and CloudTrail for this trail only', () => {
    const policy = policyOf((resourcesOf(json, 'aws_kms_key')[homeKeyId()] as Record<string, any>).policy).Statement;
    expect(policy).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/webplat-test-ops-sessions' } },
      }),
    );
    const trail = policy.filter((statement) => JSON.stringify(statement.Principal).includes('cloudtrail.amazonaws.com'));
    expect(trail.length).toBeGreaterThan(0);
    for (const statement of trail) expect(statement.Condition.StringEquals['aws:SourceArn']).toBe('arn:aws:cloudtrail:eu-west-1:123456789012:trail/webplat-test-ops-trail');
  });

  it('keeps the trail, access-logged, for the configured days', () => {
    const [trail] = Object.values(resourcesOf(json, 'aws_cloudtrail')) as Record<string, any>[];
    expect(trail).toMatchObject({ name: 'webplat-test-ops-trail', is_multi_region_trail: true, enable_log_file_validation: true });
    const rules = Object.values(resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')) as Record<string, any>[];
    expect(JSON.stringify(rules)).toContain('"days":400');
    const logging = Object.values(resourcesOf(json, 'aws_s3_bucket_logging')) as Record<string, any>[];
    expect(logging).toHaveLength(1);
    expect(logging[0].target_bucket).toMatch(/aws_s3_bucket\.access-logs_bucket_/);
  });

  it('names the trail\'s access log bucket under the ops tier, with the account id that makes it globally unique', () => {
    const buckets = Object.entries(resourcesOf(json, 'aws_s3_bucket')).map(([id, bucket]) => [id.replace(/_[0-9A-F]{8}$/, ''), bucket.bucket]);
    expect(buckets.sort()).toEqual([
      ['access-logs_bucket', 'webplat-test-ops-s3-access-logs-123456789012'],
      ['change-audit_trail_bucket', 'webplat-test-ops-trail-123456789012'],
    ]);
  });

  it('has neither when both are off', () => {
    const off = synthOps((input) => (input.ops = { sessionManager: { enabled: false } }));
    for (const type of ['aws_ssm_document', 'aws_cloudwatch_log_group', 'aws_cloudtrail', 'aws_cloudwatch_event_rule', 'aws_s3_bucket']) {
      expect(resourcesOf(off, type)).toEqual({});
    }
    const keyPolicies = Object.values(resourcesOf(off, 'aws_kms_key')).map((key) => key.policy as string);
    expect(keyPolicies.join()).not.toMatch(/logs\.eu-west-1|cloudtrail/);
  });
});

describe('ops stack alarms over the other tiers', () => {
  it('watches the load balancer and compute through the app tier\'s outputs, the certificates through the dns tier\'s, CloudFront through the edge tier\'s', () => {
    const json = synthOps();
    const alarms = Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm')) as Record<string, any>[];
    const dimensionsOf = (metric: string) => alarms.filter((alarm) => alarm.metric_name === metric).map((alarm) => alarm.dimensions);
    expect(dimensionsOf('HTTPCode_Target_5XX_Count')).toEqual([{ LoadBalancer: '${data.terraform_remote_state.app-state.outputs.alb_arn_suffix}' }]);
    expect(dimensionsOf('CPUUtilization')).toEqual([{ AutoScalingGroupName: '${data.terraform_remote_state.app-state.outputs.compute_name}' }]);
    expect(dimensionsOf('DaysToExpiry')).toEqual(
      expect.arrayContaining([
        { CertificateArn: '${data.terraform_remote_state.dns-state.outputs.regional_certificate_arn}' },
        { CertificateArn: '${data.terraform_remote_state.dns-state.outputs.global_certificate_arn}' },
      ]),
    );
    expect(dimensionsOf('5xxErrorRate')).toEqual([{ DistributionId: '${data.terraform_remote_state.edge-state.outputs.distribution_id}', Region: 'Global' }]);
    expect(alarms.filter((alarm) => alarm.namespace === 'AWS/RDS' || alarm.namespace === 'AWS/ElastiCache')).toEqual([]);
  });

  it('watches Aurora and each cache node by the data tier\'s fixed names, and Fargate by cluster and service', () => {
    const json = synthOps((input) => {
      input.data = { database: { readers: 1 }, cache: { replicas: 1, automaticFailover: true } };
      input.app = { compute: 'fargate-spot', container: { image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/site:1' } };
      input.network.interfaceEndpoints = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'ecr.api', 'ecr.dkr'];
    });
    const alarms = Object.values(resourcesOf(json, 'aws_cloudwatch_metric_alarm')) as Record<string, any>[];
    const dimensions = (namespace: string) => alarms.filter((alarm) => alarm.namespace === namespace).map((alarm) => JSON.stringify(alarm.dimensions));
    expect(new Set(dimensions('AWS/RDS'))).toEqual(
      new Set([JSON.stringify({ DBClusterIdentifier: 'webplat-test-data-aurora', Role: 'WRITER' }), JSON.stringify({ DBClusterIdentifier: 'webplat-test-data-aurora', Role: 'READER' })]),
    );
    expect(new Set(dimensions('AWS/ElastiCache'))).toEqual(new Set(['{"CacheClusterId":"webplat-test-data-cache-001"}', '{"CacheClusterId":"webplat-test-data-cache-002"}']));
    const compute = '${data.terraform_remote_state.app-state.outputs.compute_name}';
    expect(new Set(dimensions('AWS/ECS'))).toEqual(new Set([JSON.stringify({ ClusterName: compute, ServiceName: compute })]));
  });
});
