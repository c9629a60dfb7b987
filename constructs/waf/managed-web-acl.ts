import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Construct } from 'constructs';

/** AWS managed rule groups every web ACL here runs, in priority order. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] as const;

/** The common rule set's rule that blocks request bodies over 8 KB, and the label it adds to a request it matches. */
const BODY_SIZE_RULE = 'SizeRestrictions_BODY';
export const BODY_SIZE_LABEL = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';

export interface ManagedWebAclProps {
  /** Physical name (also the CloudWatch metric prefix). */
  readonly name: string;
  /** REGIONAL for a load balancer; CLOUDFRONT for a distribution (the provider must be in us-east-1). */
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Requests one client address may make in 5 minutes before it is blocked. */
  readonly rateLimitPer5Minutes: number;
  /**
   * URL path prefixes where request bodies over 8 KB are let through; every other rule
   * still inspects them.
   * @default - none: large bodies are blocked on every path
   */
  readonly largeBodyPaths?: readonly string[];
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
    const largeBodyPaths = props.largeBodyPaths ?? [];
    const managedRules = MANAGED_RULE_GROUPS.map((group, index) => ({
      name: group,
      priority: index + 1,
      overrideAction: { none: {} },
      // `statement` is untyped in the generated bindings: it is written in Terraform's own field names.
      statement: {
        managed_rule_group_statement: {
          name: group,
          vendor_name: 'AWS',
          ...(group === 'AWSManagedRulesCommonRuleSet' && largeBodyPaths.length > 0
            ? { rule_action_override: [{ name: BODY_SIZE_RULE, action_to_use: { count: {} } }] }
            : {}),
        },
      },
      visibilityConfig: visibility(group),
    }));
    const bodySizeRules =
      largeBodyPaths.length === 0
        ? []
        : [
            {
              // The managed rule only labels large bodies now; this rule blocks them outside the allowed paths.
              name: 'block-large-body-outside-allowed-paths',
              priority: MANAGED_RULE_GROUPS.length + 1,
              action: { block: {} },
              statement: {
                and_statement: {
                  statement: [{ label_match_statement: { scope: 'LABEL', key: BODY_SIZE_LABEL } }, { not_statement: { statement: [anyPathPrefix(largeBodyPaths)] } }],
                },
              },
              visibilityConfig: visibility('large-body'),
            },
          ];
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
        ...bodySizeRules,
      ],
      visibilityConfig: visibility('acl'),
    });
    this.webAclArn = acl.arn;
  }
}

/** A statement matching a request whose normalized URL path starts with one of `prefixes`. */
function anyPathPrefix(prefixes: readonly string[]): Record<string, unknown> {
  const matches = prefixes.map((prefix) => ({
    byte_match_statement: {
      search_string: prefix,
      positional_constraint: 'STARTS_WITH',
      field_to_match: { uri_path: {} },
      // Resolves `..` and `//` first, so /wp-admin/async-upload.php/../../other does not count as the upload path.
      text_transformation: [{ priority: 0, type: 'NORMALIZE_PATH' }],
    },
  }));
  return matches.length === 1 ? matches[0] : { or_statement: { statement: matches } };
}
