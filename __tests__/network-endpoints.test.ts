import { App, TerraformStack } from 'cdktf';
import { Naming } from '../constructs/naming';
import { InterfaceEndpoints, InterfaceEndpointService } from '../constructs/network/interface-endpoints';
import { SandboxStack } from '../stacks/sandbox-stack';
import { sandboxConfigFor } from './support/sandbox';
import { refTo, resourcesOf, SynthesizedStack, synthStack } from './support/synth';
import { synthNetwork, idOf } from './support/network';

/** An account other than the fixtures' default, so a policy that ignores the configured account fails. */
const ACCOUNT = '210987654321';

/** Every interface endpoint service the config accepts. */
const ALL_INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'secretsmanager', 'kms', 'sts', 'monitoring', 'ecr.api', 'ecr.dkr'] as const;

/**
 * The AWS-owned buckets servers and tasks in eu-west-1 read through the S3 gateway endpoint, as AWS names them: the
 * Amazon Linux 2023 and Amazon Linux 2 repositories, the buckets the Systems Manager guide lists for restrictive S3
 * endpoint policies (SSM Agent), and the bucket ECR serves image layers from.
 */
const AWS_OWNED_OBJECTS_EU_WEST_1 = [
  'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*',
  'arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*',
  'arn:aws:s3:::aws-ssm-eu-west-1/*',
  'arn:aws:s3:::aws-windows-downloads-eu-west-1/*',
  'arn:aws:s3:::amazon-ssm-eu-west-1/*',
  'arn:aws:s3:::amazon-ssm-packages-eu-west-1/*',
  'arn:aws:s3:::eu-west-1-birdwatcher-prod/*',
  'arn:aws:s3:::aws-ssm-distributor-file-eu-west-1/*',
  'arn:aws:s3:::aws-ssm-document-attachments-eu-west-1/*',
  'arn:aws:s3:::patch-baseline-snapshot-eu-west-1/*',
  'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
].sort();

type Statement = Record<string, any>;

/** The statements of an endpoint's policy. */
function statementsOf(endpoint: Record<string, unknown> | undefined): Statement[] {
  expect(typeof endpoint?.policy).toBe('string');
  return JSON.parse(endpoint!.policy as string).Statement;
}

/** What an S3 gateway endpoint policy must say: everything in the account, GetObject on the AWS-owned buckets, nothing else. */
function expectS3Policy(statements: Statement[]): void {
  expect(statements).toHaveLength(2);
  expect(statements[0]).toMatchObject({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } } });
  expect(statements[1]).toMatchObject({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' });
  expect(statements[1].Condition).toBeUndefined();
  expect([...statements[1].Resource].sort()).toEqual(AWS_OWNED_OBJECTS_EU_WEST_1);
}

/** What an interface endpoint policy must say: anything, by the account's principals only. */
function expectOwnPrincipalsOnly(statements: Statement[]): void {
  expect(statements).toEqual([
    expect.objectContaining({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } }),
  ]);
}

function endpointFor(json: SynthesizedStack, serviceName: string): Record<string, unknown> | undefined {
  return Object.values(resourcesOf(json, 'aws_vpc_endpoint')).find((endpoint) => endpoint.service_name === serviceName);
}

