import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** The AWS managed key of SNS, by alias name or alias ARN. */
const SNS_MANAGED_KEY = /(^|:)alias\/aws\/sns$/;

/** Every SNS topic is encrypted with a customer managed KMS key. */
export const snsTopicEncrypted: PolicyRule = {
  id: 'SNS-ENCRYPTED',
  pack: 'observability',
  title: 'Every SNS topic is encrypted with a customer managed KMS key (not alias/aws/sns).',
  explanation:
    'Alarm and audit messages carry hostnames, errors and account activity, stored in clear text on an unencrypted topic; the AWS managed key alias/aws/sns cannot be granted to CloudWatch or EventBridge, so their publishes to a topic encrypted with it fail and nobody is notified.',
  fix:
    'Set kms_master_key_id on the topic to a customer managed key whose key policy lets cloudwatch.amazonaws.com and events.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt.',
  check: ({ resources }) =>
    ofType(resources, 'aws_sns_topic').map((topic) => {
      const key = topic.values.kms_master_key_id;
      if (!key) return verdict(topic, 'is not encrypted (no kms_master_key_id)');
      return verdict(topic, typeof key === 'string' && SNS_MANAGED_KEY.test(key) && `is encrypted with the AWS managed key ${key}, which CloudWatch alarms and EventBridge cannot publish through`);
    }),
};
