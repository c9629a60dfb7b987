import { App, TerraformStack } from 'cdktf';
import { Naming } from '../constructs/naming';
import { TierSecurityGroups, TierSecurityGroupsProps } from '../constructs/network/security-groups';
import { refTo, resourcesOf, synthStack, SynthesizedStack } from './support/synth';
import { synthNetwork } from './support/network';

/** One rule in words: which group, which way, which port, and the other side. */
interface Rule {
  readonly group: string;
  readonly direction: 'in' | 'out';
  readonly port: string;
  readonly peer: string;
}

/**
 * Every rule of the stack, with groups named by tier (`alb`, `app`, ...), gateway endpoint
 * prefix lists as `s3` / `dynamodb`, the CloudFront list as `cloudfront` and CIDRs as they are.
 */
function rulesOf(json: SynthesizedStack): Rule[] {
  const groups = new Map(
    Object.entries(resourcesOf(json, 'aws_security_group')).map(([id, group]) => [
      refTo('aws_security_group', id),
      String(group.name).replace('webplat-test-network-', ''),
    ]),
  );
  const endpoints = new Map(
    Object.entries(resourcesOf(json, 'aws_vpc_endpoint')).map(([id, endpoint]) => [
      refTo('aws_vpc_endpoint', id, 'prefix_list_id'),
      String(endpoint.service_name).split('.').pop() as string,
    ]),
  );
  const cloudfront = Object.keys(json.data?.aws_ec2_managed_prefix_list ?? {}).map((id) => `\${data.aws_ec2_managed_prefix_list.${id}.id}`);
  const peerOf = (rule: Record<string, unknown>): string => {
    if (rule.referenced_security_group_id) return groups.get(rule.referenced_security_group_id as string) ?? 'unknown group';
    if (rule.prefix_list_id) {
      if (cloudfront.includes(rule.prefix_list_id as string)) return 'cloudfront';
      return endpoints.get(rule.prefix_list_id as string) ?? 'unknown prefix list';
    }
    return String(rule.cidr_ipv4 ?? rule.cidr_ipv6);
  };
  const toRule = (direction: 'in' | 'out') => (rule: Record<string, unknown>): Rule => ({
    group: groups.get(rule.security_group_id as string) ?? 'unknown group',
    direction,
    port: `${rule.ip_protocol}/${rule.from_port}-${rule.to_port}`,
    peer: peerOf(rule),
  });
  return [
    ...Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).map(toRule('in')),
    ...Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).map(toRule('out')),
  ];
}

