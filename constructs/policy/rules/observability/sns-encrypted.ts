import { ofType, verdict } from '../../resources';
import { kmsRequestedForLogs } from '../../settings';
import { PolicyRule } from '../../types';

/** SNS topics are KMS-encrypted where the config asks. */
export const snsEncrypted: PolicyRule = {
  id: 'SNS-KMS',
  pack: 'observability',
  title: 'SNS topics are encrypted with a KMS key when the environment config asks for one.',
  explanation: 'Alarm and notification messages carry hostnames, errors and data; an unencrypted topic stores them at rest in clear text.',
  fix: 'Set kms_master_key_id on the topic to the key from config (observability.kmsKeyArn); its key policy must let the publishing services use it.',
  check: ({ resources, config }) =>
    kmsRequestedForLogs(config) ? ofType(resources, 'aws_sns_topic').map((topic) => verdict(topic, !topic.values.kms_master_key_id && 'is not encrypted with the KMS key')) : [],
};
