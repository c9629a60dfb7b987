import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Naming } from '../naming';
import { LockedDefaultSecurityGroup } from '../network/default-security-group';
import { VpcFlowLogs } from '../network/flow-logs';
import { ANY_IPV4 } from '../network/vpc-subnets';
import { requireOnePerZone, zoneSubnets, zoneSuffix } from '../network/zones';

export interface SiteNetworkProps {
  /** Physical names and Name tags (IntranetNaming). */
  readonly naming: Naming;
  /** The account the VPC is in (the flow log delivery role's confused-deputy check). */
  readonly accountId: string;
  /** The VPC's IPv4 CIDR block. */
  readonly cidr: string;
  /** Availability zone names; subnet lists are in this order. */
  readonly availabilityZones: readonly string[];
  /** One CIDR per zone: the load balancer's subnets. */
  readonly albSubnetCidrs: readonly string[];
  /** One CIDR per zone: the S3 endpoint's network interfaces. Never routed to the internet. */
  readonly endpointSubnetCidrs: readonly string[];
  /**
   * Give the load balancer's subnets a default route to an internet gateway (an internet-facing load balancer).
   * @default false - no internet gateway, no NAT: the VPC reaches nothing outside itself
   */
  readonly internetFacing?: boolean;
  /** Days the flow logs are kept (a CloudWatch Logs retention value). */
  readonly flowLogRetentionDays: number;
  /**
   * Customer-managed KMS key of the flow log group.
   * @default - the CloudWatch Logs service key
   */
  readonly logsKmsKeyArn?: string;
}

/**
 * The internal site's own VPC (DNS support and hostnames on, which the ALB and the endpoint need):
 * one load balancer subnet and one endpoint subnet per zone, each kind with a route table of its own.
 * Only with `internetFacing` is there an internet gateway, and only the load balancer's route table
 * gets the default route to it; the endpoint subnets have the local route alone. No subnet gives
 * addresses a public IP. Flow logs on, and the default security group emptied, as for every VPC here.
 */
export class SiteNetwork extends Construct {
  public readonly vpcId: string;
  public readonly vpcCidr: string;
  public readonly albSubnetIds: string[];
  public readonly endpointSubnetIds: string[];
  /** What an internet-facing load balancer must be created after (the gateway and its route); empty otherwise. */
  public readonly internetAccess: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: SiteNetworkProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    requireOnePerZone('SiteNetwork', zones, { albSubnetCidrs: props.albSubnetCidrs, endpointSubnetCidrs: props.endpointSubnetCidrs });
    const name = (purpose: string) => props.naming.name('intranet', purpose, 255);

    const vpc = new Vpc(this, 'vpc', { cidrBlock: props.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name('vpc') } });
    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;

    const subnets = (kind: 'alb' | 'endpoint', cidrs: readonly string[]) => {
      const table = new RouteTable(this, `${kind}-rt`, { vpcId: vpc.id, tags: { Name: name(kind) } });
      const created = zoneSubnets(this, { vpcId: vpc.id, kind, zones, cidrs, name });
      created.forEach((subnet, index) => new RouteTableAssociation(this, `${kind}-rta-${zoneSuffix(zones[index])}`, { subnetId: subnet.id, routeTableId: table.id }));
      return { table, ids: created.map((subnet) => subnet.id) };
    };
    const alb = subnets('alb', props.albSubnetCidrs);
    const endpoint = subnets('endpoint', props.endpointSubnetCidrs);
    this.albSubnetIds = alb.ids;
    this.endpointSubnetIds = endpoint.ids;

    if (props.internetFacing ?? false) {
      const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: name('igw') } });
      const route = new Route(this, 'alb-default-route', { routeTableId: alb.table.id, destinationCidrBlock: ANY_IPV4, gatewayId: igw.id });
      this.internetAccess.push(igw, route);
    }

    new LockedDefaultSecurityGroup(this, 'default-sg', { naming: props.naming, vpcId: vpc.id });
    new VpcFlowLogs(this, 'flow-logs', {
      naming: props.naming,
      vpcId: vpc.id,
      accountId: props.accountId,
      retentionDays: props.flowLogRetentionDays,
      kmsKeyArn: props.logsKmsKeyArn,
    });
  }
}
