import { failedRules } from './support/policy';

describe('observability pack', () => {
  it('passes a log group with a retention and fails LOGS-RETENTION without one', () => {
    expect(failedRules([{ type: 'aws_cloudwatch_log_group', id: 'lg', values: { retention_in_days: 30 } }])).toEqual([]);
    expect(failedRules([{ type: 'aws_cloudwatch_log_group', id: 'lg', values: {} }])).toEqual(['LOGS-RETENTION']);
  });

  it('passes a KMS-encrypted topic and fails SNS-KMS for a plain one', () => {
    expect(failedRules([{ type: 'aws_sns_topic', id: 't', values: { kms_master_key_id: 'alias/aws/sns' } }])).toEqual([]);
    expect(failedRules([{ type: 'aws_sns_topic', id: 't', values: {} }])).toEqual(['SNS-KMS']);
  });
});
