import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';

export interface AlarmTopicProps {
  /** The topic's name. */
  readonly name: string;
  readonly accountId: string;
  /** The ops key of the topic's region (OpsKey). */
  readonly kmsKeyArn: string;
  /**
   * E-mail addresses subscribed to the topic; each confirms once from the message AWS sends.
   * @default - none
   */
  readonly emails?: readonly string[];
  /**
   * Provider the topic is created with: alarms can only notify a topic in their own region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * The KMS-encrypted SNS topic alarms and audit events of one region publish to. Its policy lets
 * CloudWatch and EventBridge publish for this account only, and refuses requests without TLS.
 */
export class AlarmTopic extends Construct {
  public readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const topic = new SnsTopic(this, 'topic', { provider: props.provider, name: props.name, kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'policy', {
      provider: props.provider,
      arn: topic.arn,
      policy: policyDocument([
        {
          Sid: 'AccountManagesTopic',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
          Action: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
          Resource: topic.arn,
        },
        {
          Sid: 'AlarmsAndEventsPublish',
          Effect: 'Allow',
          Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
        {
          Sid: 'DenyWithoutTls',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    // Keyed by address, so reordering the list replaces no subscription (each would need confirming again).
    for (const email of props.emails ?? []) {
      new SnsTopicSubscription(this, `email-${email.toLowerCase()}`, { provider: props.provider, topicArn: topic.arn, protocol: 'email', endpoint: email });
    }
    this.topicArn = topic.arn;
  }
}
