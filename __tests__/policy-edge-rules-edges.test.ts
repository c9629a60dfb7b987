import { EDGE_PACK } from '../constructs/policy/rules/edge';
import { findingsFor, RawResource } from './support/policy';

// The edges the edge-pack rules draw, one resource on each side of every condition, with the exact
// problem each finding states; the happy paths are in policy-edge.test.ts. Values (resource types,
// security policies, header names, managed rule group names) are AWS's, written here from its docs.

/** The findings of one rule, as `[resource address, problem]`. */
const problems = (ruleId: string, resources: readonly RawResource[]) =>
  findingsFor(resources)
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => [finding.address, finding.problem]);

/** AWS's managed SecurityHeadersPolicy. */
const MANAGED_SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';
const CDN = 'aws_cloudfront_distribution.cdn';

const distribution = (values: Record<string, unknown> = {}, id = 'cdn'): RawResource => ({
  type: 'aws_cloudfront_distribution',
  id,
  values: {
    web_acl_id: '${aws_wafv2_web_acl.edge.arn}',
    viewer_certificate: { acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
    default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: MANAGED_SECURITY_HEADERS },
    logging_config: { bucket: 'logs.s3.amazonaws.com' },
    origin: [{ origin_id: 'alb', domain_name: 'origin.example.com', custom_origin_config: { origin_protocol_policy: 'https-only' } }],
    ...values,
  },
});

describe('the edge pack', () => {
  it('runs these rules, in this order, each reported in the edge pack', () => {
    expect(EDGE_PACK.map((rule) => [rule.id, rule.pack])).toEqual([
      ['CF-TLS', 'edge'],
      ['CF-S3-OAC', 'edge'],
      ['WAF-ATTACHED', 'edge'],
      ['ALB-DROP-INVALID-HEADERS', 'edge'],
      ['WAF-LOGGING', 'edge'],
      ['CF-LOGGING', 'edge'],
      ['CF-SECURITY-HEADERS', 'edge'],
      ['WAF-REGIONAL-BEHIND-CDN', 'edge'],
    ]);
  });
});

describe('ALB-DROP-INVALID-HEADERS edges', () => {
  const lb = (values: Record<string, unknown>): RawResource => ({ type: 'aws_lb', id: 'alb', values: { internal: false, ...values } });
  const PROBLEM = [['aws_lb.alb', 'passes invalid header fields on to its targets']];

  it.each([
    ['an application load balancer that drops them', { load_balancer_type: 'application', drop_invalid_header_fields: true }, []],
    ['one that drops them, typed as the string "true"', { load_balancer_type: 'application', drop_invalid_header_fields: 'true' }, []],
    ['one that passes them on', { load_balancer_type: 'application', drop_invalid_header_fields: false }, PROBLEM],
    ['one that says nothing', { load_balancer_type: 'application' }, PROBLEM],
    ['one with no load_balancer_type (application is the default)', { drop_invalid_header_fields: false }, PROBLEM],
    ['one with no load_balancer_type that drops them', { drop_invalid_header_fields: true }, []],
    ['a network load balancer (no HTTP headers)', { load_balancer_type: 'network', drop_invalid_header_fields: false }, []],
    ['a gateway load balancer', { load_balancer_type: 'gateway' }, []],
  ])('%s', (_, values, expected) => {
    expect(problems('ALB-DROP-INVALID-HEADERS', [lb(values)])).toEqual(expected);
  });
});

