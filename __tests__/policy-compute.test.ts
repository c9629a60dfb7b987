import { failedRules, RawResource } from './support/policy';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const template = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_launch_template',
  id: 'lt',
  values: {
    metadata_options: { http_tokens: 'required' },
    block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_type: 'gp3' } }],
    user_data: base64('#!/bin/bash\ndnf install -y httpd\n'),
    ...values,
  },
});
const instance = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_instance',
  id: 'web',
  values: { metadata_options: { http_tokens: 'required' }, root_block_device: { encrypted: true }, ...values },
});
/** A VPC with one subnet routed to an internet gateway (`public`) and one that is not (`private`). */
const subnets: RawResource[] = [
  { type: 'aws_internet_gateway', id: 'igw', values: { vpc_id: '${aws_vpc.vpc.id}' } },
  { type: 'aws_subnet', id: 'public', values: { vpc_id: '${aws_vpc.vpc.id}', map_public_ip_on_launch: true } },
  { type: 'aws_subnet', id: 'private', values: { vpc_id: '${aws_vpc.vpc.id}' } },
  { type: 'aws_route_table', id: 'public-rt', values: { vpc_id: '${aws_vpc.vpc.id}' } },
  { type: 'aws_route', id: 'default', values: { route_table_id: '${aws_route_table.public-rt.id}', destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}' } },
  { type: 'aws_route_table_association', id: 'public-assoc', values: { subnet_id: '${aws_subnet.public.id}', route_table_id: '${aws_route_table.public-rt.id}' } },
];
const task = (environment: { name: string; value: string }[]): RawResource => ({
  type: 'aws_ecs_task_definition',
  id: 'task',
  values: {
    container_definitions: JSON.stringify([
      { name: 'web', image: 'nginx', environment, readonlyRootFilesystem: true, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'web', 'awslogs-region': 'eu-west-1' } } },
    ]),
  },
});

