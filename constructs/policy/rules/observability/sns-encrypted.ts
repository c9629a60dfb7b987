import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const snsEncrypted: PolicyRule = {
  id: 'SNS-KMS',
  pack: 'observability',
  title: 'SNS topics are encrypted with KMS.',
  explanation: 'Alarm and notification messages can carry hostnames, errors and data; an unencrypted topic stores them in clear text.',
  fix: 'Set kms_master_key_id (alias/aws/sns or a customer-managed key).',
  check: ({ resources }) => ofType(resources, 'aws_sns_topic').map((topic) => verdict(topic, !topic.values.kms_master_key_id && 'is not KMS-encrypted')),
};
