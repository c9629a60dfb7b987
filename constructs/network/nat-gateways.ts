import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NetworkConfig } from '../../config/schema';
import { Naming } from '../naming';
import { ANY_IPV4 } from './vpc-subnets';
import { zoneSuffix } from './zones';

/** How many NAT gateways the private app subnets get. */
export type NatGatewayMode = NetworkConfig['natGateways'];

export interface NatGatewaysProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  /** `none`: no NAT and no default route; `single`: one shared, in the first zone; `per-az`: one per zone. */
  readonly mode: NatGatewayMode;
  /** Availability zone names, in the order of the lists below. */
  readonly availabilityZones: readonly string[];
  /** Public subnet of each zone, where the NAT gateways go. */
  readonly publicSubnetIds: readonly string[];
  /** Private app route table of each zone; each gets 0.0.0.0/0 to a NAT gateway. */
  readonly privateAppRouteTableIds: readonly string[];
  /**
   * Resources that must exist before the EIPs and NAT gateways (the internet gateway).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Elastic IPs, NAT gateways and the private app subnets' default routes through them.
 * With `per-az` each zone's app route table uses its own zone's gateway, so one zone's
 * outage does not cut the others off; with `single` they all share the first zone's.
 */
export class NatGateways extends Construct {
  /** One per gateway: none, one, or one per zone (in zone order). */
  public readonly natGatewayIds: string[];
  /** The public addresses the app tier's internet traffic leaves from (for allow-lists elsewhere). */
  public readonly publicIps: string[];
  /** The default routes through the gateways, one per zone (none with `none`): what depends on egress waits for them. */
  public readonly defaultRoutes: Route[];

  constructor(scope: Construct, id: string, props: NatGatewaysProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    if (props.publicSubnetIds.length !== zones.length || props.privateAppRouteTableIds.length !== zones.length) {
      throw new Error(
        `NatGateways needs one public subnet and one private app route table per availability zone (${zones.length}), ` +
          `got ${props.publicSubnetIds.length} and ${props.privateAppRouteTableIds.length}.`,
      );
    }
    const gatewayZones = props.mode === 'none' ? [] : props.mode === 'single' ? [zones[0]] : [...zones];
    const gateways = gatewayZones.map((zone, index) => {
      const suffix = zoneSuffix(zone);
      const eip = new Eip(this, `eip-${suffix}`, {
        domain: 'vpc',
        tags: { Name: props.naming.name('network', `nat-${zone}`, 255) },
        dependsOn: props.dependsOn,
      });
      return new NatGateway(this, `nat-${suffix}`, {
        allocationId: eip.allocationId,
        subnetId: props.publicSubnetIds[index],
        connectivityType: 'public',
        tags: { Name: props.naming.name('network', `nat-${zone}`, 255) },
        dependsOn: props.dependsOn,
      });
    });
    this.natGatewayIds = gateways.map((gateway) => gateway.id);
    this.publicIps = gateways.map((gateway) => gateway.publicIp);

    this.defaultRoutes =
      gateways.length === 0
        ? []
        : zones.map((zone, index) => {
            const gateway = gateways.length === 1 ? gateways[0] : gateways[index];
            return new Route(this, `app-default-route-${zoneSuffix(zone)}`, {
              routeTableId: props.privateAppRouteTableIds[index],
              destinationCidrBlock: ANY_IPV4,
              natGatewayId: gateway.id,
            });
          });
  }
}
