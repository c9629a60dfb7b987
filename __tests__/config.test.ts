import { ConfigError } from '../config/errors';
import { DEFAULT_CONFIG_DIR, listEnvironments, loadEnvironments } from '../config/load';
import { ConfigDir } from './support/config-dir';

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

/** Loads `name` from the temp folder and returns the ConfigError it must raise. */
function errorFor(name = 'test'): ConfigError {
  try {
    loadEnvironments([name], dir.path);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

describe('valid environments', () => {
  it('loads the base environment with defaults filled in', () => {
    const config = dir.loadWith(() => undefined);
    expect(config.environment).toBe('test');
    expect(config.systems).toEqual(['web-platform']);
    expect(config.state.locking).toBe('dynamodb');
    expect(config.network.natGateways).toBe('single');
    expect(config.network.interfaceEndpoints).toEqual(['ssm', 'ssmmessages', 'ec2messages', 'logs']);
    expect(config.production).toBe(false);
  });

  it('loads every environment of the folder, sorted, when none is named', () => {
    dir.writeEnvironment('prod');
    dir.writeEnvironment('dev');
    expect(loadEnvironments([], dir.path).map((config) => config.environment)).toEqual(['dev', 'prod']);
    expect(listEnvironments(dir.path)).toEqual(['dev', 'prod']);
  });

  it('loads only the environments asked for', () => {
    dir.writeEnvironment('prod');
    dir.writeEnvironment('dev');
    expect(loadEnvironments(['prod'], dir.path).map((config) => config.environment)).toEqual(['prod']);
  });

  it('loads every shipped environment file, whichever ship', () => {
    const shipped = listEnvironments(DEFAULT_CONFIG_DIR);
    expect(shipped.length).toBeGreaterThan(0);
    expect(loadEnvironments().map((config) => config.environment)).toEqual(shipped);
    for (const name of shipped) expect(loadEnvironments([name]).map((config) => config.environment)).toEqual([name]);
  });
});

describe('bad input', () => {
  it('rejects a file that is not valid YAML, naming the line', () => {
    dir.write('test', 'project: webplat\nnetwork: [unclosed\n');
    const error = errorFor();
    expect(error.file).toMatch(/test\.yaml$/);
    expect(error.message).toMatch(/expected valid YAML: .*\(line \d+, column \d+\)/);
  });

  it('rejects a file whose top level is not a mapping', () => {
    dir.write('test', '- just\n- a list\n');
    expect(errorFor().message).toMatch(/\(file\): got \["just","a list"\]; expected a mapping of settings at the top level/);
  });

  it('rejects an unknown key, listing the accepted ones', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.natGateway = 'single';
    });
    const error = errorFor();
    expect(error.problems).toEqual([
      expect.objectContaining({ field: 'network.natGateway', received: 'unknown key "natGateway"' }),
    ]);
    expect(error.message).toMatch(/expected only the keys: cidr, availabilityZones, subnets, natGateways/);
  });

  it('rejects an unknown top-level key', () => {
    dir.writeEnvironment('test', (input) => {
      input.regoin = 'eu-west-1';
    });
    expect(errorFor().message).toMatch(/regoin: got unknown key "regoin"; expected only the keys: project, environment, accountId/);
  });

  it('rejects an invalid CIDR, showing the value', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.cidr = '10.0.0.300/16';
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.cidr',
      received: '"10.0.0.300/16"',
      expected: 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16',
    });
  });

  it('rejects a CIDR with host bits set', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.subnets.public[0] = '10.0.0.1/24';
    });
    expect(errorFor().problems).toContainEqual(expect.objectContaining({ field: 'network.subnets.public[0]', received: '"10.0.0.1/24"' }));
  });

  it('rejects a subnet outside the VPC', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.subnets.privateData[1] = '10.99.0.0/24';
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.subnets.privateData[1]',
      received: '"10.99.0.0/24"',
      expected: 'expected a subnet inside the VPC CIDR 10.0.0.0/16',
    });
  });

  it('rejects overlapping subnets, naming the one overlapped', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.subnets.privateApp[0] = '10.0.0.0/20';
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.subnets.privateApp[0]',
      received: '"10.0.0.0/20"',
      expected: 'expected a subnet that overlaps no other; it overlaps network.subnets.public[0] (10.0.0.0/24)',
    });
  });

  it('rejects fewer subnets than availability zones', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.subnets.public = ['10.0.0.0/24'];
    });
    expect(errorFor().message).toMatch(/network\.subnets\.public: got \["10\.0\.0\.0\/24"\]; expected one subnet per availability zone \(2\), got 1/);
  });

  it('rejects fewer than two availability zones', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.availabilityZones = ['eu-west-1a'];
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.availabilityZones',
      received: '["eu-west-1a"]',
      expected: 'expected at least 2 availability zones',
    });
  });

  it('rejects an availability zone outside the region', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.availabilityZones = ['eu-west-1a', 'us-east-1b'];
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.availabilityZones[1]',
      received: '"us-east-1b"',
      expected: 'expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c',
    });
  });

  it('rejects the same availability zone twice', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.availabilityZones = ['eu-west-1a', 'eu-west-1a'];
    });
    expect(errorFor().message).toMatch(/network\.availabilityZones\[1\]: got "eu-west-1a"; expected each availability zone once/);
  });

  it('rejects a malformed domain', () => {
    dir.writeEnvironment('test', (input) => {
      input.domain = 'Example..com';
    });
    expect(errorFor().problems).toContainEqual(
      expect.objectContaining({ field: 'domain', received: '"Example..com"', expected: expect.stringMatching(/^expected a lower-case DNS name/) }),
    );
  });

  it('rejects an unknown region', () => {
    dir.writeEnvironment('test', (input) => {
      input.region = 'europe-1';
    });
    expect(errorFor().problems).toContainEqual({ field: 'region', received: '"europe-1"', expected: 'expected an AWS region name such as eu-west-1' });
  });

  it('rejects an account id written as a number, before its digits are counted', () => {
    dir.writeEnvironment('test', (input) => {
      input.accountId = 12345;
    });
    expect(errorFor().problems).toContainEqual({ field: 'accountId', received: '12345', expected: 'expected string' });
  });

  it('rejects a value outside an enumeration, listing the accepted ones', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.natGateways = 'two';
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.natGateways',
      received: '"two"',
      expected: 'expected one of: "none", "single", "per-az"',
    });
  });

  it('rejects a log retention CloudWatch does not offer', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.flowLogs = { retentionDays: 10 };
    });
    expect(errorFor().message).toMatch(/network\.flowLogs\.retentionDays: got 10; expected one of 1, 3, 5, 7, 14, 30/);
  });

  it('rejects a KMS key that is not a key ARN', () => {
    dir.writeEnvironment('test', (input) => {
      input.observability = { kmsKeyArn: 'alias/logs' };
    });
    expect(errorFor().problems).toContainEqual({
      field: 'observability.kmsKeyArn',
      received: '"alias/logs"',
      expected: 'expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>, or key/mrk-<32 hex digits> for a multi-region key)',
    });
  });

  it('rejects a KMS key of another region for logs and for state', () => {
    const otherRegionKey = 'arn:aws:kms:us-east-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
    dir.writeEnvironment('test', (input) => {
      input.observability = { kmsKeyArn: otherRegionKey };
      input.state = { kmsKeyArn: otherRegionKey };
    });
    const fields = errorFor().problems.filter((problem) => problem.expected === 'expected a key in the home region eu-west-1').map((problem) => problem.field);
    expect(fields).toEqual(['state.kmsKeyArn', 'observability.kmsKeyArn']);
  });

  it('rejects a missing required value', () => {
    dir.writeEnvironment('test', (input) => {
      delete input.network.cidr;
    });
    expect(errorFor().problems).toContainEqual({ field: 'network.cidr', received: undefined, expected: 'a required value (string) is missing' });
    expect(errorFor().message).toContain('network.cidr: missing; a required value (string) is missing');
  });

  it('rejects a file whose environment field differs from its name', () => {
    dir.writeEnvironment('test', (input) => {
      input.environment = 'prod';
    });
    expect(errorFor().problems).toEqual([{ field: 'environment', received: '"prod"', expected: 'expected "test", the file\'s name' }]);
  });

  it('rejects an unknown environment, listing the known ones', () => {
    dir.writeEnvironment('dev');
    dir.writeEnvironment('prod');
    const error = errorFor('qa');
    expect(error.message).toBe(
      `Invalid configuration in ${error.file}:\n  - environment: got "qa"; expected one of the environments defined there: dev, prod`,
    );
  });

  it('rejects a folder with no environment files', () => {
    expect(() => loadEnvironments([], dir.path)).toThrow(/expected at least one <environment>\.yaml file/);
  });

  it('rejects a folder that does not exist', () => {
    expect(() => loadEnvironments([], `${dir.path}/missing`)).toThrow(/missing:\n  - expected a folder of <environment>\.yaml files/);
  });

  it('rejects internet egress for the app tier when there is no NAT gateway', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.natGateways = 'none';
      input.network.appInternetEgress = true;
    });
    expect(errorFor().problems).toContainEqual({
      field: 'network.appInternetEgress',
      received: 'true',
      expected: 'expected false while network.natGateways is "none" (no route to the internet); or set natGateways to "single" or "per-az"',
    });
  });

  it('rejects an interface endpoint listed twice', () => {
    dir.writeEnvironment('test', (input) => {
      input.network.interfaceEndpoints = ['ssm', 'logs', 'ssm'];
    });
    expect(errorFor().problems).toEqual([{ field: 'network.interfaceEndpoints[2]', received: '"ssm"', expected: 'expected each service once' }]);
  });

  it('reports every problem of a file at once', () => {
    dir.writeEnvironment('test', (input) => {
      input.domain = 'bad domain';
      input.network.cidr = 'nope';
    });
    expect(errorFor().problems.map((problem) => problem.field)).toEqual(['domain', 'network.cidr']);
  });
});

