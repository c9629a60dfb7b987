import { patternsOverlap } from '../config/rules/edge-paths';
import { InputChange, schemaParsed, schemaProblems } from './support/schema-parse';
import { baseInput } from './support/fixtures';
import { sandboxOnly } from './support/sandbox';
import { s3SystemsOnly } from './support/s3-systems';

// The edges of the cross-field rules of config/rules/{network,tags,waf,web,edge-paths,certificates,state,systems}.ts:
// each limit on both sides, each alternative of a condition, the exact field and message the loader reports.
// AWS names and limits are written here from AWS's documentation, never imported from config/.

type Input = Record<string, any>;

/** The base environment after every change, in order. */
const all =
  (...changes: InputChange[]): InputChange =>
  (input) =>
    changes.forEach((change) => change(input));

const withNetwork = (network: Input): InputChange => (input) => Object.assign(input.network, network);
const withSubnets = (subnets: Input): InputChange => (input) => Object.assign(input.network.subnets, subnets);
const withEdge = (edge: Input): InputChange => (input) => (input.edge = edge);
const withTags = (tags: Input): InputChange => (input) => (input.tags = tags);
const withState = (state: Input): InputChange => (input) => (input.state = state);
const withDns = (dns: Input): InputChange => (input) => (input.dns = dns);
const withApp = (app: Input): InputChange => (input) => (input.app = app);

/** Moves the base environment to `region` with these zones. */
const inRegion =
  (region: string, zones: string[]): InputChange =>
  (input) => {
    input.region = region;
    input.network.availabilityZones = zones;
  };

/** A third zone with its three subnets. */
const threeZones: InputChange = (input) => {
  input.network.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  input.network.subnets.public.push('10.0.2.0/24');
  input.network.subnets.privateApp.push('10.0.48.0/20');
  input.network.subnets.privateData.push('10.0.66.0/24');
};

describe('region (rules/network.ts checkRegion)', () => {
  it.each([
    ['eu-west-1', ['eu-west-1a', 'eu-west-1c']],
    ['il-central-1', ['il-central-1a', 'il-central-1b']],
    ['us-east-1', ['us-east-1e', 'us-east-1f']],
  ])('accepts the commercial region %s', (region, zones) => {
    expect(schemaParsed(inRegion(region, zones)).region).toBe(region);
  });

  it('reports a malformed region once, by its shape, not also as a region that does not exist', () => {
    expect(schemaProblems((input) => (input.region = 'europe-1'))).toEqual([{ field: 'region', received: '"europe-1"', expected: 'expected an AWS region name such as eu-west-1' }]);
  });

  it.each([
    ['eu-west-9', 'the eu- regions are eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2 or eu-west-3'],
    ['me-north-1', 'the me- regions are me-central-1 or me-south-1'],
    ['us-gov-north-1', 'the us- regions are us-east-1, us-east-2, us-west-1 or us-west-2'],
  ])('refuses %s, a well-formed region that does not exist, listing the real ones of its area (and not its zones as well)', (region, known) => {
    expect(schemaProblems(inRegion(region, [`${region}a`, `${region}b`]))).toEqual([
      { field: 'region', received: JSON.stringify(region), expected: `expected an AWS region that exists: ${known} (config/aws/regions.json)` },
    ]);
  });

  it.each(['us-gov-west-1', 'us-gov-east-1'])('refuses the GovCloud region %s with its own reason only', (region) => {
    expect(schemaProblems(inRegion(region, [`${region}a`, `${region}b`]))).toEqual([
      { field: 'region', received: JSON.stringify(region), expected: 'expected a commercial region: GovCloud has no CloudFront, which the edge tier needs' },
    ]);
  });
});

