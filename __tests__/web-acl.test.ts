import { App, TerraformStack, Testing } from 'cdktf';
import type { WebPlatformInput } from './support/fixtures';
import { EdgeConfig } from '../config/schema';
import { ManagedWebAcl, ManagedWebAclProps } from '../constructs/waf/managed-web-acl';
import { edgeWebAclRules, WebAclScope } from '../constructs/waf/web-acl-rules';
import { AppStack } from '../stacks/app-stack';
import { EdgeStack } from '../stacks/edge-stack';
import { testConfig } from './support/fixtures';
import { onlyResource, synthStack } from './support/synth';

interface AclRule {
  readonly name: string;
  readonly priority: number;
  readonly action?: Record<string, unknown>;
  readonly statement: Record<string, any>;
}

/** The rules of a web ACL built from the environment's edge settings, as the app and edge stacks build theirs. */
function rulesFromConfig(edge: EdgeConfig, scope: WebAclScope): AclRule[] {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new ManagedWebAcl(stack, 'waf', { name: 'acl', ...edgeWebAclRules(edge, scope) });
  return onlyResource(synthStack(stack), 'aws_wafv2_web_acl').rule as AclRule[];
}

/**
 * The rules of the regional web ACL (on the ALB) and the global one (on CloudFront) for an environment.
 * Built without the rest of the stacks, which would make this file several times slower; the stacks'
 * ACLs are the same (tested below with full stacks).
 */
function aclRules(change?: (input: WebPlatformInput) => void): { regional: AclRule[]; global: AclRule[] } {
  const { edge } = testConfig(change);
  return { regional: rulesFromConfig(edge, 'REGIONAL'), global: rulesFromConfig(edge, 'CLOUDFRONT') };
}

const ruleNamed = (rules: AclRule[], name: string) => rules.find((rule) => rule.name === name);
const managedGroups = (rules: AclRule[]) => rules.filter((rule) => rule.statement.managed_rule_group_statement).map((rule) => rule.statement.managed_rule_group_statement.name as string);
/** The WordPress script match: percent-decoded, lower-cased and normalized, so /WP-LOGIN.PHP, //wp-login.php and /wp%2Dlogin.php count. */
const scriptMatch = (script: string) => ({
  byte_match_statement: {
    search_string: script,
    positional_constraint: 'STARTS_WITH',
    field_to_match: { uri_path: {} },
    text_transformation: [
      { priority: 0, type: 'URL_DECODE' },
      { priority: 1, type: 'LOWERCASE' },
      { priority: 2, type: 'NORMALIZE_PATH' },
    ],
  },
});
/** Every key anywhere below `node`. */
function keysBelow(node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => keysBelow(item, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      found.add(key);
      keysBelow(value, found);
    }
  }
  return found;
}

/**
 * From the AWS WAF developer guide ("Baseline rule groups", core rule set AWSManagedRulesCommonRuleSet): the rule that
 * blocks request bodies over 8 KB (8,192 bytes), and the label it adds to a request it matches.
 */
const SIZE_RESTRICTIONS_BODY_RULE = 'SizeRestrictions_BODY';
const SIZE_RESTRICTIONS_BODY_LABEL = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';
const CORE_RULE_SET_BODY_LIMIT = 8192;

/** A request as the large-body rules see it: its URI path and its body size. */
interface ViewerRequest {
  readonly path: string;
  readonly bodyBytes: number;
}

/** A text transformation as the AWS WAF developer guide describes it. */
function transform(text: string, type: string): string {
  switch (type) {
    case 'URL_DECODE':
      return decodeURIComponent(text);
    case 'LOWERCASE':
      return text.toLowerCase();
    case 'NORMALIZE_PATH': {
      // Remove multiple slashes, self-references (/./) and back-references (/../).
      const segments: string[] = [];
      for (const segment of text.replace(/\/+/g, '/').split('/')) {
        if (segment === '..') segments.splice(Math.max(segments.length - 1, 1), 1);
        else if (segment !== '.') segments.push(segment);
      }
      return segments.join('/');
    }
    default:
      throw new Error(`no such text transformation in this test: ${type}`);
  }
}

