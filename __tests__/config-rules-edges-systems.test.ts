import { schemaProblems } from './support/schema-parse';
import { internalSiteBlock, s3SystemsOnly, staticWebsiteBlock } from './support/s3-systems';
import { sandboxOnly } from './support/sandbox';

/**
 * The edges of the cross-field rules of the systems (config/rules/s3-systems.ts, sandbox.ts, vpn.ts,
 * keys.ts, names.ts and the reporting of issue.ts): for each condition a rule draws, a value on each
 * side of it, and the exact problem the loader reports. AWS's names and limits are written here from
 * its documentation.
 */

type Input = Record<string, any>;
type Change = (input: Input) => void;

/** A problem as the loader reports it; `received` left out where the value is missing. */
const problem = (field: string, received: string | undefined, expected: string) => (received === undefined ? { field, expected } : { field, received, expected });
const quoted = (value: string) => JSON.stringify(value);

// ---------------------------------------------------------------- systems.ts

describe('settings for systems the environment does not hold: the message lists every system it holds', () => {
  it('names the one reader and every system held, comma-separated', () => {
    expect(schemaProblems((input) => (s3SystemsOnly('private-bucket', 'internal-site')(input), (input.staticWebsite = staticWebsiteBlock())))).toEqual([
      problem(
        'staticWebsite',
        'a staticWebsite setting',
        'expected no staticWebsite here: only the static-website system reads it, and systems (private-bucket, internal-site) does not include static-website',
      ),
    ]);
  });

  it('names every reader and every system held when none of them reads the setting', () => {
    expect(schemaProblems((input) => (sandboxOnly()(input), (input.systems = ['sandbox', 'private-bucket']), (input.privateBucket = {}), (input.domain = 'example.com')))).toEqual([
      problem(
        'domain',
        'a domain setting',
        'expected no domain here: only the web-platform, static-website or internal-site systems read it, and systems (sandbox, private-bucket) includes none of them',
      ),
    ]);
  });
});

// ---------------------------------------------------------------- names.ts

describe('load balancer name: Elastic Load Balancing refuses names starting with internal-', () => {
  it.each([
    ['internal', 'internal-test-app-alb'],
    ['internal-web', 'internal-web-test-app-alb'],
  ])('refuses the project %s, whose load balancer would be %s', (project, name) => {
    expect(schemaProblems((input) => (input.project = project))).toEqual([
      problem(
        'project',
        quoted(project),
        `expected a project name that does not start the load balancer's name with "internal-" (it would be ${name}; Elastic Load Balancing refuses such names)`,
      ),
    ]);
  });

  it.each(['internally', 'intern', 'web-internal', 'xinternal'])('takes the project %s, whose load balancer name does not start with internal-', (project) => {
    expect(schemaProblems((input) => (input.project = project))).toEqual([]);
  });

  it('takes the environment name internal: the project comes first in the name', () => {
    expect(schemaProblems((input) => (input.environment = 'internal'))).toEqual([]);
  });
});

// ---------------------------------------------------------------- keys.ts

describe('KMS keys of the home region', () => {
  const ACCOUNT = '123456789012';
  const keyIn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`;
  const multiRegionKeyIn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`;
  const HOME_REGION = 'expected a key in the home region eu-west-1';

  const SECTIONS: [string, (input: Input, arn: string) => void][] = [
    ['state.kmsKeyArn', (input, arn) => (input.state = { kmsKeyArn: arn })],
    ['observability.kmsKeyArn', (input, arn) => (input.observability = { kmsKeyArn: arn })],
    ['data.database.kmsKeyArn', (input, arn) => (input.data = { database: { kmsKeyArn: arn } })],
    ['data.cache.kmsKeyArn', (input, arn) => (input.data = { cache: { kmsKeyArn: arn } })],
  ];

  it.each(SECTIONS)('refuses for %s a key of eu-west-2, the region next door', (field, set) => {
    const arn = keyIn('eu-west-2');
    expect(schemaProblems((input) => set(input, arn))).toEqual([problem(field, quoted(arn), HOME_REGION)]);
  });

  it.each(SECTIONS)('refuses for %s a multi-region key whose ARN names another region (its replica in eu-west-1 has its own ARN)', (field, set) => {
    const arn = multiRegionKeyIn('us-east-1');
    expect(schemaProblems((input) => set(input, arn))).toEqual([problem(field, quoted(arn), HOME_REGION)]);
  });

  it.each(SECTIONS)('takes for %s a key of the home region, single- or multi-region', (_field, set) => {
    expect(schemaProblems((input) => set(input, keyIn('eu-west-1')))).toEqual([]);
    expect(schemaProblems((input) => set(input, multiRegionKeyIn('eu-west-1')))).toEqual([]);
  });

  it('reports a malformed ARN that names another region once, as malformed', () => {
    const arn = 'arn:aws:kms:us-east-1:123456789012:alias/state';
    expect(schemaProblems((input) => (input.state = { kmsKeyArn: arn }))).toEqual([
      problem('state.kmsKeyArn', quoted(arn), 'expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>, or key/mrk-<32 hex digits> for a multi-region key)'),
    ]);
  });

  it("does not check the data tier's keys without the web platform: the data tier itself is refused there", () => {
    const arn = keyIn('us-east-1');
    expect(schemaProblems((input) => (sandboxOnly()(input), (input.data = { database: { kmsKeyArn: arn }, cache: { kmsKeyArn: arn } })))).toEqual([
      problem('data', 'a data setting', 'expected no data here: only the web-platform system has a data tier, and systems (sandbox) does not include web-platform'),
    ]);
  });
});

