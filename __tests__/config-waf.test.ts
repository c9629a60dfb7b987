import { patternsOverlap } from '../config/rules/edge-paths';
import { ConfigDir } from './support/config-dir';

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

const withEdge = (edge: Record<string, unknown>) => (input: Record<string, any>) => (input.edge = edge);

describe('edge.extraManagedRuleGroups', () => {
  it('accepts a group that fits beside the WordPress groups, and more groups for a generic site', () => {
    expect(dir.loadWith(withEdge({ extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'] })).edge.extraManagedRuleGroups).toEqual(['AWSManagedRulesAnonymousIpList']);
    const generic = dir.loadWith(withEdge({ application: 'generic', extraManagedRuleGroups: ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesUnixRuleSet'] }));
    expect(generic.edge.extraManagedRuleGroups).toHaveLength(3);
  });

  it('refuses a group that is not in the shipped table, listing the accepted names', () => {
    expect(() => dir.loadWith(withEdge({ extraManagedRuleGroups: ['AWSManagedRulesBotControlRuleSet'] }))).toThrow(
      /edge\.extraManagedRuleGroups\[0\]: got "AWSManagedRulesBotControlRuleSet"; expected an AWS managed rule group of config\/aws\/waf-managed-rule-groups\.json: AWSManagedRulesCommonRuleSet, .*AWSManagedRulesLinuxRuleSet, .* or AWSManagedRulesAnonymousIpList/,
    );
  });

  it('refuses a group named twice', () => {
    expect(() => dir.loadWith(withEdge({ extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList', 'AWSManagedRulesAnonymousIpList'] }))).toThrow(
      /edge\.extraManagedRuleGroups\[1\]: got "AWSManagedRulesAnonymousIpList"; expected each rule group once/,
    );
  });

  it.each([
    ['AWSManagedRulesCommonRuleSet', 'always included'],
    ['AWSManagedRulesAmazonIpReputationList', 'always included'],
    ['AWSManagedRulesWordPressRuleSet', 'included with edge.application wordpress'],
  ])('refuses %s, which the web ACLs already run', (group, why) => {
    expect(() => dir.loadWith(withEdge({ extraManagedRuleGroups: [group] }))).toThrow(
      new RegExp(`edge\\.extraManagedRuleGroups\\[0\\]: got "${group}"; expected a group the web ACLs do not already run: ${group} is ${why}`),
    );
  });

  it('refuses groups that take the CloudFront web ACL over 1500 WCU, naming the total and every group', () => {
    // 700 + 200 + 25 + 200 + 100 + 100 managed, 100 extra, and 100 for the ACL's own rules.
    expect(() => dir.loadWith(withEdge({ extraManagedRuleGroups: ['AWSManagedRulesAdminProtectionRuleSet'] }))).toThrow(
      new RegExp(
        'edge\\.extraManagedRuleGroups: got \\["AWSManagedRulesAdminProtectionRuleSet"\\]; expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1525 WCU: ' +
          'AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200, AWSManagedRulesAmazonIpReputationList 25, AWSManagedRulesSQLiRuleSet 200, ' +
          'AWSManagedRulesWordPressRuleSet 100, AWSManagedRulesPHPRuleSet 100, AWSManagedRulesAdminProtectionRuleSet 100, and 100 for its rate, WordPress and large-body rules',
      ),
    );
  });

  it("refuses groups that take the load balancer's web ACL over 1500 WCU too, naming both totals", () => {
    // Generic site, 700 + 200 baseline + 700 extra: 1600 on the load balancer; IP reputation 25 and the rate rule 2 more at CloudFront.
    const extras = ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesWindowsRuleSet', 'AWSManagedRulesUnixRuleSet'];
    expect(() => dir.loadWith(withEdge({ application: 'generic', extraManagedRuleGroups: extras }))).toThrow(
      /expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1627 WCU[\s\S]*expected the load balancer's web ACL within the web ACL limit of 1500 WCU; it would need 1600 WCU: AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200, AWSManagedRulesSQLiRuleSet 200, AWSManagedRulesLinuxRuleSet 200, AWSManagedRulesWindowsRuleSet 200, AWSManagedRulesUnixRuleSet 100, and 0 for its rate, WordPress and large-body rules/,
    );
  });

  it('counts the large-body path prefixes too, and reports them when there is no extra group', () => {
    const paths = Array.from({ length: 7 }, (_, index) => `/upload-${index}/`);
    // 1325 managed, 100 WordPress and rate rules, 1 + 7 x 12 large-body.
    expect(() => dir.loadWith(withEdge({ largeBodyPaths: paths }))).toThrow(/edge\.largeBodyPaths: got .*; expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1510 WCU/);
    expect(dir.loadWith(withEdge({ largeBodyPaths: paths.slice(0, 6) })).edge.largeBodyPaths).toHaveLength(6);
  });

  it('accepts a CloudFront web ACL of exactly 1500 WCU, the most AWS WAF runs at the base price', () => {
    // 1325 managed, 50 anonymous IP list, 100 WordPress and rate rules, 1 + 2 x 12 large-body: 1500.
    const edge = { extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'], largeBodyPaths: ['/upload-0/', '/upload-1/'] };
    expect(dir.loadWith(withEdge(edge)).edge.largeBodyPaths).toHaveLength(2);
    expect(() => dir.loadWith(withEdge({ ...edge, largeBodyPaths: [...edge.largeBodyPaths, '/upload-2/'] }))).toThrow(
      /expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1512 WCU/,
    );
  });
});

describe('edge.cachedPaths', () => {
  it.each(['/wp-content/uploads/*', '/wp-content/*', '/wp-content/uploads/*.jpg', '/*', '/*.css', '/wp-content/upload?/*'])(
    'refuses %s, which uploads URLs match',
    (path) => {
      expect(() => dir.loadWith(withEdge({ cachedPaths: ['/wp-includes/*', path] }))).toThrow(
        /edge\.cachedPaths\[1\]: got ".*"; expected a path pattern no uploads URL matches: \/wp-content\/uploads\/\* is always served from the uploads bucket, before the cached paths/,
      );
    },
  );

  it('refuses a path pattern given twice', () => {
    expect(() => dir.loadWith(withEdge({ cachedPaths: ['/wp-includes/*', '/assets/*', '/wp-includes/*'] }))).toThrow(
      /edge\.cachedPaths\[2\]: got "\/wp-includes\/\*"; expected each path pattern once/,
    );
  });

  it('accepts paths beside uploads, and none', () => {
    expect(dir.loadWith(withEdge({ cachedPaths: ['/wp-includes/*', '/wp-content/themes/*.css', '/WP-CONTENT/uploads/*'] })).edge.cachedPaths).toHaveLength(3);
    expect(dir.loadWith(withEdge({ cachedPaths: [] })).edge.cachedPaths).toEqual([]);
  });
});

describe('patternsOverlap', () => {
  it.each([
    ['/a/*', '/a/b', true],
    ['/a/*', '/b/*', false],
    ['/*.css', '/a/*', true],
    ['/a?c', '/abc', true],
    ['/a?c', '/ab', false],
    ['*', '/x', true],
    ['/x*', '/y*', false],
  ])('%s and %s: %s', (a, b, overlap) => {
    expect(patternsOverlap(a, b)).toBe(overlap);
    expect(patternsOverlap(b, a)).toBe(overlap);
  });
});
