import { siteNames } from '../config/schema';
import { ConfigDir } from './support/config-dir';
import { testConfig } from './support/fixtures';

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

describe('load balancer names', () => {
  it.each(['internal', 'internal-web'])('refuses the project %s, which starts the load balancer name with internal-', (project) => {
    expect(() => dir.loadWith((input) => (input.project = project))).toThrow(
      new RegExp(`project: got "${project}"; expected a project name that does not start the load balancer's name with "internal-" \\(it would be ${project}-test-app-alb; Elastic Load Balancing refuses such names\\)`),
    );
  });

  it.each(['internalweb', 'intern', 'webinternal', 'my-internal'])('accepts the project %s', (project) => {
    expect(dir.loadWith((input) => (input.project = project)).project).toBe(project);
  });
});

describe('certificate names', () => {
  /** A domain of exactly `length` characters below example.com. */
  const domainOf = (length: number) => `${'a'.repeat(length - '.example.com'.length)}.example.com`;

  it('refuses a domain longer than the 64 characters of a certificate common name', () => {
    const domain = domainOf(65);
    expect(() => dir.loadWith((input) => (input.domain = domain))).toThrow(
      /domain: got "a+\.example\.com"; expected at most 64 characters, not 65: the certificates carry the domain as their common name, which ACM limits to 64/,
    );
  });

  it('accepts a domain of exactly 64 characters', () => {
    expect(dir.loadWith((input) => (input.domain = domainOf(64))).domain).toHaveLength(64);
  });

  it('refuses more than 10 names on the certificates (ACM default quota)', () => {
    const names = Array.from({ length: 10 }, (_, index) => `site${index}.test.example.com`);
    expect(() => dir.loadWith((input) => (input.dns = { subjectAlternativeNames: names }))).toThrow(
      /dns\.subjectAlternativeNames: got 10 names; expected at most 9 names: with the domain that makes 10, ACM's default quota of names per certificate/,
    );
  });

  it('accepts the domain and 9 alternative names, and the default www name', () => {
    const names = Array.from({ length: 9 }, (_, index) => `site${index}.test.example.com`);
    expect(siteNames(dir.loadWith((input) => (input.dns = { subjectAlternativeNames: names })))).toHaveLength(10);
    expect(siteNames(testConfig())).toEqual(['test.example.com', 'www.test.example.com']);
  });
});

describe('KMS keys', () => {
  const multiRegionKey = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab';

  it('accepts a multi-region key for state and logs', () => {
    const config = dir.loadWith((input) => {
      input.state = { kmsKeyArn: multiRegionKey };
      input.observability = { kmsKeyArn: multiRegionKey };
    });
    expect(config.state.kmsKeyArn).toBe(multiRegionKey);
    expect(config.observability.kmsKeyArn).toBe(multiRegionKey);
  });

  it.each([
    'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd',
    'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234ABCD12AB34CD56EF1234567890AB',
    'arn:aws:kms:eu-west-1:123456789012:key/------------------------------------',
    'arn:aws:kms:eu-west-1:123456789012:alias/logs',
    'arn:aws:kms:eu-west-1:12345678901:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    'arn:aws:kms:eu-west-1:1234567890123:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    'arn:aws:kms:eu-west-1:123456789012:key/0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0',
    'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-extra',
  ])('refuses %s, showing what is accepted', (arn) => {
    expect(() => dir.loadWith((input) => (input.observability = { kmsKeyArn: arn }))).toThrow(
      /observability\.kmsKeyArn: got "arn:aws:kms:[^"]+"; expected a KMS key ARN \(arn:aws:kms:<region>:<account>:key\/<uuid>, or key\/mrk-<32 hex digits> for a multi-region key\)/,
    );
  });

  it('refuses a multi-region key ARN of another region: a replica in the home region has its own ARN', () => {
    expect(dir.problemsFor((input) => (input.state = { kmsKeyArn: multiRegionKey.replace('eu-west-1', 'us-east-1') }))).toEqual([
      expect.objectContaining({ field: 'state.kmsKeyArn', expected: 'expected a key in the home region eu-west-1' }),
    ]);
  });

  it('reports a malformed ARN once, not also as a key of another region', () => {
    expect(dir.problemsFor((input) => (input.observability = { kmsKeyArn: 'alias/logs' }))).toHaveLength(1);
  });
});

describe('WAF rate limit', () => {
  it.each([10, 100, 2000000000])('accepts %d requests per 5 minutes', (limit) => {
    expect(dir.loadWith((input) => (input.edge = { rateLimitPer5Minutes: limit })).edge.rateLimitPer5Minutes).toBe(limit);
  });

  it('refuses fewer than 10, the AWS minimum', () => {
    expect(() => dir.loadWith((input) => (input.edge = { rateLimitPer5Minutes: 9 }))).toThrow(/edge\.rateLimitPer5Minutes: got 9; expected at least 10/);
  });
});