describe('CF-TLS edges', () => {
  const certificate = (values: Record<string, unknown>) => ({ viewer_certificate: values });
  const acm = (minimum_protocol_version?: string) => certificate({ acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', ssl_support_method: 'sni-only', minimum_protocol_version });

  it.each(['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'])('passes the security policy %s', (version) => {
    expect(problems('CF-TLS', [distribution(acm(version))])).toEqual([]);
  });

  it.each(['TLSv1', 'TLSv1_2016', 'TLSv1.1_2016', 'TLSv1.2_2018', 'TLSv1.2_2019'])('fails the security policy %s, naming it', (version) => {
    expect(problems('CF-TLS', [distribution(acm(version))])).toEqual([[CDN, `has minimum_protocol_version ${version}`]]);
  });

  it('fails a certificate without minimum_protocol_version, or no viewer_certificate at all, as unset', () => {
    expect(problems('CF-TLS', [distribution(acm(undefined))])).toEqual([[CDN, 'has minimum_protocol_version unset']]);
    expect(problems('CF-TLS', [distribution({ viewer_certificate: undefined })])).toEqual([[CDN, 'has minimum_protocol_version unset']]);
  });

  it.each([true, 'true'])('fails the default certificate (%p) for itself only, whatever minimum_protocol_version it names', (flag) => {
    expect(problems('CF-TLS', [distribution(certificate({ cloudfront_default_certificate: flag, minimum_protocol_version: 'TLSv1' }))])).toEqual([
      [CDN, 'uses the default certificate (TLSv1 allowed)'],
    ]);
    expect(problems('CF-TLS', [distribution(certificate({ cloudfront_default_certificate: flag, minimum_protocol_version: 'TLSv1.2_2021' }))])).toEqual([
      [CDN, 'uses the default certificate (TLSv1 allowed)'],
    ]);
  });

  it('judges an ACM certificate with cloudfront_default_certificate false by its security policy', () => {
    expect(problems('CF-TLS', [distribution(certificate({ cloudfront_default_certificate: false, acm_certificate_arn: 'arn', minimum_protocol_version: 'TLSv1.2_2021' }))])).toEqual([]);
  });

  const behaviors = (defaultPolicy: string, ...ordered: string[]) => ({
    default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: defaultPolicy, response_headers_policy_id: MANAGED_SECURITY_HEADERS },
    ordered_cache_behavior: ordered.map((viewer_protocol_policy, index) => ({
      path_pattern: `/p${index}/*`,
      target_origin_id: 'alb',
      viewer_protocol_policy,
      response_headers_policy_id: MANAGED_SECURITY_HEADERS,
    })),
  });

  it.each([
    ['redirect-to-https everywhere', behaviors('redirect-to-https', 'redirect-to-https'), []],
    ['https-only everywhere', behaviors('https-only', 'https-only'), []],
    ['allow-all on the default behavior', behaviors('allow-all', 'https-only'), [[CDN, 'allows plain HTTP on behavior(s) default']]],
    ['allow-all on one ordered behavior of two', behaviors('https-only', 'https-only', 'allow-all'), [[CDN, 'allows plain HTTP on behavior(s) /p1/*']]],
    ['allow-all on the default and an ordered behavior', behaviors('allow-all', 'allow-all', 'https-only'), [[CDN, 'allows plain HTTP on behavior(s) default, /p0/*']]],
  ])('%s', (_, values, expected) => {
    expect(problems('CF-TLS', [distribution(values)])).toEqual(expected);
  });

  it('states every problem, separated by semicolons', () => {
    expect(problems('CF-TLS', [distribution({ ...certificate({ cloudfront_default_certificate: true }), ...behaviors('allow-all') })])).toEqual([
      [CDN, 'uses the default certificate (TLSv1 allowed); allows plain HTTP on behavior(s) default'],
    ]);
  });
});

describe('CF-S3-OAC edges', () => {
  const OAC = '${aws_cloudfront_origin_access_control.oac.id}';
  const origin = (domain_name: string | undefined, values: Record<string, unknown> = {}) => ({ origin: [{ origin_id: 'o', domain_name, ...values }] });
  const PROBLEM = [[CDN, 'reads S3 origin o without Origin Access Control']];

  it.each([
    ['a bucket referenced by Terraform', '${aws_s3_bucket.b.bucket_regional_domain_name}'],
    ['a bucket read through a data source', '${data.aws_s3_bucket.b.bucket_regional_domain_name}'],
    ['a regional REST endpoint (bucket.s3.region)', 'b.s3.eu-west-1.amazonaws.com'],
    ['a legacy dash-region REST endpoint (bucket.s3-region)', 'b.s3-eu-west-1.amazonaws.com'],
    ['the global REST endpoint', 'b.s3.amazonaws.com'],
  ])('fails %s without OAC and passes it with OAC', (_, domain) => {
    expect(problems('CF-S3-OAC', [distribution(origin(domain))])).toEqual(PROBLEM);
    expect(problems('CF-S3-OAC', [distribution(origin(domain, { origin_access_control_id: OAC }))])).toEqual([]);
  });

  it('treats any origin with s3_origin_config as S3, whatever its domain', () => {
    const legacy = { s3_origin_config: { origin_access_identity: 'origin-access-identity/cloudfront/E1' } };
    expect(problems('CF-S3-OAC', [distribution(origin('files.example.com', legacy))])).toEqual(PROBLEM);
    expect(problems('CF-S3-OAC', [distribution(origin('files.example.com', { ...legacy, origin_access_control_id: OAC }))])).toEqual([]);
  });

  it.each([
    ['a custom origin', 'origin.example.com'],
    ['a host whose label only starts with s3', 'a.s3proxy.example.com'],
    ['a host ending in s3', 'cdn.mys3.example.com'],
    ['an S3 website endpoint (dash form)', 'site.s3-website-eu-west-1.amazonaws.com'],
    ['an S3 website endpoint (dot form)', 'site.s3-website.eu-west-1.amazonaws.com'],
    ["a bucket's website_endpoint", '${aws_s3_bucket.site.website_endpoint}'],
    ["a bucket's website_domain", '${aws_s3_bucket.site.website_domain}'],
    ['a website configuration endpoint', '${aws_s3_bucket_website_configuration.site.website_endpoint}'],
  ])('does not ask %s for OAC', (_, domain) => {
    expect(problems('CF-S3-OAC', [distribution(origin(domain, { custom_origin_config: { origin_protocol_policy: 'http-only' } }))])).toEqual([]);
  });

  it('judges each S3 origin of a distribution on its own, naming the one without OAC', () => {
    const origins = {
      origin: [
        { origin_id: 'uploads', domain_name: '${aws_s3_bucket.u.bucket_regional_domain_name}', origin_access_control_id: OAC },
        { origin_id: 'site', domain_name: 'origin.example.com', custom_origin_config: { origin_protocol_policy: 'https-only' } },
        { origin_id: 'assets', domain_name: '${aws_s3_bucket.a.bucket_regional_domain_name}' },
      ],
    };
    expect(problems('CF-S3-OAC', [distribution(origins)])).toEqual([[CDN, 'reads S3 origin assets without Origin Access Control']]);
  });
});

describe('WAF-ATTACHED edges', () => {
  const lb = (id: string, values: Record<string, unknown> = {}): RawResource => ({ type: 'aws_lb', id, values: { drop_invalid_header_fields: true, ...values } });
  const association = (id: string, lbId: string): RawResource => ({
    type: 'aws_wafv2_web_acl_association',
    id,
    values: { resource_arn: `\${aws_lb.${lbId}.arn}`, web_acl_arn: '${aws_wafv2_web_acl.regional.arn}' },
  });
  const PROBLEM = (id: string) => [`aws_lb.${id}`, 'is internet-facing without a WAF web ACL association'];

  it('fails a distribution without web_acl_id, or with an empty one', () => {
    expect(problems('WAF-ATTACHED', [distribution()])).toEqual([]);
    expect(problems('WAF-ATTACHED', [distribution({ web_acl_id: undefined })])).toEqual([[CDN, 'has no WAF web ACL (web_acl_id)']]);
    expect(problems('WAF-ATTACHED', [distribution({ web_acl_id: '' })])).toEqual([[CDN, 'has no WAF web ACL (web_acl_id)']]);
  });

  it.each([
    ['an internet-facing application load balancer', { load_balancer_type: 'application', internal: false }, [PROBLEM('a')]],
    ['one with neither type nor internal set (both defaults)', {}, [PROBLEM('a')]],
    ['an internal one', { load_balancer_type: 'application', internal: true }, []],
    ['an internal one, typed as the string "true"', { internal: 'true' }, []],
    ['an internet-facing network load balancer', { load_balancer_type: 'network', internal: false }, []],
  ])('without an association: %s', (_, values, expected) => {
    expect(problems('WAF-ATTACHED', [lb('a', values)])).toEqual(expected);
  });

  it('passes each load balancer by its own association only', () => {
    expect(problems('WAF-ATTACHED', [lb('a'), lb('b'), association('wa', 'a'), association('wb', 'b')])).toEqual([]);
    expect(problems('WAF-ATTACHED', [lb('a'), lb('b'), association('wa', 'a')])).toEqual([PROBLEM('b')]);
  });
});

describe('WAF-LOGGING edges', () => {
  const acl = (id: string): RawResource => ({ type: 'aws_wafv2_web_acl', id, values: { name: id, scope: 'REGIONAL', default_action: { allow: {} } } });
  const FIREHOSE = '${aws_kinesis_firehose_delivery_stream.waf.arn}';
  const header = (name: string) => ({ single_header: { name } });
  const logging = (aclId: string, values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_wafv2_web_acl_logging_configuration',
    id: `${aclId}-log`,
    values: { resource_arn: `\${aws_wafv2_web_acl.${aclId}.arn}`, log_destination_configs: [FIREHOSE], redacted_fields: [header('authorization'), header('cookie')], ...values },
  });
  const W = 'aws_wafv2_web_acl.w';

  it.each([
    ['logs to a destination with both headers redacted', {}, []],
    ['names the headers in any case', { redacted_fields: [header('Authorization'), header('COOKIE')] }, []],
    ['redacts other fields too', { redacted_fields: [{ uri_path: {} }, header('authorization'), { single_header: [{ name: 'x-api-key' }, { name: 'cookie' }] }] }, []],
    ['has no destination', { log_destination_configs: [] }, [[W, 'logs to no destination (log_destination_configs is empty)']]],
    ['has only an empty destination', { log_destination_configs: [''] }, [[W, 'logs to no destination (log_destination_configs is empty)']]],
    ['redacts the cookie only', { redacted_fields: [header('cookie')] }, [[W, 'logs the authorization header unredacted']]],
    ['redacts the authorization only', { redacted_fields: [header('authorization')] }, [[W, 'logs the cookie header unredacted']]],
    ['redacts a header without a name', { redacted_fields: [{ single_header: {} }, header('cookie')] }, [[W, 'logs the authorization header unredacted']]],
    ['redacts nothing', { redacted_fields: undefined }, [[W, 'logs the authorization and cookie headers unredacted']]],
    [
      'has no destination and redacts nothing',
      { log_destination_configs: [''], redacted_fields: [] },
      [[W, 'logs to no destination (log_destination_configs is empty); logs the authorization and cookie headers unredacted']],
    ],
  ])('a logging configuration that %s', (_, values, expected) => {
    expect(problems('WAF-LOGGING', [acl('w'), logging('w', values)])).toEqual(expected);
  });

  it('fails a web ACL whose only logging configuration is another ACL\'s', () => {
    expect(problems('WAF-LOGGING', [acl('w')])).toEqual([[W, 'has no logging configuration (aws_wafv2_web_acl_logging_configuration) in its stack']]);
    expect(problems('WAF-LOGGING', [acl('w'), acl('other'), logging('other')])).toEqual([
      [W, 'has no logging configuration (aws_wafv2_web_acl_logging_configuration) in its stack'],
    ]);
  });
});

