import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Construct } from 'constructs';
import { anyPathPrefix, anyOf, wordPressScript } from './statements';
import { MANAGED_RULE_GROUP_CAPACITY, managedRuleGroupsOf, WEB_ACL_CAPACITY_LIMIT, webAclCapacity, WebAclRules } from './web-acl-rules';

/** The common rule set's rule that blocks request bodies over 8 KB, and the label it adds to a request it matches. */
const BODY_SIZE_RULE = 'SizeRestrictions_BODY';
export const BODY_SIZE_LABEL = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';

/** The WordPress scripts password guessing and pingback floods aim at. */
const LOGIN_SCRIPT = '/wp-login.php';
const XMLRPC_SCRIPT = '/xmlrpc.php';

export interface ManagedWebAclProps extends WebAclRules {
  /** Physical name (also the CloudWatch metric prefix). */
  readonly name: string;
  /**
   * Provider the web ACL is created with (us-east-1 for CLOUDFRONT scope).
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

type AclRule = Omit<Wafv2WebAclRule, 'priority'>;

/**
 * A WAF web ACL that allows by default and blocks what the AWS managed rule groups (common exploits,
 * known bad inputs, and for WordPress SQL injection, WordPress and PHP exploits) catch. At CLOUDFRONT
 * scope, where the viewer's address is seen, it also limits each address's request rate (a tighter one
 * for WordPress's login and XML-RPC scripts) and runs the IP reputation list. Every rule reports
 * CloudWatch metrics and sampled requests.
 *
 * The REGIONAL web ACL on the load balancer has no rate rule at all. It sees only CloudFront's addresses,
 * so a per-address limit would count thousands of viewers behind one edge address together, and an
 * aggregate ceiling (one counter for all traffic) low enough to protect the origin would turn one client's
 * flood into an outage for every visitor. Per-viewer limits belong at CloudFront; no rule here reads a
 * client-supplied X-Forwarded-For, which anyone can forge.
 */
export class ManagedWebAcl extends Construct {
  public readonly webAclArn: string;
  public readonly webAclName: string;

  constructor(scope: Construct, id: string, props: ManagedWebAclProps) {
    super(scope, id);
    validate(props);
    const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: `${props.name}-${metric}`, sampledRequestsEnabled: true });
    const largeBodyPaths = props.largeBodyPaths ?? [];
    const wordpress = props.wordpress;

    const addressRules: AclRule[] = [];
    if (props.rateLimitPer5Minutes !== undefined) {
      addressRules.push({
        name: 'rate-limit-per-ip',
        action: { block: {} },
        statement: { rate_based_statement: { limit: props.rateLimitPer5Minutes, aggregate_key_type: 'IP' } },
        visibilityConfig: visibility('rate-limit'),
      });
    }
    const wordPressRules: AclRule[] = [];
    if (wordpress?.blockXmlrpc) {
      // On both web ACLs, so /xmlrpc.php stays shut for a request that reaches the load balancer some other way.
      wordPressRules.push({ name: 'block-xmlrpc', action: { block: {} }, statement: wordPressScript(XMLRPC_SCRIPT), visibilityConfig: visibility('block-xmlrpc') });
    }
    if (wordpress?.loginRateLimitPer5Minutes !== undefined) {
      wordPressRules.push({
        name: 'rate-limit-login-per-ip',
        action: { block: {} },
        statement: {
          rate_based_statement: {
            limit: wordpress.loginRateLimitPer5Minutes,
            aggregate_key_type: 'IP',
            scope_down_statement: anyOf([wordPressScript(LOGIN_SCRIPT), wordPressScript(XMLRPC_SCRIPT)]),
          },
        },
        visibilityConfig: visibility('rate-limit-login'),
      });
    }
    const managedRules: AclRule[] = managedRuleGroupsOf(props).map((group) => ({
      name: group,
      overrideAction: { none: {} },
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
    const bodySizeRules: AclRule[] =
      largeBodyPaths.length === 0
        ? []
        : [
            {
              // The managed rule only labels large bodies now; this rule blocks them outside the allowed paths.
              name: 'block-large-body-outside-allowed-paths',
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
      rule: [...addressRules, ...wordPressRules, ...managedRules, ...bodySizeRules].map((rule, priority) => ({ ...rule, priority })),
      visibilityConfig: visibility('acl'),
    });
    this.webAclArn = acl.arn;
    this.webAclName = acl.name;
  }
}

function validate(props: ManagedWebAclProps): void {
  if (props.scope === 'REGIONAL' && (props.rateLimitPer5Minutes !== undefined || props.wordpress?.loginRateLimitPer5Minutes !== undefined)) {
    throw new Error(
      `ManagedWebAcl ${props.name}: per-address rate limits are for CLOUDFRONT scope only; a REGIONAL web ACL behind CloudFront sees CloudFront's addresses, not the viewers'`,
    );
  }
  const extras = props.extraManagedRuleGroups ?? [];
  const unknown = extras.filter((group) => !Object.hasOwn(MANAGED_RULE_GROUP_CAPACITY, group));
  if (unknown.length > 0) {
    throw new Error(`ManagedWebAcl ${props.name}: unknown managed rule groups ${unknown.join(', ')}; expected one of ${Object.keys(MANAGED_RULE_GROUP_CAPACITY).join(', ')}`);
  }
  const groups = managedRuleGroupsOf(props);
  const repeated = groups.filter((group, index) => groups.indexOf(group) !== index);
  if (repeated.length > 0) throw new Error(`ManagedWebAcl ${props.name}: rule groups ${repeated.join(', ')} named twice`);
  const capacity = webAclCapacity(props);
  if (capacity > WEB_ACL_CAPACITY_LIMIT) {
    throw new Error(`ManagedWebAcl ${props.name}: ${capacity} WCU over the web ACL limit of ${WEB_ACL_CAPACITY_LIMIT} (${groups.join(', ')} and the rules of its own)`);
  }
}
