import { failedRules, findingsFor, RawResource } from './support/policy';

const distribution = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_cloudfront_distribution',
  id: 'cdn',
  values: {
    web_acl_id: '${aws_wafv2_web_acl.waf.arn}',
    viewer_certificate: { acm_certificate_arn: 'arn', ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
    // AWS's managed SecurityHeadersPolicy; the legacy logging block stands for access logging.
    default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: '67f7725c-6f97-4210-82d7-5512b31e9d03' },
    ordered_cache_behavior: [
      { path_pattern: '/uploads/*', target_origin_id: 's3', viewer_protocol_policy: 'https-only', response_headers_policy_id: '67f7725c-6f97-4210-82d7-5512b31e9d03' },
    ],
    logging_config: { bucket: 'logs.s3.amazonaws.com' },
    origin: [
      { origin_id: 'alb', domain_name: 'alb.example.com', custom_origin_config: { origin_protocol_policy: 'https-only' } },
      { origin_id: 's3', domain_name: '${aws_s3_bucket.b.bucket_regional_domain_name}', origin_access_control_id: '${aws_cloudfront_origin_access_control.oac.id}' },
    ],
    ...values,
  },
});
const alb = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_lb',
  id: 'alb',
  values: { load_balancer_type: 'application', internal: false, drop_invalid_header_fields: true, ...values },
});
const albWaf: RawResource = { type: 'aws_wafv2_web_acl_association', id: 'assoc', values: { resource_arn: '${aws_lb.alb.arn}', web_acl_arn: 'arn' } };

