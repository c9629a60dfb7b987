import { cidrsOverlap, parseIpv4Cidr } from '../config/cidr';
import { AVAILABILITY_ZONE_PATTERN, isDomainName, KMS_KEY_ARN_PATTERN, PROJECT_NAME_PATTERN, REGION_PATTERN } from '../config/patterns';
import { webPlatformConfig } from '../config/schema';
import { IAM_PRINCIPAL_ARN } from '../config/state';
import { ConfigDir } from './support/config-dir';
import { testConfig } from './support/fixtures';
import { privateBucketBlock, staticWebsiteBlock } from './support/s3-systems';
import { InputChange, schemaParsed, schemaProblems } from './support/schema-parse';

/**
 * The environment file's field rules, value by value: what each field accepts and refuses (at the
 * edges of AWS's documented limits), the message a refusal carries, and the default an omitted field gets.
 */

/** What the problems at exactly `field` say is accepted; empty when the field is fine. */
function expectedAt(field: string, change: InputChange): string[] {
  return schemaProblems(change)
    .filter((problem) => problem.field === field)
    .map((problem) => problem.expected);
}

const ACCOUNT = '123456789012';

describe('defaults of omitted fields', () => {
  it('fills the flow logs, the health check path and the price classes', () => {
    const config = schemaParsed((input) => {
      input.systems = ['web-platform', 'static-website'];
      input.staticWebsite = { ...staticWebsiteBlock(), hostName: 'static.test.example.com' };
    });
    expect(config.network?.flowLogs).toEqual({ retentionDays: 90, trafficType: 'ALL' });
    expect(config.app.healthCheckPath).toBe('/healthz');
    expect(config.edge.priceClass).toBe('PriceClass_100');
    expect(config.staticWebsite?.priceClass).toBe('PriceClass_100');
    expect(config.staticWebsite?.indexDocument).toBe('index.html');
    expect(config.staticWebsite?.errorDocument).toBe('error.html');
  });

  it.each(['PriceClass_100', 'PriceClass_200', 'PriceClass_All'])('accepts the CloudFront price class %s', (priceClass) => {
    expect(schemaParsed((input) => (input.edge = { priceClass })).edge.priceClass).toBe(priceClass);
  });

  it.each(['ALL', 'ACCEPT', 'REJECT'])('accepts the flow log traffic type %s', (trafficType) => {
    expect(schemaParsed((input) => (input.network.flowLogs = { trafficType })).network?.flowLogs.trafficType).toBe(trafficType);
  });

  it('fills the private bucket signed prefix and signer roles', () => {
    const config = schemaParsed((input) => {
      input.systems = ['web-platform', 'private-bucket'];
      input.privateBucket = privateBucketBlock();
    });
    expect(config.privateBucket).toEqual(expect.objectContaining({ signedPrefix: 'downloads/', signerRoleNames: [] }));
  });
});

