import { App } from 'cdktf';
import { EnvironmentConfig } from '../config/schema';
import { evaluateStack, unsuppressedFindings } from '../constructs/policy/engine';
import { SecureBucket } from '../constructs/secure-bucket';
import { WebsiteDistribution } from '../constructs/website/website-distribution';
import { S3WebsiteEndpoint } from '../constructs/website/website-endpoint';
import { TierStack } from '../stacks/tier-stack';
import { WebsiteStack } from '../stacks/website-stack';
import { runCloudFrontFunction, viewerRequestEvent } from './support/cloudfront-function';
import { testConfig } from './support/fixtures';
import { s3SystemsConfig, TEST_ZONE_ID } from './support/s3-systems';
import { idUnder, onlyResource, refTo, resourcesOf, resourceUnder, synthStack, SynthesizedStack } from './support/synth';

const HOST = 'www.test.example.com';
/** Not the defaults, so the tests see the configured documents reach the resources. */
const INDEX = 'home.htm';
const ERROR = 'errors/missing.html';

/** A static-website-only environment (eu-west-1, zone TEST_ZONE_ID) in `mode`, after `change` on the raw input. */
function websiteConfig(mode: 'cloudfront' | 's3-website', change: (input: Record<string, any>) => void = () => undefined): EnvironmentConfig {
  return s3SystemsConfig(['static-website'], (input) => {
    Object.assign(input.staticWebsite, { mode, indexDocument: INDEX, errorDocument: ERROR, logRetentionDays: 45, noncurrentVersionRetentionDays: 21 });
    change(input);
  });
}

function websiteStack(config: EnvironmentConfig): WebsiteStack {
  return new WebsiteStack(new App(), config, config.staticWebsite!);
}

function policyOf(json: SynthesizedStack, bucketIdPrefix: string): Record<string, any>[] {
  return JSON.parse(resourceUnder(json, 'aws_s3_bucket_policy', bucketIdPrefix).policy as string).Statement;
}

/** The policy report of a stack: findings no suppression covers, suppressions that matched nothing, and what was suppressed. */
function policyReport(stack: WebsiteStack, config: EnvironmentConfig) {
  const report = evaluateStack(stack, config);
  return {
    findings: unsuppressedFindings([report]),
    unused: report.unusedSuppressions,
    suppressed: report.outcomes.flatMap((outcome) => outcome.suppressed).map(({ ruleId, address, reason }) => ({ ruleId, address, reason })),
  };
}

/** A viewer request for `uri` on HOST. */
function viewerRequestFor(uri: string): Record<string, any> {
  return viewerRequestEvent(uri, { querystring: { v: { value: '3' } }, headers: { host: { value: HOST }, accept: { value: 'text/html' } } });
}

/** What a CloudFront Function's handler returns for a viewer request for `uri` on HOST. */
function runViewerRequest(code: string, uri: string): Record<string, any> {
  return runCloudFrontFunction(code, viewerRequestFor(uri));
}

