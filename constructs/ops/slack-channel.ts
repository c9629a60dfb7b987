import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy } from '../iam-policy';

/** The most a channel member can do through the bot, whatever the channel role allows: read. */
export const CHATBOT_GUARDRAIL_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

/** AWS Chatbot's API answers in us-east-2 only: its configurations are global, created there. */
export const CHATBOT_API_REGION = 'us-east-2';

export interface SlackChannelProps {
  /** Name of the configuration and of its role. */
  readonly name: string;
  readonly accountId: string;
  /** The Slack workspace (team) id, authorized once in the AWS Chatbot console. */
  readonly workspaceId: string;
  readonly channelId: string;
  /** The topics whose messages the channel receives, in any region. */
  readonly topicArns: readonly string[];
  /** A provider in CHATBOT_API_REGION. */
  readonly provider: AwsProvider;
}

/**
 * An AWS Chatbot Slack channel configuration that posts every message of the alarm topics. Its
 * role may only read CloudWatch (to draw the alarm's graph), and the ReadOnlyAccess guardrail caps
 * whatever a channel member asks the bot to do.
 */
export class SlackChannel extends Construct {
  constructor(scope: Construct, id: string, props: SlackChannelProps) {
    super(scope, id);
    const role = new IamRole(this, 'role', {
      name: props.name,
      description: 'AWS Chatbot: reads CloudWatch to render alarm notifications in Slack',
      assumeRolePolicy: serviceTrustPolicy('chatbot.amazonaws.com', { 'aws:SourceAccount': props.accountId }),
    });
    new IamRolePolicy(this, 'notifications', {
      name: 'read-alarms',
      role: role.name,
      policy: policyDocument([
        {
          Sid: 'RenderAlarmNotifications',
          Effect: 'Allow',
          Action: ['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*'],
          Resource: '*',
        },
      ]),
    });
    new ChatbotSlackChannelConfiguration(this, 'channel', {
      provider: props.provider,
      configurationName: props.name,
      iamRoleArn: role.arn,
      slackTeamId: props.workspaceId,
      slackChannelId: props.channelId,
      snsTopicArns: [...props.topicArns],
      guardrailPolicyArns: [CHATBOT_GUARDRAIL_POLICY],
      loggingLevel: 'ERROR',
      userAuthorizationRequired: true,
    });
  }
}