describe('project, environment and region names', () => {
  const PROJECT = 'expected 3-16 characters of a-z, 0-9 and -, starting with a letter and not ending with -';
  // 3-16 characters: the project is the first part of every physical name (S3 bucket names: 3-63 lower-case characters).
  it.each([
    ['abc', true],
    ['web-plat2', true],
    ['a'.repeat(16), true],
    ['ab', false],
    ['a'.repeat(17), false],
    ['-webplat', false],
    ['2webplat', false],
    ['webplat-', false],
    ['web_plat', false],
    ['Webplat', false],
  ])('project %p accepted: %p', (project, accepted) => {
    expect(PROJECT_NAME_PATTERN.test(project)).toBe(accepted);
    expect(expectedAt('project', (input) => (input.project = project))).toEqual(accepted ? [] : [PROJECT]);
  });

  it('refuses a bad environment name, saying what is accepted', () => {
    expect(expectedAt('environment', (input) => (input.environment = 'Test'))).toEqual(['expected 2-10 characters of a-z and 0-9, starting with a letter']);
  });

  // Region codes: <area>[-gov]-<direction>-<number>, such as eu-west-1, us-gov-west-1, ap-southeast-2.
  it.each([
    ['eu-west-1', true],
    ['ap-southeast-2', true],
    ['us-gov-west-1', true],
    ['xeu-west-1', false],
    ['eu-west-12', false],
    ['eu-west-1a', false],
    ['eu-west', false],
  ])('region shape %p accepted: %p', (region, accepted) => {
    expect(REGION_PATTERN.test(region)).toBe(accepted);
    if (!accepted) expect(expectedAt('region', (input) => (input.region = region))).toEqual(['expected an AWS region name such as eu-west-1']);
  });

  // Availability zone names: the region name plus one letter, such as eu-west-1a.
  it.each([
    ['eu-west-1a', true],
    ['us-gov-west-1a', true],
    ['1eu-west-1a', false],
    ['eu-west-1ab', false],
    ['eu-west-1', false],
  ])('availability zone shape %p accepted: %p', (zone, accepted) => {
    expect(AVAILABILITY_ZONE_PATTERN.test(zone)).toBe(accepted);
    if (!accepted) {
      expect(expectedAt('network.availabilityZones[0]', (input) => (input.network.availabilityZones[0] = zone))).toEqual([
        'expected an availability zone name such as eu-west-1a',
      ]);
    }
  });
});

describe('domain names', () => {
  /** A name of exactly `length` characters: three 63-character labels, one filler label, and .com. */
  const nameOfLength = (length: number) => ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(length - 196), 'com'].join('.');

  // RFC 1035: labels of 1-63 characters; a name of at most 253 characters in its text form.
  it.each([
    ['example.com', true],
    ['dev.example.co.uk', true],
    [nameOfLength(253), true],
    [nameOfLength(254), false],
    ['localhost', false],
    ['example.123', false],
    ['example.1com', false],
    ['example.com1', false],
    ['-dev.example.com', false],
    ['Dev.example.com', false],
  ])('%p accepted: %p', (name, accepted) => {
    expect(isDomainName(name)).toBe(accepted);
  });

  it('refuses a bad private zone name, saying what is accepted', () => {
    expect(expectedAt('network.privateZoneName', (input) => (input.network.privateZoneName = 'internal'))).toEqual([
      'expected a lower-case DNS name such as dev.example.com (labels of a-z, 0-9 and -, 2+ labels)',
    ]);
    expect(expectedAt('network.privateZoneName', (input) => (input.network.privateZoneName = 'test.webplat.internal'))).toEqual([]);
  });
});

describe('CIDR blocks', () => {
  it.each([
    ['10.0.0.0/16', true],
    ['0.0.0.0/0', true],
    ['10.0.0.5/32', true],
    ['10.0.0.0/160', false],
    ['10.0.0.0/16 ', false],
    ['10.0.0.0/33', false],
    ['0.0.0.0/33', false],
    ['10.0.0.1/16', false],
    ['256.0.0.0/8', false],
  ])('%p is a canonical IPv4 CIDR block: %p', (text, accepted) => {
    expect(parseIpv4Cidr(text) !== undefined).toBe(accepted);
  });

  it.each([
    ['10.0.0.0/24', '10.0.0.255/32', true],
    ['10.0.0.255/32', '10.0.0.0/24', true],
    ['10.0.0.5/32', '10.0.0.5/32', true],
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.1.0/24', '10.0.0.0/24', false],
  ])('%s and %s overlap: %p', (a, b, overlap) => {
    expect(cidrsOverlap(parseIpv4Cidr(a)!, parseIpv4Cidr(b)!)).toBe(overlap);
  });

  // A VPC's IPv4 CIDR block is /16 to /28 in AWS; this project takes /16 to /24.
  it.each([
    ['10.0.0.0/16', []],
    ['10.0.0.0/24', []],
    ['10.0.0.0/15', ['expected a VPC CIDR between /16 and /24']],
    ['10.0.0.0/25', ['expected a VPC CIDR between /16 and /24']],
    ['10.0.0.0/16x', ['expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16']],
  ])('network.cidr %p: %p', (cidr, expected) => {
    expect(expectedAt('network.cidr', (input) => (input.network.cidr = cidr))).toEqual(expected);
  });

  it('refuses a subnet with host bits set, showing an example', () => {
    expect(expectedAt('network.subnets.public[0]', (input) => (input.network.subnets.public[0] = '10.0.0.1/24'))).toEqual([
      'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16',
    ]);
  });
});