const rule = (group: string, direction: 'in' | 'out', port: number, peer: string): Rule => ({ group, direction, port: `tcp/${port}-${port}`, peer });
const sortRules = (rules: Rule[]) => [...rules].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('network security groups', () => {
  const json = synthNetwork();
  const rules = rulesOf(json);

  it('creates the alb, app, data, cache and endpoints groups in the VPC, each with a name and description', () => {
    const vpc = refTo('aws_vpc', Object.keys(resourcesOf(json, 'aws_vpc'))[0]);
    const groups = Object.values(resourcesOf(json, 'aws_security_group'));
    expect(groups.map((group) => group.name).sort()).toEqual(
      ['alb', 'app', 'cache', 'data', 'endpoints'].map((tier) => `webplat-test-network-${tier}`),
    );
    for (const group of groups) {
      expect(group).toMatchObject({ vpc_id: vpc, description: expect.stringMatching(/\S/), tags: { Name: group.name } });
    }
  });

  it('has no inline rules, so the groups can reference each other without cycles', () => {
    for (const group of Object.values(resourcesOf(json, 'aws_security_group'))) {
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    }
  });

  it('describes every rule', () => {
    const all = [
      ...Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')),
      ...Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')),
    ];
    expect(all.length).toBeGreaterThan(0);
    for (const each of all) expect(each.description).toMatch(/\S/);
  });

  it('opens exactly the least-privilege paths between the tiers, with the default ports', () => {
    expect(sortRules(rules)).toEqual(
      sortRules([
        rule('alb', 'in', 443, 'cloudfront'),
        rule('alb', 'out', 80, 'app'),
        rule('app', 'in', 80, 'alb'),
        rule('app', 'out', 5432, 'data'),
        rule('app', 'out', 6379, 'cache'),
        rule('app', 'out', 443, 'endpoints'),
        rule('app', 'out', 443, 's3'),
        rule('app', 'out', 443, 'dynamodb'),
        rule('data', 'in', 5432, 'app'),
        rule('cache', 'in', 6379, 'app'),
        rule('endpoints', 'in', 443, 'app'),
      ]),
    );
  });

  it('lets the load balancer be reached only from CloudFront\'s origin-facing prefix list, on 443, in one rule', () => {
    expect(json.data?.aws_ec2_managed_prefix_list).toEqual({
      [Object.keys(json.data?.aws_ec2_managed_prefix_list ?? {})[0]]: { name: 'com.amazonaws.global.cloudfront.origin-facing' },
    });
    expect(rules.filter((each) => each.group === 'alb' && each.direction === 'in')).toEqual([rule('alb', 'in', 443, 'cloudfront')]);
    expect(rules.filter((each) => each.peer === 'cloudfront')).toHaveLength(1);
  });

  it('lets the app tier be reached only from the load balancer', () => {
    expect(rules.filter((each) => each.group === 'app' && each.direction === 'in').map((each) => each.peer)).toEqual(['alb']);
  });

  it('lets the data and cache tiers be reached only from the app tier, and gives them no egress', () => {
    for (const tier of ['data', 'cache']) {
      expect(rules.filter((each) => each.group === tier && each.direction === 'in').map((each) => each.peer)).toEqual(['app']);
      expect(rules.filter((each) => each.group === tier && each.direction === 'out')).toEqual([]);
    }
  });

  it('lets the interface endpoints be reached only from the app tier, on 443', () => {
    expect(rules.filter((each) => each.group === 'endpoints')).toEqual([rule('endpoints', 'in', 443, 'app')]);
  });

  it('reaches S3 and DynamoDB through the gateway endpoints\' prefix lists, with no data source lookup', () => {
    const egress = Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule'));
    const prefixLists = egress.map((each) => each.prefix_list_id).filter((id) => id !== undefined);
    expect(prefixLists).toHaveLength(2);
    for (const id of prefixLists) expect(id).toMatch(/^\$\{aws_vpc_endpoint\.[^.]+\.prefix_list_id\}$/);
  });

  it('admits 0.0.0.0/0 (or ::/0) nowhere', () => {
    for (const each of Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule'))) {
      expect(each.cidr_ipv4).toBeUndefined();
      expect(each.cidr_ipv6).toBeUndefined();
    }
  });

  it('has no egress to the internet unless network.appInternetEgress is set', () => {
    expect(rules.filter((each) => each.peer === '0.0.0.0/0')).toEqual([]);
  });

  it('lets the app tier reach the internet on 443, and only that, when network.appInternetEgress is set', () => {
    const open = rulesOf(
      synthNetwork((input) => {
        input.network.appInternetEgress = true;
      }),
    );
    expect(open.filter((each) => each.peer === '0.0.0.0/0')).toEqual([rule('app', 'out', 443, '0.0.0.0/0')]);
    expect(open.filter((each) => each.direction === 'in' && each.peer === '0.0.0.0/0')).toEqual([]);
  });

  it('opens the configured ports', () => {
    const custom = rulesOf(
      synthNetwork((input) => {
        input.network.ports = { app: 8080, database: 3306, cache: 11211 };
      }),
    );
    expect(custom).toEqual(
      expect.arrayContaining([
        rule('alb', 'out', 8080, 'app'),
        rule('app', 'in', 8080, 'alb'),
        rule('app', 'out', 3306, 'data'),
        rule('data', 'in', 3306, 'app'),
        rule('app', 'out', 11211, 'cache'),
        rule('cache', 'in', 11211, 'app'),
      ]),
    );
  });
});

describe('tier security groups construct', () => {
  /** The construct alone in a small stack, with `appInternetEgress` as given (left out when undefined). */
  const synthGroups = (appInternetEgress?: boolean) => {
    const stack = new TerraformStack(new App(), 'test');
    const props: TierSecurityGroupsProps = {
      naming: new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' }),
      vpcId: 'vpc-1',
      ports: { app: 80, database: 5432, cache: 6379 },
      s3PrefixListId: 'pl-s3',
      dynamodbPrefixListId: 'pl-dynamodb',
      ...(appInternetEgress === undefined ? {} : { appInternetEgress }),
    };
    new TierSecurityGroups(stack, 'sg', props);
    return synthStack(stack);
  };
  /** Egress rules to 0.0.0.0/0, as [group, protocol, from port, to port]. */
  const internetEgress = (json: SynthesizedStack) =>
    Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule'))
      .filter((each) => each.cidr_ipv4 === '0.0.0.0/0' || each.cidr_ipv6 === '::/0')
      .map((each) => [each.security_group_id, each.ip_protocol, each.from_port, each.to_port]);

  it.each([
    ['left out', undefined],
    ['false', false],
  ])('gives no group egress to the internet when appInternetEgress is %s', (_, appInternetEgress) => {
    expect(internetEgress(synthGroups(appInternetEgress))).toEqual([]);
  });

  it('lets only the app group reach the internet, on TCP 443 to 0.0.0.0/0, when appInternetEgress is true', () => {
    const json = synthGroups(true);
    const app = Object.entries(resourcesOf(json, 'aws_security_group')).find(([, group]) => group.name === 'webplat-test-network-app')![0];
    expect(internetEgress(json)).toEqual([[refTo('aws_security_group', app), 'tcp', 443, 443]]);
  });
});
