import { App, Testing } from 'cdktf';
import { AppStack } from '../stacks/app-stack';
import { DnsStack } from '../stacks/dns-stack';
import { EdgeStack } from '../stacks/edge-stack';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { NetworkStack } from '../stacks/network-stack';
import { OpsStack } from '../stacks/ops-stack';
import { StateStack } from '../stacks/state-stack';
import { testConfig } from './support/fixtures';

describe('stacks of an environment with a data tier', () => {
  const stacks = buildEnvironmentStacks(new App(), testConfig((input) => (input.data = { database: {}, cache: {} })));
  const dependenciesOf = (id: string) => stacks.find((stack) => stack.node.id === id)!.dependencies.map((stack) => stack.node.id).sort();

  it('apply the data stack after network and dns, before app, edge and ops', () => {
    expect(stacks.map((stack) => stack.node.id)).toEqual(['test-state', 'test-network', 'test-dns', 'test-data', 'test-app', 'test-edge', 'test-ops']);
  });

  it('make the data stack wait for the state and the network it reads, and the app for the data tier', () => {
    expect(dependenciesOf('test-data')).toEqual(['test-network', 'test-state']);
    expect(dependenciesOf('test-app')).toEqual(['test-data', 'test-dns', 'test-network']);
    expect(dependenciesOf('test-edge')).toEqual(['test-app', 'test-dns']);
    expect(dependenciesOf('test-ops')).toEqual(['test-app', 'test-data', 'test-dns', 'test-edge']);
  });

  it('keep the data stack\'s state at <env>/data.tfstate and read the network from its state', () => {
    const json = JSON.parse(Testing.synth(stacks[3], false));
    expect(json.terraform.backend.s3.key).toBe('test/data.tfstate');
    expect(Object.keys(json.data.terraform_remote_state)).toEqual(['network-state']);
    expect(json.data.terraform_remote_state['network-state'].config.key).toBe('test/network.tfstate');
  });

  it('leave the state, network, dns and edge stacks byte-identical to the same environment without data', () => {
    const without = buildEnvironmentStacks(new App(), testConfig());
    for (const id of ['test-state', 'test-network', 'test-dns', 'test-edge']) {
      const synth = (all: typeof stacks) => Testing.synth(all.find((stack) => stack.node.id === id)!, false);
      expect(synth(stacks)).toBe(synth(without));
    }
  });
});

describe('stacks of an environment without a data tier', () => {
  const config = testConfig();
  const stacks = buildEnvironmentStacks(new App(), config);

  it('have no data stack, and no stack depends on one', () => {
    expect(stacks.map((stack) => stack.node.id)).toEqual(['test-state', 'test-network', 'test-dns', 'test-app', 'test-edge', 'test-ops']);
    expect(stacks.flatMap((stack) => stack.dependencies.map((dependency) => dependency.node.id))).not.toContain('test-data');
  });

  it('are byte for byte the stacks each tier builds on its own, as before the data tier', () => {
    const alone = [StateStack, NetworkStack, DnsStack, AppStack, EdgeStack, OpsStack].map((Stack) => Testing.synth(new Stack(new App(), config), false));
    expect(stacks.map((stack) => Testing.synth(stack, false))).toEqual(alone);
  });
});
