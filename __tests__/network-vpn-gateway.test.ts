import { createHash } from 'node:crypto';
import { App, TerraformStack, Testing } from 'cdktf';
import type { CustomerGatewayConfig } from '../config/vpn';
import { Naming } from '../constructs/naming';
import { VpnGateway } from '../constructs/network/vpn-gateway';
import { evaluateStack } from '../constructs/policy/engine';
import { NetworkStack } from '../stacks/network-stack';
import type { WebPlatformInput } from './support/fixtures';
import { testConfig } from './support/fixtures';
import { synthNetwork } from './support/network';
import { idUnder, onlyResource, refTo, resourcesOf, synthStack, SynthesizedStack } from './support/synth';

/** Resource types only a VPN gateway brings. */
const VPN_TYPES = ['aws_vpn_gateway', 'aws_vpn_gateway_route_propagation', 'aws_customer_gateway', 'aws_vpn_connection', 'aws_vpn_connection_route'];

const KMS_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';

/** Three zones, so "every private route table" is more than the usual two app tables and the data table. */
function threeZones(input: WebPlatformInput): void {
  input.network.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  input.network.subnets = {
    public: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
    privateApp: ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'],
    privateData: ['10.0.64.0/24', '10.0.65.0/24', '10.0.66.0/24'],
  };
}

