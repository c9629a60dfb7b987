import { ConfigDir } from './support/config-dir';
import { internalSiteBlock, oidcBlock, s3SystemsOnly, staticWebsiteBlock, TEST_ZONE_ID } from './support/s3-systems';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

type Input = Record<string, any>;
/** An environment holding only the static website, with `site` over its valid block. */
const website = (site: Input, change: (input: Input) => void = () => undefined) => (input: Input) => {
  s3SystemsOnly('static-website')(input);
  input.staticWebsite = { ...staticWebsiteBlock(), ...site };
  change(input);
};
/** An environment holding only the internal site, after `change` on its valid block. */
const internalSite = (change: (site: Input) => void) => (input: Input) => {
  s3SystemsOnly('internal-site')(input);
  change(input.internalSite);
};

describe('S3 systems in an environment file', () => {
  it('loads all three beside each other with every default', () => {
    const config = dir.loadAnyWith(s3SystemsOnly('static-website', 'private-bucket', 'internal-site'));
    expect(config.systems).toEqual(['static-website', 'private-bucket', 'internal-site']);
    expect(config.staticWebsite).toMatchObject({ mode: 'cloudfront', indexDocument: 'index.html', errorDocument: 'error.html' });
    expect(config.privateBucket).toMatchObject({ signedPrefix: 'downloads/', signerRoleNames: [] });
    expect(config.internalSite).toMatchObject({ scheme: 'internal', healthCheckCodes: [200, 307, 405] });
    expect(config.encryption).toEqual({ customerManagedKeys: false, buckets: { uploads: 'sse-s3', website: 'sse-s3', files: 'sse-s3' } });
  });

  it('needs the domain for the website and the internal site, not for the private bucket', () => {
    expect(dir.problemsFor(website({}, (input) => delete input.domain))).toEqual([
      { field: 'domain', expected: 'expected a value: the static-website system needs it (systems: static-website)' },
    ]);
    expect(dir.loadAnyWith((input) => (s3SystemsOnly('private-bucket')(input), delete input.domain)).domain).toBeUndefined();
  });

  it('refuses a system block set without its system', () => {
    expect(dir.problemsFor((input) => (input.privateBucket = {}))).toEqual([
      {
        field: 'privateBucket',
        received: 'a privateBucket setting',
        expected: 'expected no privateBucket here: only the private-bucket system reads it, and systems (web-platform) does not include private-bucket',
      },
    ]);
  });
});

