import {
  CloudfrontDistribution,
  CloudfrontDistributionDefaultCacheBehavior,
  CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation,
} from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { Construct } from 'constructs';
import { SecureBucket } from '../secure-bucket';
import { StaticAssetPolicies } from './cached-paths';
import { httpsViewerCertificate, letDistributionRead, s3OriginAccessControl } from './s3-origin-access';
import { SecurityHeadersPolicies } from './response-headers';
import { UPLOADS_PATH_PATTERN } from './uploads-location';

/** AWS managed CloudFront policies, by their fixed ids. */
export const MANAGED_POLICIES = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  allViewerOriginRequest: '216adef6-5c7f-47e4-b989-5492eafa07d3',
} as const;

/**
 * How a distribution serves objects from an S3 origin: HTTPS only (HTTP redirected), GET and HEAD,
 * cached with CachingOptimized, compressed, with the given headers policy and viewer functions.
 */
export function s3ObjectBehavior(
  targetOriginId: string,
  responseHeadersPolicyId: string,
  functionAssociation: CloudfrontDistributionDefaultCacheBehaviorFunctionAssociation[],
): CloudfrontDistributionDefaultCacheBehavior {
  return {
    targetOriginId,
    viewerProtocolPolicy: 'redirect-to-https',
    allowedMethods: ['GET', 'HEAD'],
    cachedMethods: ['GET', 'HEAD'],
    cachePolicyId: MANAGED_POLICIES.cachingOptimized,
    responseHeadersPolicyId,
    compress: true,
    functionAssociation,
  };
}

const ALB_ORIGIN = 'alb';
const UPLOADS_ORIGIN = 'uploads';

export interface SiteDistributionProps {
  /** Names of the origin access control (and comment). */
  readonly name: string;
  /** The site's names: the distribution's aliases. */
  readonly aliases: readonly string[];
  /** Issued us-east-1 certificate covering the aliases. */
  readonly certificateArn: string;
  /** DNS name of the origin load balancer. */
  readonly albDnsName: string;
  /** Name and value (reference) of the header the load balancer insists on. */
  readonly originHeader: { readonly name: string; readonly value: string };
  /** The private uploads bucket; this construct grants the distribution read access to it. */
  readonly uploadsBucket: SecureBucket;
  /** Global (CLOUDFRONT scope) WAF web ACL ARN. */
  readonly webAclArn: string;
  /** Viewer-request function refusing foreign hosts. */
  readonly hostGuardFunctionArn: string;
  readonly priceClass: string;
  /**
   * Path patterns cached from the load balancer (every query string in the key, no cookies), after uploads.
   * @default - none: every request but uploads reaches the load balancer
   */
  readonly cachedPaths?: readonly string[];
}

/**
 * The CloudFront distribution in front of the site: dynamic pages from the load balancer
 * (no caching, every viewer header, cookie and query string forwarded, the secret origin
 * header added), `/wp-content/uploads/*` from the private bucket through Origin Access
 * Control, the cached static paths from the load balancer, HTTPS only with TLSv1.2_2021,
 * the site's names, the global WAF, and security headers on every response.
 */
export class SiteDistribution extends Construct {
  public readonly distributionId: string;
  public readonly distributionArn: string;
  public readonly domainName: string;
  public readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const oac = s3OriginAccessControl(this, 'uploads-oac', { name: props.name, description: 'CloudFront reads the uploads bucket, signed (SigV4)' });
    const hostGuard = [{ eventType: 'viewer-request', functionArn: props.hostGuardFunctionArn }];
    const headers = new SecurityHeadersPolicies(this, 'headers', { name: props.name });
    const cachedPaths = props.cachedPaths ?? [];
    const staticAssets = cachedPaths.length === 0 ? undefined : new StaticAssetPolicies(this, 'static', { name: props.name });
    const cachedBehaviors = cachedPaths.map((pathPattern) => ({
      pathPattern,
      targetOriginId: ALB_ORIGIN,
      viewerProtocolPolicy: 'redirect-to-https',
      allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      cachedMethods: ['GET', 'HEAD'],
      cachePolicyId: staticAssets?.cachePolicyId,
      originRequestPolicyId: staticAssets?.originRequestPolicyId,
      responseHeadersPolicyId: headers.sitePolicyId,
      compress: true,
      functionAssociation: hostGuard,
    }));
    const distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      comment: props.name,
      aliases: [...props.aliases],
      priceClass: props.priceClass,
      webAclId: props.webAclArn,
      origin: [
        {
          originId: ALB_ORIGIN,
          domainName: props.albDnsName,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: 'https-only',
            originSslProtocols: ['TLSv1.2'],
          },
          customHeader: [{ name: props.originHeader.name, value: props.originHeader.value }],
        },
        {
          originId: UPLOADS_ORIGIN,
          // The regional name: the global one answers 307 redirects for a new bucket's first hours.
          domainName: props.uploadsBucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ALB_ORIGIN,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: MANAGED_POLICIES.cachingDisabled,
        originRequestPolicyId: MANAGED_POLICIES.allViewerOriginRequest,
        responseHeadersPolicyId: headers.sitePolicyId,
        compress: true,
        functionAssociation: hostGuard,
      },
      orderedCacheBehavior: [
        { pathPattern: UPLOADS_PATH_PATTERN, ...s3ObjectBehavior(UPLOADS_ORIGIN, headers.uploadsPolicyId, hostGuard) },
        // After uploads: CloudFront takes the first behaviour whose pattern matches.
        ...cachedBehaviors,
      ],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: httpsViewerCertificate(props.certificateArn),
    });
    letDistributionRead(props.uploadsBucket, 'CloudFrontReadsUploads', distribution.arn);
    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.domainName = distribution.domainName;
    this.hostedZoneId = distribution.hostedZoneId;
  }
}