/** Whether a rule statement matches the request, given the labels earlier rules added; fails on a statement this test does not know. */
function matches(statement: Record<string, any>, request: ViewerRequest, labels: readonly string[]): boolean {
  const [[kind, body]] = Object.entries(statement);
  switch (kind) {
    case 'and_statement':
      return body.statement.every((inner: Record<string, any>) => matches(inner, request, labels));
    case 'or_statement':
      return body.statement.some((inner: Record<string, any>) => matches(inner, request, labels));
    case 'not_statement':
      return !matches(body.statement[0], request, labels);
    case 'label_match_statement':
      if (body.scope !== 'LABEL') throw new Error(`label match scope ${body.scope} not modelled`);
      return labels.includes(body.key);
    case 'byte_match_statement': {
      if (!('uri_path' in body.field_to_match) || body.positional_constraint !== 'STARTS_WITH') throw new Error(`byte match ${JSON.stringify(body)} not modelled`);
      const steps = [...body.text_transformation].sort((a, b) => a.priority - b.priority);
      return steps.reduce((text: string, step: { type: string }) => transform(text, step.type), request.path).startsWith(body.search_string);
    }
    case 'rate_based_statement':
      return false; // one request: under every limit
    default:
      throw new Error(`statement ${kind} not modelled`);
  }
}

/**
 * What a web ACL does with one request: its rules in priority order, each managed group but the core rule set matching
 * nothing, the core rule set matching a body over 8 KB with SizeRestrictions_BODY (blocking, unless overridden to count,
 * and labelling the request for the rules after it either way).
 */
function aclAction(rules: AclRule[], request: ViewerRequest): 'block' | 'allow' {
  const labels: string[] = [];
  for (const rule of [...rules].sort((a, b) => a.priority - b.priority)) {
    const group = rule.statement.managed_rule_group_statement;
    if (group) {
      if (group.name !== 'AWSManagedRulesCommonRuleSet' || request.bodyBytes <= CORE_RULE_SET_BODY_LIMIT) continue;
      labels.push(SIZE_RESTRICTIONS_BODY_LABEL);
      const override = (group.rule_action_override ?? []).find((candidate: { name: string }) => candidate.name === SIZE_RESTRICTIONS_BODY_RULE);
      if (override === undefined || 'block' in override.action_to_use) return 'block';
      continue;
    }
    if (!matches(rule.statement, request, labels)) continue;
    if (rule.action && 'block' in rule.action) return 'block';
    if (rule.action && 'allow' in rule.action) return 'allow';
  }
  return 'allow';
}

const commonRuleSet = (rules: AclRule[]) => rules.find((rule) => rule.name === 'AWSManagedRulesCommonRuleSet')!.statement.managed_rule_group_statement;
const largeBodyRule = (rules: AclRule[]) => rules.find((rule) => rule.name === 'block-large-body-outside-allowed-paths');
const pathPrefix = (prefix: string) => ({
  byte_match_statement: {
    search_string: prefix,
    positional_constraint: 'STARTS_WITH',
    field_to_match: { uri_path: {} },
    text_transformation: [{ priority: 0, type: 'NORMALIZE_PATH' }],
  },
});

