import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { Construct } from 'constructs';

/** One year: the HSTS max-age browsers and preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 31536000;
/** Uploaded files are served from the site's own origin: a page among them may run nothing and reach nothing. */
const UPLOADS_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

/** HSTS (one year, subdomains), nosniff, SAMEORIGIN framing and strict-origin-when-cross-origin referrers, overriding what the origin sends. */
const SITE_SECURITY_HEADERS = {
  strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: 'SAMEORIGIN', override: true },
  referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
};
const SITE_HEADERS_COMMENT = 'HSTS, nosniff, frame options and referrer policy on every response';

/** One response headers policy with the site's security headers on every response: `<name>-security-headers`. */
export function siteSecurityHeadersPolicy(scope: Construct, id: string, name: string): CloudfrontResponseHeadersPolicy {
  return new CloudfrontResponseHeadersPolicy(scope, id, { name: `${name}-security-headers`, comment: SITE_HEADERS_COMMENT, securityHeadersConfig: SITE_SECURITY_HEADERS });
}

export interface SecurityHeadersPoliciesProps {
  /** Name prefix of the two policies. */
  readonly name: string;
}

/**
 * The response headers policies of the distribution: the site's security headers on every response
 * (siteSecurityHeadersPolicy); the uploads policy adds a Content-Security-Policy that sandboxes whatever a
 * user uploaded (an HTML or SVG file would otherwise run script as the site).
 */
export class SecurityHeadersPolicies extends Construct {
  /** Policy of every behaviour but uploads. */
  public readonly sitePolicyId: string;
  /** Policy of the uploads behaviour. */
  public readonly uploadsPolicyId: string;

  constructor(scope: Construct, id: string, props: SecurityHeadersPoliciesProps) {
    super(scope, id);
    const site = siteSecurityHeadersPolicy(this, 'site', props.name);
    const uploads = new CloudfrontResponseHeadersPolicy(this, 'uploads', {
      name: `${props.name}-uploads-headers`,
      comment: 'The site headers and a sandboxing Content-Security-Policy for user uploads',
      securityHeadersConfig: { ...SITE_SECURITY_HEADERS, contentSecurityPolicy: { contentSecurityPolicy: UPLOADS_CONTENT_SECURITY_POLICY, override: true } },
    });
    this.sitePolicyId = site.id;
    this.uploadsPolicyId = uploads.id;
  }
}
