import { EnvironmentConfig } from '../config/schema';
import { testConfig } from './support/fixtures';
import { failedRules, RawResource } from './support/policy';

/** An environment whose config asks for KMS on logs and notifications (`observability.kmsKeyArn`, added to the schema by the ops tier). */
const withKms = { ...testConfig(), observability: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666' } } as EnvironmentConfig;
const logGroup = (values: Record<string, unknown>): RawResource => ({ type: 'aws_cloudwatch_log_group', id: 'lg', values: { retention_in_days: 30, ...values } });
const topic = (values: Record<string, unknown>): RawResource => ({ type: 'aws_sns_topic', id: 't', values });

describe('observability pack', () => {
  it('passes a log group with a retention and fails LOGS-RETENTION without one', () => {
    expect(failedRules([logGroup({})])).toEqual([]);
    expect(failedRules([logGroup({ retention_in_days: undefined })])).toEqual(['LOGS-RETENTION']);
    expect(failedRules([logGroup({ retention_in_days: 0 })])).toEqual(['LOGS-RETENTION']);
  });

  it('passes a KMS-encrypted log group and fails LOGS-KMS for a plain one where the config asks', () => {
    expect(failedRules([logGroup({ kms_key_id: '${aws_kms_key.logs.arn}' })], withKms)).toEqual([]);
    expect(failedRules([logGroup({})], withKms)).toEqual(['LOGS-KMS']);
  });

  it('passes a KMS-encrypted topic and fails SNS-KMS for a plain one where the config asks', () => {
    expect(failedRules([topic({ kms_master_key_id: 'alias/aws/sns' })], withKms)).toEqual([]);
    expect(failedRules([topic({})], withKms)).toEqual(['SNS-KMS']);
  });

  it('does not ask for KMS where the config does not', () => {
    expect(failedRules([logGroup({}), topic({})])).toEqual([]);
  });
});
