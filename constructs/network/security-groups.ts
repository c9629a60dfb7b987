import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { Naming } from '../naming';
import { ANY_IPV4 } from './vpc-subnets';

/** AWS-managed prefix list of the addresses CloudFront connects to origins from. */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';
const HTTPS = 443;

/** Ports the tier rules open. */
export interface TierPorts {
  /** Port the web servers listen on behind the load balancer. */
  readonly app: number;
  /** Database port of the data tier. */
  readonly database: number;
  /** Cache port of the cache tier. */
  readonly cache: number;
}

export interface TierSecurityGroupsProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  readonly vpcId: string;
  readonly ports: TierPorts;
  /** The S3 gateway endpoint's prefix list, the only way the app tier reaches S3. */
  readonly s3PrefixListId: string;
  /** The DynamoDB gateway endpoint's prefix list. */
  readonly dynamodbPrefixListId: string;
  /**
   * Let the app tier open HTTPS connections to any address (through NAT).
   * @default false - the app tier reaches only the data, cache and endpoint tiers, S3 and DynamoDB
   */
  readonly appInternetEgress?: boolean;
}

type Peer = { readonly group: SecurityGroup } | { readonly prefixListId: string } | { readonly cidr: string };

/**
 * The security groups of every tier and the rules between them, all in one place so no
 * later stack has to create a rule that points back at it (no cycles):
 *
 * - alb: in 443 from CloudFront's origin-facing prefix list only; out to app on the app port.
 * - app: in on the app port from alb only; out to data, cache, the interface endpoints,
 *   S3 and DynamoDB (their gateway prefix lists), and to the internet on 443 only when enabled.
 * - data, cache: in on their port from app only; no egress.
 * - endpoints: in 443 from app only; no egress.
 *
 * Every rule is its own resource (never inline), so groups can reference each other.
 * Nothing admits 0.0.0.0/0.
 */
export class TierSecurityGroups extends Construct {
  public readonly albSecurityGroupId: string;
  public readonly appSecurityGroupId: string;
  public readonly dataSecurityGroupId: string;
  public readonly cacheSecurityGroupId: string;
  public readonly endpointsSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: TierSecurityGroupsProps) {
    super(scope, id);
    const group = (tier: string, description: string) => {
      const name = props.naming.name('network', tier, 255);
      return new SecurityGroup(this, tier, {
        name,
        description,
        vpcId: props.vpcId,
        revokeRulesOnDelete: true,
        tags: { Name: name },
      });
    };
    const alb = group('alb', 'Load balancer: HTTPS from CloudFront only, forwards to the app tier');
    const app = group('app', 'App tier: traffic from the load balancer only');
    const data = group('data', 'Data tier (database): connections from the app tier only');
    const cache = group('cache', 'Cache tier: connections from the app tier only');
    const endpoints = group('endpoints', 'Interface VPC endpoints: HTTPS from the app tier only');

    const cloudfront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront-origin-facing', { name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST });

    const peerOf = (peer: Peer) =>
      'group' in peer ? { referencedSecurityGroupId: peer.group.id } : 'prefixListId' in peer ? { prefixListId: peer.prefixListId } : { cidrIpv4: peer.cidr };
    const ingress = (ruleId: string, on: SecurityGroup, port: number, from: Peer, description: string) =>
      new VpcSecurityGroupIngressRule(this, ruleId, {
        securityGroupId: on.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description,
        ...peerOf(from),
      });
    const egress = (ruleId: string, on: SecurityGroup, port: number, to: Peer, description: string) =>
      new VpcSecurityGroupEgressRule(this, ruleId, {
        securityGroupId: on.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description,
        ...peerOf(to),
      });
    const { ports } = props;

    // The CloudFront list counts as ~55 rules against the 60-rule quota: one rule only.
    ingress('alb-in-cloudfront', alb, HTTPS, { prefixListId: cloudfront.id }, 'HTTPS from CloudFront origin-facing addresses');
    egress('alb-out-app', alb, ports.app, { group: app }, 'To the app tier');

    ingress('app-in-alb', app, ports.app, { group: alb }, 'From the load balancer');
    egress('app-out-data', app, ports.database, { group: data }, 'To the database');
    egress('app-out-cache', app, ports.cache, { group: cache }, 'To the cache');
    egress('app-out-endpoints', app, HTTPS, { group: endpoints }, 'HTTPS to the interface VPC endpoints');
    egress('app-out-s3', app, HTTPS, { prefixListId: props.s3PrefixListId }, 'HTTPS to S3 through the gateway endpoint');
    egress('app-out-dynamodb', app, HTTPS, { prefixListId: props.dynamodbPrefixListId }, 'HTTPS to DynamoDB through the gateway endpoint');
    if (props.appInternetEgress ?? false) {
      egress('app-out-internet', app, HTTPS, { cidr: ANY_IPV4 }, 'HTTPS to the internet through NAT (network.appInternetEgress)');
    }

    ingress('data-in-app', data, ports.database, { group: app }, 'Database connections from the app tier');
    ingress('cache-in-app', cache, ports.cache, { group: app }, 'Cache connections from the app tier');
    ingress('endpoints-in-app', endpoints, HTTPS, { group: app }, 'HTTPS from the app tier');

    this.albSecurityGroupId = alb.id;
    this.appSecurityGroupId = app.id;
    this.dataSecurityGroupId = data.id;
    this.cacheSecurityGroupId = cache.id;
    this.endpointsSecurityGroupId = endpoints.id;
  }
}
