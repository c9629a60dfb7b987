import { App, TerraformStack } from 'cdktf';
import { Naming } from '../constructs/naming';
import { VpcSubnets } from '../constructs/network/vpc-subnets';
import { zoneSuffix } from '../constructs/network/zones';
import { onlyResource, refTo, resourcesOf } from './support/synth';
import { synthNetwork, idOf } from './support/network';

describe('network VPC and subnets', () => {
  const json = synthNetwork();

  it('creates a VPC with the configured CIDR, DNS support and DNS hostnames', () => {
    expect(onlyResource(json, 'aws_vpc')).toMatchObject({
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'webplat-test-network-vpc' },
    });
  });

  it.each([
    ['public', ['10.0.0.0/24', '10.0.1.0/24']],
    ['app', ['10.0.16.0/20', '10.0.32.0/20']],
    ['data', ['10.0.64.0/24', '10.0.65.0/24']],
  ])('creates one %s subnet per zone with the configured CIDR and zone', (kind, cidrs) => {
    const subnets = Object.values(resourcesOf(json, 'aws_subnet')).filter((subnet) =>
      (subnet.tags as Record<string, string>).Name.startsWith(`webplat-test-network-${kind}-`),
    );
    expect(subnets.map((subnet) => [subnet.availability_zone, subnet.cidr_block, (subnet.tags as Record<string, string>).Name])).toEqual([
      ['eu-west-1a', cidrs[0], `webplat-test-network-${kind}-eu-west-1a`],
      ['eu-west-1b', cidrs[1], `webplat-test-network-${kind}-eu-west-1b`],
    ]);
  });

  it('gives no subnet public IPs on launch', () => {
    const subnets = Object.values(resourcesOf(json, 'aws_subnet'));
    expect(subnets).toHaveLength(6);
    for (const subnet of subnets) expect(subnet.map_public_ip_on_launch).toBe(false);
  });

  it('names the zones explicitly, with no availability zone data source', () => {
    expect(json.data?.aws_availability_zones).toBeUndefined();
  });

  it('creates three subnets per zone over three zones', () => {
    const three = synthNetwork((input) => {
      input.network.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
      input.network.subnets = {
        public: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
        privateApp: ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'],
        privateData: ['10.0.64.0/24', '10.0.65.0/24', '10.0.66.0/24'],
      };
    });
    const zones = Object.values(resourcesOf(three, 'aws_subnet')).map((subnet) => subnet.availability_zone);
    expect(zones.filter((zone) => zone === 'eu-west-1c')).toHaveLength(3);
    expect(zones).toHaveLength(9);
  });

  describe('routing', () => {
    const igw = idOf(json, 'aws_internet_gateway', 'network_vpc_igw');
    const publicTable = idOf(json, 'aws_route_table', 'network_vpc_public-rt');
    const dataTable = idOf(json, 'aws_route_table', 'network_vpc_data-rt');
    const routes = Object.values(resourcesOf(json, 'aws_route'));
    const associations = Object.values(resourcesOf(json, 'aws_route_table_association'));

    it('attaches an internet gateway to the VPC', () => {
      expect(onlyResource(json, 'aws_internet_gateway')).toMatchObject({ vpc_id: refTo('aws_vpc', idOf(json, 'aws_vpc', 'network_vpc')) });
    });

    it('routes 0.0.0.0/0 from the public route table to the internet gateway', () => {
      expect(routes).toContainEqual(
        expect.objectContaining({
          route_table_id: refTo('aws_route_table', publicTable),
          destination_cidr_block: '0.0.0.0/0',
          gateway_id: refTo('aws_internet_gateway', igw),
        }),
      );
    });

    it('associates both public subnets with the public route table', () => {
      for (const zone of ['a', 'b']) {
        expect(associations).toContainEqual({
          subnet_id: refTo('aws_subnet', idOf(json, 'aws_subnet', `network_vpc_public-${zone}`)),
          route_table_id: refTo('aws_route_table', publicTable),
        });
      }
    });

    it('gives each zone its own private app route table, associated with that zone\'s app subnet', () => {
      for (const zone of ['a', 'b']) {
        expect(associations).toContainEqual(
          expect.objectContaining({
            subnet_id: refTo('aws_subnet', idOf(json, 'aws_subnet', `network_vpc_app-${zone}`)),
            route_table_id: refTo('aws_route_table', idOf(json, 'aws_route_table', `network_vpc_app-rt-${zone}`)),
          }),
        );
      }
    });

    it('associates the data subnets with a data route table that has no route to the internet', () => {
      for (const zone of ['a', 'b']) {
        expect(associations).toContainEqual(
          expect.objectContaining({
            subnet_id: refTo('aws_subnet', idOf(json, 'aws_subnet', `network_vpc_data-${zone}`)),
            route_table_id: refTo('aws_route_table', dataTable),
          }),
        );
      }
      for (const natMode of ['none', 'single', 'per-az'] as const) {
        const withNat = synthNetwork((input) => {
          input.network.natGateways = natMode;
          input.network.appInternetEgress = natMode !== 'none';
        });
        const dataTableId = idOf(withNat, 'aws_route_table', 'network_vpc_data-rt');
        const dataRoutes = Object.values(resourcesOf(withNat, 'aws_route')).filter(
          (route) => route.route_table_id === refTo('aws_route_table', dataTableId),
        );
        expect(dataRoutes).toEqual([]);
        expect(resourcesOf(withNat, 'aws_route_table')[dataTableId].route).toBeUndefined();
      }
    });

    it('keeps all routes as separate aws_route resources, never inline', () => {
      for (const table of Object.values(resourcesOf(json, 'aws_route_table'))) expect(table.route).toBeUndefined();
    });
  });

  it('refuses a subnet list that does not have one CIDR per zone', () => {
    const stack = new TerraformStack(new App(), 'test');
    expect(
      () =>
        new VpcSubnets(stack, 'vpc', {
          naming: new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' }),
          cidr: '10.0.0.0/16',
          availabilityZones: ['eu-west-1a', 'eu-west-1b'],
          publicCidrs: ['10.0.0.0/24', '10.0.1.0/24'],
          privateAppCidrs: ['10.0.16.0/20'],
          privateDataCidrs: ['10.0.64.0/24', '10.0.65.0/24'],
        }),
    ).toThrow(/^VpcSubnets needs one privateAppCidrs entry per availability zone \(2: eu-west-1a, eu-west-1b\), got 1\.$/);
  });
});

describe('zone letter of an availability zone name', () => {
  it.each([
    ['eu-west-1a', 'a'],
    ['us-east-1f', 'f'],
    ['us-west-2-lax-1b', 'b'],
    ['xx-test-1ab', 'ab'],
  ])('takes the letters after the last digit: %s gives %s', (zone, letter) => {
    expect(zoneSuffix(zone)).toBe(letter);
  });

  // A zone id (euw1-az1) instead of a name, a region, a name with a trailing digit or a trailing space.
  it.each(['euw1-az1', 'eu-west-1', 'eu-west-1a1', 'eu-west-1a ', ''])('refuses %j, which does not end in a zone letter', (zone) => {
    expect(() => zoneSuffix(zone)).toThrow(`Expected an availability zone name such as eu-west-1a, got ${JSON.stringify(zone)}.`);
  });
});
