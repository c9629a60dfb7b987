import { BASELINE_RULE_GROUPS, defaultManagedRuleGroups, edgeWebAclRules, MANAGED_RULE_GROUP_CAPACITY, managedRuleGroupsOf, WEB_ACL_CAPACITY_LIMIT, webAclCapacity, WebAclScope } from '../../constructs/waf/web-acl-rules';
import type { ParsedEnvironment } from '../schema';
import { checkCachedPaths } from './edge-paths';
import { oneOf, report, RuleContext } from './issue';

const ACL_NAMES: Readonly<Record<WebAclScope, string>> = { CLOUDFRONT: 'the CloudFront web ACL', REGIONAL: "the load balancer's web ACL" };

/** The edge hardening settings: the WAF rule groups (known, each once, within capacity) and the cached paths. */
export function checkEdgeHardening(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!env.systems.includes('web-platform')) return;
  checkRuleGroups(env, ctx);
  checkCachedPaths(env, ctx);
}

/**
 * edge.extraManagedRuleGroups: each a group of config/aws/waf-managed-rule-groups.json, named once and not
 * one the web ACLs run anyway, and both web ACLs within the capacity AWS allows one web ACL.
 */
function checkRuleGroups(env: ParsedEnvironment, ctx: RuleContext): void {
  const extras = env.edge.extraManagedRuleGroups;
  const known = Object.keys(MANAGED_RULE_GROUP_CAPACITY);
  const defaults = new Set((['CLOUDFRONT', 'REGIONAL'] as const).flatMap((scope) => defaultManagedRuleGroups(edgeWebAclRules(env.edge, scope))));
  let allKnown = true;
  extras.forEach((group, index) => {
    const path = ['edge', 'extraManagedRuleGroups', index];
    if (!known.includes(group)) {
      allKnown = false;
      report(ctx, path, `expected an AWS managed rule group of config/aws/waf-managed-rule-groups.json: ${oneOf(known)}`);
    } else if (extras.indexOf(group) !== index) {
      report(ctx, path, 'expected each rule group once');
    } else if (defaults.has(group)) {
      const why = (BASELINE_RULE_GROUPS as readonly string[]).includes(group) || group === 'AWSManagedRulesAmazonIpReputationList' ? 'always' : `with edge.application ${env.edge.application}`;
      report(ctx, path, `expected a group the web ACLs do not already run: ${group} is included ${why}`);
    }
  });
  if (!allKnown) return;
  for (const scope of ['CLOUDFRONT', 'REGIONAL'] as const) {
    const rules = edgeWebAclRules(env.edge, scope);
    const total = webAclCapacity(rules);
    if (total > WEB_ACL_CAPACITY_LIMIT) {
      const groups = managedRuleGroupsOf(rules).map((group) => `${group} (${MANAGED_RULE_GROUP_CAPACITY[group]})`);
      report(
        ctx,
        ['edge', 'extraManagedRuleGroups'],
        `expected fewer rule groups: ${ACL_NAMES[scope]} would need ${total} WCU, over the limit of ${WEB_ACL_CAPACITY_LIMIT} per web ACL ` +
          `(${groups.join(', ')}, and ${total - managedRuleGroupsOf(rules).reduce((sum, group) => sum + MANAGED_RULE_GROUP_CAPACITY[group], 0)} for its own rules)`,
        `${extras.length} extra groups`,
      );
    }
  }
}
