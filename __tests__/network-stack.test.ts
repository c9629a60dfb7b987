import { App, Testing } from 'cdktf';
import { NETWORK_OUTPUT_NAMES } from '../constructs/network-outputs';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { NetworkStack } from '../stacks/network-stack';
import { testConfig } from './support/fixtures';
import { refTo, resourcesOf } from './support/synth';
import { synthNetwork } from './support/network';

describe('network stack', () => {
  const json = synthNetwork();

  it('pins the provider to the environment account and region, tagged as the network tier', () => {
    expect(json.provider?.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['123456789012'],
        default_tags: [{ tags: { project: 'webplat', environment: 'test', tier: 'network', 'managed-by': 'cdktf' } }],
      },
    ]);
  });

  it('keeps its state in the environment\'s state bucket, locked by the lock table', () => {
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: 'webplat-test-state-tfstate-123456789012',
        key: 'test/network.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        dynamodb_table: 'webplat-test-state-locks',
      },
    });
  });

  it('publishes exactly the outputs later tiers read, each described', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(Object.values(NETWORK_OUTPUT_NAMES).sort());
    for (const output of Object.values(json.output ?? {})) expect(output.description).toMatch(/\S/);
  });

  it('points the outputs at the resources they name', () => {
    const only = (type: string) => Object.keys(resourcesOf(json, type))[0];
    const group = (tier: string) =>
      refTo('aws_security_group', Object.entries(resourcesOf(json, 'aws_security_group')).find(([, sg]) => sg.name === `webplat-test-network-${tier}`)![0]);
    const outputs = json.output ?? {};
    expect(outputs.vpc_id.value).toBe(refTo('aws_vpc', only('aws_vpc')));
    expect(outputs.vpc_cidr.value).toBe(refTo('aws_vpc', only('aws_vpc'), 'cidr_block'));
    expect(outputs.alb_security_group_id.value).toBe(group('alb'));
    expect(outputs.app_security_group_id.value).toBe(group('app'));
    expect(outputs.data_security_group_id.value).toBe(group('data'));
    expect(outputs.cache_security_group_id.value).toBe(group('cache'));
    expect(outputs.endpoints_security_group_id.value).toBe(group('endpoints'));
    expect(outputs.private_zone_id.value).toBe(refTo('aws_route53_zone', only('aws_route53_zone'), 'zone_id'));
    expect(outputs.private_zone_name.value).toBe(refTo('aws_route53_zone', only('aws_route53_zone'), 'name'));
  });

  it.each([
    ['public_subnet_ids', 'public'],
    ['private_app_subnet_ids', 'app'],
    ['private_data_subnet_ids', 'data'],
  ])('outputs %s as a list in zone order', (output, kind) => {
    const subnets = Object.entries(resourcesOf(json, 'aws_subnet'));
    const expected = ['eu-west-1a', 'eu-west-1b'].map((zone) =>
      refTo('aws_subnet', subnets.find(([, subnet]) => (subnet.tags as Record<string, string>).Name === `webplat-test-network-${kind}-${zone}`)![0]),
    );
    expect(json.output?.[output].value).toEqual(expected);
  });

  it('synthesizes byte-identical JSON from the same config', () => {
    const first = Testing.synth(new NetworkStack(new App(), testConfig()));
    const second = Testing.synth(new NetworkStack(new App(), testConfig()));
    expect(second).toBe(first);
  });

  it('is built after the state stack of its environment, which it depends on', () => {
    const stacks = buildEnvironmentStacks(new App(), testConfig());
    const network = stacks.find((stack) => stack.node.id === 'test-network')!;
    expect(network.dependencies.map((stack) => stack.node.id)).toEqual(['test-state']);
  });
});
