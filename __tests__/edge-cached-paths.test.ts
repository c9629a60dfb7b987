import { App } from 'cdktf';
import { EdgeStack } from '../stacks/edge-stack';
import type { WebPlatformInput } from './support/fixtures';
import { testConfig } from './support/fixtures';
import { onlyResource, resourcesOf, synthStack } from './support/synth';

function synthEdge(change?: (input: WebPlatformInput) => void) {
  return synthStack(new EdgeStack(new App(), testConfig(change)));
}

const orderedOf = (json: ReturnType<typeof synthEdge>) => onlyResource(json, 'aws_cloudfront_distribution').ordered_cache_behavior as Record<string, any>[];
const cachedOf = (json: ReturnType<typeof synthEdge>) => orderedOf(json).filter((behavior) => behavior.target_origin_id === 'alb');

describe('cached static paths', () => {
  const json = synthEdge();

  it("cache WordPress's static paths from the load balancer by default, after uploads", () => {
    expect(orderedOf(json).map((behavior) => behavior.path_pattern)).toEqual(['/wp-content/uploads/*', '/wp-includes/*', '/wp-content/themes/*', '/wp-content/plugins/*']);
  });

  it('serve them over HTTPS with GET, HEAD and OPTIONS, compressed, through the host guard', () => {
    for (const behavior of cachedOf(json)) {
      expect(behavior).toMatchObject({
        target_origin_id: 'alb',
        viewer_protocol_policy: 'redirect-to-https',
        allowed_methods: ['GET', 'HEAD', 'OPTIONS'],
        cached_methods: ['GET', 'HEAD'],
        compress: true,
        function_association: [{ event_type: 'viewer-request', function_arn: expect.stringMatching(/aws_cloudfront_function\./) }],
      });
    }
  });

  it('key the cache on every query string and no cookie or header, with gzip and brotli', () => {
    const policy = onlyResource(json, 'aws_cloudfront_cache_policy');
    expect(policy.parameters_in_cache_key_and_forwarded_to_origin).toEqual({
      cookies_config: { cookie_behavior: 'none' },
      headers_config: { header_behavior: 'none' },
      query_strings_config: { query_string_behavior: 'all' },
      enable_accept_encoding_gzip: true,
      enable_accept_encoding_brotli: true,
    });
    for (const behavior of cachedOf(json)) expect(behavior.cache_policy_id).toMatch(/^\$\{aws_cloudfront_cache_policy\.[\w-]+\.id\}$/);
  });

  it("forward the viewer's Host header (the load balancer's certificate names the site), every query string and no cookies", () => {
    const policy = onlyResource(json, 'aws_cloudfront_origin_request_policy');
    expect(policy.headers_config).toEqual({ header_behavior: 'whitelist', headers: { items: ['Host'] } });
    expect(policy.cookies_config).toEqual({ cookie_behavior: 'none' });
    // The cache key's query strings reach the origin anyway; the origin request policy sends them all too.
    expect(policy.query_strings_config).toEqual({ query_string_behavior: 'all' });
    for (const behavior of cachedOf(json)) expect(behavior.origin_request_policy_id).toMatch(/^\$\{aws_cloudfront_origin_request_policy\.[\w-]+\.id\}$/);
  });

  it("name both policies after the environment's site (names are unique per account)", () => {
    expect(onlyResource(json, 'aws_cloudfront_cache_policy').name).toBe('webplat-test-edge-site-static');
    expect(onlyResource(json, 'aws_cloudfront_origin_request_policy').name).toBe('webplat-test-edge-site-static-origin');
  });

  it('cache the configured paths instead, in their order', () => {
    const custom = synthEdge((input) => (input.edge = { cachedPaths: ['/assets/*', '/favicon.ico'] }));
    expect(orderedOf(custom).map((behavior) => behavior.path_pattern)).toEqual(['/wp-content/uploads/*', '/assets/*', '/favicon.ico']);
  });

  it('cache nothing from the load balancer for a generic site, and create no policies for it', () => {
    const generic = synthEdge((input) => (input.edge = { application: 'generic' }));
    expect(orderedOf(generic).map((behavior) => behavior.path_pattern)).toEqual(['/wp-content/uploads/*']);
    expect(resourcesOf(generic, 'aws_cloudfront_cache_policy')).toEqual({});
    expect(resourcesOf(generic, 'aws_cloudfront_origin_request_policy')).toEqual({});
  });

  it('leave the default behaviour uncached with every viewer value', () => {
    expect(onlyResource(json, 'aws_cloudfront_distribution').default_cache_behavior).toMatchObject({
      target_origin_id: 'alb',
      cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      origin_request_policy_id: '216adef6-5c7f-47e4-b989-5492eafa07d3',
    });
  });
});