describe('network VPC endpoints', () => {
  const json = synthNetwork();
  const vpc = refTo('aws_vpc', idOf(json, 'aws_vpc', 'network_vpc'));

  describe('gateway endpoints', () => {
    const privateTables = ['app-rt-a', 'app-rt-b', 'data-rt'].map((table) => refTo('aws_route_table', idOf(json, 'aws_route_table', `network_vpc_${table}`)));

    it.each(['s3', 'dynamodb'])('puts %s on the private app and private data route tables, not the public one', (service) => {
      const endpoint = endpointFor(json, `com.amazonaws.eu-west-1.${service}`);
      expect(endpoint).toMatchObject({ vpc_id: vpc, vpc_endpoint_type: 'Gateway' });
      expect([...(endpoint?.route_table_ids as string[])].sort()).toEqual([...privateTables].sort());
    });
  });

  describe('interface endpoints', () => {
    const appSubnets = ['a', 'b'].map((zone) => refTo('aws_subnet', idOf(json, 'aws_subnet', `network_vpc_app-${zone}`)));
    const endpointsGroup = refTo('aws_security_group', idOf(json, 'aws_security_group', 'network_sg_endpoints'));

    it('defaults to the Session Manager set: ssm, ssmmessages, ec2messages and logs', () => {
      const interfaces = Object.values(resourcesOf(json, 'aws_vpc_endpoint')).filter((endpoint) => endpoint.vpc_endpoint_type === 'Interface');
      expect(interfaces.map((endpoint) => endpoint.service_name).sort()).toEqual(
        ['ec2messages', 'logs', 'ssm', 'ssmmessages'].map((service) => `com.amazonaws.eu-west-1.${service}`),
      );
    });

    it.each(['ssm', 'ssmmessages', 'ec2messages', 'logs'])(
      'places %s in the private app subnets with private DNS, in the endpoints security group',
      (service) => {
        expect(endpointFor(json, `com.amazonaws.eu-west-1.${service}`)).toMatchObject({
          vpc_id: vpc,
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          subnet_ids: appSubnets,
          security_group_ids: [endpointsGroup],
        });
      },
    );

    it('creates exactly the configured services, dotted names included', () => {
      const custom = synthNetwork((input) => {
        input.network.interfaceEndpoints = ['ssm', 'ecr.api', 'ecr.dkr'];
      });
      const services = Object.values(resourcesOf(custom, 'aws_vpc_endpoint'))
        .filter((endpoint) => endpoint.vpc_endpoint_type === 'Interface')
        .map((endpoint) => endpoint.service_name)
        .sort();
      expect(services).toEqual(['com.amazonaws.eu-west-1.ecr.api', 'com.amazonaws.eu-west-1.ecr.dkr', 'com.amazonaws.eu-west-1.ssm']);
      expect(idOf(custom, 'aws_vpc_endpoint', 'network_interface-endpoints_ecr-api')).toBeDefined();
    });

    it('creates none when the list is empty, keeping the gateway endpoints', () => {
      const none = synthNetwork((input) => {
        input.network.interfaceEndpoints = [];
      });
      expect(Object.values(resourcesOf(none, 'aws_vpc_endpoint')).map((endpoint) => endpoint.vpc_endpoint_type)).toEqual(['Gateway', 'Gateway']);
    });

    /** Interface endpoints for `services` in a bare stack, the construct alone. */
    const endpointsFor = (services: InterfaceEndpointService[]) => () =>
      new InterfaceEndpoints(new TerraformStack(new App(), 'test'), 'endpoints', {
        naming: new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' }),
        vpcId: 'vpc-1',
        region: 'eu-west-1',
        accountId: '123456789012',
        services,
        subnetIds: ['subnet-1', 'subnet-2'],
        securityGroupId: 'sg-1',
      });

    it('refuses a service listed twice', () => {
      expect(endpointsFor(['ssm', 'logs', 'ssm'])).toThrow(/lists ssm more than once/);
    });

    it('names each service listed more than once, once, in the error', () => {
      expect(endpointsFor(['ssm', 'logs', 'kms', 'ssm', 'logs', 'ssm'])).toThrow('InterfaceEndpoints lists ssm, logs more than once; name each service once.');
    });
  });

  describe('endpoint policies', () => {
    const json = synthNetwork((input) => {
      input.accountId = ACCOUNT;
      input.network.interfaceEndpoints = [...ALL_INTERFACE_SERVICES];
    });

    it('lets the S3 gateway endpoint reach the environment\'s own buckets and read the AWS-owned ones the servers and tasks need', () => {
      expectS3Policy(statementsOf(endpointFor(json, 'com.amazonaws.eu-west-1.s3')));
    });

    it('lets the DynamoDB gateway endpoint reach the environment\'s own tables only', () => {
      expect(statementsOf(endpointFor(json, 'com.amazonaws.eu-west-1.dynamodb'))).toEqual([
        expect.objectContaining({ Effect: 'Allow', Principal: '*', Action: 'dynamodb:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } } }),
      ]);
    });

    it.each(ALL_INTERFACE_SERVICES)('admits only the environment\'s own principals to the %s interface endpoint', (service) => {
      expectOwnPrincipalsOnly(statementsOf(endpointFor(json, `com.amazonaws.eu-west-1.${service}`)));
    });

    it('leaves no endpoint without a policy', () => {
      const endpoints = Object.values(resourcesOf(json, 'aws_vpc_endpoint'));
      expect(endpoints).toHaveLength(12);
      expect(endpoints.filter((endpoint) => typeof endpoint.policy !== 'string')).toEqual([]);
    });
  });

  describe('sandbox endpoint policies', () => {
    const sandbox = synthStack(
      (() => {
        const config = sandboxConfigFor({ sessionManagerEndpoints: true }, (input) => (input.accountId = ACCOUNT));
        return new SandboxStack(new App(), config, config.sandbox!);
      })(),
    );

    it('gives the sandbox\'s S3 gateway endpoint the same policy: own buckets, and the AWS-owned ones read-only', () => {
      expectS3Policy(statementsOf(endpointFor(sandbox, 'com.amazonaws.eu-west-1.s3')));
    });

    it.each(['ssm', 'ssmmessages', 'ec2messages'])('admits only the environment\'s own principals to the sandbox\'s %s endpoint', (service) => {
      expectOwnPrincipalsOnly(statementsOf(endpointFor(sandbox, `com.amazonaws.eu-west-1.${service}`)));
    });
  });
});
