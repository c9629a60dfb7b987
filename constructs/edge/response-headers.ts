import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { Construct } from 'constructs';

/** One year: the HSTS max-age browsers and preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 31536000;
/** Uploaded files are served from the site's own origin: a page among them may run nothing and reach nothing. */
const UPLOADS_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

export interface SecurityHeadersPoliciesProps {
  /** Name prefix of the two policies. */
  readonly name: string;
}

/**
 * The response headers policies of the distribution: HSTS (one year, subdomains), nosniff, SAMEORIGIN framing
 * and strict-origin-when-cross-origin referrers on every response, overriding what the origin sends; the
 * uploads policy adds a Content-Security-Policy that sandboxes whatever a user uploaded (an HTML or SVG file
 * would otherwise run script as the site).
 */
export class SecurityHeadersPolicies extends Construct {
  /** Policy of every behaviour but uploads. */
  public readonly sitePolicyId: string;
  /** Policy of the uploads behaviour. */
  public readonly uploadsPolicyId: string;

  constructor(scope: Construct, id: string, props: SecurityHeadersPoliciesProps) {
    super(scope, id);
    const common = {
      strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: 'SAMEORIGIN', override: true },
      referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
    };
    const site = new CloudfrontResponseHeadersPolicy(this, 'site', {
      name: `${props.name}-security-headers`,
      comment: 'HSTS, nosniff, frame options and referrer policy on every response',
      securityHeadersConfig: common,
    });
    const uploads = new CloudfrontResponseHeadersPolicy(this, 'uploads', {
      name: `${props.name}-uploads-headers`,
      comment: 'The site headers and a sandboxing Content-Security-Policy for user uploads',
      securityHeadersConfig: { ...common, contentSecurityPolicy: { contentSecurityPolicy: UPLOADS_CONTENT_SECURITY_POLICY, override: true } },
    });
    this.sitePolicyId = site.id;
    this.uploadsPolicyId = uploads.id;
  }
}