describe('ARNs', () => {
  const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';
  // KMS key ARNs: arn:<partition>:kms:<region>:<account>:key/<key id>; multi-Region key ids are mrk- and 32 hex digits.
  it.each([
    [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${UUID}`, true],
    [`arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/${UUID}`, true],
    [`arn:aws-us-gov:kms:us-gov-west-1:${ACCOUNT}:key/mrk-${'a'.repeat(32)}`, true],
    [`xarn:aws:kms:eu-west-1:${ACCOUNT}:key/${UUID}`, false],
    [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${UUID}0`, false],
    [`arn:aws:kms:eu-west-1:${ACCOUNT}:alias/state`, false],
  ])('KMS key ARN %p accepted: %p', (arn, accepted) => {
    expect(KMS_KEY_ARN_PATTERN.test(arn)).toBe(accepted);
  });

  // IAM ARNs: arn:<partition>:iam::<account>:role/<path/>name; role names 1-64 characters of letters, digits and +=,.@_-.
  it.each([
    [`arn:aws:iam::${ACCOUNT}:role/ci-apply`, true],
    [`arn:aws-cn:iam::${ACCOUNT}:user/people/ana`, true],
    [`arn:aws-us-gov:iam::${ACCOUNT}:role/a/b/${'r'.repeat(64)}`, true],
    [`arn:aws:iam::${ACCOUNT}:role/${'r'.repeat(65)}`, false],
    [`xarn:aws:iam::${ACCOUNT}:role/ci-apply`, false],
    [`arn:aws:iam::${ACCOUNT}:role/ci-*`, false],
  ])('state principal %p accepted: %p', (arn, accepted) => {
    expect(IAM_PRINCIPAL_ARN.test(arn)).toBe(accepted);
    expect(expectedAt('state.allowedPrincipals[0]', (input) => (input.state = { allowedPrincipals: [arn] }))).toHaveLength(accepted ? 0 : 1);
  });

  const GROUP = 'expected an IAM role or user ARN, not a group: a request is made by a role or user, never by a group (aws:PrincipalArn cannot name one); list the roles or users instead';
  const OTHER = "expected an IAM role or user ARN of the environment's account, such as arn:aws:iam::<accountId>:role/<name> or arn:aws:iam::<accountId>:user/<path>/<name> (no wildcards)";
  it.each([
    [`arn:aws:iam::${ACCOUNT}:group/admins`, GROUP],
    [`arn:aws-cn:iam::${ACCOUNT}:group/admins`, GROUP],
    [`xarn:aws:iam::${ACCOUNT}:group/admins`, OTHER],
    [`arn:aws:iam::${ACCOUNT}:policy/admins`, OTHER],
  ])('state principal %p is refused with the right reason', (arn, message) => {
    expect(expectedAt('state.allowedPrincipals[0]', (input) => (input.state = { allowedPrincipals: [arn] }))).toEqual([message]);
  });

  it('takes at most 20 state principals', () => {
    const principals = (count: number) => Array.from({ length: count }, (_, index) => `arn:aws:iam::${ACCOUNT}:role/ci-${index}`);
    expect(expectedAt('state.allowedPrincipals', (input) => (input.state = { allowedPrincipals: principals(20) }))).toEqual([]);
    expect(expectedAt('state.allowedPrincipals', (input) => (input.state = { allowedPrincipals: principals(21) }))).toEqual([
      'expected at most 20 principals (the bucket policy holds 20 KB): let people assume a shared role',
    ]);
  });

  it.each([
    [`arn:aws:iam::${ACCOUNT}:role/dns-delegation`, true],
    [`arn:aws-cn:iam::${ACCOUNT}:role/path/dns-delegation`, true],
    [`xarn:aws:iam::${ACCOUNT}:role/dns-delegation`, false],
    [`arn:aws:iam::${ACCOUNT}:role/dns*`, false],
    [`arn:aws:iam::${ACCOUNT}:user/dns-delegation`, false],
  ])('parent zone role %p accepted: %p', (roleArn, accepted) => {
    const field = 'dns.parentZone.roleArn';
    expect(expectedAt(field, (input) => (input.dns = { parentZone: { zoneId: 'Z0123456789ABCDEFGHIJ', roleArn } }))).toEqual(
      accepted ? [] : ['expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)'],
    );
  });
});