describe('CF-LOGGING edges', () => {
  const source = (id: string, values: Record<string, unknown> = {}): RawResource => ({
    type: 'aws_cloudwatch_log_delivery_source',
    id,
    values: { name: id, log_type: 'ACCESS_LOGS', resource_arn: '${aws_cloudfront_distribution.cdn.arn}', ...values },
  });
  const delivery = (id: string, sourceId: string): RawResource => ({
    type: 'aws_cloudwatch_log_delivery',
    id,
    values: { delivery_source_name: `\${aws_cloudwatch_log_delivery_source.${sourceId}.name}`, delivery_destination_arn: '${aws_cloudwatch_log_delivery_destination.d.arn}' },
  });
  const v2 = (values: Record<string, unknown> = {}) => distribution({ logging_config: undefined, ...values });
  const NO_LOGS = [[CDN, 'writes no access logs (no ACCESS_LOGS aws_cloudwatch_log_delivery_source for it, no logging_config)']];

  it.each([
    ['legacy logging_config', [distribution()], []],
    ['legacy logging_config given as a list', [distribution({ logging_config: [{ bucket: 'logs.s3.amazonaws.com' }] })], []],
    ['an empty logging_config list and nothing else', [v2({ logging_config: [] })], NO_LOGS],
    ['nothing', [v2()], NO_LOGS],
    ['an ACCESS_LOGS source with its delivery', [v2(), source('s'), delivery('d', 's')], []],
    ['a source of another log type, delivered', [v2(), source('s', { log_type: 'CONNECTION_LOGS' }), delivery('d', 's')], NO_LOGS],
    ['only another distribution\'s source, delivered', [v2(), source('s', { resource_arn: '${aws_cloudfront_distribution.other.arn}' }), delivery('d', 's')], NO_LOGS],
    ['an ACCESS_LOGS source that nothing delivers', [v2(), source('s')], [[CDN, 'has an access log source (aws_cloudwatch_log_delivery_source.s) that no aws_cloudwatch_log_delivery delivers']]],
    [
      'two sources, neither delivered',
      [v2(), source('s1'), source('s2')],
      [[CDN, 'has an access log source (aws_cloudwatch_log_delivery_source.s1, aws_cloudwatch_log_delivery_source.s2) that no aws_cloudwatch_log_delivery delivers']],
    ],
    ['two sources, only the second delivered', [v2(), source('s1'), source('s2'), delivery('d', 's2')], []],
    ['its source delivered, beside a delivery of another source', [v2(), source('s'), source('x', { log_type: 'CONNECTION_LOGS' }), delivery('dx', 'x'), delivery('d', 's')], []],
  ])('a distribution with %s', (_, resources, expected) => {
    expect(problems('CF-LOGGING', resources)).toEqual(expected);
  });
});

