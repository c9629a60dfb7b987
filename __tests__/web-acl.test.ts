import { App } from 'cdktf';
import type { WebPlatformInput } from './support/fixtures';
import { BODY_SIZE_LABEL } from '../constructs/waf/managed-web-acl';
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

/** The rules of the web ACL in the app stack (regional, on the ALB) and the edge stack (global, on CloudFront). */
function aclRules(change?: (input: WebPlatformInput) => void): { regional: AclRule[]; global: AclRule[] } {
  const rulesOf = (json: ReturnType<typeof synthStack>) => onlyResource(json, 'aws_wafv2_web_acl').rule as AclRule[];
  return {
    regional: rulesOf(synthStack(new AppStack(new App(), testConfig(change)))),
    global: rulesOf(synthStack(new EdgeStack(new App(), testConfig(change)))),
  };
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
      expect(largeBodyRule(rules)).toMatchObject({
        action: { block: {} },
        statement: {
          and_statement: {
            statement: [{ label_match_statement: { scope: 'LABEL', key: BODY_SIZE_LABEL } }, { not_statement: { statement: [pathPrefix('/wp-admin/async-upload.php')] } }],
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