describe('app fields', () => {
  const PATH = 'expected a path relative to the environment file, such as dev.user-data.sh, without ..';
  it.each([
    ['boot.sh', true],
    ['scripts/web-1.sh', true],
    ['..hidden.sh', true],
    ['scripts/..', false],
    ['..', false],
    ['boot script.sh', false],
    ['/boot.sh', false],
  ])('userDataFile %p accepted: %p', (userDataFile, accepted) => {
    expect(expectedAt('app.userDataFile', (input) => (input.app = { userDataFile }))).toEqual(accepted ? [] : [PATH]);
  });

  // An ALB health check path: starts with /, at most 1024 characters.
  it.each([
    ['/', true],
    ['/health/check.php', true],
    ['api/health', false],
    ['/health?full=1', false],
  ])('healthCheckPath %p accepted: %p', (healthCheckPath, accepted) => {
    expect(expectedAt('app.healthCheckPath', (input) => (input.app = { healthCheckPath }))).toEqual(accepted ? [] : ['expected an absolute URL path such as /healthz']);
  });
});

describe('edge fields', () => {
  const LARGE_BODY = 'expected a URL path prefix starting with /, such as /wp-admin/async-upload.php';
  // A WAF byte match statement's search string is 1-200 bytes.
  it.each([
    ['/wp-admin/async-upload.php', true],
    [`/${'a'.repeat(199)}`, true],
    [`/${'a'.repeat(200)}`, false],
    ['/upload?x', false],
    ['upload/', false],
  ])('largeBodyPaths %p accepted: %p', (path, accepted) => {
    expect(expectedAt('edge.largeBodyPaths[0]', (input) => (input.edge = { largeBodyPaths: [path] }))).toEqual(accepted ? [] : [LARGE_BODY]);
  });

  const CACHED = 'expected a CloudFront path pattern starting with /, such as /wp-includes/*';
  // CloudFront path patterns: at most 255 characters of A-Z a-z 0-9 _ - . * $ / ~ " ' @ : + and &.
  it.each([
    ['/wp-includes/*', true],
    [`/${'a'.repeat(254)}`, true],
    [`/${'a'.repeat(255)}`, false],
    ['/images/*?ver=1', false],
    ['wp-includes/*', false],
  ])('cachedPaths %p accepted: %p', (path, accepted) => {
    expect(expectedAt('edge.cachedPaths[0]', (input) => (input.edge = { cachedPaths: [path] }))).toEqual(accepted ? [] : [CACHED]);
  });

  it('takes at most 20 cached paths, 100 redacted headers and 10 extra rule groups', () => {
    const many = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    expect(expectedAt('edge.cachedPaths', (input) => (input.edge = { application: 'generic', cachedPaths: many(20, '/p') }))).toEqual([]);
    expect(expectedAt('edge.cachedPaths', (input) => (input.edge = { application: 'generic', cachedPaths: many(21, '/p') }))).toEqual([
      'expected at most 20 path patterns: CloudFront allows 25 cache behaviours',
    ]);
    expect(expectedAt('edge.logs.redactedHeaders', (input) => (input.edge = { logs: { redactedHeaders: ['authorization', 'cookie', ...many(98, 'x-h')] } }))).toEqual([]);
    expect(expectedAt('edge.logs.redactedHeaders', (input) => (input.edge = { logs: { redactedHeaders: ['authorization', 'cookie', ...many(99, 'x-h')] } }))).toEqual([
      'expected at most 100 headers: WAF redacts up to 100 fields',
    ]);
    expect(expectedAt('edge.extraManagedRuleGroups', (input) => (input.edge = { extraManagedRuleGroups: many(11, 'AWSManagedRulesGroup') }))).toEqual([
      'expected at most 10 rule groups',
    ]);
  });
});