describe('static website: bad input', () => {
  it('refuses a website bucket whose name differs from its host in s3-website mode', () => {
    expect(dir.problemsFor(website({ mode: 's3-website', bucketName: 'my-site-bucket' }))).toEqual([
      {
        field: 'staticWebsite.bucketName',
        received: '"my-site-bucket"',
        expected: 'expected the host name www.test.example.com (or leave bucketName out): the S3 website endpoint serves the bucket named as the Host header',
      },
    ]);
  });

  it('takes any valid bucket name in cloudfront mode, and refuses one S3 would not', () => {
    expect(dir.loadAnyWith(website({ bucketName: 'my-site-bucket' })).staticWebsite?.bucketName).toBe('my-site-bucket');
    expect(dir.problemsFor(website({ bucketName: 'My_Bucket' }))).toEqual([
      {
        field: 'staticWebsite.bucketName',
        received: '"My_Bucket"',
        expected: 'expected lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit',
      },
    ]);
  });

  it.each([
    ['another domain', 'www.example.org'],
    ['a name that only ends like the domain', 'wwwtest.example.com'],
    ['the parent domain', 'example.com'],
  ])('refuses a host outside the environment domain: %s', (_case, hostName) => {
    expect(dir.problemsFor(website({ hostName }))).toEqual([
      {
        field: 'staticWebsite.hostName',
        received: JSON.stringify(hostName),
        expected: "expected a host name inside the environment's domain test.example.com (test.example.com itself or a name ending in .test.example.com)",
      },
    ]);
  });

  it('takes the domain itself as the host', () => {
    expect(dir.loadAnyWith(website({ hostName: 'test.example.com' })).staticWebsite?.hostName).toBe('test.example.com');
  });

  it('refuses a malformed host name', () => {
    expect(dir.problemsFor(website({ hostName: 'WWW.test.example.com' }))).toEqual([
      expect.objectContaining({ field: 'staticWebsite.hostName', expected: 'expected a lower-case host name such as www.example.com (labels of a-z, 0-9 and -)' }),
    ]);
  });

  it('needs a hosted zone id when there is no web platform to take the zone from', () => {
    expect(dir.problemsFor(website({ hostedZoneId: undefined }))).toEqual([
      {
        field: 'staticWebsite.hostedZoneId',
        received: 'nothing',
        expected: 'expected the id of the public hosted zone of test.example.com: without the web platform there is no <env>-dns zone to use',
      },
    ]);
  });

  it('takes the web platform zone when the environment holds the web platform too', () => {
    const config = dir.loadAnyWith((input) => {
      input.systems = ['web-platform', 'static-website'];
      input.staticWebsite = { hostName: 'blog.test.example.com' };
    });
    expect(config.staticWebsite?.hostedZoneId).toBeUndefined();
  });

  it('refuses a host the web platform of the same environment serves, or the internal site does', () => {
    const problems = dir.problemsFor((input) => {
      input.systems = ['web-platform', 'static-website', 'internal-site'];
      input.staticWebsite = { hostName: 'www.test.example.com' };
      input.internalSite = { ...internalSiteBlock(), hostName: 'www.test.example.com', hostedZoneId: undefined };
    });
    expect(problems).toEqual([
      {
        field: 'staticWebsite.hostName',
        received: '"www.test.example.com"',
        expected: 'expected a host name no other system of the environment serves: the web platform (domain and dns.subjectAlternativeNames) serves www.test.example.com',
      },
      {
        field: 'internalSite.hostName',
        received: '"www.test.example.com"',
        expected: 'expected a host name no other system of the environment serves: the web platform (domain and dns.subjectAlternativeNames) serves www.test.example.com',
      },
    ]);
    expect(
      dir.problemsFor((input) => {
        s3SystemsOnly('static-website', 'internal-site')(input);
        input.internalSite.hostName = 'www.test.example.com';
      }),
    ).toEqual([expect.objectContaining({ field: 'internalSite.hostName', expected: 'expected a host name no other system of the environment serves: staticWebsite.hostName serves www.test.example.com' })]);
  });

  it('refuses s3-website mode in a region the website endpoint table does not list', () => {
    const problems = dir.problemsFor(
      website({ mode: 's3-website' }, (input) => {
        input.region = 'ap-southeast-7';
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'staticWebsite.mode',
        expected: 'expected cloudfront: region ap-southeast-7 is not in config/aws/s3-website-zones.json, so the alias record\'s zone is unknown',
      }),
    ]);
  });

  it('refuses SSE-KMS for the website bucket in s3-website mode: anonymous readers cannot decrypt', () => {
    const problems = dir.problemsFor(website({ mode: 's3-website' }, (input) => (input.encryption = { customerManagedKeys: true, buckets: { website: 'sse-kms' } })));
    expect(problems).toEqual([
      {
        field: 'encryption.buckets.website',
        received: '"sse-kms"',
        expected: 'expected sse-s3 with staticWebsite.mode s3-website: the website endpoint serves anonymous readers, who cannot decrypt with a KMS key',
      },
    ]);
  });
});

describe('encryption: bad input', () => {
  it('refuses sse-kms for a bucket class without the environment keys', () => {
    expect(dir.problemsFor((input) => (input.encryption = { buckets: { uploads: 'sse-kms' } }))).toEqual([
      {
        field: 'encryption.buckets.uploads',
        received: '"sse-kms"',
        expected: "expected sse-s3, or encryption.customerManagedKeys: true: sse-kms uses the environment's own S3 key (stack <env>-keys)",
      },
    ]);
  });

  it('refuses an encryption choice it does not know', () => {
    expect(dir.problemsFor((input) => (input.encryption = { customerManagedKeys: true, buckets: { files: 'aws:kms' } }))).toEqual([
      expect.objectContaining({ field: 'encryption.buckets.files', expected: 'expected one of: "sse-s3", "sse-kms"' }),
    ]);
  });
});

describe('private bucket: bad input', () => {
  const bucket = (block: Input) => (input: Input) => {
    s3SystemsOnly('private-bucket')(input);
    input.privateBucket = block;
  };

  it.each([
    ['no trailing slash', 'downloads'],
    ['a leading slash', '/downloads/'],
  ])('refuses a signed prefix with %s', (_case, signedPrefix) => {
    expect(dir.problemsFor(bucket({ signedPrefix }))).toEqual([
      expect.objectContaining({ field: 'privateBucket.signedPrefix', expected: 'expected a key prefix ending in /, such as downloads/ (no leading /, S3 safe characters only)' }),
    ]);
  });

  it('refuses a bucket name S3 would not take, and a signer role named twice', () => {
    expect(dir.problemsFor(bucket({ bucketName: 'xn--files' }))).toEqual([
      { field: 'privateBucket.bucketName', received: '"xn--files"', expected: 'expected a name that does not start with "xn--" (reserved by S3)' },
    ]);
    expect(dir.problemsFor(bucket({ signerRoleNames: ['App-Signer', 'app-signer'] }))).toEqual([
      { field: 'privateBucket.signerRoleNames[1]', received: '"app-signer"', expected: 'expected each role once (IAM role names are case-insensitive)' },
    ]);
  });

  it('refuses a role ARN where a role name belongs', () => {
    expect(dir.problemsFor(bucket({ signerRoleNames: ['arn:aws:iam::123456789012:role/app'] }))).toEqual([
      expect.objectContaining({ field: 'privateBucket.signerRoleNames[0]' }),
    ]);
  });
});

