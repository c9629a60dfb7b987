import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Naming } from '../naming';
import { requireOnePerZone, zoneSubnets, zoneSuffix } from './zones';

/** Destination of every default route. */
export const ANY_IPV4 = '0.0.0.0/0';

export interface VpcSubnetsProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  /** The VPC's IPv4 CIDR block. */
  readonly cidr: string;
  /** Availability zone names, such as eu-west-1a; subnet lists are in this order. */
  readonly availabilityZones: readonly string[];
  /** One CIDR per zone: load balancers and NAT gateways. */
  readonly publicCidrs: readonly string[];
  /** One CIDR per zone: web servers and containers. */
  readonly privateAppCidrs: readonly string[];
  /** One CIDR per zone: databases and caches, never routed to the internet. */
  readonly privateDataCidrs: readonly string[];
}

/**
 * The VPC (DNS support and hostnames on), its internet gateway, and three subnets per
 * zone: public, private app and private data. No subnet gives instances a public IP.
 *
 * Routing: one public route table with 0.0.0.0/0 to the internet gateway; one private app
 * route table per zone (NatGateways adds their default routes); one private data route
 * table with only the local route (and the gateway endpoints).
 */
export class VpcSubnets extends Construct {
  public readonly vpcId: string;
  public readonly vpcCidr: string;
  public readonly internetGatewayId: string;
  /** The internet gateway, for resources that need it attached first (NAT gateways, EIPs). */
  public readonly internetGateway: ITerraformDependable;
  public readonly publicSubnetIds: string[];
  public readonly privateAppSubnetIds: string[];
  public readonly privateDataSubnetIds: string[];
  public readonly publicRouteTableId: string;
  /** One per zone, in zone order. */
  public readonly privateAppRouteTableIds: string[];
  public readonly privateDataRouteTableId: string;

  constructor(scope: Construct, id: string, props: VpcSubnetsProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    requireOnePerZone('VpcSubnets', zones, { publicCidrs: props.publicCidrs, privateAppCidrs: props.privateAppCidrs, privateDataCidrs: props.privateDataCidrs });
    const name = (purpose: string) => props.naming.name('network', purpose, 255);

    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name('vpc') },
    });
    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;

    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: name('igw') } });
    this.internetGatewayId = igw.id;
    this.internetGateway = igw;

    const subnets = (kind: string, cidrs: readonly string[]) => zoneSubnets(this, { vpcId: vpc.id, kind, zones, cidrs, name });
    const publicSubnets = subnets('public', props.publicCidrs);
    const appSubnets = subnets('app', props.privateAppCidrs);
    const dataSubnets = subnets('data', props.privateDataCidrs);
    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateAppSubnetIds = appSubnets.map((subnet) => subnet.id);
    this.privateDataSubnetIds = dataSubnets.map((subnet) => subnet.id);

    const publicRoutes = new RouteTable(this, 'public-rt', { vpcId: vpc.id, tags: { Name: name('public') } });
    new Route(this, 'public-default-route', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: ANY_IPV4,
      gatewayId: igw.id,
    });
    this.publicRouteTableId = publicRoutes.id;

    const appRoutes = zones.map(
      (zone) => new RouteTable(this, `app-rt-${zoneSuffix(zone)}`, { vpcId: vpc.id, tags: { Name: name(`app-${zone}`) } }),
    );
    this.privateAppRouteTableIds = appRoutes.map((table) => table.id);

    const dataRoutes = new RouteTable(this, 'data-rt', { vpcId: vpc.id, tags: { Name: name('data') } });
    this.privateDataRouteTableId = dataRoutes.id;

    zones.forEach((zone, index) => {
      const suffix = zoneSuffix(zone);
      new RouteTableAssociation(this, `public-rta-${suffix}`, { subnetId: publicSubnets[index].id, routeTableId: publicRoutes.id });
      new RouteTableAssociation(this, `app-rta-${suffix}`, { subnetId: appSubnets[index].id, routeTableId: appRoutes[index].id });
      new RouteTableAssociation(this, `data-rta-${suffix}`, { subnetId: dataSubnets[index].id, routeTableId: dataRoutes.id });
    });
  }
}