describe('static website and private bucket fields', () => {
  const DOCUMENT = 'expected an object key such as index.html (no leading /, S3 safe characters only)';
  const withSite = (site: Record<string, any>): InputChange => (input) => {
    input.systems = ['web-platform', 'static-website'];
    input.staticWebsite = { ...staticWebsiteBlock(), hostName: 'static.test.example.com', ...site };
  };
  // S3 object keys: 1-1024 bytes; this project keeps to S3's safe characters.
  it.each([
    ['index.html', true],
    ['docs/index.html', true],
    ['k'.repeat(1024), true],
    ['k'.repeat(1025), false],
    ['/index.html', false],
    ['index.html?x', false],
  ])('indexDocument %p accepted: %p', (key, accepted) => {
    expect(expectedAt('staticWebsite.indexDocument', withSite({ indexDocument: key }))).toEqual(accepted ? [] : [DOCUMENT]);
  });

  const withBucket = (bucket: Record<string, any>): InputChange => (input) => {
    input.systems = ['web-platform', 'private-bucket'];
    input.privateBucket = { ...privateBucketBlock(), ...bucket };
  };
  it.each([
    ['downloads/', true],
    ['shared/reports/', true],
    ['downloads/x', false],
    ['/downloads/', false],
    ['down loads/', false],
  ])('signedPrefix %p accepted: %p', (signedPrefix, accepted) => {
    expect(expectedAt('privateBucket.signedPrefix', withBucket({ signedPrefix }))).toEqual(
      accepted ? [] : ['expected a key prefix ending in /, such as downloads/ (no leading /, S3 safe characters only)'],
    );
  });

  // IAM role names: 1-64 characters of letters, digits and +=,.@_-; an IAM policy attaches to at most 10 roles here.
  it('takes up to 10 signer role names, each a name rather than an ARN', () => {
    const roles = (count: number) => Array.from({ length: count }, (_, index) => `signer-${index}`);
    expect(expectedAt('privateBucket.signerRoleNames', withBucket({ signerRoleNames: roles(10) }))).toEqual([]);
    expect(expectedAt('privateBucket.signerRoleNames', withBucket({ signerRoleNames: roles(11) }))).toEqual([
      'expected at most 10 roles: IAM attaches a managed policy to each',
    ]);
    expect(expectedAt('privateBucket.signerRoleNames[0]', withBucket({ signerRoleNames: [`arn:aws:iam::${ACCOUNT}:role/app`] }))).toEqual([
      'expected an IAM role name such as app-server (not an ARN), 1-64 characters of letters, digits and +=,.@_-',
    ]);
    expect(expectedAt('privateBucket.signerRoleNames[0]', withBucket({ signerRoleNames: ['r'.repeat(64)] }))).toEqual([]);
  });
});

