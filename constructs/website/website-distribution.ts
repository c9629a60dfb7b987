import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { Construct } from 'constructs';
import { siteSecurityHeadersPolicy } from '../edge/response-headers';
import { httpsViewerCertificate, letDistributionRead, s3OriginAccessControl } from '../edge/s3-origin-access';
import { s3ObjectBehavior } from '../edge/site-distribution';
import { suppressPolicy } from '../policy/suppressions';
import { SecureBucket } from '../secure-bucket';
import { IndexDocumentFunction } from './index-document-function';

const CONTENT_ORIGIN = 'content';
/** Suffix of the index document function's name. */
const FUNCTION_SUFFIX = '-index';
/** Longest CloudFront Function name (and origin access control name). */
const MAX_CLOUDFRONT_NAME_LENGTH = 64;
/** Longest `name` the construct accepts: every name it makes from it fits CloudFront's limits. */
export const MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH = MAX_CLOUDFRONT_NAME_LENGTH - FUNCTION_SUFFIX.length;
/**
 * Answers S3 gives for a key that does not exist: 404, or 403 when the reader may not list the bucket
 * (CloudFront's OAC may only get objects), so both serve the error document.
 */
const MISSING_OBJECT_STATUS_CODES = [403, 404];

export interface WebsiteDistributionProps {
  /** Name of the origin access control, the function and the policies (and the distribution's comment); at most MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH characters. */
  readonly name: string;
  /** The site's host name: the distribution's only alias. */
  readonly hostName: string;
  /** Issued us-east-1 certificate for the host name. */
  readonly certificateArn: string;
  /** The private content bucket; this construct lets only this distribution read it. */
  readonly bucket: SecureBucket;
  /** Object served for `/` and for every path ending in `/`. */
  readonly indexDocument: string;
  /** Object served, with status 404, for a key that does not exist. */
  readonly errorDocument: string;
  /** CloudFront price class (PriceClass_100, PriceClass_200 or PriceClass_All). */
  readonly priceClass: string;
}

/**
 * CloudFront in front of a private bucket of static files: read through Origin Access Control
 * (SigV4 on every request, the bucket policy admitting only this distribution), the host name with
 * its certificate over HTTPS only (TLSv1.2_2021, HTTP redirected), HTTP/2 and 3, IPv6, cached with
 * the managed CachingOptimized policy, the index document for `/` and every path ending in `/`, the
 * error document with status 404 for a missing key, and security headers on every response.
 */
export class WebsiteDistribution extends Construct {
  public readonly distributionId: string;
  public readonly distributionArn: string;
  public readonly domainName: string;
  /** CloudFront's hosted zone, for alias records. */
  public readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: WebsiteDistributionProps) {
    super(scope, id);
    if (props.name.length > MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH) {
      throw new Error(
        `WebsiteDistribution: name "${props.name}" has ${props.name.length} characters, more than ${MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH}: use naming.name(tier, purpose, MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH).`,
      );
    }
    const oac = s3OriginAccessControl(this, 'oac', { name: props.name, description: 'CloudFront reads the website bucket, signed (SigV4)' });
    const headers = siteSecurityHeadersPolicy(this, 'headers', props.name);
    const indexDocument = new IndexDocumentFunction(this, 'index-document', { name: `${props.name}${FUNCTION_SUFFIX}`, indexDocument: props.indexDocument });
    const distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      comment: props.name,
      aliases: [props.hostName],
      priceClass: props.priceClass,
      defaultRootObject: props.indexDocument,
      origin: [
        {
          originId: CONTENT_ORIGIN,
          // The regional name: the global one answers 307 redirects for a new bucket's first hours.
          domainName: props.bucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
      ],
      defaultCacheBehavior: s3ObjectBehavior(CONTENT_ORIGIN, headers.id, [{ eventType: 'viewer-request', functionArn: indexDocument.functionArn }]),
      customErrorResponse: MISSING_OBJECT_STATUS_CODES.map((errorCode) => ({ errorCode, responseCode: 404, responsePagePath: `/${props.errorDocument}` })),
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: httpsViewerCertificate(props.certificateArn),
    });
    suppressPolicy(distribution, 'WAF-ATTACHED', 'static site: S3 objects read through OAC, GET and HEAD only; no application behind it for WAF\'s managed rules to protect');
    letDistributionRead(props.bucket, 'CloudFrontReadsSite', distribution.arn);
    this.distributionId = distribution.id;
    this.distributionArn = distribution.arn;
    this.domainName = distribution.domainName;
    this.hostedZoneId = distribution.hostedZoneId;
  }
}
