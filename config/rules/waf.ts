import {
  defaultManagedRuleGroups,
  edgeWebAclRules,
  MANAGED_RULE_GROUP_CAPACITY,
  managedRuleGroupsOf,
  WEB_ACL_CAPACITY_LIMIT,
  webAclCapacity,
  WebAclScope,
  WORDPRESS_RULE_GROUPS,
} from '../../constructs/waf/web-acl-rules';
import type { ParsedEnvironment } from '../schema';
import { checkCachedPaths } from './edge-paths';
import { oneOf, report, RuleContext } from './issue';

/** edge.largeBodyPaths' maximum in the schema, which reports a longer list itself. */
const MAX_LARGE_BODY_PATHS = 10;

const ACL_NAMES: Readonly<Record<WebAclScope, string>> = { CLOUDFRONT: 'the CloudFront web ACL', REGIONAL: "the load balancer's web ACL" };

/** The edge hardening settings: the WAF rule groups (known, each once, within capacity) and the cached paths. */
export function checkEdgeHardening(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!env.systems.includes('web-platform')) return;
  checkRuleGroups(env, ctx);
  checkCachedPaths(env, ctx);
}

/**
 * edge.extraManagedRuleGroups: each a group of config/aws/waf-managed-rule-groups.json, named once and not
 * one the web ACLs run anyway; and both web ACLs, extras and large-body paths counted, within the capacity
 * AWS allows one web ACL (a WordPress site's CloudFront ACL has about 75 WCU to spare).
 */
function checkRuleGroups(env: ParsedEnvironment, ctx: RuleContext): void {
  const extras = env.edge.extraManagedRuleGroups;
  const known = Object.keys(MANAGED_RULE_GROUP_CAPACITY);
  const defaults = new Set((['CLOUDFRONT', 'REGIONAL'] as const).flatMap((scope) => defaultManagedRuleGroups(edgeWebAclRules(env.edge, scope))));
  const problems = extras.map((group, index) => {
    if (!known.includes(group)) return `expected an AWS managed rule group of config/aws/waf-managed-rule-groups.json: ${oneOf(known)}`;
    if (extras.indexOf(group) !== index) return 'expected each rule group once';
    if (!defaults.has(group)) return undefined;
    const why = (WORDPRESS_RULE_GROUPS as readonly string[]).includes(group) ? `included with edge.application ${env.edge.application}` : 'always included';
    return `expected a group the web ACLs do not already run: ${group} is ${why}`;
  });
  problems.forEach((problem, index) => {
    if (problem !== undefined) report(ctx, ['edge', 'extraManagedRuleGroups', index], problem);
  });
  // Capacity is judged only on an otherwise valid list (and the schema's at most 10 large-body prefixes): one problem at a time.
  if (problems.some((problem) => problem !== undefined) || env.edge.largeBodyPaths.length > MAX_LARGE_BODY_PATHS) return;
  for (const scope of ['CLOUDFRONT', 'REGIONAL'] as const) {
    const rules = edgeWebAclRules(env.edge, scope);
    const total = webAclCapacity(rules);
    if (total > WEB_ACL_CAPACITY_LIMIT) {
      const groups = managedRuleGroupsOf(rules);
      const groupsTotal = groups.reduce((sum, group) => sum + MANAGED_RULE_GROUP_CAPACITY[group], 0);
      // Extra groups are what usually tips it over; without any, the large-body path prefixes did.
      const path = extras.length > 0 ? 'extraManagedRuleGroups' : 'largeBodyPaths';
      report(
        ctx,
        ['edge', path],
        `expected ${ACL_NAMES[scope]} within the web ACL limit of ${WEB_ACL_CAPACITY_LIMIT} WCU; it would need ${total} WCU: ` +
          `${groups.map((group) => `${group} ${MANAGED_RULE_GROUP_CAPACITY[group]}`).join(', ')}, and ${total - groupsTotal} for its rate, WordPress and large-body rules`,
      );
    }
  }
}
