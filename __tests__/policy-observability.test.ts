import { App } from 'cdktf';
import { EnvironmentConfig } from '../config/schema';
import { evaluateStack } from '../constructs/policy/engine';
import { NetworkStack } from '../stacks/network-stack';
import { testConfig } from './support/fixtures';
import { failedRules, RawResource } from './support/policy';

/** An environment whose config asks for KMS on logs and notifications. */
const withKms: EnvironmentConfig = { ...testConfig(), observability: { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666' } };
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

  it('fails SNS-ENCRYPTED for a plain topic whether or not the config names a key', () => {
    expect(failedRules([topic({ kms_master_key_id: '${aws_kms_key.ops.arn}' })], withKms)).toEqual([]);
    expect(failedRules([topic({})], withKms)).toEqual(['SNS-ENCRYPTED']);
    expect(failedRules([topic({})])).toEqual(['SNS-ENCRYPTED']);
  });

  it('does not ask for KMS on log groups where the config does not', () => {
    expect(failedRules([logGroup({})])).toEqual([]);
  });

  it('finds the network stack clean when the config names a key, because its flow log group uses it', () => {
    const config = testConfig((input) => {
      input.observability = { kmsKeyArn: withKms.observability.kmsKeyArn };
    });
    const outcome = evaluateStack(new NetworkStack(new App(), config), config).outcomes.find((o) => o.rule.id === 'LOGS-KMS')!;
    expect(outcome.passed).toBe(1);
    expect(outcome.failed).toEqual([]);
  });
});
