import { App, TerraformStack, Testing } from 'cdktf';
import { SiteDistribution } from '../constructs/edge/site-distribution';
import { SecureBucket } from '../constructs/secure-bucket';
import { EdgeStack } from '../stacks/edge-stack';
import { testConfig } from './support/fixtures';
import { onlyResource, resourcesOf, synthStack } from './support/synth';

/** Every method CloudFront can forward (its AllowedMethods option "GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE"). */
const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const sorted = (methods: unknown) => [...(methods as string[])].sort();

describe('site distribution in the edge stack', () => {
  const json = synthStack(new EdgeStack(new App(), testConfig()));
  const distribution = onlyResource(json, 'aws_cloudfront_distribution');
  const defaultBehavior = distribution.default_cache_behavior as Record<string, unknown>;
  const ordered = distribution.ordered_cache_behavior as Record<string, unknown>[];
  const uploads = ordered.find((behavior) => behavior.path_pattern === '/wp-content/uploads/*')!;

  it('is enabled, reachable over IPv6 and speaks HTTP/2 and HTTP/3', () => {
    expect(distribution).toMatchObject({ enabled: true, is_ipv6_enabled: true, http_version: 'http2and3' });
  });

  it('serves viewers of every country (no geo restriction)', () => {
    expect(distribution.restrictions).toEqual({ geo_restriction: { restriction_type: 'none' } });
  });

  it('forwards every method to the site (forms, the REST API, uploads through the admin) and caches only GET and HEAD', () => {
    expect(sorted(defaultBehavior.allowed_methods)).toEqual(ALL_METHODS);
    expect(sorted(defaultBehavior.cached_methods)).toEqual(['GET', 'HEAD']);
  });

  it('serves uploads read-only: GET and HEAD, cached', () => {
    expect(sorted(uploads.allowed_methods)).toEqual(['GET', 'HEAD']);
    expect(sorted(uploads.cached_methods)).toEqual(['GET', 'HEAD']);
  });

  it('compresses what every behaviour serves', () => {
    expect([defaultBehavior, ...ordered].map((behavior) => [behavior.path_pattern ?? 'default', behavior.compress])).toEqual([
      ['default', true],
      ['/wp-content/uploads/*', true],
      ['/wp-includes/*', true],
      ['/wp-content/themes/*', true],
      ['/wp-content/plugins/*', true],
    ]);
  });

  it("names the uploads bucket's origin access control after the environment's distribution (names are unique per account)", () => {
    expect(onlyResource(json, 'aws_cloudfront_origin_access_control').name).toBe('webplat-test-edge-site');
  });
});

describe('site distribution without cached paths', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const uploadsBucket = new SecureBucket(stack, 'uploads', { bucketName: 'uploads-bucket' });
  new SiteDistribution(stack, 'cdn', {
    name: 'site',
    aliases: ['site.example.com'],
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    albDnsName: 'alb.example.com',
    originHeader: { name: 'X-Origin-Verify', value: 'secret-reference' },
    uploadsBucket,
    webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/00000000-0000-0000-0000-000000000000',
    hostGuardFunctionArn: 'arn:aws:cloudfront::123456789012:function/site-host-guard',
    priceClass: 'PriceClass_100',
  });
  const json = synthStack(stack);

  it('sends every request but uploads to the load balancer, and creates no cache policy for static paths', () => {
    const ordered = onlyResource(json, 'aws_cloudfront_distribution').ordered_cache_behavior as Record<string, unknown>[];
    expect(ordered.map((behavior) => [behavior.path_pattern, behavior.target_origin_id])).toEqual([['/wp-content/uploads/*', 'uploads']]);
    expect(resourcesOf(json, 'aws_cloudfront_cache_policy')).toEqual({});
    expect(resourcesOf(json, 'aws_cloudfront_origin_request_policy')).toEqual({});
  });
});
