import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Construct } from 'constructs';
import { MAX_WAF_LOGS_NAME_LENGTH, WafLogs } from '../logging/waf-logs';
import { Naming } from '../naming';
import { WAF_REDACTED_HEADERS } from '../policy/rules/edge/waf-logging';
import { AccessLogTarget } from '../secure-bucket';
import { ManagedWebAcl } from '../waf/managed-web-acl';

export interface SiteFirewallProps {
  /** Physical names (IntranetNaming). */
  readonly naming: Naming;
  /** The internet-facing load balancer the web ACL guards. */
  readonly loadBalancerArn: string;
  /** Days the WAF logs are kept. */
  readonly logRetentionDays: number;
  /** The bucket taking the WAF log bucket's server access logs. */
  readonly serverAccessLogs: AccessLogTarget;
  readonly region: string;
  readonly accountId: string;
}

/**
 * The regional WAF of an internet-facing site: the AWS managed common and known-bad-inputs rule groups
 * (a generic application, not WordPress), associated with the load balancer, logging through Firehose
 * into a bucket of the stack with the authorization and cookie headers (the sign-in session) redacted.
 */
export class SiteFirewall extends Construct {
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: SiteFirewallProps) {
    super(scope, id);
    const acl = new ManagedWebAcl(this, 'acl', { name: props.naming.name('intranet', 'waf', 128), scope: 'REGIONAL' });
    new Wafv2WebAclAssociation(this, 'association', { resourceArn: props.loadBalancerArn, webAclArn: acl.webAclArn });
    new WafLogs(this, 'logs', {
      name: props.naming.name('intranet', 'waf', MAX_WAF_LOGS_NAME_LENGTH),
      bucketName: props.naming.bucketName('intranet', 'waf-logs'),
      webAclArn: acl.webAclArn,
      scope: 'REGIONAL',
      redactedHeaders: WAF_REDACTED_HEADERS,
      retentionDays: props.logRetentionDays,
      accessLogs: props.serverAccessLogs,
      accountId: props.accountId,
      region: props.region,
    });
    this.webAclArn = acl.webAclArn;
  }
}
