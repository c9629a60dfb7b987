import { Construct } from 'constructs';
import { NetworkConfig } from '../../config/schema';
import { Naming } from '../naming';
import { NetworkOutputs } from '../network-outputs';
import { LockedDefaultSecurityGroup } from './default-security-group';
import { VpcFlowLogs } from './flow-logs';
import { GatewayEndpoints } from './gateway-endpoints';
import { InterfaceEndpoints } from './interface-endpoints';
import { NatGateways } from './nat-gateways';
import { PrivateZone } from './private-zone';
import { TierSecurityGroups } from './security-groups';
import { VpcSubnets } from './vpc-subnets';
import { VpnGateway } from './vpn-gateway';
import { zoneSuffix } from './zones';

export interface NetworkProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  /** The environment's validated `network` section. */
  readonly config: NetworkConfig;
  /** Home region (interface and gateway endpoint service names). */
  readonly region: string;
  /** The environment's account (flow log delivery role trust, endpoint policies). */
  readonly accountId: string;
  /** Name of the private hosted zone, such as `dev.webplat.internal`. */
  readonly privateZoneName: string;
  /**
   * Customer-managed KMS key for the flow log and VPN tunnel log groups (`observability.kmsKeyArn`).
   * @default the CloudWatch Logs service key
   */
  readonly logsKmsKeyArn?: string;
}

/**
 * The whole network tier of one environment: VPC and subnets, NAT, endpoints, flow logs,
 * a locked default security group, the tier security groups, the private hosted zone and,
 * when configured, a VPN gateway propagating into every private route table.
 * Its public fields are what the stack publishes for later tiers (NetworkOutputs).
 */
export class Network extends Construct implements NetworkOutputs {
  public readonly vpcId: string;
  public readonly vpcCidr: string;
  public readonly publicSubnetIds: string[];
  public readonly privateAppSubnetIds: string[];
  public readonly privateDataSubnetIds: string[];
  public readonly albSecurityGroupId: string;
  public readonly appSecurityGroupId: string;
  public readonly dataSecurityGroupId: string;
  public readonly cacheSecurityGroupId: string;
  public readonly endpointsSecurityGroupId: string;
  public readonly privateZoneId: string;
  public readonly privateZoneName: string;
  /** NAT gateway ids: none, one, or one per zone. */
  public readonly natGatewayIds: string[];
  /** The NAT gateways' public addresses. */
  public readonly natPublicIps: string[];
  /** Name of the CloudWatch log group holding the VPC flow logs. */
  public readonly flowLogGroupName: string;
  /** The virtual private gateway, when `vpnGateway` is configured. */
  public readonly vpnGatewayId?: string;
  /** Outside addresses of the two VPN tunnels, when a customer gateway is configured. */
  public readonly vpnTunnelAddresses?: string[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { config, naming } = props;
    const vpc = new VpcSubnets(this, 'vpc', {
      naming,
      cidr: config.cidr,
      availabilityZones: config.availabilityZones,
      publicCidrs: config.subnets.public,
      privateAppCidrs: config.subnets.privateApp,
      privateDataCidrs: config.subnets.privateData,
    });
    new LockedDefaultSecurityGroup(this, 'default-sg', { naming, vpcId: vpc.vpcId });
    const nat = new NatGateways(this, 'nat', {
      naming,
      mode: config.natGateways,
      availabilityZones: config.availabilityZones,
      publicSubnetIds: vpc.publicSubnetIds,
      privateAppRouteTableIds: vpc.privateAppRouteTableIds,
      dependsOn: [vpc.internetGateway],
    });
    const gatewayEndpoints = new GatewayEndpoints(this, 'gateway-endpoints', {
      naming,
      vpcId: vpc.vpcId,
      region: props.region,
      accountId: props.accountId,
      routeTableIds: [...vpc.privateAppRouteTableIds, vpc.privateDataRouteTableId],
    });
    const groups = new TierSecurityGroups(this, 'sg', {
      naming,
      vpcId: vpc.vpcId,
      ports: config.ports,
      s3PrefixListId: gatewayEndpoints.s3PrefixListId,
      dynamodbPrefixListId: gatewayEndpoints.dynamodbPrefixListId,
      appInternetEgress: config.appInternetEgress,
    });
    new InterfaceEndpoints(this, 'interface-endpoints', {
      naming,
      vpcId: vpc.vpcId,
      region: props.region,
      accountId: props.accountId,
      services: config.interfaceEndpoints,
      subnetIds: vpc.privateAppSubnetIds,
      securityGroupId: groups.endpointsSecurityGroupId,
    });
    const flowLogs = new VpcFlowLogs(this, 'flow-logs', {
      naming,
      vpcId: vpc.vpcId,
      accountId: props.accountId,
      retentionDays: config.flowLogs.retentionDays,
      trafficType: config.flowLogs.trafficType,
      kmsKeyArn: props.logsKmsKeyArn,
    });
    const zone = new PrivateZone(this, 'private-zone', { naming, zoneName: props.privateZoneName, vpcId: vpc.vpcId });
    if (config.vpnGateway !== undefined) {
      const vpn = new VpnGateway(this, 'vpn', {
        naming,
        vpcId: vpc.vpcId,
        propagatedRouteTableIds: {
          ...Object.fromEntries(config.availabilityZones.map((zoneName, index) => [`app-${zoneSuffix(zoneName)}`, vpc.privateAppRouteTableIds[index]])),
          data: vpc.privateDataRouteTableId,
        },
        amazonSideAsn: config.vpnGateway.amazonSideAsn,
        customerGateway: config.vpnGateway.customerGateway,
        tunnelLogRetentionDays: config.flowLogs.retentionDays,
        logsKmsKeyArn: props.logsKmsKeyArn,
      });
      this.vpnGatewayId = vpn.vpnGatewayId;
      this.vpnTunnelAddresses = vpn.tunnelAddresses;
    }

    this.vpcId = vpc.vpcId;
    this.vpcCidr = vpc.vpcCidr;
    this.publicSubnetIds = vpc.publicSubnetIds;
    this.privateAppSubnetIds = vpc.privateAppSubnetIds;
    this.privateDataSubnetIds = vpc.privateDataSubnetIds;
    this.albSecurityGroupId = groups.albSecurityGroupId;
    this.appSecurityGroupId = groups.appSecurityGroupId;
    this.dataSecurityGroupId = groups.dataSecurityGroupId;
    this.cacheSecurityGroupId = groups.cacheSecurityGroupId;
    this.endpointsSecurityGroupId = groups.endpointsSecurityGroupId;
    this.privateZoneId = zone.zoneId;
    this.privateZoneName = zone.zoneName;
    this.natGatewayIds = nat.natGatewayIds;
    this.natPublicIps = nat.publicIps;
    this.flowLogGroupName = flowLogs.logGroupName;
  }
}
