import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { SecureBucket } from '../secure-bucket';

/** TLS 1.3 and 1.2 only, forward secrecy. */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * Regions that opened before August 2022, where load balancers write access logs as a
 * regional Elastic Load Balancing account (`aws_elb_service_account` knows it, offline).
 * Newer regions write as the log delivery service principal instead, and the data source
 * fails there ("unsupported AWS Region").
 */
export const ELB_ACCOUNT_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1',
  'ap-southeast-2', 'ap-southeast-3', 'ca-central-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-north-1',
  'eu-south-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'me-south-1', 'sa-east-1', 'us-east-1', 'us-east-2',
  'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2',
];
/** Who writes access logs in regions that opened in August 2022 or later. */
export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/**
 * Lets the region's load balancer log delivery write access logs into `bucket`, under this account's
 * `AWSLogs/<accountId>/` prefix only: the regional ELB account where there is one (looked up by a
 * data source created in `scope`), the log delivery service principal in newer regions.
 */
export function acceptLoadBalancerAccessLogs(scope: Construct, bucket: SecureBucket, region: string, accountId: string): void {
  bucket.addPolicyStatement({
    Sid: 'LoadBalancerAccessLogs',
    Effect: 'Allow',
    Principal: ELB_ACCOUNT_REGIONS.includes(region) ? { AWS: new DataAwsElbServiceAccount(scope, 'elb-account').arn } : { Service: ELB_LOG_DELIVERY_SERVICE },
    Action: 's3:PutObject',
    Resource: `${bucket.bucketArn}/AWSLogs/${accountId}/*`,
  });
}

