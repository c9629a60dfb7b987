import { App, Testing } from 'cdktf';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { testConfig } from './support/fixtures';
import { internalSiteBlock, s3SystemsConfig, staticWebsiteBlock, TEST_ZONE_ID } from './support/s3-systems';
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

describe('stacks of an environment holding the S3 systems', () => {
  const ids = (stacks: readonly { node: { id: string } }[]) => stacks.map((stack) => stack.node.id);
  const dependencies = (stacks: ReturnType<typeof buildEnvironmentStacks>, id: string) => ids(stacks.find((stack) => stack.node.id === id)!.dependencies).sort();

  it('are state and one stack per S3 system, each applied after state', () => {
    const stacks = buildEnvironmentStacks(new App(), s3SystemsConfig(['static-website', 'private-bucket', 'internal-site']));
    expect(ids(stacks)).toEqual(['test-state', 'test-website', 'test-files', 'test-intranet']);
    for (const id of ['test-website', 'test-files', 'test-intranet']) expect(dependencies(stacks, id)).toEqual(['test-state']);
  });

  it('build a stack for a system only when systems holds it, whatever settings blocks the configuration carries', () => {
    const blocks = s3SystemsConfig(['static-website', 'private-bucket', 'internal-site']);
    expect(ids(buildEnvironmentStacks(new App(), { ...blocks, systems: ['private-bucket'] }))).toEqual(['test-state', 'test-files']);
    expect(ids(buildEnvironmentStacks(new App(), { ...blocks, systems: [] }))).toEqual(['test-state']);
  });

  it('put the keys right after state, before every other stack, when the environment has its own keys', () => {
    const stacks = buildEnvironmentStacks(new App(), s3SystemsConfig(['static-website', 'private-bucket'], (input) => (input.encryption = { customerManagedKeys: true })));
    expect(ids(stacks)).toEqual(['test-state', 'test-keys', 'test-website', 'test-files']);
    expect(dependencies(stacks, 'test-keys')).toEqual(['test-state']);
    expect(dependencies(stacks, 'test-website')).toEqual(['test-keys']);
    expect(dependencies(stacks, 'test-files')).toEqual(['test-keys']);
    const web = buildEnvironmentStacks(new App(), testConfig((input) => (input.encryption = { customerManagedKeys: true })));
    expect(ids(web)).toEqual(['test-state', 'test-keys', 'test-network', 'test-dns', 'test-app', 'test-edge', 'test-ops']);
    expect(dependencies(web, 'test-network')).toEqual(['test-keys']);
    expect(dependencies(web, 'test-dns')).toEqual(['test-keys']);
  });

  it('apply the website and the internal site after the dns stack whose zone they use, and not when they name their own', () => {
    const beside = (zone: string | undefined) =>
      testConfig((input: Record<string, any>) => {
        input.systems = ['web-platform', 'static-website', 'internal-site'];
        input.staticWebsite = { ...staticWebsiteBlock(), hostName: 'blog.test.example.com', hostedZoneId: zone };
        input.internalSite = { ...internalSiteBlock(), hostedZoneId: zone };
      });
    const fromDns = buildEnvironmentStacks(new App(), beside(undefined));
    expect(ids(fromDns)).toEqual(['test-state', 'test-network', 'test-dns', 'test-app', 'test-edge', 'test-ops', 'test-website', 'test-intranet']);
    expect(dependencies(fromDns, 'test-website')).toEqual(['test-dns', 'test-state']);
    expect(dependencies(fromDns, 'test-intranet')).toEqual(['test-dns', 'test-state']);
    const ownZone = buildEnvironmentStacks(new App(), beside(TEST_ZONE_ID));
    expect(dependencies(ownZone, 'test-website')).toEqual(['test-state']);
    expect(dependencies(ownZone, 'test-intranet')).toEqual(['test-state']);
  });

  it('leave every web platform stack byte-identical to the same environment without them', () => {
    const withAll = buildEnvironmentStacks(
      new App(),
      testConfig((input: Record<string, any>) => {
        input.systems = ['web-platform', 'static-website', 'private-bucket', 'internal-site'];
        input.staticWebsite = { ...staticWebsiteBlock(), hostName: 'blog.test.example.com' };
        input.privateBucket = {};
        input.internalSite = internalSiteBlock();
      }),
    );
    const webOnly = buildEnvironmentStacks(new App(), testConfig());
    expect(ids(withAll).slice(0, webOnly.length)).toEqual(ids(webOnly));
    webOnly.forEach((stack, index) => expect(Testing.synth(withAll[index], false)).toBe(Testing.synth(stack, false)));
  });
});
