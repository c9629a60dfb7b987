import { ofType, verdict } from '../../resources';
import { kmsRequestedForLogs } from '../../settings';
import { PolicyRule } from '../../types';

/** Log groups are KMS-encrypted where the config asks. */
export const logGroupKms: PolicyRule = {
  id: 'LOGS-KMS',
  pack: 'observability',
  title: 'CloudWatch log groups are encrypted with a KMS key when the environment config asks for one.',
  explanation: 'Logs hold addresses, requests and errors; with a customer-managed key, reading them needs a key grant too, and revoking the key revokes access.',
  fix: 'Set kms_key_id on the log group to EncryptionKeys.logs(scope, config) (constructs/encryption-keys.ts): the key from observability.kmsKeyArn, or the environment\'s logs key.',
  check: ({ resources, config }) =>
    kmsRequestedForLogs(config) ? ofType(resources, 'aws_cloudwatch_log_group').map((group) => verdict(group, !group.values.kms_key_id && 'is not encrypted with the KMS key')) : [],
};