describe('tags', () => {
  it('refuses a null tags mapping as a problem of the field, not a crash', () => {
    const problems = schemaProblems((input) => (input.tags = null));
    expect(problems.map((problem) => problem.field)).toEqual(['tags']);
  });

  it('refuses a __proto__ key', () => {
    expect(expectedAt('tags', (input) => (input.tags = JSON.parse('{"__proto__": "x"}')))).toEqual(['expected a key other than __proto__, which cannot be kept']);
  });
});

describe('webPlatformConfig', () => {
  it('refuses a web platform config whose domain or network is missing', () => {
    const config = testConfig();
    expect(webPlatformConfig(config)).toBe(config);
    const message = 'environment test holds the web platform without domain or network: the schema should have refused it';
    expect(() => webPlatformConfig({ ...config, domain: undefined })).toThrow(message);
    expect(() => webPlatformConfig({ ...config, network: undefined })).toThrow(message);
    expect(webPlatformConfig({ ...config, systems: ['sandbox'] })).toBeUndefined();
  });
});

describe('files read by the loader', () => {
  let dir: ConfigDir;
  beforeEach(() => {
    dir = new ConfigDir();
  });
  afterEach(() => dir.remove());

  it('refuses a user data script holding a NUL byte, although it is valid UTF-8', () => {
    dir.writeFile('nul.sh', '#!/bin/bash\necho a\0b\n');
    expect(dir.problemsFor((input) => (input.app = { userDataFile: 'nul.sh' }))).toEqual([
      { field: 'app.userDataFile', received: '"nul.sh"', expected: 'expected a UTF-8 text file (a shell script), not binary data' },
    ]);
  });

  it('refuses a user data script that is not UTF-8, although it holds no NUL byte', () => {
    dir.writeFile('latin1.sh', Buffer.concat([Buffer.from('#!/bin/bash\necho caf'), Buffer.from([0xe9, 0x0a])]));
    expect(dir.problemsFor((input) => (input.app = { userDataFile: 'latin1.sh' }))).toEqual([
      { field: 'app.userDataFile', received: '"latin1.sh"', expected: 'expected a UTF-8 text file (a shell script), not binary data' },
    ]);
  });
});

describe('site names across environments', () => {
  let dir: ConfigDir;
  beforeEach(() => {
    dir = new ConfigDir();
  });
  afterEach(() => dir.remove());

  it('reports a shared domain once, in the later file, when www.<domain> clashes too', () => {
    dir.writeEnvironment('alpha', (input) => (input.domain = 'shop.example.com'));
    dir.writeEnvironment('beta', (input) => (input.domain = 'shop.example.com'));
    const error = dir.loadError();
    expect(error.file).toMatch(/beta\.yaml$/);
    expect(error.problems).toEqual([
      {
        field: 'domain',
        received: '"shop.example.com"',
        expected: expect.stringMatching(/^expected a name no other environment uses: .*alpha\.yaml \(the same account\) serves it too/),
      },
    ]);
  });

  it('blames the domain when it clashes and alternative names are configured, and the alternative name that clashes', () => {
    dir.writeEnvironment('alpha', (input) => (input.domain = 'shop.example.com'));
    dir.writeEnvironment('beta', (input) => {
      input.domain = 'shop.example.com';
      input.dns = { subjectAlternativeNames: ['new.shop.example.com'] };
    });
    dir.writeEnvironment('gamma', (input) => {
      input.domain = 'example.com';
      input.accountId = '210987654321';
      input.dns = { subjectAlternativeNames: ['www.example.com', 'www.shop.example.com'] };
    });
    const error = dir.loadError();
    expect(error.message).not.toMatch(/\[-1\]/);
    const problems = Object.fromEntries(
      ('errors' in error ? (error.errors as typeof error[]) : [error]).map((each) => [each.file.replace(/^.*\//, ''), each.problems.map((problem) => [problem.field, problem.received])]),
    );
    expect(problems).toEqual({
      'beta.yaml': [['domain', '"shop.example.com"']],
      'gamma.yaml': [['dns.subjectAlternativeNames[1]', '"www.shop.example.com"']],
    });
  });
});