describe('internal site: bad input', () => {
  it('refuses OIDC without issuer, client id or endpoints, naming each', () => {
    const problems = dir.problemsFor(internalSite((site) => (site.oidc = { scope: 'openid' })));
    expect(problems.map((problem) => problem.field).sort()).toEqual(
      ['authorizationEndpoint', 'clientId', 'issuer', 'tokenEndpoint', 'userInfoEndpoint'].map((field) => `internalSite.oidc.${field}`),
    );
    expect(problems.every((problem) => problem.expected !== undefined && problem.expected.length > 0)).toBe(true);
  });

  it('refuses an OIDC endpoint that is not https', () => {
    expect(dir.problemsFor(internalSite((site) => (site.oidc = { ...oidcBlock(), tokenEndpoint: 'http://login.example.com/token' })))).toEqual([
      { field: 'internalSite.oidc.tokenEndpoint', received: '"http://login.example.com/token"', expected: 'expected an https:// URL' },
    ]);
  });

  it('refuses an endpoint subnet outside the VPC', () => {
    expect(dir.problemsFor(internalSite((site) => (site.vpc.endpointSubnets = ['10.30.10.0/24', '10.31.11.0/24'])))).toEqual([
      { field: 'internalSite.vpc.endpointSubnets[1]', received: '"10.31.11.0/24"', expected: 'expected a subnet inside the internal site VPC CIDR 10.30.0.0/16' },
    ]);
  });

  it('refuses subnets that overlap, and a subnet count that is not one per zone', () => {
    expect(dir.problemsFor(internalSite((site) => (site.vpc.endpointSubnets = ['10.30.0.0/23'])))).toEqual([
      { field: 'internalSite.vpc.endpointSubnets', received: '1 subnets', expected: 'expected 2 subnets, one per availability zone (eu-west-1a, eu-west-1b)' },
      {
        field: 'internalSite.vpc.endpointSubnets[0]',
        received: '"10.30.0.0/23"',
        expected: 'expected a subnet that does not overlap internalSite.vpc.albSubnets[0] (10.30.0.0/23 overlaps it)',
      },
    ]);
  });

  it('refuses a zone outside the region', () => {
    expect(dir.problemsFor(internalSite((site) => (site.vpc.availabilityZones = ['eu-west-1a', 'eu-west-2b'])))).toEqual([
      expect.objectContaining({ field: 'internalSite.vpc.availabilityZones[1]', expected: expect.stringMatching(/^expected an availability zone of region eu-west-1: /) }),
    ]);
  });

  it.each([
    [[200], '307 or 405'],
    [[200, 307], '405'],
    [[200, 405], '307'],
  ])('refuses health codes %j: S3 answers the probe with 307 or 405 (missing %s)', (codes, missing) => {
    expect(dir.problemsFor(internalSite((site) => (site.healthCheckCodes = codes)))).toEqual([
      {
        field: 'internalSite.healthCheckCodes',
        received: `[${codes.join(', ')}]`,
        expected: `expected a list that includes 307 or 405: S3 answers the load balancer's health check with 307 or 405, so without ${missing} every target is unhealthy`,
      },
    ]);
  });

  it('refuses a bucket name that differs from the host, and a host outside the domain', () => {
    expect(dir.problemsFor(internalSite((site) => (site.bucketName = 'docs-bucket')))).toEqual([
      expect.objectContaining({
        field: 'internalSite.bucketName',
        expected: 'expected the host name docs.test.example.com (or leave bucketName out): the S3 interface endpoint serves the bucket named as the Host header',
      }),
    ]);
    expect(dir.problemsFor(internalSite((site) => (site.hostName = 'docs.example.net')))).toEqual([
      expect.objectContaining({ field: 'internalSite.hostName', received: '"docs.example.net"' }),
    ]);
  });

  it('refuses a host that cannot be a bucket name', () => {
    const long = `${'a'.repeat(50)}.test.example.com`;
    expect(dir.problemsFor(internalSite((site) => (site.hostName = long)))).toEqual([
      {
        field: 'internalSite.hostName',
        received: JSON.stringify(long),
        expected: "expected 3 to 63 characters, not 67: the host name is the bucket's name, and S3 refuses this one",
      },
    ]);
  });

  it('takes the zone from config or, with the web platform, from its dns stack', () => {
    expect(dir.loadAnyWith(internalSite(() => undefined)).internalSite?.hostedZoneId).toBe(TEST_ZONE_ID);
    const withPlatform = dir.loadAnyWith((input) => {
      input.systems = ['web-platform', 'internal-site'];
      input.internalSite = { ...internalSiteBlock(), hostedZoneId: undefined };
    });
    expect(withPlatform.internalSite?.hostedZoneId).toBeUndefined();
  });
});