describe('web ACLs and large request bodies', () => {
  it('leave the managed body size rule blocking on every path by default', () => {
    for (const rules of Object.values(aclRules())) {
      expect(commonRuleSet(rules).rule_action_override).toBeUndefined();
      expect(largeBodyRule(rules)).toBeUndefined();
    }
  });

  it('let large bodies through only on the configured path, on both the ALB and the CloudFront ACL', () => {
    for (const rules of Object.values(aclRules((input) => (input.edge = { largeBodyPaths: ['/wp-admin/async-upload.php'] })))) {
      expect(commonRuleSet(rules).rule_action_override).toEqual([{ name: 'SizeRestrictions_BODY', action_to_use: { count: {} } }]);
      // SizeRestrictions_BODY is a rule of the core rule set only: every other group keeps all its rules' actions.
      const others = rules.filter((rule) => rule.statement.managed_rule_group_statement && rule.name !== 'AWSManagedRulesCommonRuleSet');
      expect(others.length).toBeGreaterThan(0);
      for (const rule of others) expect(rule.statement.managed_rule_group_statement.rule_action_override).toBeUndefined();
      expect(largeBodyRule(rules)).toMatchObject({
        action: { block: {} },
        statement: {
          and_statement: {
            statement: [
              { label_match_statement: { scope: 'LABEL', key: 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body' } },
              { not_statement: { statement: [pathPrefix('/wp-admin/async-upload.php')] } },
            ],
          },
        },
      });
    }
  });

  it('block large bodies after the managed groups have labelled them, with every priority used once', () => {
    const { regional } = aclRules((input) => (input.edge = { largeBodyPaths: ['/wp-admin/async-upload.php'] }));
    const priorities = regional.map((rule) => rule.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(largeBodyRule(regional)!.priority).toBe(Math.max(...priorities));
    expect(largeBodyRule(regional)!.priority).toBeGreaterThan(regional.find((rule) => rule.name === 'AWSManagedRulesCommonRuleSet')!.priority);
  });

  it('exempt any of several configured prefixes', () => {
    const { global } = aclRules((input) => (input.edge = { largeBodyPaths: ['/wp-admin/async-upload.php', '/wp-json/wp/v2/'] }));
    const exempt = largeBodyRule(global)!.statement.and_statement.statement[1].not_statement.statement[0];
    expect(exempt).toEqual({ or_statement: { statement: [pathPrefix('/wp-admin/async-upload.php'), pathPrefix('/wp-json/wp/v2/')] } });
  });
});

describe('what the web ACLs do with a request body', () => {
  const large = 20 * 1024;
  const configured = aclRules((input) => (input.edge = { largeBodyPaths: ['/wp-admin/async-upload.php', '/wp-json/wp/v2/media'] }));
  const unconfigured = aclRules();

  it.each([
    ['a large body on a configured path', '/wp-admin/async-upload.php', large, 'allow'],
    ['a large body under another configured path', '/wp-json/wp/v2/media/12', large, 'allow'],
    ['a large body on a configured path spelled with doubled slashes', '//wp-admin//async-upload.php', large, 'allow'],
    ['a large body on another path', '/wp-comments-post.php', large, 'block'],
    ['a large body that climbs out of a configured path', '/wp-admin/async-upload.php/../../wp-comments-post.php', large, 'block'],
    ['a large body on a path that only ends like a configured one', '/evil/wp-admin/async-upload.php', large, 'block'],
    ['a body of exactly 8 KB on another path', '/wp-comments-post.php', 8192, 'allow'],
    ['a small body on another path', '/wp-comments-post.php', 1024, 'allow'],
  ] as const)('with largeBodyPaths, both ACLs %s: %s (%i bytes) -> %s', (_, path, bodyBytes, action) => {
    expect(aclAction(configured.regional, { path, bodyBytes })).toBe(action);
    expect(aclAction(configured.global, { path, bodyBytes })).toBe(action);
  });

  it.each([
    ['/wp-admin/async-upload.php', large, 'block'],
    ['/wp-comments-post.php', large, 'block'],
    ['/wp-comments-post.php', 1024, 'allow'],
  ] as const)('without largeBodyPaths, both ACLs: %s (%i bytes) -> %s', (path, bodyBytes, action) => {
    expect(aclAction(unconfigured.regional, { path, bodyBytes })).toBe(action);
    expect(aclAction(unconfigured.global, { path, bodyBytes })).toBe(action);
  });
});

describe('per-viewer rules', () => {
  it('limit each viewer address at the CloudFront ACL, first, with the configured limit', () => {
    const { global } = aclRules((input) => (input.edge = { rateLimitPer5Minutes: 1234 }));
    expect(global[0]).toMatchObject({ name: 'rate-limit-per-ip', priority: 0, action: { block: {} }, statement: { rate_based_statement: { limit: 1234, aggregate_key_type: 'IP' } } });
    expect(managedGroups(global)).toContain('AWSManagedRulesAmazonIpReputationList');
  });

  it('leave the load balancer ACL, which sees only CloudFront addresses, without rate rules or IP reputation', () => {
    const { regional } = aclRules((input) => (input.edge = { rateLimitPer5Minutes: 1234, loginRateLimitPer5Minutes: 50 }));
    expect(regional.filter((rule) => rule.statement.rate_based_statement)).toEqual([]);
    expect(managedGroups(regional)).not.toContain('AWSManagedRulesAmazonIpReputationList');
    expect(managedGroups(regional)).not.toContain('AWSManagedRulesAnonymousIpList');
  });

  it('trust no client-supplied X-Forwarded-For anywhere', () => {
    for (const rules of Object.values(aclRules((input) => (input.edge = { extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'], largeBodyPaths: ['/wp-admin/async-upload.php'] })))) {
      const keys = keysBelow(rules);
      expect(keys.has('forwarded_ip_config')).toBe(false);
      expect(keys.has('ip_set_forwarded_ip_config')).toBe(false);
      expect(JSON.stringify(rules)).not.toMatch(/x-forwarded-for/i);
    }
  });
});

describe('WordPress rules', () => {
  it('add the SQL-injection, WordPress and PHP rule groups to both ACLs for a WordPress site (the default)', () => {
    const { regional, global } = aclRules();
    expect(managedGroups(global)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesSQLiRuleSet',
      'AWSManagedRulesWordPressRuleSet',
      'AWSManagedRulesPHPRuleSet',
    ]);
    expect(managedGroups(regional)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesWordPressRuleSet', 'AWSManagedRulesPHPRuleSet']);
    for (const rules of [regional, global]) {
      for (const rule of rules.filter((r) => r.statement.managed_rule_group_statement)) {
        expect(rule).toMatchObject({ override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: 'AWS' } } });
      }
    }
  });

  it('leave WordPress groups and rules out of both ACLs for a generic site', () => {
    const { regional, global } = aclRules((input) => (input.edge = { application: 'generic' }));
    expect(managedGroups(global)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']);
    expect(managedGroups(regional)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    expect(global.map((rule) => rule.name)).toEqual(['rate-limit-per-ip', ...managedGroups(global)]);
    expect(regional.map((rule) => rule.name)).toEqual(managedGroups(regional));
  });

  it('rate limit /wp-login.php and /xmlrpc.php per viewer address at the CloudFront ACL only, before the managed groups', () => {
    const { regional, global } = aclRules((input) => (input.edge = { loginRateLimitPer5Minutes: 30 }));
    const login = ruleNamed(global, 'rate-limit-login-per-ip')!;
    expect(login).toMatchObject({
      action: { block: {} },
      statement: {
        rate_based_statement: {
          limit: 30,
          aggregate_key_type: 'IP',
          scope_down_statement: { or_statement: { statement: [scriptMatch('/wp-login.php'), scriptMatch('/xmlrpc.php')] } },
        },
      },
    });
    const firstGroup = Math.min(...global.filter((rule) => rule.statement.managed_rule_group_statement).map((rule) => rule.priority));
    expect(login.priority).toBeLessThan(firstGroup);
    expect(ruleNamed(regional, 'rate-limit-login-per-ip')).toBeUndefined();
  });

  it('block /xmlrpc.php outright on both ACLs by default, before the managed groups', () => {
    for (const rules of Object.values(aclRules())) {
      const block = ruleNamed(rules, 'block-xmlrpc')!;
      expect(block).toMatchObject({ action: { block: {} }, statement: scriptMatch('/xmlrpc.php') });
      expect(block.priority).toBeLessThan(ruleNamed(rules, 'AWSManagedRulesCommonRuleSet')!.priority);
    }
  });

  it('only rate limit /xmlrpc.php with xmlrpc: rate-limit', () => {
    const { regional, global } = aclRules((input) => (input.edge = { xmlrpc: 'rate-limit' }));
    expect(ruleNamed(regional, 'block-xmlrpc')).toBeUndefined();
    expect(ruleNamed(global, 'block-xmlrpc')).toBeUndefined();
    expect(ruleNamed(global, 'rate-limit-login-per-ip')!.statement.rate_based_statement.scope_down_statement.or_statement.statement).toContainEqual(scriptMatch('/xmlrpc.php'));
  });

  it('use every priority once on both ACLs', () => {
    for (const rules of Object.values(aclRules((input) => (input.edge = { largeBodyPaths: ['/wp-admin/async-upload.php'], extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'] })))) {
      expect(rules.map((rule) => rule.priority)).toEqual(rules.map((_, index) => index));
    }
  });
});

describe('extra managed rule groups', () => {
  it('run after the default groups on both ACLs', () => {
    const { regional, global } = aclRules((input) => (input.edge = { application: 'generic', extraManagedRuleGroups: ['AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesUnixRuleSet'] }));
    for (const rules of [regional, global]) expect(managedGroups(rules).slice(-2)).toEqual(['AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesUnixRuleSet']);
  });

  it('run groups that judge the source address at the CloudFront ACL only', () => {
    const { regional, global } = aclRules((input) => (input.edge = { extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'] }));
    expect(managedGroups(global)).toContain('AWSManagedRulesAnonymousIpList');
    expect(managedGroups(regional)).not.toContain('AWSManagedRulesAnonymousIpList');
  });
});

describe('the stacks', () => {
  it('put on the load balancer and the distribution exactly the web ACLs their edge settings give', () => {
    const change = (input: WebPlatformInput) => {
      input.edge = { rateLimitPer5Minutes: 900, loginRateLimitPer5Minutes: 40, xmlrpc: 'rate-limit', largeBodyPaths: ['/upload/'], extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'] };
    };
    const rulesOf = (json: ReturnType<typeof synthStack>) => onlyResource(json, 'aws_wafv2_web_acl').rule as AclRule[];
    const withoutNames = (rules: AclRule[]) => JSON.parse(JSON.stringify(rules).replace(/"metric_name":"[^"]*"/g, '"metric_name":""'));
    const expected = aclRules(change);
    expect(withoutNames(rulesOf(synthStack(new AppStack(new App(), testConfig(change)))))).toEqual(withoutNames(expected.regional));
    expect(withoutNames(rulesOf(synthStack(new EdgeStack(new App(), testConfig(change)))))).toEqual(withoutNames(expected.global));
  });
});

describe('the construct', () => {
  const build = (props: Partial<ManagedWebAclProps>) => () =>
    new ManagedWebAcl(new TerraformStack(Testing.app(), 'stack'), 'waf', { name: 'acl', scope: 'CLOUDFRONT', ...props });

  it('refuses a per-address rate limit on a REGIONAL ACL', () => {
    expect(build({ scope: 'REGIONAL', rateLimitPer5Minutes: 100 })).toThrow(/per-address rate limits are for CLOUDFRONT scope only/);
    expect(build({ scope: 'REGIONAL', wordpress: { loginRateLimitPer5Minutes: 100, blockXmlrpc: true } })).toThrow(/per-address rate limits are for CLOUDFRONT scope only/);
  });

  const aclOf = (props: Partial<ManagedWebAclProps>) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new ManagedWebAcl(stack, 'waf', { name: 'acl', scope: 'CLOUDFRONT', ...props });
    return onlyResource(synthStack(stack), 'aws_wafv2_web_acl') as { rule: Array<AclRule & { visibility_config: unknown }>; visibility_config: unknown };
  };
  const errorOf = (props: Partial<ManagedWebAclProps>): string => {
    try {
      build(props)();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the construct to throw');
  };

  it('runs only the default groups, with the body size rule blocking, when extras and large-body paths are left out', () => {
    const regional = aclOf({ scope: 'REGIONAL' }).rule;
    expect(regional.map((rule) => rule.name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    expect(commonRuleSet(regional).rule_action_override).toBeUndefined();
    const global = aclOf({ rateLimitPer5Minutes: 500 }).rule;
    expect(global.map((rule) => rule.name)).toEqual(['rate-limit-per-ip', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']);
    expect(commonRuleSet(global).rule_action_override).toBeUndefined();
    expect(aclAction(global, { path: '/upload/', bodyBytes: 20 * 1024 })).toBe('block');
  });

  it('leaves both source-address groups (IP reputation and anonymous IP) out of a REGIONAL ACL, which sees only CloudFront', () => {
    const regional = aclOf({ scope: 'REGIONAL', extraManagedRuleGroups: ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesAnonymousIpList', 'AWSManagedRulesLinuxRuleSet'] }).rule;
    expect(managedGroups(regional)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesLinuxRuleSet']);
  });

  it('reports each rule under its own CloudWatch metric, named after the ACL, with sampled requests', () => {
    const acl = aclOf({
      name: 'site-edge',
      rateLimitPer5Minutes: 500,
      wordpress: { loginRateLimitPer5Minutes: 20, blockXmlrpc: true },
      largeBodyPaths: ['/upload/'],
    });
    const visibility = (metricName: string) => ({ cloudwatch_metrics_enabled: true, metric_name: metricName, sampled_requests_enabled: true });
    expect(Object.fromEntries(acl.rule.map((rule) => [rule.name, rule.visibility_config]))).toEqual({
      'rate-limit-per-ip': visibility('site-edge-rate-limit'),
      'block-xmlrpc': visibility('site-edge-block-xmlrpc'),
      'rate-limit-login-per-ip': visibility('site-edge-rate-limit-login'),
      AWSManagedRulesCommonRuleSet: visibility('site-edge-AWSManagedRulesCommonRuleSet'),
      AWSManagedRulesKnownBadInputsRuleSet: visibility('site-edge-AWSManagedRulesKnownBadInputsRuleSet'),
      AWSManagedRulesAmazonIpReputationList: visibility('site-edge-AWSManagedRulesAmazonIpReputationList'),
      AWSManagedRulesSQLiRuleSet: visibility('site-edge-AWSManagedRulesSQLiRuleSet'),
      AWSManagedRulesWordPressRuleSet: visibility('site-edge-AWSManagedRulesWordPressRuleSet'),
      AWSManagedRulesPHPRuleSet: visibility('site-edge-AWSManagedRulesPHPRuleSet'),
      'block-large-body-outside-allowed-paths': visibility('site-edge-large-body'),
    });
    expect(acl.visibility_config).toEqual(visibility('site-edge-acl'));
  });

  it('refuses unknown rule groups, naming each of them and each group it accepts', () => {
    const message = errorOf({ name: 'site-edge', extraManagedRuleGroups: ['AWSManagedRulesNoSuchRuleSet', 'AWSManagedRulesBotControlRuleSet'] });
    const shape = /^ManagedWebAcl site-edge: unknown managed rule groups (.*); expected one of (.*)$/;
    expect(message).toMatch(shape);
    const [, unknown, accepted] = shape.exec(message)!;
    expect(unknown.split(', ')).toEqual(['AWSManagedRulesNoSuchRuleSet', 'AWSManagedRulesBotControlRuleSet']);
    expect(accepted.split(', ')).toEqual(
      expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesAnonymousIpList']),
    );
    for (const name of accepted.split(', ')) expect(name).toMatch(/^AWSManagedRules[A-Za-z]+$/);
  });

  it('refuses groups it already runs, naming each of them', () => {
    expect(errorOf({ name: 'site-edge', extraManagedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] })).toBe(
      'ManagedWebAcl site-edge: rule groups AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet named twice',
    );
  });

  it('refuses more than 1500 WCU, the most a web ACL uses at the base price, naming the total and every group', () => {
    // AWS WAF charges extra for a web ACL over 1,500 WCUs. 700 + 200 + 25 + 200 + 200 + 200 = 1525.
    expect(errorOf({ name: 'site-edge', extraManagedRuleGroups: ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesWindowsRuleSet'] })).toBe(
      'ManagedWebAcl site-edge: 1525 WCU over the web ACL limit of 1500 (AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet, ' +
        'AWSManagedRulesAmazonIpReputationList, AWSManagedRulesSQLiRuleSet, AWSManagedRulesLinuxRuleSet, AWSManagedRulesWindowsRuleSet and the rules of its own)',
    );
  });

  it('accepts exactly 1500 WCU, managed groups alone or with its own rules', () => {
    // Managed rule group capacities from the AWS WAF developer guide: 700 + 200 + 200 + 200 + 200 = 1500.
    expect(build({ scope: 'REGIONAL', extraManagedRuleGroups: ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesWindowsRuleSet'] })).not.toThrow();
    // Groups 700 + 200 + 25 + 200 + 100 + 100 + 50 = 1375; rules by the developer guide's statement costs: the rate rule 2; the login rate
    // rule 2 + 2 x 32 (two URI path matches, 2 + three text transformations x 10); block-xmlrpc 32; the large-body rule 1 (label match)
    // + 12 per path prefix (2 + one text transformation x 10). 1375 + 2 + 66 + 32 + 1 + 2 x 12 = 1500.
    const full = (largeBodyPaths: string[]) =>
      build({ rateLimitPer5Minutes: 500, wordpress: { loginRateLimitPer5Minutes: 20, blockXmlrpc: true }, extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'], largeBodyPaths });
    expect(full(['/upload/', '/wp-json/'])).not.toThrow();
    expect(full(['/upload/', '/wp-json/', '/media/'])).toThrow(/^ManagedWebAcl acl: 1512 WCU over the web ACL limit of 1500 /);
  });
});
