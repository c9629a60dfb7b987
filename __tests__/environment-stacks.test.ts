import { App } from 'cdktf';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { testConfig } from './support/fixtures';

describe('stacks of one environment', () => {
  const stacks = buildEnvironmentStacks(new App(), testConfig());
  const dependenciesOf = (id: string) => stacks.find((stack) => stack.node.id === id)!.dependencies.map((stack) => stack.node.id).sort();

  it('are one per tier, named <env>-<tier>, in the order they are applied', () => {
    expect(stacks.map((stack) => stack.node.id)).toEqual(['test-state', 'test-network', 'test-dns', 'test-app', 'test-edge']);
  });

  it('depend only on earlier tiers, so values flow forward', () => {
    expect(dependenciesOf('test-state')).toEqual([]);
    expect(dependenciesOf('test-network')).toEqual(['test-state']);
    expect(dependenciesOf('test-dns')).toEqual(['test-state']);
    expect(dependenciesOf('test-app')).toEqual(['test-dns', 'test-network']);
    expect(dependenciesOf('test-edge')).toEqual(['test-app', 'test-dns']);
  });
});
