import { onlyResource, refTo, resourcesOf, SynthesizedStack } from './support/synth';
import { synthNetwork } from './support/network';

const idOf = (json: SynthesizedStack, type: string) => Object.keys(resourcesOf(json, type))[0];

describe('network flow logs', () => {
  const json = synthNetwork();
  const logGroup = idOf(json, 'aws_cloudwatch_log_group');
  const role = idOf(json, 'aws_iam_role');

  it('logs all traffic of the VPC to the CloudWatch log group through the delivery role', () => {
    expect(onlyResource(json, 'aws_flow_log')).toMatchObject({
      vpc_id: refTo('aws_vpc', idOf(json, 'aws_vpc')),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: refTo('aws_cloudwatch_log_group', logGroup, 'arn'),
      iam_role_arn: refTo('aws_iam_role', role, 'arn'),
    });
  });

  it('keeps flow logs for the default 90 days in a log group named for the environment', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/aws/vpc/webplat-test-network-flow-logs',
      retention_in_days: 90,
    });
  });

  it('uses the configured retention and traffic type', () => {
    const custom = synthNetwork((input) => {
      input.network.flowLogs = { retentionDays: 365, trafficType: 'REJECT' };
    });
    expect(onlyResource(custom, 'aws_cloudwatch_log_group').retention_in_days).toBe(365);
    expect(onlyResource(custom, 'aws_flow_log').traffic_type).toBe('REJECT');
  });

  it('leaves the log group on the service key unless the environment names a KMS key', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group').kms_key_id).toBeUndefined();
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
    const encrypted = synthNetwork((input) => {
      input.observability = { kmsKeyArn };
    });
    expect(onlyResource(encrypted, 'aws_cloudwatch_log_group').kms_key_id).toBe(kmsKeyArn);
  });

  it('lets only the flow logs service, on behalf of this account, assume the delivery role', () => {
    const trust = JSON.parse(onlyResource(json, 'aws_iam_role').assume_role_policy as string);
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
  });

  it('lets the delivery role write to that one log group only', () => {
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy.role).toBe(refTo('aws_iam_role', role));
    const statements = JSON.parse(policy.policy as string).Statement as Record<string, unknown>[];
    const arn = refTo('aws_cloudwatch_log_group', logGroup, 'arn');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Resource: [arn, `${arn}:*`] });
    expect(statements[0].Action).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
    expect(JSON.stringify(statements)).not.toMatch(/"\*"|logs:\*/);
  });

  it('attaches no managed policies to the delivery role', () => {
    expect(onlyResource(json, 'aws_iam_role').managed_policy_arns).toBeUndefined();
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toEqual({});
  });
});