describe('compute pack', () => {
  it('passes a launch template with IMDSv2, encrypted volumes, no public IP and no secrets', () => {
    expect(failedRules([template()])).toEqual([]);
  });

  it('fails EC2-IMDSV2 when tokens are optional or left out', () => {
    expect(failedRules([template({ metadata_options: { http_tokens: 'optional' } })])).toEqual(['EC2-IMDSV2']);
    expect(failedRules([instance({ metadata_options: undefined })])).toEqual(['EC2-IMDSV2']);
  });

  it('passes an instance with the metadata service switched off', () => {
    expect(failedRules([instance({ metadata_options: { http_endpoint: 'disabled' } })])).toEqual([]);
  });

  it('fails EC2-ENCRYPTED-VOLUMES for an unencrypted volume or an undeclared root volume', () => {
    expect(failedRules([template({ block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'false' } }] })])).toEqual(['EC2-ENCRYPTED-VOLUMES']);
    expect(failedRules([template({ block_device_mappings: undefined })])).toEqual(['EC2-ENCRYPTED-VOLUMES']);
    expect(failedRules([instance({ ebs_block_device: [{ device_name: '/dev/sdf', encrypted: false }] })])).toEqual(['EC2-ENCRYPTED-VOLUMES']);
  });

  it('passes undeclared volumes where the stack turns on EBS encryption by default', () => {
    expect(failedRules([template({ block_device_mappings: undefined }), { type: 'aws_ebs_encryption_by_default', id: 'ebs', values: { enabled: true } }])).toEqual([]);
  });

  it('passes a public IP for an instance in a subnet that routes to an internet gateway', () => {
    expect(failedRules([...subnets, instance({ subnet_id: '${aws_subnet.public.id}', associate_public_ip_address: true })])).toEqual([]);
  });

  it('fails EC2-NO-PUBLIC-IP for a public IP in a private subnet or a subnet of another stack', () => {
    expect(failedRules([...subnets, instance({ subnet_id: '${aws_subnet.private.id}', associate_public_ip_address: true })])).toEqual(['EC2-NO-PUBLIC-IP']);
    expect(failedRules([instance({ subnet_id: '${data.terraform_remote_state.network.outputs.private_app_subnet_ids[0]}', associate_public_ip_address: true })])).toEqual([
      'EC2-NO-PUBLIC-IP',
    ]);
  });

  it('fails EC2-NO-PUBLIC-IP for a launch template giving public IPs to instances of private subnets', () => {
    const publicTemplate = template({ network_interfaces: [{ associate_public_ip_address: 'true' }] });
    const group = (subnet: string): RawResource => ({ type: 'aws_autoscaling_group', id: 'asg', values: { vpc_zone_identifier: [`\${aws_subnet.${subnet}.id}`], launch_template: { id: '${aws_launch_template.lt.id}' } } });
    expect(failedRules([publicTemplate])).toEqual(['EC2-NO-PUBLIC-IP']);
    expect(failedRules([...subnets, publicTemplate, group('private')])).toEqual(['EC2-NO-PUBLIC-IP']);
    expect(failedRules([...subnets, publicTemplate, group('public')])).toEqual([]);
  });

  it('fails EC2-NO-PUBLIC-IP for a private subnet that hands out public addresses', () => {
    expect(failedRules([{ type: 'aws_subnet', id: 's', values: { map_public_ip_on_launch: true } }])).toEqual(['EC2-NO-PUBLIC-IP']);
    expect(failedRules([{ type: 'aws_subnet', id: 's', values: { map_public_ip_on_launch: false } }])).toEqual([]);
  });

  it.each([
    ['a password in user data', 'export DB_PASSWORD=hunter2hunter2'],
    ['a token in YAML cloud-init', 'api_token: 0123456789abcdef'],
    ['an AWS access key id', 'aws configure set aws_access_key_id AKIAABCDEFGHIJKLMNOP'],
    ['a private key', 'cat > /root/key.pem <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\nEOF'],
    ['a URL with a password', 'curl https://admin:s3cr3tpass@example.com/setup'],
  ])('fails NO-INLINE-SECRETS for %s', (_label, line) => {
    expect(failedRules([template({ user_data: base64(`#!/bin/bash\n${line}\n`) })])).toEqual(['NO-INLINE-SECRETS']);
  });

  it.each([
    ['read at boot from Secrets Manager', 'DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)'],
    ['named by its ARN', 'DB_PASSWORD_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:db'],
    ['read from an SSM parameter path', 'API_KEY=/webplat/dev/api-key'],
    ['that is an IMDSv2 session token', 'TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")\ncurl -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/'],
  ])('passes a secret %s', (_label, line) => {
    expect(failedRules([template({ user_data: base64(`#!/bin/bash\n${line}\n`) })])).toEqual([]);
  });

  it('leaves a credential-named container variable to ECS-NO-PLAINTEXT-SECRETS (one finding, not two), and passes other variables', () => {
    expect(failedRules([task([{ name: 'API_KEY', value: 'sk_live_0123456789abcdef' }])])).toEqual(['ECS-NO-PLAINTEXT-SECRETS']);
    expect(failedRules([task([{ name: 'DB_HOST', value: 'db.internal' }, { name: 'DB_PASSWORD_ARN', value: 'arn:aws:secretsmanager:eu-west-1:1:secret:db' }])])).toEqual([]);
  });

  it('fails NO-INLINE-SECRETS for a key or password shape anywhere in a task definition, whatever the variable is called', () => {
    // An AWS access key id (AKIA + 16 upper-case letters and digits) and a URL with a password in it.
    expect(failedRules([task([{ name: 'SETTINGS', value: 'id=AKIAIOSFODNN7EXAMPLE' }])])).toEqual(['NO-INLINE-SECRETS']);
    expect(failedRules([task([{ name: 'DATABASE_URL', value: 'postgres://app:s3cretpass@db.internal/app' }])])).toEqual(['NO-INLINE-SECRETS']);
  });

  it('leaves container definitions that are not an array of objects to the containers pack, without failing itself', () => {
    const odd = (definitions: string): RawResource => ({ type: 'aws_ecs_task_definition', id: 'task', values: { container_definitions: definitions } });
    for (const definitions of ['{"name":"web"}', '[null, 1]', '"text"']) {
      expect(failedRules([odd(definitions)]).filter((id) => !id.startsWith('ECS-'))).toEqual([]);
    }
  });

  it('fails NO-INLINE-SECRETS for a secret in a function environment', () => {
    const fn = (variables: Record<string, string>): RawResource => ({ type: 'aws_lambda_function', id: 'fn', values: { environment: { variables } } });
    expect(failedRules([fn({ SLACK_TOKEN: 'xoxb-0123456789' })])).toEqual(['NO-INLINE-SECRETS']);
    expect(failedRules([fn({ STAGE: 'production' })])).toEqual([]);
  });
});
