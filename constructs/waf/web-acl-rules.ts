import capacities from '../../config/aws/waf-managed-rule-groups.json';
import type { EdgeConfig } from '../../config/schema';

/** REGIONAL for a load balancer; CLOUDFRONT for a distribution (created in us-east-1). */
export type WebAclScope = 'REGIONAL' | 'CLOUDFRONT';

/** The AWS managed rule groups a web ACL here may run, with their capacity in WCU (config/aws/waf-managed-rule-groups.json). */
export const MANAGED_RULE_GROUP_CAPACITY: Readonly<Record<string, number>> = capacities;

/** The most WCU one web ACL may use at the basic price (AWS WAF quotas); every ACL here stays within it. */
export const WEB_ACL_CAPACITY_LIMIT = 1500;

/** Groups every web ACL runs, in priority order: common exploits, then known bad inputs. */
export const BASELINE_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;
/** Groups a WordPress site adds on both web ACLs. */
export const WORDPRESS_RULE_GROUPS = ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesWordPressRuleSet', 'AWSManagedRulesPHPRuleSet'] as const;
/**
 * Groups that judge a request by its source address. Only the CloudFront web ACL sees the viewer's
 * address: the load balancer admits CloudFront alone, so its web ACL sees CloudFront's.
 */
export const SOURCE_ADDRESS_RULE_GROUPS: readonly string[] = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesAnonymousIpList'];
const IP_REPUTATION_GROUP = 'AWSManagedRulesAmazonIpReputationList';

/**
 * WCU of this construct's own rules, from the AWS WAF developer guide's rule statement pages, counted
 * conservatively: no discount for text transformations that statements share.
 */
export const OWN_RULE_WCU = {
  /** A rate-based statement aggregated by IP, before its scope-down statement. */
  rateBased: 2,
  /** A string match on the URI path (2) with three text transformations (10 each): the WordPress path rules. */
  wordPressPath: 32,
  /** A label match statement. */
  labelMatch: 1,
  /** A string match on the URI path (2) with one text transformation (10): each large-body path prefix. */
  pathPrefix: 12,
} as const;

/** The WordPress rules of a web ACL. */
export interface WordPressRules {
  /**
   * Requests one viewer address may make to /wp-login.php and /xmlrpc.php in 5 minutes; CLOUDFRONT scope only.
   * @default - no login rate rule
   */
  readonly loginRateLimitPer5Minutes?: number;
  /** Block /xmlrpc.php outright (pingbacks, old apps); otherwise it is only rate limited with /wp-login.php. */
  readonly blockXmlrpc: boolean;
}

/** What a web ACL runs beside its default allow: its own rules and the AWS managed rule groups. */
export interface WebAclRules {
  readonly scope: WebAclScope;
  /**
   * Requests one viewer address may make in 5 minutes before it is blocked; CLOUDFRONT scope only.
   * @default - no per-address rate rule
   */
  readonly rateLimitPer5Minutes?: number;
  /**
   * The WordPress rules and the SQL-injection, WordPress and PHP rule groups.
   * @default - none: not a WordPress site
   */
  readonly wordpress?: WordPressRules;
  /**
   * More AWS managed rule groups from MANAGED_RULE_GROUP_CAPACITY, after the others; those in
   * SOURCE_ADDRESS_RULE_GROUPS only at CLOUDFRONT scope.
   * @default - none
   */
  readonly extraManagedRuleGroups?: readonly string[];
  /**
   * URL path prefixes where request bodies over 8 KB are let through; every other rule still inspects them.
   * @default - none: large bodies are blocked on every path
   */
  readonly largeBodyPaths?: readonly string[];
}

/** The rules the edge settings give the web ACL of `scope`: the per-address rules only where viewer addresses are seen. */
export function edgeWebAclRules(
  edge: Pick<EdgeConfig, 'application' | 'rateLimitPer5Minutes' | 'loginRateLimitPer5Minutes' | 'xmlrpc' | 'extraManagedRuleGroups' | 'largeBodyPaths'>,
  scope: WebAclScope,
): WebAclRules {
  const cloudFront = scope === 'CLOUDFRONT';
  return {
    scope,
    rateLimitPer5Minutes: cloudFront ? edge.rateLimitPer5Minutes : undefined,
    wordpress:
      edge.application === 'wordpress'
        ? { loginRateLimitPer5Minutes: cloudFront ? edge.loginRateLimitPer5Minutes : undefined, blockXmlrpc: edge.xmlrpc === 'block' }
        : undefined,
    extraManagedRuleGroups: edge.extraManagedRuleGroups,
    largeBodyPaths: edge.largeBodyPaths,
  };
}

/** The managed rule groups a web ACL runs without extras, in priority order. */
export function defaultManagedRuleGroups(rules: Pick<WebAclRules, 'scope' | 'wordpress'>): string[] {
  return [...BASELINE_RULE_GROUPS, ...(rules.scope === 'CLOUDFRONT' ? [IP_REPUTATION_GROUP] : []), ...(rules.wordpress ? WORDPRESS_RULE_GROUPS : [])];
}

/** Every managed rule group the web ACL runs, in priority order. */
export function managedRuleGroupsOf(rules: WebAclRules): string[] {
  const extras = (rules.extraManagedRuleGroups ?? []).filter((group) => rules.scope === 'CLOUDFRONT' || !SOURCE_ADDRESS_RULE_GROUPS.includes(group));
  return [...defaultManagedRuleGroups(rules), ...extras];
}

/** The web ACL's capacity in WCU, managed groups and own rules, as AWS would count it at most; a group not in the table counts 0. */
export function webAclCapacity(rules: WebAclRules): number {
  const groups = managedRuleGroupsOf(rules).reduce((sum, group) => sum + (Object.hasOwn(MANAGED_RULE_GROUP_CAPACITY, group) ? MANAGED_RULE_GROUP_CAPACITY[group] : 0), 0);
  return groups + ownRulesCapacity(rules);
}

function ownRulesCapacity(rules: WebAclRules): number {
  const largeBodyPaths = rules.largeBodyPaths ?? [];
  return (
    (rules.rateLimitPer5Minutes === undefined ? 0 : OWN_RULE_WCU.rateBased) +
    (rules.wordpress?.loginRateLimitPer5Minutes === undefined ? 0 : OWN_RULE_WCU.rateBased + 2 * OWN_RULE_WCU.wordPressPath) +
    (rules.wordpress?.blockXmlrpc ? OWN_RULE_WCU.wordPressPath : 0) +
    (largeBodyPaths.length === 0 ? 0 : OWN_RULE_WCU.labelMatch + largeBodyPaths.length * OWN_RULE_WCU.pathPrefix)
  );
}
