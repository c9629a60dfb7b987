import { Naming } from '../constructs/naming';
import { defaultTags } from '../constructs/tags';
import { testConfig } from './support/fixtures';

const naming = new Naming({ project: 'webplat', environment: 'dev', accountId: '123456789012' });

describe('physical names', () => {
  it('are <project>-<env>-<tier>-<purpose>', () => {
    expect(naming.name('network', 'flow-logs')).toBe('webplat-dev-network-flow-logs');
  });

  it('are shortened to the limit with a stable hash suffix', () => {
    const long = naming.name('app', 'a-very-long-purpose-for-a-target-group', 32);
    expect(long).toHaveLength(32);
    expect(long).toMatch(/^webplat-dev-app-a-very-lo-[0-9a-f]{6}$/);
    expect(naming.name('app', 'a-very-long-purpose-for-a-target-group', 32)).toBe(long);
    expect(naming.name('app', 'a-very-long-purpose-for-a-target-grouq', 32)).not.toBe(long);
  });

  it('make bucket names globally unique with the account id, within 63 characters', () => {
    expect(naming.bucketName('state', 'tfstate')).toBe('webplat-dev-state-tfstate-123456789012');
    const long = naming.bucketName('edge', 'x'.repeat(80));
    // S3 bucket names are 3 to 63 characters long (AWS's bucket naming rules).
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/-123456789012$/);
  });
});

describe('default tags', () => {
  it('carry project, environment, tier and managed-by', () => {
    expect(defaultTags(testConfig(), 'network')).toEqual({ project: 'webplat', environment: 'test', tier: 'network', 'managed-by': 'cdktf' });
  });

  it('add the environment tags but never let them replace the standard four', () => {
    // The config schema refuses a standard key in tags; this proves the order holds even so.
    const config = { ...testConfig(), tags: { 'cost-center': 'web', tier: 'spoofed' } };
    expect(defaultTags(config, 'app')).toEqual({ 'cost-center': 'web', project: 'webplat', environment: 'test', tier: 'app', 'managed-by': 'cdktf' });
  });
});