describe('id and ARN formats: a string of the right type but the wrong shape', () => {
  /** The problems `field` gets once `change` has written a wrong value there; the message must name the file too. */
  function problemsOf(field: string, change: (input: Record<string, any>) => void) {
    dir.writeEnvironment('test', change);
    const error = errorFor();
    expect(error.file).toMatch(/[\\/]test\.yaml$/);
    expect(error.message).toMatch(/^Invalid configuration in .*[\\/]test\.yaml:\n/);
    return { problems: error.problems.filter((problem) => problem.field === field), message: error.message };
  }

  const ACCOUNT_ID_EXPECTED = 'expected a 12-digit AWS account id as a quoted string';

  it.each([
    ['11 digits', '12345678901'],
    ['13 digits', '1234567890123'],
    ['12 characters, one a letter', '12345678901a'],
    ['spaces between the groups', '1234 5678 9012'],
    ['dashes between the groups', '1234-5678-9012'],
    ['a space before it', ' 123456789012'],
    ['nothing', ''],
  ])('rejects an account id of %s, naming the file, the field and the value', (_case, accountId) => {
    const { problems, message } = problemsOf('accountId', (input) => (input.accountId = accountId));
    expect(problems).toEqual([{ field: 'accountId', received: JSON.stringify(accountId), expected: ACCOUNT_ID_EXPECTED }]);
    expect(message).toContain(`\n  - accountId: got ${JSON.stringify(accountId)}; ${ACCOUNT_ID_EXPECTED}`);
  });

  it('accepts a quoted 12-digit account id with a leading zero, keeping the zero', () => {
    dir.write('test', dir.environmentYaml('test').replace(/^accountId: .*$/m, 'accountId: "012345678901"'));
    expect(loadEnvironments(['test'], dir.path)[0].accountId).toBe('012345678901');
  });

  it('rejects the same account id unquoted, which YAML reads as a number without its leading zero', () => {
    dir.write('test', dir.environmentYaml('test').replace(/^accountId: .*$/m, 'accountId: 012345678901'));
    expect(errorFor().problems).toContainEqual(expect.objectContaining({ field: 'accountId', expected: 'expected string' }));
  });

  it.each([
    ['a lower-case z', 'z0123456789ABCDEFGHIJ'],
    ['the /hostedzone/ prefix of the API', '/hostedzone/Z0123456789ABCDEFGHIJ'],
    ['too few characters', 'Z012'],
    ['lower-case letters', 'Z0123456789abcdefghij'],
    ['nothing', ''],
  ])('rejects a hosted zone id with %s, in each field that takes one', (_case, zoneId) => {
    const expected = 'expected a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ';
    const received = JSON.stringify(zoneId);
    expect(problemsOf('dns.hostedZoneId', (input) => (input.dns = { hostedZoneId: zoneId })).problems).toEqual([{ field: 'dns.hostedZoneId', received, expected }]);
    const parent = { zoneId, roleArn: 'arn:aws:iam::333333333333:role/dns-delegation' };
    expect(problemsOf('dns.parentZone.zoneId', (input) => (input.dns = { parentZone: parent })).problems).toEqual([{ field: 'dns.parentZone.zoneId', received, expected }]);
    const website = (input: Record<string, any>) => {
      input.systems = ['web-platform', 'static-website'];
      input.staticWebsite = { hostName: 'www.test.example.com', hostedZoneId: zoneId };
    };
    expect(problemsOf('staticWebsite.hostedZoneId', website).problems).toEqual([{ field: 'staticWebsite.hostedZoneId', received, expected }]);
  });

  it.each([
    ['a region, no zone letter', 'eu-west-1'],
    ['a zone id instead of a name', 'euw1-az1'],
    ['capitals', 'EU-WEST-1A'],
    ['two zone letters', 'eu-west-1ab'],
  ])('rejects an availability zone name that is %s', (_case, zone) => {
    const { problems } = problemsOf('network.availabilityZones[0]', (input) => (input.network.availabilityZones[0] = zone));
    expect(problems).toEqual([{ field: 'network.availabilityZones[0]', received: JSON.stringify(zone), expected: 'expected an availability zone name such as eu-west-1a' }]);
  });

  it.each([
    ['no prefix length', '10.0.0.0'],
    ['a prefix length over 32', '10.0.0.0/33'],
    ['an address with five numbers', '10.0.0.0.0/16'],
    ['a number over 255', '10.256.0.0/16'],
    ['spaces', '10.0.0.0 /16'],
  ])('rejects a VPC CIDR block with %s', (_case, cidr) => {
    const { problems } = problemsOf('network.cidr', (input) => (input.network.cidr = cidr));
    expect(problems).toEqual([{ field: 'network.cidr', received: JSON.stringify(cidr), expected: 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16' }]);
  });

  it.each([
    ['a user instead of a role', 'arn:aws:iam::333333333333:user/dns-delegation'],
    ['an account of 11 digits', 'arn:aws:iam::33333333333:role/dns-delegation'],
    ['a role name alone', 'dns-delegation'],
    ['no role name', 'arn:aws:iam::333333333333:role/'],
  ])('rejects a parent zone role ARN with %s', (_case, roleArn) => {
    const { problems } = problemsOf('dns.parentZone.roleArn', (input) => (input.dns = { parentZone: { zoneId: 'Z0PARENT0ZONE0EXAMPL', roleArn } }));
    expect(problems).toEqual([{ field: 'dns.parentZone.roleArn', received: JSON.stringify(roleArn), expected: 'expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)' }]);
  });
});