describe('CF-SECURITY-HEADERS edges', () => {
  const OWN = '${aws_cloudfront_response_headers_policy.headers.id}';
  const HEADERS = 'aws_cloudfront_response_headers_policy.headers';
  const complete = {
    strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, override: true },
    content_type_options: { override: true },
    frame_options: { frame_option: 'DENY', override: true },
    referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
  };
  const policy = (config: Record<string, unknown> | undefined, id = 'headers'): RawResource => ({
    type: 'aws_cloudfront_response_headers_policy',
    id,
    values: { name: id, security_headers_config: config },
  });
  const using = (defaultPolicy: string | undefined, ...ordered: (string | undefined)[]) =>
    distribution({
      default_cache_behavior: { target_origin_id: 'alb', viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: defaultPolicy },
      ordered_cache_behavior: ordered.map((response_headers_policy_id, index) => ({ path_pattern: `/p${index}/*`, target_origin_id: 'alb', viewer_protocol_policy: 'https-only', response_headers_policy_id })),
    });
  const without = (what: string) => [[CDN, `uses response headers policy ${HEADERS} without ${what}`]];

  it.each([
    ['every header, HSTS exactly a year', complete, []],
    ['HSTS for two years, as a string', { ...complete, strict_transport_security: { access_control_max_age_sec: '63072000', override: true } }, []],
    ['blocks given as lists', Object.fromEntries(Object.entries(complete).map(([key, value]) => [key, [value]])), []],
    ['HSTS a second short of a year', { ...complete, strict_transport_security: { access_control_max_age_sec: 31535999, override: true } }, without('strict_transport_security max-age of 31536000 or more (has 31535999)')],
    ['HSTS without a max-age', { ...complete, strict_transport_security: { override: true } }, without('strict_transport_security max-age of 31536000 or more (has undefined)')],
    ['no HSTS', { ...complete, strict_transport_security: undefined }, without('strict_transport_security')],
    ['no nosniff', { ...complete, content_type_options: undefined }, without('content_type_options')],
    ['no frame options', { ...complete, frame_options: undefined }, without('frame_options')],
    ['no referrer policy', { ...complete, referrer_policy: [] }, without('referrer_policy')],
    ['no security headers at all', undefined, without('strict_transport_security, content_type_options, frame_options, referrer_policy')],
  ])('a policy of the stack with %s', (_, config, expected) => {
    expect(problems('CF-SECURITY-HEADERS', [using(OWN), policy(config)])).toEqual(expected);
  });

  it('names every behavior without a policy, the default one as default', () => {
    expect(problems('CF-SECURITY-HEADERS', [using(undefined, MANAGED_SECURITY_HEADERS, undefined)])).toEqual([[CDN, 'has no response headers policy on behavior(s) default, /p1/*']]);
    expect(problems('CF-SECURITY-HEADERS', [using(MANAGED_SECURITY_HEADERS, '')])).toEqual([[CDN, 'has no response headers policy on behavior(s) /p0/*']]);
  });

  it('judges a policy of the stack that only one ordered behavior uses', () => {
    expect(problems('CF-SECURITY-HEADERS', [using(MANAGED_SECURITY_HEADERS, MANAGED_SECURITY_HEADERS, OWN), policy({ ...complete, frame_options: undefined })])).toEqual(without('frame_options'));
  });

  it('ignores a policy of the stack that no behavior uses', () => {
    expect(problems('CF-SECURITY-HEADERS', [using(MANAGED_SECURITY_HEADERS), policy(undefined)])).toEqual([]);
    expect(problems('CF-SECURITY-HEADERS', [using(OWN), policy(complete), policy(undefined, 'unused')])).toEqual([]);
  });

  it('states every problem, separated by semicolons', () => {
    expect(problems('CF-SECURITY-HEADERS', [using(OWN, undefined), policy({ ...complete, content_type_options: undefined })])).toEqual([
      [CDN, `has no response headers policy on behavior(s) /p0/*; uses response headers policy ${HEADERS} without content_type_options`],
    ]);
  });
});