describe('edge pack', () => {
  it('passes a distribution with TLSv1.2_2021, HTTPS only, OAC and a WAF, and a WAF-protected ALB', () => {
    expect(failedRules([distribution(), alb(), albWaf])).toEqual([]);
  });

  it('passes newer security policies', () => {
    const viewer_certificate = { acm_certificate_arn: 'arn', ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2025' };
    expect(failedRules([distribution({ viewer_certificate })])).toEqual([]);
  });

  it('fails CF-TLS for an old protocol version, the default certificate or a plain HTTP behavior', () => {
    const certificate = (minimum_protocol_version: string) => ({ acm_certificate_arn: 'arn', ssl_support_method: 'sni-only', minimum_protocol_version });
    expect(failedRules([distribution({ viewer_certificate: certificate('TLSv1.2_2019') })])).toEqual(['CF-TLS']);
    expect(failedRules([distribution({ viewer_certificate: { cloudfront_default_certificate: true, minimum_protocol_version: 'TLSv1.2_2021' } })])).toEqual(['CF-TLS']);
    expect(failedRules([distribution({ default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'allow-all', response_headers_policy_id: '67f7725c-6f97-4210-82d7-5512b31e9d03' } })])).toEqual(['CF-TLS']);
  });

  describe('CF-TLS on ordered cache behaviors', () => {
    /** AWS's managed SecurityHeadersPolicy, so CF-SECURITY-HEADERS passes every behavior below. */
    const headers = { response_headers_policy_id: '67f7725c-6f97-4210-82d7-5512b31e9d03' };
    const behaviors = (...policies: string[]) => ({
      default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https', ...headers },
      ordered_cache_behavior: policies.map((viewer_protocol_policy, index) => ({ path_pattern: `/path-${index}/*`, target_origin_id: 'alb', viewer_protocol_policy, ...headers })),
    });

    it('passes when the default and every ordered behavior redirect to HTTPS or are HTTPS only', () => {
      expect(failedRules([distribution(behaviors('https-only', 'redirect-to-https', 'https-only'))])).toEqual([]);
    });

    it.each([0, 1, 2])('fails when ordered behavior %i alone allows plain HTTP, naming its path', (plain) => {
      const policies = ['redirect-to-https', 'https-only', 'redirect-to-https'];
      policies[plain] = 'allow-all';
      const findings = findingsFor([distribution(behaviors(...policies))]);
      expect(findings.map((finding) => finding.ruleId)).toEqual(['CF-TLS']);
      expect(findings[0].problem).toContain(`allows plain HTTP on behavior(s) /path-${plain}/*`);
    });
  });

  // Security policies from the CloudFront developer guide ("Supported protocols and ciphers between viewers and CloudFront").
  it.each(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2019'])('fails CF-TLS for the security policy %s', (minimum_protocol_version) => {
    expect(failedRules([distribution({ viewer_certificate: { acm_certificate_arn: 'arn', ssl_support_method: 'sni-only', minimum_protocol_version } })])).toEqual(['CF-TLS']);
  });

  it.each(['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'])('passes CF-TLS for the security policy %s', (minimum_protocol_version) => {
    expect(failedRules([distribution({ viewer_certificate: { acm_certificate_arn: 'arn', ssl_support_method: 'sni-only', minimum_protocol_version } })])).toEqual([]);
  });

  describe('CF-SECURITY-HEADERS on ordered cache behaviors', () => {
    const MANAGED_SECURITY_HEADERS_POLICY_ID = '67f7725c-6f97-4210-82d7-5512b31e9d03';
    const OWN_POLICY = '${aws_cloudfront_response_headers_policy.headers.id}';
    /** A response headers policy of the stack with HSTS for `maxAge` seconds, nosniff, frame options and a referrer policy. */
    const ownPolicy = (maxAge: number): RawResource => ({
      type: 'aws_cloudfront_response_headers_policy',
      id: 'headers',
      values: {
        name: 'headers',
        security_headers_config: {
          strict_transport_security: { access_control_max_age_sec: maxAge, override: true },
          content_type_options: { override: true },
          frame_options: { frame_option: 'DENY', override: true },
          referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
        },
      },
    });
    const behaviors = (...policies: (string | undefined)[]) => ({
      default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: MANAGED_SECURITY_HEADERS_POLICY_ID },
      ordered_cache_behavior: policies.map((response_headers_policy_id, index) => ({ path_pattern: `/path-${index}/*`, target_origin_id: 'alb', viewer_protocol_policy: 'https-only', response_headers_policy_id })),
    });

    it('passes when every ordered behavior has a policy with the headers', () => {
      expect(failedRules([distribution(behaviors(OWN_POLICY, MANAGED_SECURITY_HEADERS_POLICY_ID)), ownPolicy(31536000)])).toEqual([]);
    });

    it('fails when one ordered behavior has no response headers policy, naming its path', () => {
      const findings = findingsFor([distribution(behaviors(OWN_POLICY, undefined)), ownPolicy(31536000)]);
      expect(findings.map((finding) => finding.ruleId)).toEqual(['CF-SECURITY-HEADERS']);
      expect(findings[0].problem).toContain('has no response headers policy on behavior(s) /path-1/*');
    });

    it('fails when only an ordered behavior uses a policy of the stack with HSTS under a year', () => {
      expect(failedRules([distribution(behaviors(MANAGED_SECURITY_HEADERS_POLICY_ID, OWN_POLICY)), ownPolicy(86400)])).toEqual(['CF-SECURITY-HEADERS']);
    });
  });

  it('fails CF-S3-OAC for an S3 origin read through a legacy identity or with no access control', () => {
    const legacy = [{ origin_id: 's3', domain_name: 'b.s3.eu-west-1.amazonaws.com', s3_origin_config: { origin_access_identity: 'origin-access-identity/cloudfront/E1' } }];
    expect(failedRules([distribution({ origin: legacy })])).toEqual(['CF-S3-OAC']);
    const open = [{ origin_id: 's3', domain_name: '${aws_s3_bucket.b.bucket_regional_domain_name}' }];
    expect(failedRules([distribution({ origin: open })])).toEqual(['CF-S3-OAC']);
  });

  it('does not treat an S3 website endpoint (a custom origin) as an S3 origin', () => {
    const website = [{ origin_id: 'site', domain_name: '${aws_s3_bucket_website_configuration.site.website_endpoint}', custom_origin_config: { origin_protocol_policy: 'http-only' } }];
    expect(failedRules([distribution({ origin: website })])).toEqual([]);
  });

  it('fails WAF-ATTACHED for a distribution or an internet-facing ALB without a web ACL', () => {
    expect(failedRules([distribution({ web_acl_id: undefined })])).toEqual(['WAF-ATTACHED']);
    expect(failedRules([alb()])).toEqual(['WAF-ATTACHED']);
    expect(failedRules([alb({ internal: true })])).toEqual([]);
  });

  it('fails ALB-DROP-INVALID-HEADERS when invalid headers reach the targets', () => {
    expect(failedRules([alb({ drop_invalid_header_fields: false }), albWaf])).toEqual(['ALB-DROP-INVALID-HEADERS']);
    expect(failedRules([alb({ drop_invalid_header_fields: undefined }), albWaf])).toEqual(['ALB-DROP-INVALID-HEADERS']);
  });

  it('does not ask a network load balancer for header handling or a WAF', () => {
    expect(failedRules([alb({ load_balancer_type: 'network', drop_invalid_header_fields: undefined })])).toEqual([]);
  });
});