const idOf = (json: SynthesizedStack, type: string) => {
  const ids = Object.keys(resourcesOf(json, type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
};

/** Route tables the private subnets use: every table except the one whose default route goes to the internet gateway. */
function privateRouteTableRefs(json: SynthesizedStack): string[] {
  const igw = refTo('aws_internet_gateway', idOf(json, 'aws_internet_gateway'));
  const publicTables = Object.values(resourcesOf(json, 'aws_route'))
    .filter((route) => route.gateway_id === igw)
    .map((route) => route.route_table_id);
  return Object.keys(resourcesOf(json, 'aws_route_table'))
    .map((id) => refTo('aws_route_table', id))
    .filter((ref) => !publicTables.includes(ref));
}

describe('network without a VPN gateway', () => {
  const json = synthNetwork();

  it('has no VPN resources and no VPN outputs', () => {
    for (const type of VPN_TYPES) expect(resourcesOf(json, type)).toEqual({});
    expect(Object.keys(json.output ?? {}).filter((name) => name.startsWith('vpn'))).toEqual([]);
  });

  it('synthesizes byte for byte what it did before the VPN option existed (with the endpoint policies since)', () => {
    // SHA-256 of this stack's JSON, pinned when issue 10 gave every VPC endpoint a policy (the stack before
    // network.vpnGateway existed, plus those policies). A deliberate change to the network tier changes it
    // too: then check the diff and pin the new hash.
    const text = Testing.synth(new NetworkStack(new App(), testConfig()), false);
    expect(createHash('sha256').update(text).digest('hex')).toBe('6ef8a2c5447471f29d2330407f0401e63cf077b5e9ac871284d987024c5d84bd');
  });
});

describe('VPN gateway alone', () => {
  const json = synthNetwork((input) => {
    input.network.vpnGateway = {};
  });
  const gateway = refTo('aws_vpn_gateway', idOf(json, 'aws_vpn_gateway'));

  it('attaches a virtual private gateway to the VPC, on the Amazon default ASN', () => {
    const vgw = onlyResource(json, 'aws_vpn_gateway');
    expect(vgw).toMatchObject({ vpc_id: refTo('aws_vpc', idOf(json, 'aws_vpc')), tags: { Name: 'webplat-test-network-vgw' } });
    expect(vgw.amazon_side_asn).toBeUndefined();
  });

  it('propagates its routes into each private app route table and the data route table, not the public one', () => {
    const propagations = Object.values(resourcesOf(json, 'aws_vpn_gateway_route_propagation'));
    expect(propagations.every((propagation) => propagation.vpn_gateway_id === gateway)).toBe(true);
    const tables = propagations.map((propagation) => propagation.route_table_id);
    expect(tables.sort()).toEqual(privateRouteTableRefs(json).sort());
    expect(tables).toHaveLength(3);
  });

  it('creates no customer gateway, connection or tunnel log group', () => {
    for (const type of ['aws_customer_gateway', 'aws_vpn_connection', 'aws_vpn_connection_route']) expect(resourcesOf(json, type)).toEqual({});
    expect(Object.keys(resourcesOf(json, 'aws_cloudwatch_log_group'))).toHaveLength(1);
  });

  it('publishes the gateway id for the operator, and no tunnel addresses', () => {
    expect(json.output?.vpn_gateway_id.value).toBe(gateway);
    expect(json.output?.vpn_tunnel_addresses).toBeUndefined();
  });
});

describe('site-to-site VPN with static routes', () => {
  const json = synthNetwork((input) => {
    threeZones(input);
    input.network.flowLogs = { retentionDays: 365 };
    input.observability = { kmsKeyArn: KMS_KEY_ARN };
    input.network.vpnGateway = {
      amazonSideAsn: 4200000001,
      customerGateway: { ipAddress: '8.8.4.4', staticRoutes: ['172.20.0.0/16', '192.168.10.0/24'] },
    };
  });
  const connection = onlyResource(json, 'aws_vpn_connection');
  const connectionRef = refTo('aws_vpn_connection', idOf(json, 'aws_vpn_connection'));
  const tunnelLogs = Object.entries(resourcesOf(json, 'aws_cloudwatch_log_group')).find(([, group]) => String(group.name).startsWith('/aws/vpn/'));

  it('sets the configured Amazon side ASN', () => {
    expect(onlyResource(json, 'aws_vpn_gateway').amazon_side_asn).toBe('4200000001');
  });

  it('propagates into every private route table of three zones', () => {
    const tables = Object.values(resourcesOf(json, 'aws_vpn_gateway_route_propagation')).map((propagation) => propagation.route_table_id);
    expect(tables.sort()).toEqual(privateRouteTableRefs(json).sort());
    expect(tables).toHaveLength(4);
  });

  it('declares the customer gateway as an IPsec peer at its public address', () => {
    // Static routing sets up no BGP session; AWS still wants an ASN and uses 65000 for a device without one.
    expect(onlyResource(json, 'aws_customer_gateway')).toMatchObject({ type: 'ipsec.1', ip_address: '8.8.4.4', bgp_asn: '65000' });
  });

  it('connects the virtual private gateway to the customer gateway with static routes only', () => {
    expect(connection).toMatchObject({
      type: 'ipsec.1',
      vpn_gateway_id: refTo('aws_vpn_gateway', idOf(json, 'aws_vpn_gateway')),
      customer_gateway_id: refTo('aws_customer_gateway', idOf(json, 'aws_customer_gateway')),
      static_routes_only: true,
    });
  });

  it('routes each configured on-premises block over the connection', () => {
    const routes = Object.values(resourcesOf(json, 'aws_vpn_connection_route'));
    expect(routes.map((route) => route.destination_cidr_block).sort()).toEqual(['172.20.0.0/16', '192.168.10.0/24']);
    expect(routes.every((route) => route.vpn_connection_id === connectionRef)).toBe(true);
  });

  it.each([1, 2])('lets tunnel %d negotiate IKEv2 only, with AES-256, SHA-2 and DH groups of 2048 bits or more in both phases', (tunnel) => {
    // Values as the EC2 API's VpnTunnelOptionsSpecification names them.
    expect(connection[`tunnel${tunnel}_ike_versions`]).toEqual(['ikev2']);
    for (const phase of [1, 2]) {
      expect(connection[`tunnel${tunnel}_phase${phase}_encryption_algorithms`]).toEqual(['AES256', 'AES256-GCM-16']);
      expect(connection[`tunnel${tunnel}_phase${phase}_integrity_algorithms`]).toEqual(['SHA2-256', 'SHA2-384', 'SHA2-512']);
      // 14: 2048-bit MODP; 15-18: larger MODP; 19-21: NIST P-256/384/521. Not 2 or 5 (too small), not 22-24 (RFC 5114 groups).
      expect(connection[`tunnel${tunnel}_phase${phase}_dh_group_numbers`]).toEqual([14, 15, 16, 17, 18, 19, 20, 21]);
    }
  });

  it.each([1, 2])('logs tunnel %d activity as JSON to the tunnel log group', (tunnel) => {
    expect(connection[`tunnel${tunnel}_log_options`]).toEqual({
      cloudwatch_log_options: { log_enabled: true, log_group_arn: refTo('aws_cloudwatch_log_group', tunnelLogs![0], 'arn'), log_output_format: 'json' },
    });
  });

  it('keeps tunnel logs as long as flow logs, encrypted with the environment key', () => {
    expect(tunnelLogs![1]).toMatchObject({ name: '/aws/vpn/webplat-test-network-vpn-tunnels', retention_in_days: 365, kms_key_id: KMS_KEY_ARN });
  });

  it('publishes the gateway id and both tunnel outside addresses', () => {
    expect(json.output?.vpn_gateway_id.value).toBe(refTo('aws_vpn_gateway', idOf(json, 'aws_vpn_gateway')));
    const id = idOf(json, 'aws_vpn_connection');
    expect(json.output?.vpn_tunnel_addresses.value).toEqual([refTo('aws_vpn_connection', id, 'tunnel1_address'), refTo('aws_vpn_connection', id, 'tunnel2_address')]);
  });

  it('passes every policy rule, the log group rules checking the tunnel log group too', () => {
    const config = testConfig((input) => {
      input.observability = { kmsKeyArn: KMS_KEY_ARN };
      input.network.vpnGateway = { customerGateway: { ipAddress: '8.8.4.4', staticRoutes: ['172.20.0.0/16'] } };
    });
    const outcomes = evaluateStack(new NetworkStack(new App(), config), config).outcomes;
    expect(outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    const passed = (ruleId: string) => outcomes.find((outcome) => outcome.rule.id === ruleId)?.passed;
    expect([passed('LOGS-KMS'), passed('LOGS-RETENTION')]).toEqual([2, 2]);
  });
});

describe('site-to-site VPN over BGP', () => {
  const synthWithAsn = (bgpAsn: number) =>
    synthNetwork((input) => {
      input.network.vpnGateway = { customerGateway: { ipAddress: '8.8.4.4', bgpAsn } };
    });
  const json = synthWithAsn(65010);

  it('gives the customer gateway its 2-byte ASN and the connection dynamic routing', () => {
    expect(onlyResource(json, 'aws_customer_gateway')).toMatchObject({ type: 'ipsec.1', bgp_asn: '65010' });
    expect(onlyResource(json, 'aws_vpn_connection').static_routes_only).toBeUndefined();
    expect(resourcesOf(json, 'aws_vpn_connection_route')).toEqual({});
  });

  it('passes a 4-byte private ASN as bgp_asn_extended, which AWS requires above 2147483647', () => {
    const gateway = onlyResource(synthWithAsn(4200000002), 'aws_customer_gateway');
    expect(gateway.bgp_asn_extended).toBe('4200000002');
    expect(gateway.bgp_asn).toBeUndefined();
  });

  it('only adds resources and outputs: without them the JSON is that of the network with no VPN', () => {
    const withoutVpn = JSON.parse(JSON.stringify(json)) as SynthesizedStack & { resource: Record<string, Record<string, unknown>> };
    for (const type of VPN_TYPES) delete withoutVpn.resource[type];
    const logGroups = withoutVpn.resource.aws_cloudwatch_log_group as Record<string, Record<string, unknown>>;
    for (const [id, group] of Object.entries(logGroups)) if (String(group.name).startsWith('/aws/vpn/')) delete logGroups[id];
    for (const name of ['vpn_gateway_id', 'vpn_tunnel_addresses']) delete (withoutVpn.output as Record<string, unknown>)[name];
    expect(withoutVpn).toEqual(synthNetwork());
  });
});

describe('VPN gateway construct', () => {
  /** The construct alone in a small stack, so any ASN can be given (config accepts private ASNs only). */
  const synthCustomer = (customerGateway: CustomerGatewayConfig) => {
    const stack = new TerraformStack(new App(), 'test');
    new VpnGateway(stack, 'vpn', {
      naming: new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' }),
      vpcId: 'vpc-1',
      propagatedRouteTableIds: {},
      customerGateway,
      tunnelLogRetentionDays: 365,
    });
    return synthStack(stack);
  };

  // AWS's CreateCustomerGateway: BgpAsn takes 1-2147483647; BgpAsnExtended takes 2147483648-4294967295.
  it('passes an ASN of 2147483647, the largest bgp_asn takes, as bgp_asn', () => {
    const gateway = onlyResource(synthCustomer({ ipAddress: '8.8.4.4', bgpAsn: 2147483647 }), 'aws_customer_gateway');
    expect(gateway.bgp_asn).toBe('2147483647');
    expect(gateway.bgp_asn_extended).toBeUndefined();
  });

  it('passes an ASN of 2147483648, the smallest that needs it, as bgp_asn_extended', () => {
    const gateway = onlyResource(synthCustomer({ ipAddress: '8.8.4.4', bgpAsn: 2147483648 }), 'aws_customer_gateway');
    expect(gateway.bgp_asn_extended).toBe('2147483648');
    expect(gateway.bgp_asn).toBeUndefined();
  });

  it('names the customer gateway and the VPN connection', () => {
    const json = synthCustomer({ ipAddress: '8.8.4.4', staticRoutes: ['10.1.0.0/16'] });
    expect(onlyResource(json, 'aws_customer_gateway').tags).toEqual({ Name: 'webplat-test-network-cgw' });
    expect(onlyResource(json, 'aws_vpn_connection').tags).toEqual({ Name: 'webplat-test-network-vpn' });
  });

  it('keys each static route by its CIDR block, so a changed block replaces that route and leaves the others', () => {
    // The destination block is the route's identity in state: changing it destroys and recreates the route.
    const json = synthCustomer({ ipAddress: '8.8.4.4', staticRoutes: ['10.1.0.0/16', '192.168.10.0/24'] });
    const routes = resourcesOf(json, 'aws_vpn_connection_route');
    expect(routes[idUnder(json, 'aws_vpn_connection_route', 'vpn_route-10-1-0-0-16_')].destination_cidr_block).toBe('10.1.0.0/16');
    expect(routes[idUnder(json, 'aws_vpn_connection_route', 'vpn_route-192-168-10-0-24_')].destination_cidr_block).toBe('192.168.10.0/24');
    expect(Object.keys(routes)).toHaveLength(2);
  });
});
