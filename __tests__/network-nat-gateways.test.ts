import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { WebPlatformInput } from './support/fixtures';
import { Naming } from '../constructs/naming';
import { NatGateways } from '../constructs/network/nat-gateways';
import { NetworkStack } from '../stacks/network-stack';
import { testConfig } from './support/fixtures';
import { refTo, resourcesOf, synthStack, SynthesizedStack } from './support/synth';
import { idOf } from './support/network';

const THREE_ZONES = (input: WebPlatformInput) => {
  input.network.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  input.network.subnets = {
    public: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
    privateApp: ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'],
    privateData: ['10.0.64.0/24', '10.0.65.0/24', '10.0.66.0/24'],
  };
};

function synthWithNat(natGateways: 'none' | 'single' | 'per-az'): SynthesizedStack {
  return synthStack(
    new NetworkStack(
      new App(),
      testConfig((input) => {
        THREE_ZONES(input);
        input.network.natGateways = natGateways;
      }),
    ),
  );
}

/** The default route (0.0.0.0/0) of each zone's private app route table, by zone letter. */
function appDefaultRoutes(json: SynthesizedStack): Record<string, Record<string, unknown> | undefined> {
  const routes = Object.values(resourcesOf(json, 'aws_route'));
  return Object.fromEntries(
    ['a', 'b', 'c'].map((zone) => {
      const table = refTo('aws_route_table', idOf(json, 'aws_route_table', `network_vpc_app-rt-${zone}`));
      return [zone, routes.find((route) => route.route_table_id === table && route.destination_cidr_block === '0.0.0.0/0')];
    }),
  );
}