describe('website stack, cloudfront mode', () => {
  const config = websiteConfig('cloudfront');
  const stack = websiteStack(config);
  const json = synthStack(stack);
  const distribution = onlyResource(json, 'aws_cloudfront_distribution');
  const distributionId = idUnder(json, 'aws_cloudfront_distribution', 'cdn_');
  const contentBucketId = idUnder(json, 'aws_s3_bucket', 'content_');
  const content = (type: string) => resourceUnder(json, type, 'content_');

  describe('the content bucket', () => {
    it('is named by the naming helper, or as configured', () => {
      expect(content('aws_s3_bucket').bucket).toBe('webplat-test-website-content-123456789012');
      const named = synthStack(websiteStack(websiteConfig('cloudfront', (input) => (input.staticWebsite.bucketName = 'my-site-files'))));
      expect(resourceUnder(named, 'aws_s3_bucket', 'content_').bucket).toBe('my-site-files');
    });

    it('blocks all four kinds of public access', () => {
      expect(content('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    });

    it('lets only cloudfront.amazonaws.com read objects, and only for this distribution', () => {
      const allows = policyOf(json, 'content_').filter((statement) => statement.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Sid: expect.any(String),
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${refTo('aws_s3_bucket', contentBucketId, 'arn')}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': refTo('aws_cloudfront_distribution', distributionId, 'arn') } },
        },
      ]);
    });

    it('denies every request without TLS', () => {
      expect(policyOf(json, 'content_')).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('is versioned, expires old versions after the configured days, and is SSE-S3 by default', () => {
      expect(content('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
      expect(content('aws_s3_bucket_lifecycle_configuration').rule).toEqual([expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 21 }] })]);
      expect(content('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
      expect(json.data?.terraform_remote_state?.['keys-state']).toBeUndefined();
    });

    it('is encrypted with the environment\'s S3 key from the keys stack with encryption.buckets.website: sse-kms', () => {
      const kms = synthStack(websiteStack(websiteConfig('cloudfront', (input) => (input.encryption = { customerManagedKeys: true, buckets: { website: 'sse-kms' } }))));
      expect(resourceUnder(kms, 'aws_s3_bucket_server_side_encryption_configuration', 'content_').rule).toEqual([
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${data.terraform_remote_state.keys-state.outputs.s3_key_arn}' },
          bucket_key_enabled: true,
        },
      ]);
      expect(kms.data?.terraform_remote_state?.['keys-state']).toMatchObject({ backend: 's3', config: { key: 'test/keys.tfstate' } });
    });

    it('logs its access into the stack\'s access log bucket, which keeps logs the configured days', () => {
      expect(content('aws_s3_bucket_logging')).toMatchObject({
        target_bucket: refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'access-logs_'), 'id'),
        target_prefix: 'webplat-test-website-content-123456789012/',
      });
      expect(resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'access-logs_').rule).toEqual([expect.objectContaining({ expiration: [{ days: 45 }] })]);
    });
  });

  describe('the distribution', () => {
    it('reads the bucket on its regional name through an origin access control that signs every request', () => {
      expect(distribution.origin).toEqual([
        {
          origin_id: 'content',
          domain_name: refTo('aws_s3_bucket', contentBucketId, 'bucket_regional_domain_name'),
          origin_access_control_id: refTo('aws_cloudfront_origin_access_control', idUnder(json, 'aws_cloudfront_origin_access_control', 'cdn_')),
        },
      ]);
      expect(onlyResource(json, 'aws_cloudfront_origin_access_control')).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
      expect(resourcesOf(json, 'aws_cloudfront_origin_access_identity')).toEqual({});
    });

    it('serves the host name over HTTPS only, with TLSv1.2_2021 at least, SNI, HTTP/2 and 3 and IPv6', () => {
      expect(distribution.aliases).toEqual([HOST]);
      expect(distribution.viewer_certificate).toEqual({
        acm_certificate_arn: refTo('aws_acm_certificate_validation', idUnder(json, 'aws_acm_certificate_validation', 'certificate_'), 'certificate_arn'),
        ssl_support_method: 'sni-only',
        minimum_protocol_version: 'TLSv1.2_2021',
      });
      expect(distribution.default_cache_behavior).toMatchObject({ viewer_protocol_policy: 'redirect-to-https', allowed_methods: ['GET', 'HEAD'] });
      expect(distribution.ordered_cache_behavior).toBeUndefined();
      expect(distribution).toMatchObject({ http_version: 'http2and3', is_ipv6_enabled: true, price_class: 'PriceClass_100' });
    });

    it('caches with the managed CachingOptimized policy and adds the security headers', () => {
      const behavior = distribution.default_cache_behavior as Record<string, unknown>;
      expect(behavior.cache_policy_id).toBe('658327ea-f89d-4fab-a63d-7e88639e58f6');
      const headersPolicy = Object.entries(resourcesOf(json, 'aws_cloudfront_response_headers_policy')).find(([id]) => behavior.response_headers_policy_id === refTo('aws_cloudfront_response_headers_policy', id));
      expect(headersPolicy?.[1].security_headers_config).toMatchObject({
        strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: 'SAMEORIGIN', override: true },
        referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
      });
    });

    it('serves the configured index document for / and the error document with 404 for a missing key (S3 answers 403 or 404)', () => {
      expect(distribution.default_root_object).toBe(INDEX);
      expect(distribution.custom_error_response).toEqual([
        { error_code: 403, response_code: 404, response_page_path: `/${ERROR}` },
        { error_code: 404, response_code: 404, response_page_path: `/${ERROR}` },
      ]);
    });

    it('serves the index document for every path ending in /, as a viewer-request function that changes nothing else', () => {
      const fn = onlyResource(json, 'aws_cloudfront_function');
      expect(fn).toMatchObject({ runtime: 'cloudfront-js-2.0', publish: true });
      expect((distribution.default_cache_behavior as Record<string, unknown>).function_association).toEqual([
        { event_type: 'viewer-request', function_arn: refTo('aws_cloudfront_function', idUnder(json, 'aws_cloudfront_function', 'cdn_'), 'arn') },
      ]);
      const expected: [string, string][] = [
        ['/', `/${INDEX}`],
        ['/about/', `/about/${INDEX}`],
        ['/docs/guide/', `/docs/guide/${INDEX}`],
        ['/about', '/about'],
        ['/file.css', '/file.css'],
      ];
      for (const [uri, served] of expected) {
        expect({ uri, request: runViewerRequest(fn.code as string, uri) }).toEqual({ uri, request: { ...viewerRequestFor(uri).request, uri: served } });
      }
    });

    it('takes the price class from the config', () => {
      const all = synthStack(websiteStack(websiteConfig('cloudfront', (input) => (input.staticWebsite.priceClass = 'PriceClass_All'))));
      expect(onlyResource(all, 'aws_cloudfront_distribution').price_class).toBe('PriceClass_All');
    });

    it('gets a certificate for the host name in us-east-1, validated by DNS in the zone', () => {
      const certificate = onlyResource(json, 'aws_acm_certificate');
      expect(certificate).toMatchObject({ domain_name: HOST, validation_method: 'DNS', provider: 'aws.global' });
      expect(json.provider?.aws).toContainEqual(expect.objectContaining({ alias: 'global', region: 'us-east-1' }));
      expect(onlyResource(json, 'aws_acm_certificate_validation').provider).toBe('aws.global');
      expect(resourceUnder(json, 'aws_route53_record', 'certificate_').zone_id).toBe(TEST_ZONE_ID);
    });

    it('delivers its access logs (standard logging v2) from us-east-1 into a log bucket kept the configured days', () => {
      expect(onlyResource(json, 'aws_cloudwatch_log_delivery_source')).toMatchObject({
        log_type: 'ACCESS_LOGS',
        resource_arn: refTo('aws_cloudfront_distribution', distributionId, 'arn'),
        provider: 'aws.global',
      });
      expect(onlyResource(json, 'aws_cloudwatch_log_delivery').provider).toBe('aws.global');
      expect(resourceUnder(json, 'aws_s3_bucket', 'cdn-logs_')).toMatchObject({ bucket: 'webplat-test-website-cdn-logs-123456789012', provider: 'aws.global' });
      expect(resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'cdn-logs_').rule).toEqual([expect.objectContaining({ expiration: [{ days: 45 }] })]);
      expect(resourceUnder(json, 'aws_s3_bucket_logging', 'cdn-logs_').target_bucket).toBe(refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'access-logs-us-east-1_'), 'id'));
    });
  });

  it('points A and AAAA alias records for the host name at the distribution', () => {
    const records = Object.values(resourcesOf(json, 'aws_route53_record')).filter((record) => record.alias !== undefined);
    expect(records.map((record) => `${record.name} ${record.type}`).sort()).toEqual([`${HOST} A`, `${HOST} AAAA`]);
    for (const record of records) {
      expect(record.zone_id).toBe(TEST_ZONE_ID);
      expect(record.alias).toEqual({
        name: refTo('aws_cloudfront_distribution', distributionId, 'domain_name'),
        zone_id: refTo('aws_cloudfront_distribution', distributionId, 'hosted_zone_id'),
        evaluate_target_health: false,
      });
    }
  });

  it('puts its records into the web platform\'s zone (stack <env>-dns) when the config names no zone', () => {
    const shared = testConfig((input) => {
      input.systems = ['web-platform', 'static-website'];
      // The web platform serves test.example.com and www.test.example.com itself.
      input.staticWebsite = { hostName: 'static.test.example.com' };
    });
    const withDns = synthStack(websiteStack(shared));
    const records = Object.values(resourcesOf(withDns, 'aws_route53_record'));
    expect(records).toHaveLength(3);
    for (const record of records) expect(record.zone_id).toBe('${data.terraform_remote_state.dns-state.outputs.zone_id}');
    expect(withDns.data?.terraform_remote_state?.['dns-state']).toMatchObject({ backend: 's3', config: { key: 'test/dns.tfstate' } });
    expect(json.data?.terraform_remote_state?.['dns-state']).toBeUndefined();
  });

  it('names its resources <project>-<env>-website-<purpose>, buckets ending in the account id', () => {
    expect(Object.values(resourcesOf(json, 'aws_s3_bucket')).map((bucket) => bucket.bucket).sort()).toEqual([
      'webplat-test-website-cdn-logs-123456789012',
      'webplat-test-website-content-123456789012',
      'webplat-test-website-s3-access-logs-123456789012',
      'webplat-test-website-s3-access-logs-use1-123456789012',
    ]);
    expect(distribution.comment).toBe('webplat-test-website-site');
    expect(onlyResource(json, 'aws_cloudfront_origin_access_control').name).toBe('webplat-test-website-site');
    expect(onlyResource(json, 'aws_cloudfront_function').name).toBe('webplat-test-website-site-index');
    expect(onlyResource(json, 'aws_cloudwatch_log_delivery_source').name).toBe('webplat-test-website-cdn-access');
    expect(onlyResource(json, 'aws_cloudwatch_log_delivery_destination').name).toBe('webplat-test-website-cdn-access');
  });

  it('outputs the HTTPS address, the bucket, the distribution id and how to upload', () => {
    const bucketName = refTo('aws_s3_bucket', contentBucketId, 'bucket');
    expect(json.output).toMatchObject({
      site_url: { value: `https://${HOST}/` },
      bucket_name: { value: bucketName },
      distribution_id: { value: refTo('aws_cloudfront_distribution', distributionId) },
      upload_command: { value: `aws s3 sync ./site s3://${bucketName}/` },
    });
    for (const output of Object.values(json.output ?? {})) expect(output.description).toEqual(expect.any(String));
  });

  it('passes every policy rule, WAF-ATTACHED suppressed on the distribution with its reason', () => {
    const report = policyReport(stack, config);
    expect(report.findings).toEqual([]);
    expect(report.unused).toEqual([]);
    expect(report.suppressed).toEqual([{ ruleId: 'WAF-ATTACHED', address: `aws_cloudfront_distribution.${distributionId}`, reason: expect.stringMatching(/static site.*no application/) }]);
  });
});

