import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { siteNames } from '../config/schema';
import { runSynth } from '../stacks/synth';
import { ConfigDir } from './support/config-dir';
import { testConfig } from './support/fixtures';

type Change = (input: Record<string, any>) => void;

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

describe('web system configuration', () => {
  it('defaults to the domain and www, two web servers and the Amazon Linux 2023 AMI', () => {
    const config = testConfig();
    expect(siteNames(config)).toEqual(['test.example.com', 'www.test.example.com']);
    expect(config.app).toMatchObject({ instanceType: 't3.small', minSize: 2, maxSize: 4, desiredCapacity: 2 });
    expect(config.app.ami).toEqual({ source: 'ssm-parameter', parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', family: 'al2023' });
    expect(config.edge).toEqual({
      priceClass: 'PriceClass_100',
      uploadsVersioning: true,
      rateLimitPer5Minutes: 2000,
      largeBodyPaths: [],
      application: 'wordpress',
      loginRateLimitPer5Minutes: 100,
      xmlrpc: 'block',
      extraManagedRuleGroups: [],
      logs: { retentionDays: 90, redactedHeaders: ['authorization', 'cookie'] },
    });
  });

  it('rejects a domain that is not a DNS name', () => {
    expect(dir.problemsFor((input) => (input.domain = 'site_example.com'))).toContainEqual(
      expect.objectContaining({ field: 'domain', received: '"site_example.com"' }),
    );
  });

  it('rejects an alternative name outside the zone', () => {
    expect(dir.problemsFor((input) => (input.dns = { subjectAlternativeNames: ['www.test.example.com', 'www.other.org'] }))).toEqual([
      { field: 'dns.subjectAlternativeNames[1]', received: '"www.other.org"', expected: 'expected a name inside the zone test.example.com, such as www.test.example.com' },
    ]);
  });

  it('rejects a name that only ends like the zone', () => {
    expect(dir.problemsFor((input) => (input.dns = { subjectAlternativeNames: ['eviltest.example.com'] }))).toContainEqual(
      expect.objectContaining({ field: 'dns.subjectAlternativeNames[0]', received: '"eviltest.example.com"' }),
    );
  });

  it('rejects the domain itself or a repeated name among the alternative names', () => {
    expect(dir.problemsFor((input) => (input.dns = { subjectAlternativeNames: ['test.example.com', 'www.test.example.com', 'www.test.example.com'] }))).toEqual([
      { field: 'dns.subjectAlternativeNames[0]', received: '"test.example.com"', expected: 'expected a name below test.example.com: the domain itself is always covered' },
      { field: 'dns.subjectAlternativeNames[2]', received: '"www.test.example.com"', expected: 'expected each name once' },
    ]);
  });

  it('rejects a load balancer with fewer than two public subnets', () => {
    const problems = dir.problemsFor((input) => {
      input.network.availabilityZones = ['eu-west-1a'];
      input.network.subnets.public = ['10.0.0.0/24'];
    });
    expect(problems).toContainEqual({ field: 'network.availabilityZones', received: '["eu-west-1a"]', expected: 'expected at least 2 availability zones' });
  });

  it('rejects one public subnet for two zones', () => {
    expect(dir.problemsFor((input) => (input.network.subnets.public = ['10.0.0.0/24']))).toEqual([
      { field: 'network.subnets.public', received: '["10.0.0.0/24"]', expected: 'expected one subnet per availability zone (2), got 1' },
    ]);
  });

  it('rejects a minimum capacity above the maximum', () => {
    expect(dir.problemsFor((input) => (input.app = { minSize: 5, maxSize: 3, desiredCapacity: 3 }))).toEqual([
      { field: 'app.minSize', received: '5', expected: 'expected at most app.maxSize (3)' },
      { field: 'app.desiredCapacity', received: '3', expected: 'expected a value from app.minSize (5) to app.maxSize (3)' },
    ]);
  });

  it('rejects a desired capacity outside the bounds', () => {
    expect(dir.problemsFor((input) => (input.app = { minSize: 1, maxSize: 3, desiredCapacity: 4 }))).toEqual([
      { field: 'app.desiredCapacity', received: '4', expected: 'expected a value from app.minSize (1) to app.maxSize (3)' },
    ]);
    expect(dir.problemsFor((input) => (input.app = { minSize: 2, maxSize: 3, desiredCapacity: 1 }))).toEqual([
      { field: 'app.desiredCapacity', received: '1', expected: 'expected a value from app.minSize (2) to app.maxSize (3)' },
    ]);
  });

  it.each(['x9.large', 'p4d.24xlarge', 't3', 't3.small.x'])('rejects the instance type %s', (instanceType) => {
    expect(dir.problemsFor((input) => (input.app = { instanceType }))).toEqual([
      expect.objectContaining({ field: 'app.instanceType', received: JSON.stringify(instanceType), expected: expect.stringMatching(/^expected <family>\.<size> with family one of t3, t3a, .*, t4g, m6g/) }),
    ]);
  });

  it('rejects a size its family does not come in, listing the sizes it does', () => {
    expect(dir.problemsFor((input) => (input.app = { instanceType: 't3.huge' }))).toEqual([
      {
        field: 'app.instanceType',
        received: '"t3.huge"',
        expected: 'expected a size the t3 family comes in: t3.nano, t3.micro, t3.small, t3.medium, t3.large, t3.xlarge or t3.2xlarge',
      },
    ]);
  });

  it('rejects a parent-zone delegation without its role ARN', () => {
    expect(dir.problemsFor((input) => (input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB' } }))).toEqual([
      { field: 'dns.parentZone.roleArn', received: undefined, expected: "expected the ARN of a role in the parent zone's account: delegation writes NS records there" },
    ]);
  });

  it('rejects a malformed role ARN', () => {
    expect(dir.problemsFor((input) => (input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB', roleArn: 'arn:aws:iam::1234:role/x' } }))).toContainEqual(
      expect.objectContaining({ field: 'dns.parentZone.roleArn', received: '"arn:aws:iam::1234:role/x"' }),
    );
  });

  it('rejects a large-body path that is not a URL path prefix', () => {
    expect(dir.problemsFor((input) => (input.edge = { largeBodyPaths: ['wp-admin/async-upload.php'] }))).toEqual([
      { field: 'edge.largeBodyPaths[0]', received: '"wp-admin/async-upload.php"', expected: 'expected a URL path prefix starting with /, such as /wp-admin/async-upload.php' },
    ]);
  });

  it('rejects / or a repeated prefix as a large-body path', () => {
    expect(dir.problemsFor((input) => (input.edge = { largeBodyPaths: ['/', '/wp-json/', '/wp-json/'] }))).toEqual([
      { field: 'edge.largeBodyPaths[0]', received: '"/"', expected: 'expected a narrower prefix than /, which would switch the body size limit off for the whole site' },
      { field: 'edge.largeBodyPaths[2]', received: '"/wp-json/"', expected: 'expected each path prefix once' },
    ]);
  });

  it('rejects more than ten large-body paths', () => {
    const paths = Array.from({ length: 11 }, (_, index) => `/upload-${index}/`);
    expect(dir.problemsFor((input) => (input.edge = { largeBodyPaths: paths }))).toEqual([
      expect.objectContaining({ field: 'edge.largeBodyPaths', expected: 'expected at most 10 path prefixes' }),
    ]);
  });

  it('rejects an unknown key in a web section', () => {
    expect(dir.problemsFor((input) => (input.edge = { rateLimit: 100 }))).toEqual([
      {
        field: 'edge.rateLimit',
        received: 'unknown key "rateLimit"',
        expected:
          'expected only the keys: priceClass, uploadsVersioning, rateLimitPer5Minutes, largeBodyPaths, application, loginRateLimitPer5Minutes, xmlrpc, extraManagedRuleGroups, cachedPaths, logs',
      },
    ]);
  });
});

describe('synth with bad web system input', () => {
  const cases: [string, Change, RegExp][] = [
    ['a malformed domain', (input) => (input.domain = 'site_example.com'), /domain: got "site_example\.com"; expected a lower-case DNS name/],
    ['an alternative name outside the zone', (input) => (input.dns = { subjectAlternativeNames: ['www.other.org'] }), /dns\.subjectAlternativeNames\[0\]: got "www\.other\.org"; expected a name inside the zone/],
    ['one public subnet', (input) => (input.network.subnets.public = ['10.0.0.0/24']), /network\.subnets\.public: got \["10\.0\.0\.0\/24"\]; expected one subnet per availability zone/],
    ['min above max', (input) => (input.app = { minSize: 5, maxSize: 3, desiredCapacity: 3 }), /app\.minSize: got 5; expected at most app\.maxSize \(3\)/],
    ['desired above max', (input) => (input.app = { minSize: 1, maxSize: 3, desiredCapacity: 4 }), /app\.desiredCapacity: got 4; expected a value from app\.minSize/],
    ['an unknown instance family', (input) => (input.app = { instanceType: 'x9.large' }), /app\.instanceType: got "x9\.large"; expected <family>\.<size>/],
    ['delegation without a role', (input) => (input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB' } }), /dns\.parentZone\.roleArn: missing; expected the ARN of a role/],
  ];

  it.each(cases)('with %s exits 1, names file and field, and writes nothing', (_name, change, message) => {
    const work = mkdtempSync(join(tmpdir(), 'web-synth-'));
    try {
      const outdir = join(work, 'cdktf.out');
      mkdirSync(outdir);
      writeFileSync(join(outdir, 'previous.txt'), 'kept');
      dir.writeEnvironment('test', change);
      const messages: string[] = [];
      const code = runSynth({ configDir: dir.path, outdir, createApp: (folder) => new App({ outdir: folder }), log: (line) => messages.push(line) });
      expect(code).toBe(1);
      expect(messages.join('\n')).toMatch(/test\.yaml:\n  - /);
      expect(messages.join('\n')).toMatch(message);
      expect(readdirSync(outdir)).toEqual(['previous.txt']);
      expect(existsSync(`${outdir}.staging`)).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
