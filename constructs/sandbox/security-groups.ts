import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { suppressPolicy } from '../policy/suppressions';
import { SandboxNaming } from './sandbox-naming';

const ANY_IPV4 = '0.0.0.0/0';
const HTTP = 80;
const HTTPS = 443;
const SSH = 22;
/** MariaDB's (and MySQL's) port. */
export const MARIADB_PORT = 3306;

export interface SandboxSecurityGroupsProps {
  /** Physical names and Name tags. */
  readonly naming: SandboxNaming;
  readonly vpcId: string;
  /** The S3 gateway endpoint's prefix list: how the database server reaches the package repositories without NAT. */
  readonly s3PrefixListId: string;
  /**
   * The one address (a /32) that may open SSH to the web server.
   * @default - no SSH rule: Session Manager only
   */
  readonly adminSshCidr?: string;
  /**
   * The private subnet has a NAT gateway: the database server may open HTTP/HTTPS to the internet.
   * @default false
   */
  readonly natGateway?: boolean;
  /**
   * Make the security group of the Session Manager interface endpoints (443 from both servers).
   * @default false
   */
  readonly sessionManagerEndpoints?: boolean;
}

type Peer = { readonly group: SecurityGroup } | { readonly prefixListId: string } | { readonly cidr: string };
type Protocol = 'tcp' | 'icmp';
/** ICMP rules use the port fields for type and code; -1 is all of them. */
const ALL_ICMP = -1;

/**
 * The sandbox's security groups, every rule its own resource:
 *
 * - web: in 80 and 443 from anywhere (the policy's explicit public-sandbox exception, suppressed
 *   on those two rules only), 22 from `adminSshCidr` alone when set; out 80/443 anywhere (packages,
 *   Session Manager) and 3306 and ICMP to the database group.
 * - db: in 3306 and ICMP from the web group only (a group, never a CIDR); out 80/443 to S3 (the
 *   package repositories), 443 to the endpoint group when there is one, 80/443 anywhere with NAT.
 * - endpoints (only with `sessionManagerEndpoints`): in 443 from web and db; no egress.
 */
export class SandboxSecurityGroups extends Construct {
  public readonly webSecurityGroupId: string;
  public readonly databaseSecurityGroupId: string;
  /** Undefined unless `sessionManagerEndpoints`. */
  public readonly endpointsSecurityGroupId?: string;

  constructor(scope: Construct, id: string, props: SandboxSecurityGroupsProps) {
    super(scope, id);
    const group = (purpose: string, description: string) => {
      const name = props.naming.name('sandbox', purpose, 255);
      return new SecurityGroup(this, purpose, { name, description, vpcId: props.vpcId, revokeRulesOnDelete: true, tags: { Name: name } });
    };
    const web = group('web', 'Sandbox web server: HTTP and HTTPS from anywhere, SSH from the admin address only');
    const db = group('db', 'Sandbox database server: MariaDB and ICMP from the web server only');

    const peerOf = (peer: Peer) =>
      'group' in peer ? { referencedSecurityGroupId: peer.group.id } : 'prefixListId' in peer ? { prefixListId: peer.prefixListId } : { cidrIpv4: peer.cidr };
    // One port, or for ICMP ALL_ICMP (every type and code).
    const rule = (protocol: Protocol, port: number) => ({ ipProtocol: protocol, fromPort: port, toPort: port });
    const ingress = (scope: Construct, ruleId: string, on: SecurityGroup, protocol: Protocol, port: number, from: Peer, description: string) =>
      new VpcSecurityGroupIngressRule(scope, ruleId, { securityGroupId: on.id, description, ...rule(protocol, port), ...peerOf(from) });
    const egress = (ruleId: string, on: SecurityGroup, protocol: Protocol, port: number, to: Peer, description: string) =>
      new VpcSecurityGroupEgressRule(this, ruleId, { securityGroupId: on.id, description, ...rule(protocol, port), ...peerOf(to) });

    // The only rules of the project open to the whole internet, kept under one construct so the suppression covers them alone.
    const publicEntry = new Construct(this, 'public-web');
    suppressPolicy(
      publicEntry,
      'SG-NO-OPEN-INGRESS',
      'systems: [sandbox] is the classic public sandbox: its web server answers HTTP and HTTPS from anywhere on its Elastic IP (no load balancer, no CloudFront)',
    );
    ingress(publicEntry, 'web-in-http', web, 'tcp', HTTP, { cidr: ANY_IPV4 }, 'HTTP from anywhere (public sandbox)');
    ingress(publicEntry, 'web-in-https', web, 'tcp', HTTPS, { cidr: ANY_IPV4 }, 'HTTPS from anywhere (public sandbox)');
    if (props.adminSshCidr !== undefined) {
      ingress(this, 'web-in-ssh', web, 'tcp', SSH, { cidr: props.adminSshCidr }, 'SSH from the admin address (sandbox.adminSshCidr)');
    }
    egress('web-out-http', web, 'tcp', HTTP, { cidr: ANY_IPV4 }, 'HTTP to the internet (package repositories)');
    egress('web-out-https', web, 'tcp', HTTPS, { cidr: ANY_IPV4 }, 'HTTPS to the internet (package repositories, Session Manager)');
    egress('web-out-db', web, 'tcp', MARIADB_PORT, { group: db }, 'MariaDB on the database server');
    egress('web-out-db-icmp', web, 'icmp', ALL_ICMP, { group: db }, 'ICMP (ping) to the database server');

    ingress(this, 'db-in-web', db, 'tcp', MARIADB_PORT, { group: web }, 'MariaDB from the web server');
    ingress(this, 'db-in-web-icmp', db, 'icmp', ALL_ICMP, { group: web }, 'ICMP (ping) from the web server');
    egress('db-out-s3-http', db, 'tcp', HTTP, { prefixListId: props.s3PrefixListId }, 'HTTP to S3 through the gateway endpoint (package repositories)');
    egress('db-out-s3-https', db, 'tcp', HTTPS, { prefixListId: props.s3PrefixListId }, 'HTTPS to S3 through the gateway endpoint (package repositories)');
    if (props.natGateway ?? false) {
      egress('db-out-http', db, 'tcp', HTTP, { cidr: ANY_IPV4 }, 'HTTP to the internet through NAT (sandbox.natGateway)');
      egress('db-out-https', db, 'tcp', HTTPS, { cidr: ANY_IPV4 }, 'HTTPS to the internet through NAT (sandbox.natGateway)');
    }

    if (props.sessionManagerEndpoints ?? false) {
      const endpoints = group('endpoints', 'Sandbox Session Manager endpoints: HTTPS from the sandbox servers only');
      ingress(this, 'endpoints-in-web', endpoints, 'tcp', HTTPS, { group: web }, 'HTTPS from the web server');
      ingress(this, 'endpoints-in-db', endpoints, 'tcp', HTTPS, { group: db }, 'HTTPS from the database server');
      egress('db-out-endpoints', db, 'tcp', HTTPS, { group: endpoints }, 'HTTPS to the Session Manager endpoints');
      this.endpointsSecurityGroupId = endpoints.id;
    }

    this.webSecurityGroupId = web.id;
    this.databaseSecurityGroupId = db.id;
  }
}
