import { App, TerraformStack } from 'cdktf';
import { Naming } from '../constructs/naming';
import { InterfaceEndpoints } from '../constructs/network/interface-endpoints';
import { refTo, resourcesOf, SynthesizedStack } from './support/synth';
import { synthNetwork, idOf } from './support/network';

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

    it('refuses a service listed twice', () => {
      const stack = new TerraformStack(new App(), 'test');
      expect(
        () =>
          new InterfaceEndpoints(stack, 'endpoints', {
            naming: new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' }),
            vpcId: 'vpc-1',
            region: 'eu-west-1',
            accountId: '123456789012',
            services: ['ssm', 'logs', 'ssm'],
            subnetIds: ['subnet-1', 'subnet-2'],
            securityGroupId: 'sg-1',
          }),
      ).toThrow(/lists ssm more than once/);
    });
  });
});