describe('availability zones (rules/network.ts)', () => {
  const outside = 'expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c';

  it('accepts three distinct zones of the region', () => {
    expect(schemaParsed(threeZones).network?.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });

  it('refuses a zone the region does not have, listing the ones it has', () => {
    expect(schemaProblems((input) => (input.network.availabilityZones = ['eu-west-1a', 'eu-west-1d']))).toEqual([
      { field: 'network.availabilityZones[1]', received: '"eu-west-1d"', expected: outside },
    ]);
  });

  it('refuses a zone twice, at its second place', () => {
    expect(schemaProblems((input) => (input.network.availabilityZones = ['eu-west-1b', 'eu-west-1b']))).toEqual([
      { field: 'network.availabilityZones[1]', received: '"eu-west-1b"', expected: 'expected each availability zone once' },
    ]);
  });

  it('says of a foreign zone given twice only that it is foreign', () => {
    expect(schemaProblems((input) => (input.network.availabilityZones = ['eu-west-1d', 'eu-west-1d']))).toEqual([
      { field: 'network.availabilityZones[0]', received: '"eu-west-1d"', expected: outside },
      { field: 'network.availabilityZones[1]', received: '"eu-west-1d"', expected: outside },
    ]);
  });

  it('says of a malformed zone given twice only that it is malformed', () => {
    const malformed = { received: '"eu-west-1"', expected: 'expected an availability zone name such as eu-west-1a' };
    expect(schemaProblems((input) => (input.network.availabilityZones = ['eu-west-1', 'eu-west-1']))).toEqual([
      { field: 'network.availabilityZones[0]', ...malformed },
      { field: 'network.availabilityZones[1]', ...malformed },
    ]);
  });
});

describe('internet egress and interface endpoints (rules/network.ts)', () => {
  it.each([
    [false, 'none'],
    [true, 'single'],
    [true, 'per-az'],
    [false, 'single'],
  ])('accepts appInternetEgress %s with natGateways %s', (appInternetEgress, natGateways) => {
    expect(schemaParsed(withNetwork({ appInternetEgress, natGateways })).network).toMatchObject({ appInternetEgress, natGateways });
  });

  it('refuses internet egress without a NAT gateway', () => {
    expect(schemaProblems(withNetwork({ appInternetEgress: true, natGateways: 'none' }))).toEqual([
      {
        field: 'network.appInternetEgress',
        received: 'true',
        expected: 'expected false while network.natGateways is "none" (no route to the internet); or set natGateways to "single" or "per-az"',
      },
    ]);
  });

  it('accepts every interface endpoint service once', () => {
    const services = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'secretsmanager', 'kms', 'sts', 'monitoring', 'ecr.api', 'ecr.dkr'];
    expect(schemaParsed(withNetwork({ interfaceEndpoints: services })).network?.interfaceEndpoints).toEqual(services);
  });

  it('refuses a service twice, at its second place only', () => {
    expect(schemaProblems(withNetwork({ interfaceEndpoints: ['ssm', 'logs', 'kms', 'logs'] }))).toEqual([
      { field: 'network.interfaceEndpoints[3]', received: '"logs"', expected: 'expected each service once' },
    ]);
  });
});

describe('subnets (rules/network.ts checkNetworkLayout, checkSubnetInVpc)', () => {
  it.each([
    ['public', ['10.0.0.0/24'], 1],
    ['privateApp', ['10.0.16.0/20', '10.0.32.0/20', '10.0.48.0/20'], 3],
    ['privateData', [], 0],
  ])('refuses %s subnets not one per zone', (tier, blocks, count) => {
    expect(schemaProblems(withSubnets({ [tier]: blocks }))).toEqual([
      { field: `network.subnets.${tier}`, received: JSON.stringify(blocks), expected: `expected one subnet per availability zone (2), got ${count}` },
    ]);
  });

  it('accepts /28 subnets, the smallest AWS creates', () => {
    expect(schemaParsed(withSubnets({ public: ['10.0.0.0/28', '10.0.0.16/28'] })).network?.subnets.public).toEqual(['10.0.0.0/28', '10.0.0.16/28']);
  });

  it.each(['public', 'privateApp', 'privateData'])('refuses a /29 %s subnet: AWS creates none smaller than /28', (tier) => {
    const blocks = { public: ['10.0.0.0/24', '10.0.1.0/24'], privateApp: ['10.0.16.0/20', '10.0.32.0/20'], privateData: ['10.0.64.0/24', '10.0.65.0/24'] } as Record<string, string[]>;
    blocks[tier][1] = '10.0.100.8/29';
    expect(schemaProblems(withSubnets(blocks))).toEqual([
      { field: `network.subnets.${tier}[1]`, received: '"10.0.100.8/29"', expected: 'expected a subnet of /28 or larger (AWS minimum)' },
    ]);
  });

  it('refuses a subnet outside the VPC, and one that is both outside and too small twice over', () => {
    expect(schemaProblems(withSubnets({ privateData: ['10.0.64.0/24', '10.1.0.0/24'] }))).toEqual([
      { field: 'network.subnets.privateData[1]', received: '"10.1.0.0/24"', expected: 'expected a subnet inside the VPC CIDR 10.0.0.0/16' },
    ]);
    expect(schemaProblems(withSubnets({ privateData: ['10.0.64.0/24', '10.1.0.0/29'] }))).toEqual([
      { field: 'network.subnets.privateData[1]', received: '"10.1.0.0/29"', expected: 'expected a subnet inside the VPC CIDR 10.0.0.0/16' },
      { field: 'network.subnets.privateData[1]', received: '"10.1.0.0/29"', expected: 'expected a subnet of /28 or larger (AWS minimum)' },
    ]);
  });

  it('refuses a subnet overlapping one of another tier, naming the first it overlaps', () => {
    expect(schemaProblems(withSubnets({ privateData: ['10.0.64.0/24', '10.0.40.0/24'] }))).toEqual([
      {
        field: 'network.subnets.privateData[1]',
        received: '"10.0.40.0/24"',
        expected: 'expected a subnet that overlaps no other; it overlaps network.subnets.privateApp[1] (10.0.32.0/20)',
      },
    ]);
    expect(schemaProblems(withSubnets({ privateApp: ['10.0.0.0/20', '10.0.32.0/20'] }))).toEqual([
      { field: 'network.subnets.privateApp[0]', received: '"10.0.0.0/20"', expected: 'expected a subnet that overlaps no other; it overlaps network.subnets.public[0] (10.0.0.0/24)' },
    ]);
  });

  it('reports a malformed subnet or VPC CIDR once, by its shape', () => {
    const malformed = 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16';
    expect(schemaProblems(withSubnets({ public: ['10.0.0.0/24', '10.0.1.0/33'] }))).toEqual([{ field: 'network.subnets.public[1]', received: '"10.0.1.0/33"', expected: malformed }]);
    expect(schemaProblems(withNetwork({ cidr: '10.0.0.1/16' }))).toEqual([{ field: 'network.cidr', received: '"10.0.0.1/16"', expected: malformed }]);
  });

  it('checks no network in an environment without one', () => {
    expect(schemaParsed(sandboxOnly()).network).toBeUndefined();
    expect(schemaProblems((input) => delete input.network)).toEqual([{ field: 'network', expected: 'expected a value: the web-platform system needs it (systems: web-platform)' }]);
  });
});