describe('WAF-REGIONAL-BEHIND-CDN edges', () => {
  const lb = (id: string, values: Record<string, unknown> = {}): RawResource => ({ type: 'aws_lb', id, values: { drop_invalid_header_fields: true, ...values } });
  const acl = (values: Record<string, unknown>, id = 'regional'): RawResource => ({ type: 'aws_wafv2_web_acl', id, values: { name: id, scope: 'REGIONAL', default_action: { allow: {} }, ...values } });
  const association = (aclId: string, lbId: string): RawResource => ({
    type: 'aws_wafv2_web_acl_association',
    id: `${aclId}-${lbId}`,
    values: { resource_arn: `\${aws_lb.${lbId}.arn}`, web_acl_arn: `\${aws_wafv2_web_acl.${aclId}.arn}` },
  });
  const visibility = { cloudwatch_metrics_enabled: true, metric_name: 'm', sampled_requests_enabled: true };
  /** A rule in HCL form, named `name`, with this statement. */
  const rule = (name: string, statement: Record<string, unknown>) => ({ name, priority: 1, action: { block: {} }, statement, visibility_config: visibility });
  const rateBased = (values: Record<string, unknown>) => ({ rate_based_statement: { limit: 2000, ...values } });
  const forwarded = { header_name: 'X-Forwarded-For', fallback_behavior: 'MATCH' };
  /** The regional ACL with these rules, in front of the internet-facing ALB `alb`. */
  const behindCdn = (values: Record<string, unknown>) => [lb('alb'), acl(values), association('regional', 'alb')];
  const judged = (...problemsOfRules: string[]) => [['aws_wafv2_web_acl.regional', `sits behind CloudFront but judges client addresses: ${problemsOfRules.join('; ')}`]];
  const check = (resources: readonly RawResource[]) => problems('WAF-REGIONAL-BEHIND-CDN', resources);

  describe('rate-based statements (HCL)', () => {
    it.each([
      ['no aggregate_key_type (IP is the default)', {}, judged('rule r rate-limits per client address (aggregate_key_type IP)')],
      ['aggregate_key_type IP', { aggregate_key_type: 'IP' }, judged('rule r rate-limits per client address (aggregate_key_type IP)')],
      [
        'aggregate_key_type FORWARDED_IP',
        { aggregate_key_type: 'FORWARDED_IP', forwarded_ip_config: forwarded },
        judged('rule r rate-limits per client address (aggregate_key_type FORWARDED_IP); rule r reads the client address from a header (forwarded_ip_config), which a client can forge'),
      ],
      ['aggregate_key_type CONSTANT', { aggregate_key_type: 'CONSTANT', scope_down_statement: { byte_match_statement: { search_string: '/' } } }, []],
      [
        'custom keys on a header and a query argument named ip',
        { aggregate_key_type: 'CUSTOM_KEYS', custom_key: [{ header: { name: 'x-tenant' } }, { query_argument: { name: 'ip', text_transformation: { priority: 0, type: 'NONE' } } }] },
        [],
      ],
      ['a custom key on ip', { aggregate_key_type: 'CUSTOM_KEYS', custom_key: [{ header: { name: 'x-tenant' } }, { ip: {} }] }, judged('rule r rate-limits with a client address in its custom keys')],
      [
        'a custom key on forwarded_ip',
        { aggregate_key_type: 'CUSTOM_KEYS', custom_key: { forwarded_ip: {} }, forwarded_ip_config: forwarded },
        judged('rule r rate-limits with a client address in its custom keys; rule r reads the client address from a header (forwarded_ip_config), which a client can forge'),
      ],
    ])('%s', (_, statement, expected) => {
      expect(check(behindCdn({ rule: [rule('r', rateBased(statement))] }))).toEqual(expected);
    });
  });

  it('reads a managed rule group name only from a managed rule group statement, not from a header of the same name', () => {
    const headerMatch = {
      byte_match_statement: {
        field_to_match: { single_header: { name: 'AWSManagedRulesAnonymousIpList' } },
        positional_constraint: 'EXACTLY',
        search_string: 'yes',
        text_transformation: { priority: 0, type: 'NONE' },
      },
    };
    expect(check(behindCdn({ rule: [rule('r', headerMatch)] }))).toEqual([]);
  });

  describe('rules as the WAF API writes them (rule_json)', () => {
    const apiRule = (name: string, statement: Record<string, unknown>) => ({
      Name: name,
      Priority: 1,
      Action: { Block: {} },
      Statement: statement,
      VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: 'm', SampledRequestsEnabled: true },
    });
    const json = (...rules: unknown[]) => behindCdn({ rule_json: JSON.stringify(rules) });

    it.each([
      ['a rate limit per IP', { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } }, judged('rule r rate-limits per client address (aggregate_key_type IP)')],
      ['a constant rate limit', { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'CONSTANT', ScopeDownStatement: {} } }, []],
      ['custom keys on IP', { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'CUSTOM_KEYS', CustomKeys: [{ IP: {} }] } }, judged('rule r rate-limits with a client address in its custom keys')],
      ['custom keys on ForwardedIP', { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'CUSTOM_KEYS', CustomKeys: [{ ForwardedIP: {} }] } }, judged('rule r rate-limits with a client address in its custom keys')],
      ['custom keys on a header', { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'CUSTOM_KEYS', CustomKeys: [{ Header: { Name: 'x-tenant', TextTransformations: [] } }] } }, []],
      [
        'a geo match on a forwarded header',
        { GeoMatchStatement: { CountryCodes: ['US'], ForwardedIPConfig: forwarded } },
        judged('rule r reads the client address from a header (ForwardedIPConfig), which a client can forge'),
      ],
      [
        'an IP set on a forwarded header',
        { IPSetReferenceStatement: { ARN: 'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/s/1', IPSetForwardedIPConfig: { ...forwarded, Position: 'FIRST' } } },
        judged('rule r reads the client address from a header (IPSetForwardedIPConfig), which a client can forge'),
      ],
      ['the IP reputation list', { ManagedRuleGroupStatement: { Name: 'AWSManagedRulesAmazonIpReputationList', VendorName: 'AWS' } }, judged('rule r runs AWSManagedRulesAmazonIpReputationList')],
      ['the anonymous IP list', { ManagedRuleGroupStatement: { Name: 'AWSManagedRulesAnonymousIpList', VendorName: 'AWS' } }, judged('rule r runs AWSManagedRulesAnonymousIpList')],
      ['the core rule set', { ManagedRuleGroupStatement: { Name: 'AWSManagedRulesCommonRuleSet', VendorName: 'AWS' } }, []],
      ['a managed rule group without a name', { ManagedRuleGroupStatement: { VendorName: 'AWS' } }, []],
    ])('%s', (_, statement, expected) => {
      expect(check(json(apiRule('r', statement)))).toEqual(expected);
    });

    it('states each problem once per rule, names unnamed rules, and joins rules with semicolons', () => {
      const twice = { AndStatement: { Statements: [{ GeoMatchStatement: { CountryCodes: ['US'], ForwardedIPConfig: forwarded } }, { GeoMatchStatement: { CountryCodes: ['CA'], ForwardedIPConfig: forwarded } }] } };
      const { Name: _name, ...unnamed } = apiRule('x', { RateBasedStatement: { Limit: 100 } });
      expect(check(json(apiRule('geo', twice), unnamed))).toEqual(
        judged('rule geo reads the client address from a header (ForwardedIPConfig), which a client can forge', 'rule (unnamed) rate-limits per client address (aggregate_key_type IP)'),
      );
    });

    it.each([
      ['not JSON', 'not json'],
      ['a JSON object, not a list', JSON.stringify({ Name: 'r' })],
      ['JSON with a Terraform reference inside', JSON.stringify([apiRule('r', { IPSetReferenceStatement: { ARN: '${aws_wafv2_ip_set.s.arn}' } })])],
      ['a list, not a string', [apiRule('r', {})]],
      ['an object, not a string', { Rules: [apiRule('r', {})] }],
    ])('cannot check rule_json that is %s', (_, rule_json) => {
      expect(check(behindCdn({ rule_json }))).toEqual([['aws_wafv2_web_acl.regional', 'has rule_json that is not a literal JSON list of rules: it cannot be checked']]);
    });

    it('passes an empty list of rules', () => {
      expect(check(json())).toEqual([]);
    });
  });

  describe('rules in HCL form', () => {
    const perIp = rule('r', rateBased({}));
    const PER_IP = judged('rule r rate-limits per client address (aggregate_key_type IP)');

    it('reads one rule block given as an object, and nested statements', () => {
      expect(check(behindCdn({ rule: perIp }))).toEqual(PER_IP);
      const nested = rule('n', { and_statement: { statement: [{ byte_match_statement: { search_string: '/' } }, { not_statement: { statement: { ip_set_reference_statement: { arn: 'arn', ip_set_forwarded_ip_config: forwarded } } } }] } });
      expect(check(behindCdn({ rule: [nested] }))).toEqual(judged('rule n reads the client address from a header (ip_set_forwarded_ip_config), which a client can forge'));
    });

    it('reads a managed rule group with its name first, and steps over empty fields', () => {
      const managed = rule('m', { managed_rule_group_statement: { name: 'AWSManagedRulesAnonymousIpList', vendor_name: 'AWS', version: null } });
      expect(check(behindCdn({ rule: [managed] }))).toEqual(judged('rule m runs AWSManagedRulesAnonymousIpList'));
    });

    it('passes an ACL with no rules', () => {
      expect(check(behindCdn({}))).toEqual([]);
    });

    it('reads the rule blocks when rule_json is null', () => {
      expect(check(behindCdn({ rule_json: null, rule: [perIp] }))).toEqual(PER_IP);
    });
  });

  describe('which ACLs it judges', () => {
    const perIp = { rule: [rule('r', rateBased({}))] };
    const PER_IP = judged('rule r rate-limits per client address (aggregate_key_type IP)');

    it.each([
      ['in front of an ALB with neither type nor internal set', [lb('alb'), acl(perIp), association('regional', 'alb')], PER_IP],
      ['in front of an application load balancer', [lb('alb', { load_balancer_type: 'application', internal: false }), acl(perIp), association('regional', 'alb')], PER_IP],
      ['in front of an internal ALB only', [lb('alb', { internal: true }), acl(perIp), association('regional', 'alb')], []],
      ['in front of an internal ALB, typed as a string', [lb('alb', { internal: 'true' }), acl(perIp), association('regional', 'alb')], []],
      ['in front of a network load balancer', [lb('alb', { load_balancer_type: 'network' }), acl(perIp), association('regional', 'alb')], []],
      ['associated with nothing', [lb('alb'), acl(perIp)], []],
      ['of CLOUDFRONT scope', [lb('alb'), acl({ ...perIp, scope: 'CLOUDFRONT' }), association('regional', 'alb')], []],
      ['in front of the second of two ALBs', [lb('other'), lb('alb'), acl(perIp), association('regional', 'alb')], PER_IP],
      ['one of two ACLs, each in front of its own ALB', [lb('other'), lb('alb'), acl({}, 'fine'), association('fine', 'other'), acl(perIp), association('regional', 'alb')], PER_IP],
    ])('a regional ACL %s', (_, resources, expected) => {
      expect(check(resources)).toEqual(expected);
    });
  });
});
