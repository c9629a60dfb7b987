import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { Naming } from '../naming';
import { ANY_IPV4 } from '../network/vpc-subnets';

const HTTPS = 443;

export interface SiteSecurityGroupsProps {
  /** Physical names and Name tags (IntranetNaming). */
  readonly naming: Naming;
  readonly vpcId: string;
  /** The VPC's CIDR block: everything inside the VPC may reach the load balancer. */
  readonly vpcCidr: string;
  /**
   * More address ranges that may reach the load balancer on 443 (`internalSite.allowedCidrs`).
   * @default - the VPC only
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * The load balancer signs visitors in through an OpenID Connect provider: it then opens HTTPS
   * connections of its own to the provider's token and user info endpoints, at addresses nobody
   * here knows, so its group may open 443 to any address.
   * @default false - the load balancer opens connections to the endpoint only
   */
  readonly identityProviderEgress?: boolean;
}

/**
 * The two security groups of the internal site, every rule its own resource:
 *
 * - alb: in 443 from the VPC and each allowed range, nothing else; out 443 to the endpoint group
 *   (and, with `identityProviderEgress`, 443 to the identity provider).
 * - endpoint: in 443 from the alb group only; no egress (the endpoint answers, it never calls out).
 */
export class SiteSecurityGroups extends Construct {
  public readonly albSecurityGroupId: string;
  public readonly endpointSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: SiteSecurityGroupsProps) {
    super(scope, id);
    const allowed = props.allowedCidrs ?? [];
    const repeated = allowed.filter((cidr, index) => allowed.indexOf(cidr) !== index || cidr === props.vpcCidr);
    if (repeated.length > 0) {
      throw new Error(`SiteSecurityGroups: allowedCidrs (internalSite.allowedCidrs) lists ${[...new Set(repeated)].join(', ')} twice (or as the VPC itself, which is always allowed); name each range once.`);
    }
    const group = (purpose: string, description: string) => {
      const name = props.naming.name('intranet', purpose, 255);
      return new SecurityGroup(this, purpose, { name, description, vpcId: props.vpcId, revokeRulesOnDelete: true, tags: { Name: name } });
    };
    const alb = group('alb', 'Internal site load balancer: HTTPS from the VPC and the allowed ranges, to the S3 endpoint');
    const endpoint = group('endpoint', 'Internal site S3 endpoint: HTTPS from the load balancer only');
    const https = { ipProtocol: 'tcp', fromPort: HTTPS, toPort: HTTPS };

    new VpcSecurityGroupIngressRule(this, 'alb-in-vpc', { securityGroupId: alb.id, ...https, cidrIpv4: props.vpcCidr, description: 'HTTPS from inside the VPC' });
    for (const cidr of allowed) {
      // Keyed by the range, so reordering allowedCidrs replaces no rule.
      new VpcSecurityGroupIngressRule(this, `alb-in-${cidr.replace(/[./]/g, '-')}`, {
        securityGroupId: alb.id,
        ...https,
        cidrIpv4: cidr,
        description: `HTTPS from ${cidr} (internalSite.allowedCidrs)`,
      });
    }
    new VpcSecurityGroupEgressRule(this, 'alb-out-endpoint', {
      securityGroupId: alb.id,
      ...https,
      referencedSecurityGroupId: endpoint.id,
      description: 'HTTPS to the S3 endpoint (targets and health checks)',
    });
    if (props.identityProviderEgress ?? false) {
      new VpcSecurityGroupEgressRule(this, 'alb-out-identity-provider', {
        securityGroupId: alb.id,
        ...https,
        cidrIpv4: ANY_IPV4,
        description: 'HTTPS to the OpenID Connect provider (token and user info endpoints, internalSite.oidc)',
      });
    }
    new VpcSecurityGroupIngressRule(this, 'endpoint-in-alb', {
      securityGroupId: endpoint.id,
      ...https,
      referencedSecurityGroupId: alb.id,
      description: 'HTTPS from the load balancer',
    });

    this.albSecurityGroupId = alb.id;
    this.endpointSecurityGroupId = endpoint.id;
  }
}