/** What httpsLoadBalancer makes. */
export interface HttpsLoadBalancerProps {
  /** Physical name, at most 32 characters. */
  readonly name: string;
  /** Whether it has only private addresses (an internal load balancer). */
  readonly internal: boolean;
  /** Subnets, one per zone, two zones or more. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  readonly deletionProtection: boolean;
  /** The access log bucket, already accepting the region's log delivery (acceptLoadBalancerAccessLogs). */
  readonly accessLogs: SecureBucket;
  /** Issued certificate in the home region. */
  readonly certificateArn: string;
  /** What a request no listener rule takes gets: a fixed plain-text response. */
  readonly defaultResponse: { readonly statusCode: string; readonly messageBody: string };
  /** Anything else the load balancer must wait for, beyond its log bucket's policy. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * An application load balancer as every system here runs one, created in `scope` as `alb` and
 * `https`: invalid header fields dropped, access logs on (after the bucket policy admitting the
 * log delivery), and an HTTPS listener on 443 with ALB_SSL_POLICY whose default action is a fixed
 * response; the caller adds its listener rules to `https`.
 */
export function httpsLoadBalancer(scope: Construct, props: HttpsLoadBalancerProps): { readonly alb: Lb; readonly https: LbListener } {
  const alb = new Lb(scope, 'alb', {
    name: props.name,
    loadBalancerType: 'application',
    internal: props.internal,
    subnets: [...props.subnetIds],
    securityGroups: [props.securityGroupId],
    dropInvalidHeaderFields: true,
    enableDeletionProtection: props.deletionProtection,
    accessLogs: { bucket: props.accessLogs.bucketName, enabled: true },
    dependsOn: [props.accessLogs.policy, ...(props.dependsOn ?? [])],
  });
  const https = new LbListener(scope, 'https', {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: 'HTTPS',
    sslPolicy: ALB_SSL_POLICY,
    certificateArn: props.certificateArn,
    defaultAction: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', ...props.defaultResponse } }],
  });
  return { alb, https };
}

export interface OriginLoadBalancerProps {
  /** Physical name, at most 32 characters. */
  readonly name: string;
  /** Target group name, at most 32 characters. */
  readonly targetGroupName: string;
  /** Name of the access log bucket. */
  readonly logBucketName: string;
  /** Days access logs are kept. */
  readonly logRetentionDays: number;
  /** Home region: decides who delivers the access logs (see ELB_ACCOUNT_REGIONS). */
  readonly region: string;
  /** The environment's account: the only `AWSLogs/<account>/` prefix log delivery may write to. */
  readonly accountId: string;
  readonly vpcId: string;
  /** Public subnets, one per zone. */
  readonly subnetIds: string[];
  /** How many zones the subnets span; the load balancer needs two or more. */
  readonly zoneCount: number;
  /** The load balancer's security group (CloudFront's origin-facing addresses only). */
  readonly securityGroupId: string;
  /** Issued certificate in the home region. */
  readonly certificateArn: string;
  /** Port the web servers (or containers) listen on. */
  readonly targetPort: number;
  /**
   * What registers in the target group: EC2 instances by id, or tasks' network interfaces by
   * address (`ip`, what ECS tasks in awsvpc mode need).
   * @default 'instance'
   */
  readonly targetType?: 'instance' | 'ip';
  /** Path of the health check. */
  readonly healthCheckPath: string;
  /** Name and value (reference) of the header a request must carry to be forwarded. */
  readonly originHeader: { readonly name: string; readonly value: string };
  /** Refuse deletion through the API (production). */
  readonly deletionProtection: boolean;
}

/**
 * The application load balancer CloudFront uses as its origin. It forwards a request to
 * the web servers only when it carries the secret origin header; everything else gets a
 * fixed 403. HTTP is redirected to HTTPS, invalid headers are dropped, and access logs go
 * to a private bucket that only the region's load balancer log delivery may write to, and
 * only under this account's prefix.
 */
export class OriginLoadBalancer extends Construct {
  public readonly loadBalancerArn: string;
  public readonly dnsName: string;
  public readonly zoneId: string;
  public readonly targetGroupArn: string;
  /** The listener rule that forwards to the target group: an ECS service must be created after it (ECS refuses a target group no load balancer uses). */
  public readonly targetGroupInUse: ITerraformDependable;
  /** `<load balancer arn suffix>/<target group arn suffix>`: the resource label of the ALBRequestCountPerTarget metric. */
  public readonly requestCountResourceLabel: string;
  /** `app/<name>/<id>`: the LoadBalancer dimension of the AWS/ApplicationELB metrics. */
  public readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>`: the TargetGroup dimension of the AWS/ApplicationELB metrics. */
  public readonly targetGroupArnSuffix: string;

  constructor(scope: Construct, id: string, props: OriginLoadBalancerProps) {
    super(scope, id);
    if (props.zoneCount < 2) {
      throw new Error(`OriginLoadBalancer needs public subnets in at least 2 availability zones, got ${props.zoneCount}.`);
    }
    const logs = new SecureBucket(this, 'access-logs', {
      bucketName: props.logBucketName,
      versioned: false,
      expireObjectsAfterDays: props.logRetentionDays,
    });
    acceptLoadBalancerAccessLogs(this, logs, props.region, props.accountId);
    const { alb, https } = httpsLoadBalancer(this, {
      name: props.name,
      internal: false,
      subnetIds: props.subnetIds,
      securityGroupId: props.securityGroupId,
      deletionProtection: props.deletionProtection,
      accessLogs: logs,
      certificateArn: props.certificateArn,
      defaultResponse: { statusCode: '403', messageBody: 'Forbidden' },
    });
    const targets = new LbTargetGroup(this, 'targets', {
      name: props.targetGroupName,
      port: props.targetPort,
      protocol: 'HTTP',
      vpcId: props.vpcId,
      targetType: props.targetType ?? 'instance',
      deregistrationDelay: '30',
      healthCheck: { path: props.healthCheckPath, matcher: '200-399', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
    });
    const forward = new LbListenerRule(this, 'from-cloudfront', {
      listenerArn: https.arn,
      priority: 1,
      condition: [{ httpHeader: { httpHeaderName: props.originHeader.name, values: [props.originHeader.value] } }],
      action: [{ type: 'forward', targetGroupArn: targets.arn }],
    });
    new LbListener(this, 'http', {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    });

    this.loadBalancerArn = alb.arn;
    this.dnsName = alb.dnsName;
    this.zoneId = alb.zoneId;
    this.targetGroupArn = targets.arn;
    this.targetGroupInUse = forward;
    this.requestCountResourceLabel = `${alb.arnSuffix}/${targets.arnSuffix}`;
    this.loadBalancerArnSuffix = alb.arnSuffix;
    this.targetGroupArnSuffix = targets.arnSuffix;
  }
}
