import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { WebPlatformConfig } from '../config/schema';
import { AlarmTopic } from '../constructs/ops/alarm-topic';
import { alarmTopicName, sessionLogGroupName } from '../constructs/ops/ops-names';
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
    const { accountId, region, ops } = config;
    const sessionLogGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${sessionLogGroupName(this.naming)}`;

    const homeKey = new OpsKey(this, 'key', {
      aliasName: this.naming.name('ops', 'key', 250),
      accountId,
      region,
      users: { logGroupArns: ops.sessionManager.enabled ? [sessionLogGroupArn] : [] },
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

    new TerraformOutput(this, 'alarm_topic_arn', { value: homeTopic.topicArn, description: `Alarm topic in ${region}: subscribe pagers or tickets here.` });
    new TerraformOutput(this, 'global_alarm_topic_arn', { value: globalTopic.topicArn, description: 'Alarm topic in us-east-1, for the CloudFront and CloudFront certificate alarms.' });
  }
}
