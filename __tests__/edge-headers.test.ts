import { App } from 'cdktf';
import { EdgeStack } from '../stacks/edge-stack';
import type { WebPlatformInput } from './support/fixtures';
import { testConfig } from './support/fixtures';
import { onlyResource, resourcesOf, synthStack } from './support/synth';

function synthEdge(change?: (input: WebPlatformInput) => void) {
  return synthStack(new EdgeStack(new App(), testConfig(change)));
}

/** The response headers policy a behaviour's `response_headers_policy_id` refers to. */
function policyOf(json: ReturnType<typeof synthEdge>, behavior: Record<string, unknown>): Record<string, any> {
  const match = /^\$\{aws_cloudfront_response_headers_policy\.([\w-]+)\.id\}$/.exec(String(behavior.response_headers_policy_id));
  if (match === null) throw new Error(`no response headers policy reference: ${String(behavior.response_headers_policy_id)}`);
  return resourcesOf(json, 'aws_cloudfront_response_headers_policy')[match[1]];
}

function behaviorsOf(json: ReturnType<typeof synthEdge>): Record<string, unknown>[] {
  const distribution = onlyResource(json, 'aws_cloudfront_distribution');
  return [distribution.default_cache_behavior as Record<string, unknown>, ...(distribution.ordered_cache_behavior as Record<string, unknown>[])];
}

const SITE_HEADERS = {
  strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, override: true },
  content_type_options: { override: true },
  frame_options: { frame_option: 'SAMEORIGIN', override: true },
  referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
};

describe('security response headers', () => {
  const json = synthEdge();

  it('attach a response headers policy to every behaviour, the cached paths included', () => {
    const behaviors = behaviorsOf(json);
    expect(behaviors.map((behavior) => behavior.path_pattern ?? 'default')).toEqual([
      'default',
      '/wp-content/uploads/*',
      '/wp-includes/*',
      '/wp-content/themes/*',
      '/wp-content/plugins/*',
    ]);
    for (const behavior of behaviors) expect(policyOf(json, behavior)).toBeDefined();
  });

  it('send HSTS for a year with subdomains, nosniff, SAMEORIGIN framing and a strict referrer policy from the site, overriding the origin', () => {
    for (const behavior of behaviorsOf(json).filter((b) => b.path_pattern !== '/wp-content/uploads/*')) {
      expect(policyOf(json, behavior).security_headers_config).toEqual(SITE_HEADERS);
    }
  });

  it("sandbox user uploads with Content-Security-Policy default-src 'none'; sandbox, beside the site headers", () => {
    const uploads = behaviorsOf(json).find((behavior) => behavior.path_pattern === '/wp-content/uploads/*')!;
    expect(policyOf(json, uploads).security_headers_config).toEqual({
      ...SITE_HEADERS,
      content_security_policy: { content_security_policy: "default-src 'none'; sandbox", override: true },
    });
  });

  it('keep the CSP off the site pages, where it would stop every script', () => {
    for (const behavior of behaviorsOf(json).filter((b) => b.path_pattern !== '/wp-content/uploads/*')) {
      expect(policyOf(json, behavior).security_headers_config.content_security_policy).toBeUndefined();
    }
  });

  it("name the site and uploads policies after the environment's site (names are unique per account)", () => {
    const uploads = behaviorsOf(json).find((behavior) => behavior.path_pattern === '/wp-content/uploads/*')!;
    expect(policyOf(json, behaviorsOf(json)[0]).name).toBe('webplat-test-edge-site-security-headers');
    expect(policyOf(json, uploads).name).toBe('webplat-test-edge-site-uploads-headers');
  });

  it('attach the policies to a generic site without cached paths too', () => {
    const generic = synthEdge((input) => (input.edge = { application: 'generic' }));
    const behaviors = behaviorsOf(generic);
    expect(behaviors).toHaveLength(2);
    for (const behavior of behaviors) expect(policyOf(generic, behavior).security_headers_config.strict_transport_security.access_control_max_age_sec).toBe(31536000);
  });
});
