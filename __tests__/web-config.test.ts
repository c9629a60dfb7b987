import { ConfigError } from '../config/errors';
import { loadEnvironments } from '../config/load';
import { siteNames } from '../config/schema';
import { ConfigDir } from './support/config-dir';
import { testConfig } from './support/fixtures';

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

function problemsFor(change: (input: Record<string, any>) => void) {
  dir.writeEnvironment('test', change);
  try {
    loadEnvironments(['test'], dir.path);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

describe('web system configuration', () => {
  it('defaults to the domain and www, two web servers and the Amazon Linux 2023 AMI', () => {
    const config = testConfig();
    expect(siteNames(config)).toEqual(['test.example.com', 'www.test.example.com']);
    expect(config.app).toMatchObject({ instanceType: 't3.small', minSize: 2, maxSize: 4, desiredCapacity: 2 });
    expect(config.app.amiParameter).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
  });

  it('rejects a domain that is not a DNS name', () => {
    expect(problemsFor((input) => (input.domain = 'site_example.com'))).toContainEqual(
      expect.objectContaining({ field: 'domain', received: '"site_example.com"' }),
    );
  });

  it('rejects an alternative name outside the zone', () => {
    expect(problemsFor((input) => (input.dns = { subjectAlternativeNames: ['www.test.example.com', 'www.other.org'] }))).toEqual([
      { field: 'dns.subjectAlternativeNames[1]', received: '"www.other.org"', expected: 'expected a name inside the zone test.example.com, such as www.test.example.com' },
    ]);
  });

  it('rejects a name that only ends like the zone', () => {
    expect(problemsFor((input) => (input.dns = { subjectAlternativeNames: ['eviltest.example.com'] }))).toContainEqual(
      expect.objectContaining({ field: 'dns.subjectAlternativeNames[0]', received: '"eviltest.example.com"' }),
    );
  });

  it('rejects a load balancer with fewer than two public subnets', () => {
    const problems = problemsFor((input) => {
      input.network.availabilityZones = ['eu-west-1a'];
      input.network.subnets.public = ['10.0.0.0/24'];
    });
    expect(problems).toContainEqual({ field: 'network.availabilityZones', received: '["eu-west-1a"]', expected: 'expected at least 2 availability zones' });
  });

  it('rejects a minimum capacity above the maximum', () => {
    expect(problemsFor((input) => (input.app = { minSize: 5, maxSize: 3, desiredCapacity: 3 }))).toEqual([
      { field: 'app.minSize', received: '5', expected: 'expected at most app.maxSize (3)' },
      { field: 'app.desiredCapacity', received: '3', expected: 'expected a value from app.minSize (5) to app.maxSize (3)' },
    ]);
  });

  it('rejects a desired capacity outside the bounds', () => {
    expect(problemsFor((input) => (input.app = { minSize: 1, maxSize: 3, desiredCapacity: 4 }))).toEqual([
      { field: 'app.desiredCapacity', received: '4', expected: 'expected a value from app.minSize (1) to app.maxSize (3)' },
    ]);
  });

  it.each(['x9.large', 'p4d.24xlarge', 't3', 't3.huge', 'm6g.large'])('rejects the instance type %s', (instanceType) => {
    expect(problemsFor((input) => (input.app = { instanceType }))).toEqual([
      expect.objectContaining({ field: 'app.instanceType', received: JSON.stringify(instanceType), expected: expect.stringMatching(/^expected <family>\.<size> with family one of t3, t3a/) }),
    ]);
  });

  it('rejects a parent-zone delegation without its role ARN', () => {
    expect(problemsFor((input) => (input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB' } }))).toEqual([
      { field: 'dns.parentZone.roleArn', received: undefined, expected: "expected the ARN of a role in the parent zone's account: delegation writes NS records there" },
    ]);
  });

  it('rejects a malformed role ARN', () => {
    expect(problemsFor((input) => (input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB', roleArn: 'arn:aws:iam::1234:role/x' } }))).toContainEqual(
      expect.objectContaining({ field: 'dns.parentZone.roleArn', received: '"arn:aws:iam::1234:role/x"' }),
    );
  });
});
