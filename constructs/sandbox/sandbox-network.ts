import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LockedDefaultSecurityGroup } from '../network/default-security-group';
import { s3GatewayEndpointPolicy } from '../network/endpoint-policies';
import { VpcFlowLogs } from '../network/flow-logs';
import { NatGateways } from '../network/nat-gateways';
import { SandboxNaming } from './sandbox-naming';

/** Destination of the default routes. */
const ANY_IPV4 = '0.0.0.0/0';

/** Days the sandbox keeps its VPC flow logs: a learning setup needs the recent ones only. */
export const SANDBOX_FLOW_LOG_RETENTION_DAYS = 30;

export interface SandboxNetworkProps {
  /** Physical names and Name tags. */
  readonly naming: SandboxNaming;
  /** Home region, part of the S3 endpoint's service name. */
  readonly region: string;
  /** The account the VPC is in (flow log delivery role, the only account whose buckets the S3 endpoint reaches). */
  readonly accountId: string;
  /** The VPC's IPv4 CIDR block. */
  readonly cidr: string;
  /** The one availability zone of both subnets. */
  readonly availabilityZone: string;
  /** The web server's subnet, routed to the internet gateway. */
  readonly publicSubnetCidr: string;
  /** The database server's subnet: no internet route unless `natGateway`. */
  readonly privateSubnetCidr: string;
  /**
   * A NAT gateway in the public subnet as the private subnet's default route.
   * @default false - the private subnet reaches S3 (and so the Amazon Linux repositories) through the gateway endpoint only
   */
  readonly natGateway?: boolean;
  /**
   * Customer-managed KMS key of the flow log group.
   * @default the CloudWatch Logs service key
   */
  readonly logsKmsKeyArn?: string;
}

/**
 * The sandbox's own VPC in one zone: a public subnet routed to an internet gateway, a private
 * subnet whose route table has the free S3 gateway endpoint (the Amazon Linux package
 * repositories are S3 buckets) and, only when asked, a default route through a NAT gateway.
 * Flow logs on, and the default security group emptied, as for every VPC of the project.
 */
export class SandboxNetwork extends Construct {
  public readonly vpcId: string;
  public readonly publicSubnetId: string;
  public readonly privateSubnetId: string;
  /** The S3 gateway endpoint's AWS-managed prefix list, for the database server's egress rules. */
  public readonly s3PrefixListId: string;
  /** The public subnet's way out (its route to the internet gateway): the web server boots after it. */
  public readonly publicEgress: ITerraformDependable[];
  /** The private subnet's ways out (S3 endpoint, NAT route): the database server boots after them. */
  public readonly privateEgress: ITerraformDependable[];
  /** The NAT gateway's public address, or undefined without NAT. */
  public readonly natPublicIp?: string;

  constructor(scope: Construct, id: string, props: SandboxNetworkProps) {
    super(scope, id);
    const name = (purpose: string) => props.naming.name('sandbox', purpose, 255);

    const vpc = new Vpc(this, 'vpc', { cidrBlock: props.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { Name: name('vpc') } });
    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: { Name: name('igw') } });
    const subnet = (kind: 'public' | 'private', cidrBlock: string) =>
      new Subnet(this, kind, {
        vpcId: vpc.id,
        availabilityZone: props.availabilityZone,
        cidrBlock,
        mapPublicIpOnLaunch: false,
        tags: { Name: name(`${kind}-${props.availabilityZone}`) },
      });
    const publicSubnet = subnet('public', props.publicSubnetCidr);
    const privateSubnet = subnet('private', props.privateSubnetCidr);

    const publicRoutes = new RouteTable(this, 'public-rt', { vpcId: vpc.id, tags: { Name: name('public') } });
    const publicRoute = new Route(this, 'public-default-route', { routeTableId: publicRoutes.id, destinationCidrBlock: ANY_IPV4, gatewayId: igw.id });
    const publicAssociation = new RouteTableAssociation(this, 'public-rta', { subnetId: publicSubnet.id, routeTableId: publicRoutes.id });
    this.publicEgress = [publicRoute, publicAssociation];

    const privateRoutes = new RouteTable(this, 'private-rt', { vpcId: vpc.id, tags: { Name: name('private') } });
    const privateAssociation = new RouteTableAssociation(this, 'private-rta', { subnetId: privateSubnet.id, routeTableId: privateRoutes.id });
    const s3 = new VpcEndpoint(this, 's3', {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [privateRoutes.id],
      policy: s3GatewayEndpointPolicy(props.accountId, props.region),
      tags: { Name: name('s3-endpoint') },
    });
    this.privateEgress = [privateAssociation, s3];

    // The web platform's NAT construct, with the private subnet's route table as its one "app" table.
    const nat = new NatGateways(this, 'nat', {
      naming: props.naming,
      mode: (props.natGateway ?? false) ? 'single' : 'none',
      availabilityZones: [props.availabilityZone],
      publicSubnetIds: [publicSubnet.id],
      privateAppRouteTableIds: [privateRoutes.id],
      dependsOn: [igw],
    });
    this.privateEgress.push(...nat.defaultRoutes);
    this.natPublicIp = nat.publicIps[0];

    new LockedDefaultSecurityGroup(this, 'default-sg', { naming: props.naming, vpcId: vpc.id });
    new VpcFlowLogs(this, 'flow-logs', {
      naming: props.naming,
      vpcId: vpc.id,
      accountId: props.accountId,
      retentionDays: SANDBOX_FLOW_LOG_RETENTION_DAYS,
      kmsKeyArn: props.logsKmsKeyArn,
    });

    this.vpcId = vpc.id;
    this.publicSubnetId = publicSubnet.id;
    this.privateSubnetId = privateSubnet.id;
    this.s3PrefixListId = s3.prefixListId;
  }
}
