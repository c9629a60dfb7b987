import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy';
import { CloudfrontOriginRequestPolicy } from '@cdktf/provider-aws/lib/cloudfront-origin-request-policy';
import { Construct } from 'constructs';
import type { EdgeConfig } from '../../config/schema';

/** WordPress's static files: scripts and styles of the core, the themes and the plugins. */
export const WORDPRESS_STATIC_PATHS = ['/wp-includes/*', '/wp-content/themes/*', '/wp-content/plugins/*'] as const;

/** The path patterns CloudFront caches from the load balancer: edge.cachedPaths, or WordPress's static paths for a WordPress site. */
export function cachedPathsOf(edge: Pick<EdgeConfig, 'cachedPaths' | 'application'>): readonly string[] {
  return edge.cachedPaths ?? (edge.application === 'wordpress' ? WORDPRESS_STATIC_PATHS : []);
}

export interface StaticAssetPoliciesProps {
  /** Name prefix of the two policies. */
  readonly name: string;
}

/**
 * The cache and origin request policies of the cached static paths. The cache key holds every query
 * string (WordPress versions its assets with ?ver=) and no cookie, so one cached copy serves every viewer;
 * the origin request adds the viewer's Host, which CloudFront needs to check the load balancer's
 * certificate (issued for the site's names, not the load balancer's).
 */
export class StaticAssetPolicies extends Construct {
  public readonly cachePolicyId: string;
  public readonly originRequestPolicyId: string;

  constructor(scope: Construct, id: string, props: StaticAssetPoliciesProps) {
    super(scope, id);
    const cache = new CloudfrontCachePolicy(this, 'cache', {
      name: `${props.name}-static`,
      comment: 'Static files from the load balancer: every query string in the key, no cookies',
      minTtl: 0,
      defaultTtl: 86400,
      maxTtl: 31536000,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'none' },
        queryStringsConfig: { queryStringBehavior: 'all' },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    });
    const originRequest = new CloudfrontOriginRequestPolicy(this, 'origin-request', {
      name: `${props.name}-static-origin`,
      comment: 'Static files from the load balancer: the viewer Host header, no cookies',
      cookiesConfig: { cookieBehavior: 'none' },
      headersConfig: { headerBehavior: 'whitelist', headers: { items: ['Host'] } },
      queryStringsConfig: { queryStringBehavior: 'all' },
    });
    this.cachePolicyId = cache.id;
    this.originRequestPolicyId = originRequest.id;
  }
}
