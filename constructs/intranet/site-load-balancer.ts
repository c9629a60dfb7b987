import { LbListenerRule, LbListenerRuleAction } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { acceptLoadBalancerAccessLogs, httpsLoadBalancer } from '../app/load-balancer';
import { logBucket } from '../logging/log-bucket';
import { AccessLogTarget } from '../secure-bucket';
import { OidcSignIn } from './oidc-sign-in';

/** Listener rule priorities: the index redirect is judged before the forward. */
const INDEX_REDIRECT_PRIORITY = 10;
const FORWARD_PRIORITY = 20;

export interface SiteLoadBalancerProps {
  /** Physical name, at most 32 characters. */
  readonly name: string;
  /** Internal (the default of the site) or internet-facing. */
  readonly internal: boolean;
  /** The load balancer's subnets, one per zone (two or more). */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /** The one host name the site answers to: the listener rules match it. */
  readonly hostName: string;
  /** Issued certificate of `hostName` in the home region. */
  readonly certificateArn: string;
  /** The target group of the S3 endpoint's interfaces. */
  readonly targetGroupArn: string;
  /** Name of the access log bucket. */
  readonly logBucketName: string;
  /** Days access logs are kept. */
  readonly logRetentionDays: number;
  /** The bucket taking the access log bucket's own server access logs. */
  readonly serverAccessLogs: AccessLogTarget;
  /** Home region: decides who delivers the access logs (see ELB_ACCOUNT_REGIONS). */
  readonly region: string;
  /** The environment's account: the only `AWSLogs/<account>/` prefix log delivery may write to. */
  readonly accountId: string;
  /** Refuse deletion through the API (production). */
  readonly deletionProtection: boolean;
  /**
   * Sign visitors in before any rule answers them.
   * @default - no sign-in: anyone who reaches the load balancer reads the site
   */
  readonly signIn?: OidcSignIn;
  /**
   * What the load balancer must be created after (an internet-facing one: the internet gateway and its route).
   * @default - nothing beyond its references
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The site's application load balancer: HTTPS only (no HTTP listener), a TLS 1.3/1.2 policy, invalid
 * headers dropped, access logs to a private bucket only the region's load balancer log delivery may
 * write to (under this account's prefix). A request for another host gets a fixed 404. For the host,
 * a path ending in `/` is redirected to its `index.html` (S3 has no index documents through the
 * endpoint), and everything else is forwarded to the endpoint; with `signIn`, both rules sign the
 * visitor in first.
 */
export class SiteLoadBalancer extends Construct {
  public readonly loadBalancerArn: string;
  public readonly dnsName: string;
  public readonly zoneId: string;

  constructor(scope: Construct, id: string, props: SiteLoadBalancerProps) {
    super(scope, id);
    if (props.subnetIds.length < 2) {
      throw new Error(`SiteLoadBalancer needs subnets in at least 2 availability zones, got ${props.subnetIds.length}.`);
    }
    const logs = logBucket(new Construct(this, 'access-logs'), 'SiteLoadBalancer', {
      bucketName: props.logBucketName,
      retentionDays: props.logRetentionDays,
      accessLogs: props.serverAccessLogs,
      region: props.region,
    });
    acceptLoadBalancerAccessLogs(this, logs, props.region, props.accountId);

    const { alb, https } = httpsLoadBalancer(this, {
      name: props.name,
      internal: props.internal,
      subnetIds: props.subnetIds,
      securityGroupId: props.securityGroupId,
      deletionProtection: props.deletionProtection,
      accessLogs: logs,
      certificateArn: props.certificateArn,
      defaultResponse: { statusCode: '404', messageBody: 'Not found' },
      dependsOn: props.dependsOn,
    });

    const signedIn = (action: LbListenerRuleAction): LbListenerRuleAction[] =>
      props.signIn === undefined ? [{ ...action, order: 1 }] : [props.signIn.action(1), { ...action, order: 2 }];
    const forHost = { hostHeader: { values: [props.hostName] } };
    new LbListenerRule(this, 'index-redirect', {
      listenerArn: https.arn,
      priority: INDEX_REDIRECT_PRIORITY,
      condition: [forHost, { pathPattern: { values: ['*/'] } }],
      // #{path} is the path without its leading slash: /docs/ becomes /docs/index.html, / becomes /index.html.
      action: signedIn({ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}index.html', query: '#{query}', statusCode: 'HTTP_301' } }),
    });
    new LbListenerRule(this, 'forward', {
      listenerArn: https.arn,
      priority: FORWARD_PRIORITY,
      condition: [forHost],
      action: signedIn({ type: 'forward', targetGroupArn: props.targetGroupArn }),
    });

    this.loadBalancerArn = alb.arn;
    this.dnsName = alb.dnsName;
    this.zoneId = alb.zoneId;
  }
}