describe('network NAT gateways', () => {
  describe('none', () => {
    const json = synthWithNat('none');

    it('creates no NAT gateway and no Elastic IP', () => {
      expect(resourcesOf(json, 'aws_nat_gateway')).toEqual({});
      expect(resourcesOf(json, 'aws_eip')).toEqual({});
    });

    it('leaves the private app route tables with no default route', () => {
      expect(appDefaultRoutes(json)).toEqual({ a: undefined, b: undefined, c: undefined });
    });
  });

  describe('single', () => {
    const json = synthWithNat('single');
    const natIds = Object.keys(resourcesOf(json, 'aws_nat_gateway'));

    it('creates one NAT gateway with an Elastic IP in the first public subnet', () => {
      expect(natIds).toHaveLength(1);
      const eip = idOf(json, 'aws_eip', 'network_nat_eip-a');
      expect(resourcesOf(json, 'aws_eip')[eip]).toMatchObject({ domain: 'vpc' });
      expect(resourcesOf(json, 'aws_nat_gateway')[natIds[0]]).toMatchObject({
        allocation_id: refTo('aws_eip', eip, 'allocation_id'),
        subnet_id: refTo('aws_subnet', idOf(json, 'aws_subnet', 'network_vpc_public-a')),
        connectivity_type: 'public',
        tags: { Name: 'webplat-test-network-nat-eu-west-1a' },
      });
    });

    it('waits for the internet gateway before creating the EIP and the NAT gateway', () => {
      const igw = `aws_internet_gateway.${idOf(json, 'aws_internet_gateway', 'network_vpc_igw')}`;
      expect(Object.values(resourcesOf(json, 'aws_eip'))[0].depends_on).toEqual([igw]);
      expect(Object.values(resourcesOf(json, 'aws_nat_gateway'))[0].depends_on).toEqual([igw]);
    });

    it('routes every zone\'s private app traffic to the one NAT gateway', () => {
      const nat = refTo('aws_nat_gateway', natIds[0]);
      const routes = appDefaultRoutes(json);
      for (const zone of ['a', 'b', 'c']) expect(routes[zone]).toMatchObject({ nat_gateway_id: nat });
    });
  });

  describe('per-az', () => {
    const json = synthWithNat('per-az');

    it('creates one NAT gateway per zone, each in that zone\'s public subnet', () => {
      expect(Object.keys(resourcesOf(json, 'aws_nat_gateway'))).toHaveLength(3);
      expect(Object.keys(resourcesOf(json, 'aws_eip'))).toHaveLength(3);
      for (const zone of ['a', 'b', 'c']) {
        expect(resourcesOf(json, 'aws_nat_gateway')[idOf(json, 'aws_nat_gateway', `network_nat_nat-${zone}`)]).toMatchObject({
          subnet_id: refTo('aws_subnet', idOf(json, 'aws_subnet', `network_vpc_public-${zone}`)),
        });
      }
    });

    it('routes each zone\'s private app traffic to its own zone\'s NAT gateway', () => {
      const routes = appDefaultRoutes(json);
      for (const zone of ['a', 'b', 'c']) {
        expect(routes[zone]).toMatchObject({ nat_gateway_id: refTo('aws_nat_gateway', idOf(json, 'aws_nat_gateway', `network_nat_nat-${zone}`)) });
      }
    });
  });

  describe('construct', () => {
    const naming = new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' });
    /** The construct alone in a small stack, its exposed ids and addresses as outputs. */
    const synthNat = (mode: 'none' | 'single' | 'per-az') => {
      const stack = new TerraformStack(new App(), 'test');
      const nat = new NatGateways(stack, 'nat', {
        naming,
        mode,
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b'],
        privateAppRouteTableIds: ['rtb-app-a', 'rtb-app-b'],
      });
      new TerraformOutput(stack, 'nat_gateway_ids', { value: nat.natGatewayIds });
      new TerraformOutput(stack, 'public_ips', { value: nat.publicIps });
      return { nat, json: synthStack(stack) };
    };

    it('exposes each gateway\'s id and public address, in zone order', () => {
      const { json } = synthNat('per-az');
      const [a, b] = ['a', 'b'].map((zone) => idOf(json, 'aws_nat_gateway', `nat_nat-${zone}`));
      expect(json.output?.nat_gateway_ids.value).toEqual([refTo('aws_nat_gateway', a), refTo('aws_nat_gateway', b)]);
      expect(json.output?.public_ips.value).toEqual([refTo('aws_nat_gateway', a, 'public_ip'), refTo('aws_nat_gateway', b, 'public_ip')]);
    });

    it('exposes no gateway, address or default route with none', () => {
      const { nat, json } = synthNat('none');
      expect(nat.natGatewayIds).toEqual([]);
      expect(nat.publicIps).toEqual([]);
      expect(nat.defaultRoutes).toEqual([]);
      expect(resourcesOf(json, 'aws_route')).toEqual({});
    });

    it('exposes one default route per zone, the routes it synthesizes', () => {
      const { nat, json } = synthNat('single');
      expect(nat.defaultRoutes).toHaveLength(2);
      expect(Object.values(resourcesOf(json, 'aws_route')).map((route) => route.route_table_id)).toEqual(['rtb-app-a', 'rtb-app-b']);
    });
  });

  /** NAT gateways over two zones with these lists, in a bare stack, the construct alone. */
  const natGatewaysWith = (mode: 'single' | 'per-az', publicSubnetIds: string[], privateAppRouteTableIds: string[]) => () =>
    new NatGateways(new TerraformStack(new App(), 'test'), 'nat', {
      naming: new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' }),
      mode,
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      publicSubnetIds,
      privateAppRouteTableIds,
    });

  it('refuses a private app route table list that does not have one entry per zone', () => {
    expect(natGatewaysWith('single', ['subnet-1', 'subnet-2'], ['rtb-1'])).toThrow(/one public subnet and one private app route table per availability zone \(2\), got 2 and 1/);
  });

  it('refuses lists that do not have one entry per zone', () => {
    expect(natGatewaysWith('per-az', ['subnet-1'], ['rtb-1', 'rtb-2'])).toThrow(/one public subnet and one private app route table per availability zone \(2\), got 1 and 2/);
  });
});