describe('website stack, s3-website mode', () => {
  const config = websiteConfig('s3-website');
  const stack = websiteStack(config);
  const json = synthStack(stack);
  const siteBucketId = idUnder(json, 'aws_s3_bucket', 'site_');
  const site = (type: string) => resourceUnder(json, type, 'site_');
  const bucketArn = refTo('aws_s3_bucket', siteBucketId, 'arn');
  const websiteId = idUnder(json, 'aws_s3_bucket_website_configuration', 'site_');

  it('names the bucket exactly as the host', () => {
    expect(site('aws_s3_bucket').bucket).toBe(HOST);
  });

  it('configures the website endpoint with the configured index and error documents', () => {
    expect(site('aws_s3_bucket_website_configuration')).toEqual({
      bucket: refTo('aws_s3_bucket', siteBucketId),
      index_document: { suffix: INDEX },
      error_document: { key: ERROR },
    });
  });

  it('opens the public access block only as far as a public bucket policy needs (ACLs stay blocked and ignored)', () => {
    expect(site('aws_s3_bucket_public_access_block')).toEqual({
      bucket: refTo('aws_s3_bucket', siteBucketId),
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: false,
      restrict_public_buckets: false,
    });
    expect(site('aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it('lets anyone s3:GetObject and nothing else', () => {
    const statements = policyOf(json, 'site_');
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toEqual([{ Sid: expect.any(String), Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucketArn}/*` }]);
  });

  it('still denies every other action without TLS, so only the website endpoint\'s plain-HTTP reads pass', () => {
    const denies = policyOf(json, 'site_').filter((statement) => statement.Effect === 'Deny');
    expect(denies).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Deny',
        Principal: '*',
        NotAction: 's3:GetObject',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('is SSE-S3, versioned with old versions expired, and access-logged', () => {
    expect(site('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(site('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(site('aws_s3_bucket_lifecycle_configuration').rule).toEqual([expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 21 }] })]);
    expect(site('aws_s3_bucket_logging')).toMatchObject({ target_bucket: refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'access-logs_'), 'id'), target_prefix: `${HOST}/` });
    expect(resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'access-logs_').rule).toEqual([expect.objectContaining({ expiration: [{ days: 45 }] })]);
  });

  it('points one A alias record at the eu-west-1 website endpoint (zone Z1BKCTXD74EZPE)', () => {
    expect(Object.values(resourcesOf(json, 'aws_route53_record'))).toEqual([
      {
        zone_id: TEST_ZONE_ID,
        name: HOST,
        type: 'A',
        alias: { name: refTo('aws_s3_bucket_website_configuration', websiteId, 'website_domain'), zone_id: 'Z1BKCTXD74EZPE', evaluate_target_health: false },
      },
    ]);
  });

  it('uses the website endpoint zone of the environment\'s region (us-east-1: Z3AQBSTGFYJSTF)', () => {
    const virginia = synthStack(websiteStack(websiteConfig('s3-website', (input) => (input.region = 'us-east-1'))));
    expect((onlyResource(virginia, 'aws_route53_record').alias as Record<string, unknown>).zone_id).toBe('Z3AQBSTGFYJSTF');
  });

  it('builds no CloudFront distribution and no certificate', () => {
    for (const type of ['aws_cloudfront_distribution', 'aws_acm_certificate', 'aws_cloudfront_origin_access_control']) expect(resourcesOf(json, type)).toEqual({});
  });

  it('outputs the HTTP address, the bucket, the website endpoint and how to upload', () => {
    const bucketName = refTo('aws_s3_bucket', siteBucketId, 'bucket');
    expect(json.output).toEqual({
      site_url: { value: `http://${HOST}/`, description: expect.any(String) },
      bucket_name: { value: bucketName, description: expect.any(String) },
      website_endpoint: { value: refTo('aws_s3_bucket_website_configuration', websiteId, 'website_endpoint'), description: expect.any(String) },
      upload_command: { value: `aws s3 sync ./site s3://${bucketName}/`, description: expect.any(String) },
    });
  });

  it('passes every policy rule, the public bucket an explained exception naming the config choice', () => {
    const report = policyReport(stack, config);
    expect(report.findings).toEqual([]);
    expect(report.unused).toEqual([]);
    expect(report.suppressed).toEqual([{ ruleId: 'S3-PUBLIC-ACCESS', address: `aws_s3_bucket.${siteBucketId}`, reason: expect.stringContaining('staticWebsite.mode: s3-website') }]);
  });
});

describe('website constructs refuse what cannot work', () => {
  const scratchStack = () => new TierStack(new App(), { config: websiteConfig('cloudfront'), tier: 'website', backend: 'local' });

  it('a public-read bucket with a KMS key (anonymous readers cannot decrypt)', () => {
    expect(
      () => new SecureBucket(scratchStack(), 'site', { bucketName: HOST, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/example', publicReads: { reason: 'a public website bucket' } }),
    ).toThrow(/publicReads needs SSE-S3, got kmsKeyArn/);
  });

  it('a website endpoint in a region whose website hosted zone is not in the table', () => {
    const stack = scratchStack();
    const accessLogs = new SecureBucket(stack, 'logs', { bucketName: 'logs-123456789012' });
    expect(
      () =>
        new S3WebsiteEndpoint(stack, 'site', {
          hostName: HOST,
          zoneId: TEST_ZONE_ID,
          region: 'xx-nowhere-1',
          indexDocument: INDEX,
          errorDocument: ERROR,
          noncurrentVersionRetentionDays: 30,
          accessLogs,
          publicReason: 'a public website bucket',
        }),
    ).toThrow(/region "xx-nowhere-1" is not in config\/aws\/s3-website-zones\.json/);
  });

  it('a distribution name too long for the CloudFront function made from it', () => {
    const stack = scratchStack();
    const bucket = new SecureBucket(stack, 'content', { bucketName: 'content-123456789012' });
    const props = { hostName: HOST, certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/example', bucket, indexDocument: INDEX, errorDocument: ERROR, priceClass: 'PriceClass_100' };
    expect(() => new WebsiteDistribution(stack, 'cdn', { ...props, name: 'n'.repeat(59) })).toThrow(/name "n+" has 59 characters, more than 58/);
  });
});
