import { isTrue, ofType, references, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';

/** AWS managed rule groups that judge the client's address. */
export const CLIENT_ADDRESS_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesAnonymousIpList'] as const;

/** A field name without case or underscores, so `rate_based_statement` (HCL) and `RateBasedStatement` (rule_json, the WAF API) compare equal. */
const plain = (key: string) => key.toLowerCase().replace(/_/g, '');

/** What in one rule (HCL or WAF API field names) judges client addresses the ACL cannot see or trust. */
function addressProblems(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) addressProblems(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const field = plain(key);
      if (field === 'forwardedipconfig' || field === 'ipsetforwardedipconfig') {
        found.push(`reads the client address from a header (${key}), which a client can forge`);
      } else if (field === 'ratebasedstatement') {
        const statement = Object.fromEntries(Object.entries((inner ?? {}) as Record<string, unknown>).map(([k, v]) => [plain(k), v]));
        // The provider's and the API's default aggregate key is IP.
        const aggregate = String(statement.aggregatekeytype ?? 'IP');
        if (aggregate === 'IP' || aggregate === 'FORWARDED_IP') found.push(`rate-limits per client address (aggregate_key_type ${aggregate})`);
        if (JSON.stringify([statement.customkey, statement.customkeys]).match(/"(ip|forwarded_?ip)"\s*:/i)) found.push('rate-limits with a client address in its custom keys');
      } else if (field === 'managedrulegroupstatement') {
        const name = Object.entries((inner ?? {}) as Record<string, unknown>).find(([k]) => plain(k) === 'name')?.[1];
        if ((CLIENT_ADDRESS_RULE_GROUPS as readonly unknown[]).includes(name)) found.push(`runs ${name}`);
      }
      addressProblems(inner, found);
    }
  }
  return found;
}

/** The web ACL's rules as objects: its `rule` blocks, or its `rule_json` parsed; undefined when they cannot be read. */
function rulesOf(acl: StackResource): readonly Record<string, unknown>[] | undefined {
  const json = acl.values.rule_json;
  if (json === undefined || json === null) return Array.isArray(acl.values.rule) ? acl.values.rule : acl.values.rule === undefined ? [] : [acl.values.rule];
  if (typeof json !== 'string' || json.includes('${')) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A regional web ACL in front of a load balancer that admits only CloudFront does not judge client
 * addresses: it sees CloudFront's. "Admits only CloudFront" is read simply: the ACL is associated
 * with an internet-facing application load balancer of the same stack, and every such ALB here
 * sits behind CloudFront (the app tier's takes only CloudFront's origin-facing addresses and the
 * origin secret header). An ALB that is ever reached directly is a reason to suppress, with that said.
 */
export const wafRegionalClientIp: PolicyRule = {
  id: 'WAF-REGIONAL-BEHIND-CDN',
  pack: 'edge',
  title: 'A regional WAF behind CloudFront does not rate-limit or judge by client address, and never trusts X-Forwarded-For.',
  explanation:
    'Behind CloudFront the load balancer\'s WAF sees CloudFront\'s edge addresses: a per-address rate limit counts many visitors as one and blocks them together, IP reputation and anonymous-IP lists have nothing real to judge, and a client-supplied X-Forwarded-For lets an attacker pick the address the rules see.',
  fix:
    'Keep per-client rate limits and the IP reputation and anonymous IP groups on the CloudFront web ACL; on the regional ACL use an aggregate ceiling (aggregate_key_type "CONSTANT" with a scope-down statement) or none, and no forwarded_ip_config.',
  check: ({ resources }) => {
    const loadBalancers = ofType(resources, 'aws_lb').filter((lb) => !isTrue(lb.values.internal) && (lb.values.load_balancer_type ?? 'application') === 'application');
    const associations = ofType(resources, 'aws_wafv2_web_acl_association').filter((association) => loadBalancers.some((lb) => references(association.values.resource_arn, lb)));
    return ofType(resources, 'aws_wafv2_web_acl')
      .filter((acl) => acl.values.scope === 'REGIONAL' && associations.some((association) => references(association.values.web_acl_arn, acl)))
      .map((acl) => {
        const rules = rulesOf(acl);
        if (rules === undefined) return verdict(acl, 'has rule_json that is not a literal JSON list of rules: it cannot be checked');
        const problems = rules.flatMap((rule) => {
          const name = Object.entries(rule).find(([k]) => plain(k) === 'name')?.[1] ?? '(unnamed)';
          return [...new Set(addressProblems(rule))].map((problem) => `rule ${name} ${problem}`);
        });
        return verdict(acl, problems.length > 0 && `sits behind CloudFront but judges client addresses: ${problems.join('; ')}`);
      });
  },
};
