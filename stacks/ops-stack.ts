import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { WebPlatformConfig } from '../config/schema';
import { readAppOutputs } from '../constructs/app-outputs';
import { DataNames } from '../constructs/data/data-names';
import { readDnsOutputs } from '../constructs/dns-outputs';
import { readEdgeOutputs } from '../constructs/edge-outputs';
import { OpsAlarms } from '../constructs/ops/alarms/ops-alarms';
import { AlarmTopics, WatchedResources } from '../constructs/ops/alarms/watched-resources';
import { AlarmTopic } from '../constructs/ops/alarm-topic';
import { OpsDashboard } from '../constructs/ops/dashboard';
import { auditTrailArn, ChangeAudit } from '../constructs/ops/change-audit';
import { SessionRecording } from '../constructs/ops/session-manager';
import { serverAccessLogBucket } from '../constructs/secure-bucket';
import { alarmTopicName, sessionLogGroupArn } from '../constructs/ops/ops-names';
import { OpsKey } from '../constructs/ops/ops-key';
import { CHATBOT_API_REGION, SlackChannel } from '../constructs/ops/slack-channel';
import { GLOBAL_REGION, TierStack } from './tier-stack';

/**
 * `<env>-ops`: what tells the operators. An encrypted alarm topic in the home region and one in
 * us-east-1 (CloudFront's and its certificate's metrics live there, and an alarm can only notify a
 * topic of its own region), both posted to Slack through AWS Chatbot and mailed to the configured
 * addresses; the alarms and a dashboard over the app, data and edge tiers; Session Manager's
 * preferences that record every session; and, when configured, the change audit.
 */
export class OpsStack extends TierStack {
  constructor(scope: Construct, config: WebPlatformConfig) {
    super(scope, { config, tier: 'ops' });
    const { region, ops } = config;
    const { homeKeyArn, topics } = this.notifications(config);
    this.operatorAudit(config, homeKeyArn, topics);

    const alarms = new OpsAlarms(this, 'watch', {
      namePrefix: this.naming.name('ops', 'alarm', 200),
      thresholds: ops.alarms.thresholds,
      watched: this.watchedResources(config),
      topics,
      globalProvider: this.globalProvider,
      region,
    });
    const dashboard = new OpsDashboard(this, 'dashboard', { dashboardName: this.naming.name('ops', 'dashboard', 255), metrics: alarms.metrics });

    new TerraformOutput(this, 'alarm_topic_arn', { value: topics.homeArn, description: `Alarm topic in ${region}: subscribe pagers or tickets here.` });
    new TerraformOutput(this, 'global_alarm_topic_arn', { value: topics.globalArn, description: 'Alarm topic in us-east-1, for the CloudFront and CloudFront certificate alarms.' });
    new TerraformOutput(this, 'dashboard_name', { value: dashboard.dashboardName, description: `CloudWatch dashboard (${region}) of every alarmed metric.` });
  }

  /**
   * The ops key and alarm topic of each region, the Slack channel and the e-mail subscriptions. The home
   * key also encrypts the session log group and the trail, so its policy admits them when they exist.
   */
  private notifications(config: WebPlatformConfig): { readonly homeKeyArn: string; readonly topics: AlarmTopics } {
    const { accountId, region, ops } = config;
    const homeKey = new OpsKey(this, 'key', {
      aliasName: this.naming.name('ops', 'key', 250),
      accountId,
      region,
      users: {
        logGroupArns: ops.sessionManager.enabled ? [sessionLogGroupArn(this.naming, region, accountId)] : [],
        trailArn: ops.changeAudit.enabled ? auditTrailArn(this.naming, region, accountId) : undefined,
      },
    });
    const globalKey = new OpsKey(this, 'global-key', {
      aliasName: this.naming.name('ops', 'key-us-east-1', 250),
      accountId,
      region: GLOBAL_REGION,
      provider: this.globalProvider,
    });
    const homeTopic = new AlarmTopic(this, 'alarms', {
      name: alarmTopicName(this.naming, 'home'),
      accountId,
      kmsKeyArn: homeKey.keyArn,
      emails: ops.alarms.emails,
    });
    const globalTopic = new AlarmTopic(this, 'global-alarms', {
      name: alarmTopicName(this.naming, 'global'),
      accountId,
      kmsKeyArn: globalKey.keyArn,
      emails: ops.alarms.emails,
      provider: this.globalProvider,
    });
    if (ops.alarms.slack !== undefined) {
      new SlackChannel(this, 'slack', {
        name: this.naming.name('ops', 'slack', 64),
        accountId,
        workspaceId: ops.alarms.slack.workspaceId,
        channelId: ops.alarms.slack.channelId,
        topicArns: [homeTopic.topicArn, globalTopic.topicArn],
        provider: this.aliasedProvider('chatbot', CHATBOT_API_REGION),
      });
    }
    return { homeKeyArn: homeKey.keyArn, topics: { homeArn: homeTopic.topicArn, globalArn: globalTopic.topicArn } };
  }

  /** Session recording (`ops.sessionManager`) and the change audit (`ops.changeAudit`), each when enabled. */
  private operatorAudit(config: WebPlatformConfig, homeKeyArn: string, topics: AlarmTopics): void {
    const { accountId, region, ops } = config;
    if (ops.sessionManager.enabled) {
      new SessionRecording(this, 'sessions', { naming: this.naming, kmsKeyArn: homeKeyArn, settings: ops.sessionManager });
    }
    if (ops.changeAudit.enabled) {
      const accessLogs = serverAccessLogBucket(this, 'access-logs', {
        bucketName: this.naming.bucketName('ops', 's3-access-logs'),
        retentionDays: ops.changeAudit.retentionDays,
        accountId,
      });
      new ChangeAudit(this, 'change-audit', {
        naming: this.naming,
        accountId,
        region,
        kmsKeyArn: homeKeyArn,
        topics,
        globalProvider: this.globalProvider,
        accessLogs,
        retentionDays: ops.changeAudit.retentionDays,
      });
    }
  }

  /** What the alarms watch: the app, dns and edge tiers' outputs, and the data tier's fixed names. */
  private watchedResources(config: WebPlatformConfig): WatchedResources {
    const app = readAppOutputs(this, config);
    const dns = readDnsOutputs(this, config);
    const edge = readEdgeOutputs(this, config);
    const dataNames = new DataNames(this.naming);
    return {
      loadBalancer: { arnSuffix: app.loadBalancerArnSuffix, targetGroupArnSuffix: app.targetGroupArnSuffix },
      compute:
        config.app.compute === 'ec2'
          ? { kind: 'ec2', autoScalingGroupName: app.computeName }
          : { kind: 'fargate-spot', clusterName: app.computeName, serviceName: app.computeName },
      database: config.data === undefined ? undefined : { clusterIdentifier: dataNames.clusterIdentifier, readers: config.data.database.readers },
      cache: config.data?.cache === undefined ? undefined : { replicationGroupId: dataNames.cacheReplicationGroupId, nodeCount: config.data.cache.replicas + 1 },
      certificates: { regionalArn: dns.regionalCertificateArn, globalArn: dns.globalCertificateArn },
      distributionId: edge.distributionId,
    };
  }
}
