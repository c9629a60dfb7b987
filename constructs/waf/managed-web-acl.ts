import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Construct } from 'constructs';

/** AWS managed rule groups every web ACL here runs, in priority order. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] as const;

export interface ManagedWebAclProps {
  /** Physical name (also the CloudWatch metric prefix). */
  readonly name: string;
  /** REGIONAL for a load balancer; CLOUDFRONT for a distribution (the provider must be in us-east-1). */
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Requests one client address may make in 5 minutes before it is blocked. */
  readonly rateLimitPer5Minutes: number;
  /**
   * Provider the web ACL is created with.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * A WAF web ACL that allows by default and blocks what the AWS managed rule groups
 * (common exploits, known bad inputs, IP reputation) and a per-address rate limit catch.
 * Every rule reports CloudWatch metrics and sampled requests.
 */
export class ManagedWebAcl extends Construct {
  public readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: ManagedWebAclProps) {
    super(scope, id);
    const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: `${props.name}-${metric}`, sampledRequestsEnabled: true });
    const managedRules = MANAGED_RULE_GROUPS.map((group, index) => ({
      name: group,
      priority: index + 1,
      overrideAction: { none: {} },
      // `statement` is untyped in the generated bindings: it is written in Terraform's own field names.
      statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
      visibilityConfig: visibility(group),
    }));
    const acl = new Wafv2WebAcl(this, 'acl', {
      provider: props.provider,
      name: props.name,
      scope: props.scope,
      defaultAction: { allow: {} },
      rule: [
        {
          name: 'rate-limit-per-ip',
          priority: 0,
          action: { block: {} },
          statement: { rate_based_statement: { limit: props.rateLimitPer5Minutes, aggregate_key_type: 'IP' } },
          visibilityConfig: visibility('rate-limit'),
        },
        ...managedRules,
      ],
      visibilityConfig: visibility('acl'),
    });
    this.webAclArn = acl.arn;
  }
}