// ---------------------------------------------------------------- vpn.ts

describe('VPN gateway: BGP or static routes, ASNs apart, routes outside the VPC and apart', () => {
  /** A public address for the customer gateway. */
  const ADDRESS = '8.8.4.4';
  const CUSTOMER = ['network', 'vpnGateway', 'customerGateway'].join('.');
  const withVpn =
    (vpnGateway: Input): Change =>
    (input) =>
      (input.network.vpnGateway = vpnGateway);
  const routes = (...staticRoutes: string[]) => withVpn({ customerGateway: { ipAddress: ADDRESS, staticRoutes } });
  const outsideVpc = "expected an on-premises CIDR block outside the VPC CIDR 10.0.0.0/16: the VPC's local route always wins over it";
  const overlapping = (index: number, text: string) => `expected a CIDR block that overlaps no other static route; it overlaps staticRoutes[${index}] (${text})`;

  it.each<[string, Change]>([
    ['an environment without a network (the sandbox alone)', sandboxOnly()],
    ['a network without a VPN gateway', () => undefined],
    ['a gateway without a customer gateway', withVpn({})],
    ['BGP alone', withVpn({ customerGateway: { ipAddress: ADDRESS, bgpAsn: 65010 } })],
    ['static routes alone, next to the VPC and next to each other', routes('10.1.0.0/16', '9.255.255.0/24', '172.20.0.0/16', '172.21.0.0/16')],
    ['the customer on 64512 when the Amazon side is configured to another ASN', withVpn({ amazonSideAsn: 64600, customerGateway: { ipAddress: ADDRESS, bgpAsn: 64512 } })],
    ['the Amazon side on 64513 and the customer on 64512', withVpn({ amazonSideAsn: 64513, customerGateway: { ipAddress: ADDRESS, bgpAsn: 64512 } })],
  ])('takes %s', (_case, change) => {
    expect(schemaProblems(change)).toEqual([]);
  });

  it('refuses neither BGP nor static routes, and both', () => {
    expect(schemaProblems(withVpn({ customerGateway: { ipAddress: ADDRESS } }))).toEqual([
      problem(CUSTOMER, 'neither bgpAsn nor staticRoutes', 'expected bgpAsn (dynamic routing over BGP) or staticRoutes (on-premises CIDR blocks), one of the two'),
    ]);
    expect(schemaProblems(withVpn({ customerGateway: { ipAddress: ADDRESS, bgpAsn: 65010, staticRoutes: ['172.20.0.0/16'] } }))).toEqual([
      problem(CUSTOMER, 'both bgpAsn and staticRoutes', 'expected either bgpAsn (dynamic routing over BGP) or staticRoutes, not both'),
    ]);
  });

  it.each<[string, Input, number, string]>([
    ["Amazon's default 64512", { customerGateway: { ipAddress: ADDRESS, bgpAsn: 64512 } }, 64512, "Amazon's default when network.vpnGateway.amazonSideAsn is left out"],
    ['the configured 65001', { amazonSideAsn: 65001, customerGateway: { ipAddress: ADDRESS, bgpAsn: 65001 } }, 65001, 'network.vpnGateway.amazonSideAsn'],
  ])("refuses a customer ASN equal to the Amazon side's, %s", (_case, vpn, asn, source) => {
    expect(schemaProblems(withVpn(vpn))).toEqual([
      problem(`${CUSTOMER}.bgpAsn`, String(asn), `expected an ASN other than the Amazon side's ${asn} (${source}): the two ends of a BGP session need different ASNs`),
    ]);
  });

  it.each([
    ['inside it', '10.0.128.0/20'],
    ['around it', '10.0.0.0/8'],
    ['equal to it', '10.0.0.0/16'],
    ['sharing its last address', '10.0.255.255/32'],
  ])('refuses a static route %s (the VPC is 10.0.0.0/16)', (_case, route) => {
    expect(schemaProblems(routes('172.20.0.0/16', route))).toEqual([problem(`${CUSTOMER}.staticRoutes[1]`, quoted(route), outsideVpc)]);
  });

  it('refuses a static route that overlaps an earlier one, naming the one it overlaps', () => {
    expect(schemaProblems(routes('192.168.0.0/24', '172.20.0.0/16', '172.20.255.0/24'))).toEqual([
      problem(`${CUSTOMER}.staticRoutes[2]`, '"172.20.255.0/24"', overlapping(1, '172.20.0.0/16')),
    ]);
    expect(schemaProblems(routes('172.20.0.0/16', '172.20.0.0/16'))).toEqual([problem(`${CUSTOMER}.staticRoutes[1]`, '"172.20.0.0/16"', overlapping(0, '172.20.0.0/16'))]);
  });

  it('reports a route that overlaps both the VPC and another route twice', () => {
    expect(schemaProblems(routes('10.0.0.0/8', '10.0.1.0/24'))).toEqual([
      problem(`${CUSTOMER}.staticRoutes[0]`, '"10.0.0.0/8"', outsideVpc),
      problem(`${CUSTOMER}.staticRoutes[1]`, '"10.0.1.0/24"', outsideVpc),
      problem(`${CUSTOMER}.staticRoutes[1]`, '"10.0.1.0/24"', overlapping(0, '10.0.0.0/8')),
    ]);
  });

  it('reports a malformed route once, and checks the others', () => {
    expect(schemaProblems(routes('172.20.0.1/16', '10.0.0.0/24'))).toEqual([
      problem(`${CUSTOMER}.staticRoutes[0]`, '"172.20.0.1/16"', 'expected an IPv4 CIDR block with no host bits set, such as 192.168.0.0/16'),
      problem(`${CUSTOMER}.staticRoutes[1]`, '"10.0.0.0/24"', outsideVpc),
    ]);
  });

  it('reports a malformed VPC CIDR once, not the routes against it', () => {
    expect(schemaProblems((input) => (routes('10.0.0.0/24')(input), (input.network.cidr = '10.0.0.1/16')))).toEqual([
      problem('network.cidr', '"10.0.0.1/16"', 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/16'),
    ]);
  });
});

// ---------------------------------------------------------------- sandbox.ts

describe('sandbox: zone, subnets, instance types and image', () => {
  const SANDBOX_TYPE = 'expected a sandbox instance type <family>.<size> with family one of t2, t3, t3a, t4g, such as t2.micro or t3.micro (config/aws/sandbox-instance-types.json)';
  const SMALLEST = 'expected a subnet of /28 or larger (AWS minimum)';
  const NO_HOST_BITS = (example: string) => `expected an IPv4 CIDR block with no host bits set, such as ${example}`;
  // Public SSM parameters of Amazon Linux 2023, as AWS names them.
  const AL2023_X86 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
  const AL2023_ARM = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

  it.each<[string, Change]>([
    ['an environment without a sandbox', () => undefined],
    ['the sandbox with every default', sandboxOnly()],
    ['/28 subnets, the smallest AWS creates', sandboxOnly({ publicSubnet: '10.20.0.0/28', privateSubnet: '10.20.0.16/28' })],
    ['subnets that fill the VPC to its last address', sandboxOnly({ publicSubnet: '10.20.0.0/25', privateSubnet: '10.20.0.128/25' })],
    ['a t2 web server and a t4g database server, each on its own default image', sandboxOnly({ webInstanceType: 't2.nano', databaseInstanceType: 't4g.2xlarge' })],
  ])('takes %s', (_case, change) => {
    expect(schemaProblems(change)).toEqual([]);
  });

  it('refuses a zone of another region, listing the three of its own', () => {
    expect(schemaProblems(sandboxOnly({ availabilityZone: 'eu-west-2a' }))).toEqual([
      problem('sandbox.availabilityZone', '"eu-west-2a"', 'expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c'),
    ]);
  });

  it.each([
    ['publicSubnet', '10.20.1.0/26'],
    ['privateSubnet', '10.19.255.192/26'],
  ])('refuses a %s just outside the VPC 10.20.0.0/24', (field, subnet) => {
    expect(schemaProblems(sandboxOnly({ [field]: subnet }))).toEqual([problem(`sandbox.${field}`, quoted(subnet), 'expected a subnet inside the sandbox VPC CIDR 10.20.0.0/24')]);
  });

  it.each([
    ['publicSubnet', '10.20.0.0/29'],
    ['privateSubnet', '10.20.0.64/29'],
  ])('refuses a %s of /29, smaller than AWS creates', (field, subnet) => {
    expect(schemaProblems(sandboxOnly({ [field]: subnet }))).toEqual([problem(`sandbox.${field}`, quoted(subnet), SMALLEST)]);
  });

  it('with a malformed VPC CIDR, still refuses a /29 subnet and takes a /28', () => {
    const vpc = problem('sandbox.cidr', '"10.20.0.1/24"', NO_HOST_BITS('10.20.0.0/24'));
    expect(schemaProblems(sandboxOnly({ cidr: '10.20.0.1/24', publicSubnet: '10.20.0.0/28', privateSubnet: '10.20.0.64/28' }))).toEqual([vpc]);
    expect(schemaProblems(sandboxOnly({ cidr: '10.20.0.1/24', publicSubnet: '10.20.0.0/29', privateSubnet: '10.20.0.64/29' }))).toEqual([
      vpc,
      problem('sandbox.publicSubnet', '"10.20.0.0/29"', SMALLEST),
      problem('sandbox.privateSubnet', '"10.20.0.64/29"', SMALLEST),
    ]);
  });

  it.each([
    ['publicSubnet', 'privateSubnet'],
    ['privateSubnet', 'publicSubnet'],
  ])('reports a malformed %s once, and still checks the %s', (bad, other) => {
    expect(schemaProblems(sandboxOnly({ [bad]: '10.20.0.1/26', [other]: '10.21.0.0/26' }))).toEqual([
      problem(`sandbox.${bad}`, '"10.20.0.1/26"', NO_HOST_BITS('10.0.0.0/24')),
      problem(`sandbox.${other}`, '"10.21.0.0/26"', 'expected a subnet inside the sandbox VPC CIDR 10.20.0.0/24'),
    ]);
  });

  it('refuses a private subnet that shares one address with the public one', () => {
    expect(schemaProblems(sandboxOnly({ publicSubnet: '10.20.0.0/26', privateSubnet: '10.20.0.48/28' }))).toEqual([
      problem('sandbox.privateSubnet', '"10.20.0.48/28"', 'expected a subnet that does not overlap sandbox.publicSubnet (10.20.0.0/26)'),
    ]);
  });

  it.each(['webInstanceType', 'databaseInstanceType'])('refuses for %s a family that is not a sandbox family', (field) => {
    expect(schemaProblems(sandboxOnly({ [field]: 'm5.large' }))).toEqual([problem(`sandbox.${field}`, '"m5.large"', SANDBOX_TYPE)]);
  });

  it.each(['webInstanceType', 'databaseInstanceType'])('refuses for %s a size its family does not come in', (field) => {
    expect(schemaProblems(sandboxOnly({ [field]: 't3a.metal' }))).toEqual([
      problem(`sandbox.${field}`, '"t3a.metal"', 'expected a size the t3a family comes in: t3a.nano, t3a.micro, t3a.small, t3a.medium, t3a.large, t3a.xlarge or t3a.2xlarge'),
    ]);
  });

  it('refuses an image of another architecture once when both servers share one, naming the web server', () => {
    expect(schemaProblems(sandboxOnly({ ami: { parameter: AL2023_ARM } }))).toEqual([
      problem(
        'sandbox.ami.parameter',
        quoted(AL2023_ARM),
        `expected an x86_64 AMI to match sandbox.webInstanceType t3.micro (x86_64), such as ${AL2023_X86}; or leave it out for that default`,
      ),
    ]);
  });

  it('checks the image against the database server when only its architecture differs', () => {
    expect(schemaProblems(sandboxOnly({ databaseInstanceType: 't4g.micro', ami: { parameter: AL2023_X86 } }))).toEqual([
      problem(
        'sandbox.ami.parameter',
        quoted(AL2023_X86),
        `expected an arm64 AMI to match sandbox.databaseInstanceType t4g.micro (arm64), such as ${AL2023_ARM}; or leave it out for that default`,
      ),
    ]);
  });

  it('reports each problem of an image both servers of two architectures share once, and each distinct problem', () => {
    expect(schemaProblems(sandboxOnly({ webInstanceType: 't4g.small', ami: { namePattern: 'my-image-*' } }))).toEqual([
      problem(
        'sandbox.ami.owner',
        undefined,
        "expected the owner of the image (amazon, aws-marketplace, self or a 12-digit account id): without it any account's public image whose name matches could be picked",
      ),
      problem(
        'sandbox.ami.namePattern',
        '"my-image-*"',
        'expected an Amazon Linux 2023 or Amazon Linux 2 image, or family: al2023 or al2 beside it: this is not an Amazon Linux 2023 (al2023-ami-...) or Amazon Linux 2 (amzn2-ami-...) image, and the boot scripts install packages with dnf on Amazon Linux 2023 (al2023) or yum on Amazon Linux 2 (al2)',
      ),
    ]);
  });
});

// ---------------------------------------------------------------- s3-systems.ts: bucket names

describe('bucket names S3 accepts (general purpose buckets, "Bucket naming rules")', () => {
  const named = (bucketName: string): Change => (input) => (s3SystemsOnly('private-bucket')(input), (input.privateBucket.bucketName = bucketName));
  const SHAPE = 'expected lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit';
  const NOT_IP = 'expected a name that is not formatted as an IP address';

  it.each([
    ['3 characters, the shortest', 'ab1'],
    ['63 characters, the longest', 'a'.repeat(63)],
    ['dots and hyphens inside', 'my.site-bucket.0'],
    ['digits at both ends', '0bucket9'],
    ['three numbers', '1.2.3'],
    ['five numbers', '1.2.3.4.5'],
    ['a first number of four digits', '1234.5.6.7'],
    ['a last number of four digits', '1.2.3.4567'],
    ['an address after a letter', 'a1.2.3.4'],
    ['an address before a letter', '1.2.3.4a'],
    ['a reserved prefix inside', 'my-xn--sthree-amzn-s3-demo-bucket'],
    ['a reserved suffix inside', 'b-s3alias--ol-s3.mrap--x-s3--table-s3-b'],
    ['a prefix that only looks reserved', 'xn-bucket'],
  ])('takes %s: %s', (_case, name) => {
    expect(schemaProblems(named(name))).toEqual([]);
  });

  it.each([
    ['2 characters', 'ab', 'expected 3 to 63 characters, not 2'],
    ['64 characters', 'a'.repeat(64), 'expected 3 to 63 characters, not 64'],
    ['a hyphen first', '-bucket', SHAPE],
    ['a dot first', '.bucket', SHAPE],
    ['a hyphen last', 'bucket-', SHAPE],
    ['a dot last', 'bucket.', SHAPE],
    ['an upper-case letter first', 'Bucket', SHAPE],
    ['an upper-case letter last', 'buckeT', SHAPE],
    ['an underscore', 'my_bucket', SHAPE],
    ['two adjacent dots', 'my..bucket', 'expected no two adjacent dots'],
    ['an IP address', '192.168.5.4', NOT_IP],
    ['an IP address of three-digit numbers', '192.168.100.200', NOT_IP],
    ['an IP address of one-digit numbers', '1.2.3.4', NOT_IP],
    ['the prefix xn--', 'xn--bucket', 'expected a name that does not start with "xn--" (reserved by S3)'],
    ['the prefix sthree-', 'sthree-bucket', 'expected a name that does not start with "sthree-" (reserved by S3)'],
    ['the prefix sthree-configurator', 'sthree-configurator-x', 'expected a name that does not start with "sthree-" (reserved by S3)'],
    ['the prefix amzn-s3-demo-', 'amzn-s3-demo-bucket', 'expected a name that does not start with "amzn-s3-demo-" (reserved by S3)'],
    ['the suffix -s3alias', 'bucket-s3alias', 'expected a name that does not end with "-s3alias" (reserved by S3)'],
    ['the suffix --ol-s3', 'bucket--ol-s3', 'expected a name that does not end with "--ol-s3" (reserved by S3)'],
    ['the suffix .mrap', 'bucket.mrap', 'expected a name that does not end with ".mrap" (reserved by S3)'],
    ['the suffix --x-s3', 'bucket--x-s3', 'expected a name that does not end with "--x-s3" (reserved by S3)'],
    ['the suffix --table-s3', 'bucket--table-s3', 'expected a name that does not end with "--table-s3" (reserved by S3)'],
  ])('refuses %s: %s', (_case, name, expected) => {
    expect(schemaProblems(named(name))).toEqual([problem('privateBucket.bucketName', quoted(name), expected)]);
  });
});

// ---------------------------------------------------------------- s3-systems.ts: the static website

describe('static website: host, bucket, mode and zone', () => {
  const website =
    (site: Input, change: Change = () => undefined): Change =>
    (input) => {
      s3SystemsOnly('static-website')(input);
      Object.assign(input.staticWebsite, site);
      change(input);
    };
  const OUTSIDE = "expected a host name inside the environment's domain test.example.com (test.example.com itself or a name ending in .test.example.com)";
  const MALFORMED_HOST = 'expected a lower-case host name such as www.example.com (labels of a-z, 0-9 and -)';

  it.each<[string, Change]>([
    ['an environment without a website', () => undefined],
    ['the domain itself as the host', website({ hostName: 'test.example.com' })],
    ['a host two labels under the domain', website({ hostName: 'a.b.test.example.com' })],
    ['any bucket name S3 accepts in cloudfront mode', website({ bucketName: 'my-site-bucket' })],
    ['s3-website mode with the bucket named as the host, left out or written out', website({ mode: 's3-website' })],
    ['s3-website mode with the bucket name written out as the host', website({ mode: 's3-website', bucketName: 'www.test.example.com' })],
    ['no hosted zone beside the web platform', (input) => ((input.systems = ['web-platform', 'static-website']), (input.staticWebsite = { hostName: 'blog.test.example.com' }))],
  ])('takes %s', (_case, change) => {
    expect(schemaProblems(change)).toEqual([]);
  });

  it.each(['wwwtest.example.com', 'www.test.example.com.evil.org', 'example.com'])('refuses the host %s, outside the domain', (hostName) => {
    expect(schemaProblems(website({ hostName }))).toEqual([problem('staticWebsite.hostName', quoted(hostName), OUTSIDE)]);
  });

  it('refuses a malformed host once in s3-website mode, not also as a bucket name', () => {
    expect(schemaProblems(website({ hostName: 'WWW.test.example.com', mode: 's3-website' }))).toEqual([
      problem('staticWebsite.hostName', '"WWW.test.example.com"', MALFORMED_HOST),
    ]);
  });

  it('refuses a host outside the domain once in s3-website mode, though it is no bucket name either', () => {
    expect(schemaProblems(website({ hostName: 'xn--www.example.org', mode: 's3-website' }))).toEqual([
      problem('staticWebsite.hostName', '"xn--www.example.org"', "expected a host name inside the environment's domain test.example.com (test.example.com itself or a name ending in .test.example.com)"),
    ]);
  });

  it('refuses in s3-website mode a bucket named otherwise than the host, and a host S3 refuses as a bucket name', () => {
    expect(schemaProblems(website({ mode: 's3-website', bucketName: 'site-bucket' }))).toEqual([
      problem(
        'staticWebsite.bucketName',
        '"site-bucket"',
        'expected the host name www.test.example.com (or leave bucketName out): the S3 website endpoint serves the bucket named as the Host header',
      ),
    ]);
    expect(schemaProblems(website({ mode: 's3-website', hostName: 'xn--www.test.example.com' }))).toEqual([
      problem(
        'staticWebsite.hostName',
        '"xn--www.test.example.com"',
        'expected a name that does not start with "xn--" (reserved by S3): the host name is the bucket\'s name, and S3 refuses this one',
      ),
    ]);
    expect(schemaProblems(website({ mode: 's3-website', hostName: 'xn--www.test.example.com', bucketName: 'xn--www.test.example.com' }))).toEqual([
      problem(
        'staticWebsite.bucketName',
        '"xn--www.test.example.com"',
        'expected a name that does not start with "xn--" (reserved by S3): the host name is the bucket\'s name, and S3 refuses this one',
      ),
    ]);
  });

  it('refuses in cloudfront mode a bucket name S3 refuses, as it is', () => {
    expect(schemaProblems(website({ bucketName: 'site..bucket' }))).toEqual([problem('staticWebsite.bucketName', '"site..bucket"', 'expected no two adjacent dots')]);
  });

  it('refuses s3-website mode only in a region without a website endpoint zone', () => {
    expect(schemaProblems(website({ mode: 's3-website' }, (input) => (input.region = 'ap-southeast-7')))).toEqual([
      problem('staticWebsite.mode', '"s3-website"', "expected cloudfront: region ap-southeast-7 is not in config/aws/s3-website-zones.json, so the alias record's zone is unknown"),
    ]);
    expect(schemaProblems(website({}, (input) => (input.region = 'ap-southeast-7')))).toEqual([]);
  });

  it('needs a hosted zone without the web platform, naming the domain, or "the domain" when it is missing too', () => {
    expect(schemaProblems(website({ hostedZoneId: undefined }))).toEqual([
      problem('staticWebsite.hostedZoneId', 'nothing', 'expected the id of the public hosted zone of test.example.com: without the web platform there is no <env>-dns zone to use'),
    ]);
    expect(schemaProblems(website({ hostedZoneId: undefined }, (input) => delete input.domain))).toEqual([
      problem('domain', undefined, 'expected a value: the static-website system needs it (systems: static-website)'),
      problem('staticWebsite.hostedZoneId', 'nothing', 'expected the id of the public hosted zone of the domain: without the web platform there is no <env>-dns zone to use'),
    ]);
  });
});

// ---------------------------------------------------------------- s3-systems.ts: the private bucket

describe('private bucket: signer roles once', () => {
  const roles = (...signerRoleNames: string[]): Change => (input) => (s3SystemsOnly('private-bucket')(input), (input.privateBucket.signerRoleNames = signerRoleNames));

  it('takes distinct roles and no bucket name', () => {
    expect(schemaProblems(roles('app-signer', 'ops-signer', 'app-signer-2'))).toEqual([]);
  });

  it('refuses a role named again in another case, at the later index', () => {
    expect(schemaProblems(roles('ops-signer', 'App-Signer', 'x', 'APP-SIGNER'))).toEqual([
      problem('privateBucket.signerRoleNames[3]', '"APP-SIGNER"', 'expected each role once (IAM role names are case-insensitive)'),
    ]);
  });

  it('does not take a character IAM refuses for a case variant of a role (ß is no upper-case ss)', () => {
    expect(schemaProblems(roles('ss', 'ß'))).toEqual([
      problem('privateBucket.signerRoleNames[1]', '"ß"', 'expected an IAM role name such as app-server (not an ARN), 1-64 characters of letters, digits and +=,.@_-'),
    ]);
  });
});

// ---------------------------------------------------------------- s3-systems.ts: the internal site

describe('internal site: host, bucket, zones, subnets and health codes', () => {
  const intranet =
    (change: (site: Input) => void): Change =>
    (input) => {
      s3SystemsOnly('internal-site')(input);
      change(input.internalSite);
    };
  const HEALTH = (missing: string) =>
    `expected a list that includes 307 or 405: S3 answers the load balancer's health check with 307 or 405, so without ${missing} every target is unhealthy`;

  it.each<[string, Change]>([
    ['the site with every default', intranet(() => undefined)],
    ['the bucket name written out as the host', intranet((site) => (site.bucketName = 'docs.test.example.com'))],
    [
      'three zones, subnets that touch',
      intranet((site) => {
        site.vpc.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
        site.vpc.albSubnets = ['10.30.0.0/24', '10.30.1.0/24', '10.30.2.0/24'];
        site.vpc.endpointSubnets = ['10.30.3.0/24', '10.30.4.0/24', '10.30.255.0/24'];
      }),
    ],
    ['exactly the codes S3 answers with', intranet((site) => (site.healthCheckCodes = [307, 405]))],
  ])('takes %s', (_case, change) => {
    expect(schemaProblems(change)).toEqual([]);
  });

  it('refuses a malformed host once, not also as a bucket name', () => {
    expect(schemaProblems(intranet((site) => (site.hostName = 'DOCS.test.example.com')))).toEqual([
      problem('internalSite.hostName', '"DOCS.test.example.com"', 'expected a lower-case host name such as www.example.com (labels of a-z, 0-9 and -)'),
    ]);
  });

  it('refuses a host outside the domain once, though it is no bucket name either', () => {
    expect(schemaProblems(intranet((site) => (site.hostName = 'xn--docs.example.org')))).toEqual([
      problem('internalSite.hostName', '"xn--docs.example.org"', "expected a host name inside the environment's domain test.example.com (test.example.com itself or a name ending in .test.example.com)"),
    ]);
  });

  it('refuses a host of 64 characters as a bucket name, at the host, or at the bucket name when written out', () => {
    const host = `${'a'.repeat(47)}.test.example.com`;
    const expected = "expected 3 to 63 characters, not 64: the host name is the bucket's name, and S3 refuses this one";
    expect(schemaProblems(intranet((site) => (site.hostName = host)))).toEqual([problem('internalSite.hostName', quoted(host), expected)]);
    expect(schemaProblems(intranet((site) => ((site.hostName = host), (site.bucketName = host))))).toEqual([problem('internalSite.bucketName', quoted(host), expected)]);
  });

  it('refuses a bucket named otherwise than the host', () => {
    expect(schemaProblems(intranet((site) => (site.bucketName = 'docs-bucket')))).toEqual([
      problem(
        'internalSite.bucketName',
        '"docs-bucket"',
        'expected the host name docs.test.example.com (or leave bucketName out): the S3 interface endpoint serves the bucket named as the Host header',
      ),
    ]);
  });

  it('needs a hosted zone without the web platform', () => {
    expect(schemaProblems(intranet((site) => delete site.hostedZoneId))).toEqual([
      problem('internalSite.hostedZoneId', 'nothing', 'expected the id of the public hosted zone of test.example.com: without the web platform there is no <env>-dns zone to use'),
    ]);
  });

  it('refuses a zone of another region, and a zone twice', () => {
    expect(schemaProblems(intranet((site) => (site.vpc.availabilityZones = ['eu-west-1a', 'us-east-1b'])))).toEqual([
      problem('internalSite.vpc.availabilityZones[1]', '"us-east-1b"', 'expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c'),
    ]);
    expect(schemaProblems(intranet((site) => (site.vpc.availabilityZones = ['eu-west-1b', 'eu-west-1b'])))).toEqual([
      problem('internalSite.vpc.availabilityZones[1]', '"eu-west-1b"', 'expected each availability zone once'),
    ]);
  });

  it('refuses subnet lists that are not one per zone, for each kind', () => {
    expect(schemaProblems(intranet((site) => (site.vpc.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'])))).toEqual(
      ['albSubnets', 'endpointSubnets'].map((kind) => problem(`internalSite.vpc.${kind}`, '2 subnets', 'expected 3 subnets, one per availability zone (eu-west-1a, eu-west-1b, eu-west-1c)')),
    );
  });

  it.each([
    ['albSubnets', 0, '10.31.0.0/24'],
    ['endpointSubnets', 1, '10.29.255.0/24'],
  ])('refuses %s[%d] just outside the VPC, and a /29', (kind, index, subnet) => {
    expect(schemaProblems(intranet((site) => (site.vpc[kind][index] = subnet)))).toEqual([
      problem(`internalSite.vpc.${kind}[${index}]`, quoted(subnet), 'expected a subnet inside the internal site VPC CIDR 10.30.0.0/16'),
    ]);
    expect(schemaProblems(intranet((site) => (site.vpc[kind][index] = '10.30.200.0/29')))).toEqual([
      problem(`internalSite.vpc.${kind}[${index}]`, '"10.30.200.0/29"', 'expected a subnet of /28 or larger (AWS minimum)'),
    ]);
  });

  it('refuses subnets that overlap, naming the first one they overlap, within a kind and across kinds', () => {
    expect(schemaProblems(intranet((site) => (site.vpc.albSubnets = ['10.30.0.0/24', '10.30.1.128/25'])))).toEqual([]);
    expect(schemaProblems(intranet((site) => (site.vpc.endpointSubnets = ['10.30.10.0/24', '10.30.1.128/25'])))).toEqual([
      problem('internalSite.vpc.endpointSubnets[1]', '"10.30.1.128/25"', 'expected a subnet that does not overlap internalSite.vpc.albSubnets[1] (10.30.1.128/25 overlaps it)'),
    ]);
    expect(schemaProblems(intranet((site) => (site.vpc.albSubnets = ['10.30.0.0/23', '10.30.1.0/24'])))).toEqual([
      problem('internalSite.vpc.albSubnets[1]', '"10.30.1.0/24"', 'expected a subnet that does not overlap internalSite.vpc.albSubnets[0] (10.30.1.0/24 overlaps it)'),
    ]);
  });

  it('reports a malformed subnet once and checks the others; a malformed VPC CIDR once, not the subnets against it', () => {
    expect(schemaProblems(intranet((site) => (site.vpc.albSubnets = ['10.30.0.1/24', '10.30.10.0/24'])))).toEqual([
      problem('internalSite.vpc.albSubnets[0]', '"10.30.0.1/24"', 'expected an IPv4 CIDR block with no host bits set, such as 10.30.0.0/24'),
      problem('internalSite.vpc.endpointSubnets[0]', '"10.30.10.0/24"', 'expected a subnet that does not overlap internalSite.vpc.albSubnets[1] (10.30.10.0/24 overlaps it)'),
    ]);
    expect(schemaProblems(intranet((site) => (site.vpc.cidr = '10.30.0.1/16')))).toEqual([
      problem('internalSite.vpc.cidr', '"10.30.0.1/16"', 'expected an IPv4 CIDR block with no host bits set, such as 10.30.0.0/16'),
    ]);
  });

  it.each([
    [[200], '307 or 405'],
    [[200, 307], '405'],
    [[405, 200], '307'],
  ])('refuses the health codes %j, missing %s', (codes, missing) => {
    expect(schemaProblems(intranet((site) => (site.healthCheckCodes = codes)))).toEqual([problem('internalSite.healthCheckCodes', `[${codes.join(', ')}]`, HEALTH(missing))]);
  });

  it('refuses a health code twice, at the later index', () => {
    expect(schemaProblems(intranet((site) => (site.healthCheckCodes = [307, 200, 405, 200])))).toEqual([
      problem('internalSite.healthCheckCodes[3]', '200', 'expected each code once'),
    ]);
  });
});

// ---------------------------------------------------------------- s3-systems.ts: one owner per host name

describe('host names: each served by one system', () => {
  const SERVED = (owner: string, host: string) => `expected a host name no other system of the environment serves: ${owner} serves ${host}`;
  const PLATFORM = 'the web platform (domain and dns.subjectAlternativeNames)';
  const withPlatform =
    (change: Change): Change =>
    (input) => {
      input.systems = ['web-platform', 'static-website', 'internal-site'];
      input.staticWebsite = { hostName: 'blog.test.example.com' };
      input.internalSite = { ...internalSiteBlock(), hostedZoneId: undefined };
      change(input);
    };

  it('takes the three systems on three names', () => {
    expect(schemaProblems(withPlatform(() => undefined))).toEqual([]);
  });

  it.each([
    ['the domain', 'test.example.com'],
    ['www, its default alternative name', 'www.test.example.com'],
  ])("refuses for both sites the web platform's %s", (_case, host) => {
    expect(schemaProblems(withPlatform((input) => ((input.staticWebsite.hostName = host), (input.internalSite.hostName = host))))).toEqual([
      problem('staticWebsite.hostName', quoted(host), SERVED(PLATFORM, host)),
      problem('internalSite.hostName', quoted(host), SERVED(PLATFORM, host)),
    ]);
  });

  it('with alternative names configured, refuses those and takes www', () => {
    const configured = (input: Input) => (input.dns = { subjectAlternativeNames: ['shop.test.example.com'] });
    expect(schemaProblems(withPlatform((input) => (configured(input), (input.staticWebsite.hostName = 'shop.test.example.com'))))).toEqual([
      problem('staticWebsite.hostName', '"shop.test.example.com"', SERVED(PLATFORM, 'shop.test.example.com')),
    ]);
    expect(schemaProblems(withPlatform((input) => (configured(input), (input.staticWebsite.hostName = 'www.test.example.com'))))).toEqual([]);
  });

  it('refuses for the internal site the static website host, without the web platform', () => {
    expect(schemaProblems((input) => (s3SystemsOnly('static-website', 'internal-site')(input), (input.internalSite.hostName = 'www.test.example.com')))).toEqual([
      problem('internalSite.hostName', '"www.test.example.com"', SERVED('staticWebsite.hostName', 'www.test.example.com')),
    ]);
  });

  it("takes www for a site without the web platform: the domain's names are the web platform's only when it is there", () => {
    expect(schemaProblems((input) => (s3SystemsOnly('internal-site')(input), (input.internalSite.hostName = 'www.test.example.com')))).toEqual([]);
  });

  it('claims no name for the web platform without a domain', () => {
    expect(
      schemaProblems((input) => {
        delete input.domain;
        input.systems = ['web-platform', 'static-website'];
        input.dns = { subjectAlternativeNames: ['www.example.org'] };
        input.staticWebsite = { hostName: 'www.example.org' };
      }).filter((found) => found.field === 'staticWebsite.hostName'),
    ).toEqual([]);
  });

  it.each([
    ['staticWebsite', { hostName: 'www.test.example.com' }],
    ['internalSite', { ...internalSiteBlock(), hostName: 'www.test.example.com' }],
  ])('claims no name for a %s block the environment does not hold: only that block is refused', (field, block) => {
    const system = field === 'staticWebsite' ? 'static-website' : 'internal-site';
    expect(schemaProblems((input) => (input[field] = block))).toEqual([
      problem(field, `a ${field} setting`, `expected no ${field} here: only the ${system} system reads it, and systems (web-platform) does not include ${system}`),
    ]);
  });

  it('reports two sites without their blocks as missing, not as one name twice', () => {
    expect(schemaProblems((input) => (s3SystemsOnly('static-website', 'internal-site')(input), delete input.staticWebsite, delete input.internalSite))).toEqual([
      problem('staticWebsite', undefined, 'expected a value: the static-website system needs it (systems: static-website, internal-site)'),
      problem('internalSite', undefined, 'expected a value: the internal-site system needs it (systems: static-website, internal-site)'),
    ]);
  });
});

// ---------------------------------------------------------------- s3-systems.ts: encryption

describe('bucket encryption: sse-kms needs the environment keys, and the website endpoint needs sse-s3', () => {
  const NEEDS_KEYS = "expected sse-s3, or encryption.customerManagedKeys: true: sse-kms uses the environment's own S3 key (stack <env>-keys)";
  const ANONYMOUS = 'expected sse-s3 with staticWebsite.mode s3-website: the website endpoint serves anonymous readers, who cannot decrypt with a KMS key';
  const website = (mode: string, encryption: Input): Change => (input) => {
    s3SystemsOnly('static-website')(input);
    input.staticWebsite.mode = mode;
    input.encryption = encryption;
  };

  it.each(['uploads', 'website', 'files'])('refuses sse-kms for %s without the keys, and takes it with them', (bucketClass) => {
    expect(schemaProblems((input) => (input.encryption = { buckets: { [bucketClass]: 'sse-kms' } }))).toEqual([
      problem(`encryption.buckets.${bucketClass}`, '"sse-kms"', NEEDS_KEYS),
    ]);
    expect(schemaProblems((input) => (input.encryption = { customerManagedKeys: true, buckets: { [bucketClass]: 'sse-kms' } }))).toEqual([]);
  });

  it('takes sse-s3 everywhere, with or without the keys', () => {
    expect(schemaProblems((input) => (input.encryption = { buckets: { uploads: 'sse-s3', website: 'sse-s3', files: 'sse-s3' } }))).toEqual([]);
    expect(schemaProblems((input) => (input.encryption = { customerManagedKeys: true }))).toEqual([]);
  });

  it('refuses sse-kms for the website in s3-website mode only', () => {
    expect(schemaProblems(website('s3-website', { customerManagedKeys: true, buckets: { website: 'sse-kms' } }))).toEqual([problem('encryption.buckets.website', '"sse-kms"', ANONYMOUS)]);
    expect(schemaProblems(website('s3-website', { buckets: { website: 'sse-kms' } }))).toEqual([
      problem('encryption.buckets.website', '"sse-kms"', NEEDS_KEYS),
      problem('encryption.buckets.website', '"sse-kms"', ANONYMOUS),
    ]);
    expect(schemaProblems(website('cloudfront', { customerManagedKeys: true, buckets: { website: 'sse-kms' } }))).toEqual([]);
    expect(schemaProblems(website('s3-website', { customerManagedKeys: true, buckets: { uploads: 'sse-kms', files: 'sse-kms' } }))).toEqual([]);
  });
});
