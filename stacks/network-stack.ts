import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { WebPlatformConfig } from '../config/schema';
import { Network } from '../constructs/network/network';
import { NETWORK_OUTPUT_NAMES, NetworkOutputs } from '../constructs/network-outputs';
import { publishTierOutputs } from '../constructs/tier-outputs';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { TierStack } from './tier-stack';

/** What each published output is, for `terraform output` readers and later tiers. */
const OUTPUT_DESCRIPTIONS: Record<keyof NetworkOutputs, string> = {
  vpcId: 'ID of the VPC.',
  vpcCidr: 'IPv4 CIDR block of the VPC.',
  publicSubnetIds: 'Public subnet IDs, one per availability zone in config order (load balancers, NAT gateways).',
  privateAppSubnetIds: 'Private app subnet IDs, one per availability zone in config order (web servers, containers).',
  privateDataSubnetIds: 'Private data subnet IDs, one per availability zone in config order (databases, caches; no internet route).',
  albSecurityGroupId: 'Security group of the load balancer: HTTPS from CloudFront only.',
  appSecurityGroupId: 'Security group of the app tier: traffic from the load balancer only.',
  dataSecurityGroupId: 'Security group of the database: connections from the app tier only.',
  cacheSecurityGroupId: 'Security group of the cache: connections from the app tier only.',
  endpointsSecurityGroupId: 'Security group of the interface VPC endpoints: HTTPS from the app tier only.',
  privateZoneId: 'ID of the private Route53 hosted zone associated with the VPC.',
  privateZoneName: 'DNS name of the private hosted zone for internal names.',
};

/** The private hosted zone's name: `network.privateZoneName`, or `<environment>.<project>.internal` when left out. */
export function privateZoneNameOf(config: WebPlatformConfig): string {
  return config.network.privateZoneName ?? `${config.environment}.${config.project}.internal`;
}

/**
 * `<env>-network`: the VPC and everything later tiers attach to. Publishes the outputs
 * named in NETWORK_OUTPUT_NAMES; later stacks read them with readNetworkOutputs().
 */
export class NetworkStack extends TierStack {
  public readonly network: Network;

  constructor(scope: Construct, config: WebPlatformConfig) {
    super(scope, { config, tier: 'network' });
    this.network = new Network(this, 'network', {
      naming: this.naming,
      config: config.network,
      region: config.region,
      accountId: config.accountId,
      privateZoneName: privateZoneNameOf(config),
      logsKmsKeyArn: EncryptionKeys.logs(this, config),
    });
    publishTierOutputs<NetworkOutputs>(this, NETWORK_OUTPUT_NAMES, this.network, OUTPUT_DESCRIPTIONS);
    this.publishVpnOutputs();
  }

  /**
   * For the operator configuring the on-premises side; no later tier reads them. Published only
   * with `network.vpnGateway`, so an environment without one keeps exactly the outputs it had.
   */
  private publishVpnOutputs(): void {
    const { vpnGatewayId, vpnTunnelAddresses } = this.network;
    if (vpnGatewayId !== undefined) {
      new TerraformOutput(this, 'vpn_gateway_id', { value: vpnGatewayId, description: 'ID of the virtual private gateway attached to the VPC.' });
    }
    if (vpnTunnelAddresses !== undefined) {
      new TerraformOutput(this, 'vpn_tunnel_addresses', {
        value: vpnTunnelAddresses,
        description: 'Outside (AWS-side) public addresses of VPN tunnels 1 and 2: the peers the customer gateway connects to.',
      });
    }
  }
}
