import { App, Testing } from 'cdktf';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { testConfig } from './support/fixtures';
import { sandboxBlock, sandboxConfigFor } from './support/sandbox';

describe('stacks of one environment', () => {
  const stacks = buildEnvironmentStacks(new App(), testConfig());
  const dependenciesOf = (id: string) => stacks.find((stack) => stack.node.id === id)!.dependencies.map((stack) => stack.node.id).sort();

  it('are one per tier, named <env>-<tier>, in the order they are applied', () => {
    expect(stacks.map((stack) => stack.node.id)).toEqual(['test-state', 'test-network', 'test-dns', 'test-app', 'test-edge', 'test-ops']);
  });

  it('depend only on earlier tiers, so values flow forward', () => {
    expect(dependenciesOf('test-state')).toEqual([]);
    expect(dependenciesOf('test-network')).toEqual(['test-state']);
    expect(dependenciesOf('test-dns')).toEqual(['test-state']);
    expect(dependenciesOf('test-app')).toEqual(['test-dns', 'test-network']);
    expect(dependenciesOf('test-edge')).toEqual(['test-app', 'test-dns']);
    expect(dependenciesOf('test-ops')).toEqual(['test-app', 'test-dns', 'test-edge']);
  });
});

describe('stacks of a sandbox-only environment', () => {
  const stacks = buildEnvironmentStacks(new App(), sandboxConfigFor());

  it('are the state stack and the sandbox stack alone', () => {
    expect(stacks.map((stack) => stack.node.id)).toEqual(['test-state', 'test-sandbox']);
  });

  it('apply the sandbox after the state it keeps its own state in', () => {
    expect(stacks[1].dependencies.map((stack) => stack.node.id)).toEqual(['test-state']);
  });
});

describe('stacks of an environment holding the web platform and the sandbox', () => {
  const withSandbox = (input: Record<string, any>) => {
    input.systems = ['web-platform', 'sandbox'];
    input.sandbox = sandboxBlock();
  };
  const both = buildEnvironmentStacks(new App(), testConfig(withSandbox));
  const webOnly = buildEnvironmentStacks(new App(), testConfig());

  it('are the web platform\'s stacks in their order, then the sandbox', () => {
    expect(both.map((stack) => stack.node.id)).toEqual(['test-state', 'test-network', 'test-dns', 'test-app', 'test-edge', 'test-ops', 'test-sandbox']);
    expect(both[6].dependencies.map((stack) => stack.node.id)).toEqual(['test-state']);
  });

  it('leave every web platform stack byte-identical to the same environment without the sandbox', () => {
    expect(webOnly.map((stack) => stack.node.id)).toEqual(both.slice(0, 6).map((stack) => stack.node.id));
    webOnly.forEach((stack, index) => expect(Testing.synth(both[index], false)).toBe(Testing.synth(stack, false)));
  });
});
