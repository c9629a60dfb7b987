import { failedRules, RawResource } from './support/policy';

const template = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_launch_template',
  id: 'lt',
  values: {
    metadata_options: { http_tokens: 'required' },
    block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3' } }],
    user_data: Buffer.from('#!/bin/bash\ndnf install -y httpd\n').toString('base64'),
    ...values,
  },
});

describe('compute pack', () => {
  it('passes a launch template with IMDSv2, encrypted volumes, no public IP and no secrets', () => {
    expect(failedRules([template()])).toEqual([]);
  });

  it('fails EC2-IMDSV2 when tokens are optional', () => {
    expect(failedRules([template({ metadata_options: { http_tokens: 'optional' } })])).toEqual(['EC2-IMDSV2']);
  });

  it('fails EC2-ENCRYPTED-VOLUMES for an unencrypted volume', () => {
    expect(failedRules([template({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'false' } }] })])).toEqual(['EC2-ENCRYPTED-VOLUMES']);
  });

  it('fails EC2-NO-PUBLIC-IP for instances or subnets that hand out public addresses', () => {
    expect(failedRules([template({ network_interfaces: [{ associate_public_ip_address: 'true' }] })])).toEqual(['EC2-NO-PUBLIC-IP']);
    expect(failedRules([{ type: 'aws_subnet', id: 's', values: { map_public_ip_on_launch: true } }])).toEqual(['EC2-NO-PUBLIC-IP']);
    expect(failedRules([{ type: 'aws_subnet', id: 's', values: { map_public_ip_on_launch: false } }])).toEqual([]);
  });

  it.each([
    ['a password in user data', 'export DB_PASSWORD=hunter2hunter2'],
    ['an AWS access key id', 'aws configure set aws_access_key_id AKIAABCDEFGHIJKLMNOP'],
  ])('fails NO-INLINE-SECRETS for %s', (_label, line) => {
    expect(failedRules([template({ user_data: Buffer.from(`#!/bin/bash\n${line}\n`).toString('base64') })])).toEqual(['NO-INLINE-SECRETS']);
  });

  it('passes a secret read at boot from Secrets Manager', () => {
    const script = '#!/bin/bash\nDB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\n';
    expect(failedRules([template({ user_data: Buffer.from(script).toString('base64') })])).toEqual([]);
  });

  it('fails NO-INLINE-SECRETS for a secret in a container environment', () => {
    const task = (value: string): RawResource => ({
      type: 'aws_ecs_task_definition',
      id: 'task',
      values: { container_definitions: JSON.stringify([{ name: 'web', environment: [{ name: 'API_KEY', value }] }]) },
    });
    expect(failedRules([task('sk_live_0123456789abcdef')])).toEqual(['NO-INLINE-SECRETS']);
  });
});