describe('tags (rules/tags.ts)', () => {
  const keyShape = 'expected a tag key of 1 to 128 characters: letters, digits, spaces and _ . : / = + - @';
  const valueShape = 'expected a tag value of at most 256 characters: letters, digits, spaces and _ . : / = + - @';

  it('accepts the edges AWS allows: 1 and 128 characters of key, 0 and 256 of value, every allowed character, aws: past the start', () => {
    const tags = {
      k: '',
      ['K'.repeat(128)]: 'v'.repeat(256),
      'Team 1_.:/=+-@': 'Wert 2_.:/=+-@',
      'Größe/データ': '機密 ٣',
      '2024': '42',
      'my-aws:key': 'not-aws:prefixed',
    };
    expect(schemaParsed(withTags(tags)).tags).toEqual(tags);
  });

  it.each([
    ['an empty key', ''],
    ['a key of 129 characters', 'k'.repeat(129)],
    ['a key starting with |', '|team'],
    ['a key ending with |', 'team|'],
    ['a key with a comma inside', 'cost,center'],
  ])('refuses %s', (_case, key) => {
    expect(schemaProblems(withTags({ [key]: 'x' }))).toEqual([expect.objectContaining({ received: expect.stringMatching(/^key "/), expected: keyShape })]);
  });

  it.each([
    ['a value of 257 characters', 'v'.repeat(257)],
    ['a value starting with |', '|x'],
    ['a value ending with |', 'x|'],
  ])('refuses %s', (_case, value) => {
    expect(schemaProblems(withTags({ owner: value }))).toEqual([expect.objectContaining({ field: 'tags.owner', expected: valueShape })]);
  });

  it.each(['aws:team', 'AWS:team', 'aWs:'])('refuses the key %s: AWS keeps the aws: prefix in any case', (key) => {
    expect(schemaProblems(withTags({ [key]: 'x' }))).toEqual([
      { field: `tags["${key}"]`, received: `key "${key}"`, expected: 'expected a key without the aws: prefix, which AWS keeps for its own tags' },
    ]);
  });

  it.each(['aws:team', 'AWS:cloudformation', 'Aws:'])('refuses the value %s: AWS keeps the aws: prefix on values too', (value) => {
    expect(schemaProblems(withTags({ owner: value }))).toEqual([
      { field: 'tags.owner', received: JSON.stringify(value), expected: 'expected a value without the aws: prefix, which AWS keeps for its own tags' },
    ]);
  });

  it.each([
    ['PROJECT', 'project'],
    ['Environment', 'environment'],
    ['TIER', 'tier'],
    ['managed-BY', 'managed-by'],
    ['name', 'Name'],
    ['NAME', 'Name'],
  ])('refuses the key %s, naming %s the project sets', (key, own) => {
    expect(schemaProblems(withTags({ [key]: 'x' }))).toEqual([
      {
        field: `tags.${key}`,
        received: `key "${key}"`,
        expected: `expected a key other than project, environment, tier, managed-by, Name in any case: this project sets ${own} itself, and IAM compares keys case-insensitively`,
      },
    ]);
  });

  it('refuses each later spelling of a key, naming the first', () => {
    const already = 'expected keys that differ in more than case: IAM compares keys case-insensitively, and "Team" is already set';
    expect(schemaProblems(withTags({ Team: 'a', team: 'b', TEAM: 'c', other: 'd' }))).toEqual([
      { field: 'tags.team', received: 'key "team"', expected: already },
      { field: 'tags.TEAM', received: 'key "TEAM"', expected: already },
    ]);
  });

  const manyTags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`tag${index}`, 'x']));

  it('accepts 45 tags: the 50 AWS allows on a resource less the 5 the project sets', () => {
    expect(Object.keys(schemaParsed(withTags(manyTags(45))).tags)).toHaveLength(45);
  });

  it('refuses 46 tags, saying how many are left', () => {
    expect(schemaProblems(withTags(manyTags(46)))).toEqual([
      {
        field: 'tags',
        received: '46 tags',
        expected:
          'expected at most 45: AWS allows 50 tags per resource and this project sets 5 itself (project, environment, tier, managed-by, Name), which leaves 45 for yours',
      },
    ]);
  });
});

describe('WAF managed rule groups and capacity (rules/waf.ts)', () => {
  const known =
    'AWSManagedRulesCommonRuleSet, AWSManagedRulesAdminProtectionRuleSet, AWSManagedRulesKnownBadInputsRuleSet, AWSManagedRulesSQLiRuleSet, AWSManagedRulesLinuxRuleSet, ' +
    'AWSManagedRulesUnixRuleSet, AWSManagedRulesWindowsRuleSet, AWSManagedRulesPHPRuleSet, AWSManagedRulesWordPressRuleSet, AWSManagedRulesAmazonIpReputationList or AWSManagedRulesAnonymousIpList';
  /** WordPress at CloudFront: Common 700, KnownBadInputs 200, IpReputation 25, SQLi 200, WordPress 100, PHP 100. */
  const wordPressCloudFront =
    'AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200, AWSManagedRulesAmazonIpReputationList 25, AWSManagedRulesSQLiRuleSet 200, AWSManagedRulesWordPressRuleSet 100, AWSManagedRulesPHPRuleSet 100';

  it('refuses a group not in the table, listing every one it has', () => {
    expect(schemaProblems(withEdge({ extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList', 'AWSManagedRulesBotControlRuleSet'] }))).toEqual([
      {
        field: 'edge.extraManagedRuleGroups[1]',
        received: '"AWSManagedRulesBotControlRuleSet"',
        expected: `expected an AWS managed rule group of config/aws/waf-managed-rule-groups.json: ${known}`,
      },
    ]);
  });

  it.each([
    ['wordpress', 'AWSManagedRulesCommonRuleSet', 'always included'],
    ['generic', 'AWSManagedRulesKnownBadInputsRuleSet', 'always included'],
    ['generic', 'AWSManagedRulesAmazonIpReputationList', 'always included'],
    ['wordpress', 'AWSManagedRulesSQLiRuleSet', 'included with edge.application wordpress'],
    ['wordpress', 'AWSManagedRulesPHPRuleSet', 'included with edge.application wordpress'],
  ])('with %s, refuses %s, which the web ACLs run anyway', (application, group, why) => {
    expect(schemaProblems(withEdge({ application, extraManagedRuleGroups: [group] }))).toEqual([
      { field: 'edge.extraManagedRuleGroups[0]', received: JSON.stringify(group), expected: `expected a group the web ACLs do not already run: ${group} is ${why}` },
    ]);
  });

  it('accepts the WordPress groups as extras of a generic site', () => {
    const groups = ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesWordPressRuleSet', 'AWSManagedRulesPHPRuleSet'];
    expect(schemaParsed(withEdge({ application: 'generic', extraManagedRuleGroups: groups })).edge.extraManagedRuleGroups).toEqual(groups);
  });

  it('judges capacity only once the list is otherwise valid: a group twice is that problem alone, though two would exceed 1500 WCU', () => {
    expect(schemaProblems(withEdge({ extraManagedRuleGroups: ['AWSManagedRulesAdminProtectionRuleSet', 'AWSManagedRulesAdminProtectionRuleSet'] }))).toEqual([
      { field: 'edge.extraManagedRuleGroups[1]', received: '"AWSManagedRulesAdminProtectionRuleSet"', expected: 'expected each rule group once' },
    ]);
  });

  it('accepts a CloudFront web ACL of exactly 1500 WCU', () => {
    // 1325 managed + 50 anonymous IP list, 2 rate + 66 login + 32 xmlrpc, 1 label match + 2 x 12 path prefixes: 1500.
    const edge = { extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'], largeBodyPaths: ['/upload-0/', '/upload-1/'] };
    expect(schemaParsed(withEdge(edge)).edge.largeBodyPaths).toHaveLength(2);
  });

  it('refuses 1512 WCU, naming each group, the rest, and the extra groups as the field', () => {
    const edge = { extraManagedRuleGroups: ['AWSManagedRulesAnonymousIpList'], largeBodyPaths: ['/upload-0/', '/upload-1/', '/upload-2/'] };
    expect(schemaProblems(withEdge(edge))).toEqual([
      {
        field: 'edge.extraManagedRuleGroups',
        received: '["AWSManagedRulesAnonymousIpList"]',
        expected: `expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1512 WCU: ${wordPressCloudFront}, AWSManagedRulesAnonymousIpList 50, and 137 for its rate, WordPress and large-body rules`,
      },
    ]);
  });

  it('refuses ten large-body prefixes over capacity, at largeBodyPaths when there is no extra group', () => {
    const paths = Array.from({ length: 10 }, (_, index) => `/upload-${index}/`);
    expect(schemaProblems(withEdge({ largeBodyPaths: paths }))).toEqual([
      {
        field: 'edge.largeBodyPaths',
        received: '["/upload-0/","/upload-1/","/upload-2/","/upload-3/","/uploa… (10 items)',
        expected: `expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1546 WCU: ${wordPressCloudFront}, and 221 for its rate, WordPress and large-body rules`,
      },
    ]);
  });

  it('says of eleven large-body prefixes only that they are too many', () => {
    const paths = Array.from({ length: 11 }, (_, index) => `/upload-${index}/`);
    expect(schemaProblems(withEdge({ largeBodyPaths: paths }))).toEqual([
      { field: 'edge.largeBodyPaths', received: '["/upload-0/","/upload-1/","/upload-2/","/upload-3/","/uploa… (11 items)', expected: 'expected at most 10 path prefixes' },
    ]);
  });

  it("names each web ACL over capacity: the load balancer's too", () => {
    const extras = ['AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesLinuxRuleSet', 'AWSManagedRulesWindowsRuleSet', 'AWSManagedRulesUnixRuleSet'];
    const groups = 'AWSManagedRulesSQLiRuleSet 200, AWSManagedRulesLinuxRuleSet 200, AWSManagedRulesWindowsRuleSet 200, AWSManagedRulesUnixRuleSet 100';
    const received = '["AWSManagedRulesSQLiRuleSet","AWSManagedRulesLinuxRuleSet",… (4 items)';
    expect(schemaProblems(withEdge({ application: 'generic', extraManagedRuleGroups: extras }))).toEqual([
      {
        field: 'edge.extraManagedRuleGroups',
        received,
        expected: `expected the CloudFront web ACL within the web ACL limit of 1500 WCU; it would need 1627 WCU: AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200, AWSManagedRulesAmazonIpReputationList 25, ${groups}, and 2 for its rate, WordPress and large-body rules`,
      },
      {
        field: 'edge.extraManagedRuleGroups',
        received,
        expected: `expected the load balancer's web ACL within the web ACL limit of 1500 WCU; it would need 1600 WCU: AWSManagedRulesCommonRuleSet 700, AWSManagedRulesKnownBadInputsRuleSet 200, ${groups}, and 0 for its rate, WordPress and large-body rules`,
      },
    ]);
  });

  it('leaves the edge settings of an environment without the web platform alone (rules/waf.ts, rules/web.ts, rules/edge-paths.ts)', () => {
    const edge = { extraManagedRuleGroups: ['AWSManagedRulesBotControlRuleSet'], largeBodyPaths: ['/'], cachedPaths: ['/wp-content/*'] };
    expect(schemaParsed(all(sandboxOnly(), withEdge(edge), withApp({ minSize: 3, maxSize: 2 }), withDns({ subjectAlternativeNames: ['www.other.org'] }))).edge).toMatchObject(edge);
  });
});

describe('site names, delegation, large-body paths and capacity bounds (rules/web.ts)', () => {
  it('accepts names below the domain, at any depth', () => {
    const names = ['www.test.example.com', 'a.b.test.example.com'];
    expect(schemaParsed(withDns({ subjectAlternativeNames: names })).dns.subjectAlternativeNames).toEqual(names);
  });

  it('refuses the domain itself, a name outside it, one that only ends like it, and a repeat', () => {
    const names = ['test.example.com', 'test.example.com', 'eviltest.example.com', 'www.example.com', 'www.test.example.com', 'www.test.example.com'];
    const inside = 'expected a name inside the zone test.example.com, such as www.test.example.com';
    const below = 'expected a name below test.example.com: the domain itself is always covered';
    expect(schemaProblems(withDns({ subjectAlternativeNames: names }))).toEqual([
      { field: 'dns.subjectAlternativeNames[0]', received: '"test.example.com"', expected: below },
      { field: 'dns.subjectAlternativeNames[1]', received: '"test.example.com"', expected: below },
      { field: 'dns.subjectAlternativeNames[2]', received: '"eviltest.example.com"', expected: inside },
      { field: 'dns.subjectAlternativeNames[3]', received: '"www.example.com"', expected: inside },
      { field: 'dns.subjectAlternativeNames[5]', received: '"www.test.example.com"', expected: 'expected each name once' },
    ]);
  });

  it('accepts a parent zone with its role, and refuses one without', () => {
    const parentZone = { zoneId: 'Z0123456789EXAMPLEAB', roleArn: 'arn:aws:iam::210987654321:role/dns-delegation' };
    expect(schemaParsed(withDns({ parentZone })).dns.parentZone).toEqual(parentZone);
    expect(schemaProblems(withDns({ parentZone: { zoneId: 'Z0123456789EXAMPLEAB' } }))).toEqual([
      { field: 'dns.parentZone.roleArn', received: undefined, expected: "expected the ARN of a role in the parent zone's account: delegation writes NS records there" },
    ]);
  });

  it('accepts narrower large-body prefixes, and refuses / and a repeat', () => {
    expect(schemaParsed(withEdge({ largeBodyPaths: ['/wp-admin/', '/upload'] })).edge.largeBodyPaths).toEqual(['/wp-admin/', '/upload']);
    expect(schemaProblems(withEdge({ largeBodyPaths: ['/upload', '/', '/upload'] }))).toEqual([
      { field: 'edge.largeBodyPaths[1]', received: '"/"', expected: 'expected a narrower prefix than /, which would switch the body size limit off for the whole site' },
      { field: 'edge.largeBodyPaths[2]', received: '"/upload"', expected: 'expected each path prefix once' },
    ]);
  });

  it.each([
    [3, 3, 3],
    [0, 1, 0],
    [1, 3, 1],
    [1, 3, 3],
  ])('accepts minSize %d, maxSize %d, desiredCapacity %d', (minSize, maxSize, desiredCapacity) => {
    expect(schemaParsed(withApp({ minSize, maxSize, desiredCapacity })).app).toMatchObject({ minSize, maxSize, desiredCapacity });
  });

  it.each([
    [1, 3, 0],
    [1, 3, 4],
  ])('refuses minSize %d, maxSize %d, desiredCapacity %d', (minSize, maxSize, desiredCapacity) => {
    expect(schemaProblems(withApp({ minSize, maxSize, desiredCapacity }))).toEqual([
      { field: 'app.desiredCapacity', received: String(desiredCapacity), expected: `expected a value from app.minSize (${minSize}) to app.maxSize (${maxSize})` },
    ]);
  });

  it('refuses a minimum one above the maximum', () => {
    expect(schemaProblems(withApp({ minSize: 4, maxSize: 3, desiredCapacity: 3 }))).toEqual([
      { field: 'app.minSize', received: '4', expected: 'expected at most app.maxSize (3)' },
      { field: 'app.desiredCapacity', received: '3', expected: 'expected a value from app.minSize (4) to app.maxSize (3)' },
    ]);
  });
});

describe('cached paths (rules/edge-paths.ts)', () => {
  const uploads = 'expected a path pattern no uploads URL matches: /wp-content/uploads/* is always served from the uploads bucket, before the cached paths';

  it('accepts paths beside the uploads, and leaves the default alone', () => {
    const paths = ['/wp-includes/*', '/wp-content/themes/*', '/wp-content/upload', '/WP-CONTENT/uploads/*', '/wp-content/uploadsx/*'];
    expect(schemaParsed(withEdge({ cachedPaths: paths })).edge.cachedPaths).toEqual(paths);
    expect(schemaParsed().edge.cachedPaths).toBeUndefined();
  });

  it.each(['/wp-content/uploads/*', '/wp-content/*', '/wp-content/uploads/2024/*.jpg', '/*', '/wp-content/upload*/*', '/wp-content/uploads/'])(
    'refuses %s, which an uploads URL matches',
    (path) => {
      expect(schemaProblems(withEdge({ cachedPaths: ['/assets/*', path] }))).toEqual([{ field: 'edge.cachedPaths[1]', received: JSON.stringify(path), expected: uploads }]);
    },
  );

  // CloudFront's path patterns: * is any run of characters, ? exactly one (CloudFront Developer Guide, "Path pattern").
  it('accepts ? as a one-character wildcard, and refuses it where it matches an uploads URL', () => {
    expect(schemaParsed(withEdge({ cachedPaths: ['/img?/*', '/v?.css'] })).edge.cachedPaths).toEqual(['/img?/*', '/v?.css']);
    expect(schemaProblems(withEdge({ cachedPaths: ['/wp-content/upload?/*'] }))).toEqual([
      { field: 'edge.cachedPaths[0]', received: '"/wp-content/upload?/*"', expected: uploads },
    ]);
  });

  it('refuses a pattern twice, at its second place only', () => {
    expect(schemaProblems(withEdge({ cachedPaths: ['/assets/*', '/wp-includes/*', '/assets/*'] }))).toEqual([
      { field: 'edge.cachedPaths[2]', received: '"/assets/*"', expected: 'expected each path pattern once' },
    ]);
  });
});

describe('patternsOverlap (rules/edge-paths.ts): * any characters, ? exactly one', () => {
  it.each([
    ['/ab', '/ab', true],
    ['/ab', '/ac', false],
    ['/a', '/ab', false],
    ['/a', '/a*', true],
    ['/a*', '/b', false],
    ['/x', '/*', true],
    ['/*', '/x/y/z', true],
    ['/a*c', '/abbbc', true],
    ['/a*c', '/abbbd', false],
    ['/a?c', '/abc', true],
    ['/a?', '/a', false],
    ['/ab', '/ab?', false],
    ['/ab?', '/abc', true],
    ['/a*', '/*b', true],
    ['/a*b', '/*c', false],
    ['*', '', true],
    ['?', '', false],
  ])('%j and %j: %s, either way round', (a, b, overlap) => {
    expect(patternsOverlap(a, b)).toBe(overlap);
    expect(patternsOverlap(b, a)).toBe(overlap);
  });

  it('decides a long pattern of many wildcards at once, without trying every split', () => {
    const many = `/${'*a'.repeat(60)}`;
    expect(patternsOverlap(many, `/${'a'.repeat(120)}b`)).toBe(false);
    expect(patternsOverlap(`/${'a'.repeat(120)}b`, many)).toBe(false);
  });
});

describe('certificate names (rules/certificates.ts)', () => {
  /** A domain of exactly `length` characters below example.com. */
  const domainOf = (length: number) => `${'a'.repeat(length - '.example.com'.length)}.example.com`;
  const names = (count: number) => Array.from({ length: count }, (_, index) => `site${index}.${'test.example.com'}`);

  it('accepts a domain of 64 characters, the most ACM takes as a common name', () => {
    expect(schemaParsed((input) => (input.domain = domainOf(64))).domain).toHaveLength(64);
  });

  it('refuses a domain of 65 characters', () => {
    const domain = domainOf(65);
    expect(schemaProblems((input) => (input.domain = domain))).toEqual([
      {
        field: 'domain',
        received: JSON.stringify(domain),
        expected: 'expected at most 64 characters, not 65: the certificates carry the domain as their common name, which ACM limits to 64',
      },
    ]);
  });

  it('accepts 9 alternative names: 10 names per certificate, ACM default quota', () => {
    expect(schemaParsed(withDns({ subjectAlternativeNames: names(9) })).dns.subjectAlternativeNames).toHaveLength(9);
  });

  it('refuses 10 alternative names', () => {
    expect(schemaProblems(withDns({ subjectAlternativeNames: names(10) }))).toEqual([
      {
        field: 'dns.subjectAlternativeNames',
        received: '10 names',
        expected: "expected at most 9 names: with the domain that makes 10, ACM's default quota of names per certificate",
      },
    ]);
  });

  it('checks no names in an environment without a domain', () => {
    expect(schemaParsed(sandboxOnly()).domain).toBeUndefined();
  });
});

describe('state (rules/state.ts)', () => {
  const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
  const plan = 'arn:aws:iam::123456789012:role/ci-plan';
  const apply = 'arn:aws:iam::123456789012:user/ops/ci-apply';

  it.each([[{ customerManagedKey: true }], [{ kmsKeyArn }], [{ customerManagedKey: false, kmsKeyArn }]])('accepts %j', (state) => {
    expect(schemaParsed(withState(state)).state).toMatchObject(state);
  });

  it('refuses customerManagedKey with kmsKeyArn', () => {
    expect(schemaProblems(withState({ customerManagedKey: true, kmsKeyArn }))).toEqual([
      {
        field: 'state.customerManagedKey',
        received: 'true',
        expected: 'expected customerManagedKey or kmsKeyArn, not both: customerManagedKey creates the state key in the state stack, kmsKeyArn names one made elsewhere',
      },
    ]);
  });

  it("accepts the environment's own roles and users", () => {
    expect(schemaParsed(withState({ allowedPrincipals: [plan, apply] })).state.allowedPrincipals).toEqual([plan, apply]);
  });

  it('refuses a role of another account', () => {
    expect(schemaProblems(withState({ allowedPrincipals: [plan, 'arn:aws:iam::123456789013:role/ci-plan'] }))).toEqual([
      {
        field: 'state.allowedPrincipals[1]',
        received: '"arn:aws:iam::123456789013:role/ci-plan"',
        expected: "expected a role or user of the environment's own account 123456789012 (accountId): the state bucket and its key admit no other account",
      },
    ]);
  });

  it('reports a malformed principal once, by its shape', () => {
    expect(schemaProblems(withState({ allowedPrincipals: [plan, 'ci-apply'] }))).toEqual([
      expect.objectContaining({ field: 'state.allowedPrincipals[1]', received: '"ci-apply"', expected: expect.stringMatching(/^expected an IAM role or user ARN of the environment's account/) }),
    ]);
  });

  it('refuses every repeat of a principal, naming its first place', () => {
    const once = 'expected each principal once: it is state.allowedPrincipals[1] too';
    expect(schemaProblems(withState({ allowedPrincipals: [apply, plan, plan, apply, plan] }))).toEqual([
      { field: 'state.allowedPrincipals[2]', received: JSON.stringify(plan), expected: once },
      { field: 'state.allowedPrincipals[3]', received: JSON.stringify(apply), expected: 'expected each principal once: it is state.allowedPrincipals[0] too' },
      { field: 'state.allowedPrincipals[4]', received: JSON.stringify(plan), expected: once },
    ]);
  });
});

describe('systems and the fields they read (rules/systems.ts)', () => {
  it('reports no system as that problem alone', () => {
    expect(schemaProblems((input) => (input.systems = []))).toEqual([
      { field: 'systems', received: '[]', expected: 'expected at least one system: web-platform, sandbox, static-website, private-bucket, internal-site' },
    ]);
  });

  it('refuses a system twice, at its second place only', () => {
    expect(schemaProblems(all(s3SystemsOnly('private-bucket', 'static-website'), (input) => input.systems.push('private-bucket')))).toEqual([
      { field: 'systems[2]', received: '"private-bucket"', expected: 'expected each system once' },
    ]);
  });

  it('names the one system that needs a missing field', () => {
    expect(schemaProblems((input) => delete input.domain)).toEqual([{ field: 'domain', expected: 'expected a value: the web-platform system needs it (systems: web-platform)' }]);
  });

  it('names every system that needs a missing field, and no other', () => {
    expect(schemaProblems(all(s3SystemsOnly('static-website', 'private-bucket', 'internal-site'), (input) => delete input.domain))).toEqual([
      { field: 'domain', expected: 'expected a value: the static-website and internal-site systems need it (systems: static-website, private-bucket, internal-site)' },
    ]);
  });

  it('refuses a field only one absent system reads', () => {
    expect(schemaProblems(all(sandboxOnly(), (input) => (input.network = baseInput().network)))).toEqual([
      {
        field: 'network',
        received: 'a network setting',
        expected: 'expected no network here: only the web-platform system reads it, and systems (sandbox) does not include web-platform',
      },
    ]);
  });

  it('refuses a field only absent systems read', () => {
    expect(schemaProblems(all(s3SystemsOnly('private-bucket'), (input) => (input.domain = 'test.example.com')))).toEqual([
      {
        field: 'domain',
        received: 'a domain setting',
        expected: 'expected no domain here: only the web-platform, static-website or internal-site systems read it, and systems (private-bucket) includes none of them',
      },
    ]);
  });
});
