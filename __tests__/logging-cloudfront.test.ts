import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { App } from 'cdktf';
import { CloudFrontAccessLogs, CloudFrontAccessLogsProps } from '../constructs/logging/cloudfront-logs';
import { evaluateStack } from '../constructs/policy/engine';
import { SecureBucket } from '../constructs/secure-bucket';
import { TierStack } from '../stacks/tier-stack';
import { testConfig } from './support/fixtures';
import { describeLogBucket } from './support/log-bucket';
import { idUnder, refTo, resourcesOf, resourceUnder, synthStack } from './support/synth';

const ACCOUNT = '123456789012';

/** An edge stack (home region eu-west-1) with a distribution and its access logs in us-east-1, as the edge stack will wire them. */
function logsStack(change: Partial<CloudFrontAccessLogsProps> = {}) {
  const config = testConfig();
  const stack = new TierStack(new App(), { config, tier: 'edge', backend: 'local' });
  const provider = stack.globalProvider;
  const accessLogs = new SecureBucket(stack, 'access-logs', { provider, bucketName: `access-logs-${ACCOUNT}`, versioned: false, expireObjectsAfterDays: 30 });
  accessLogs.acceptServerAccessLogs(ACCOUNT);
  const distribution = new CloudfrontDistribution(stack, 'cdn', {
    enabled: true,
    origin: [{ originId: 'alb', domainName: 'alb.example.com', customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
    defaultCacheBehavior: { targetOriginId: 'alb', viewerProtocolPolicy: 'redirect-to-https', allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'] },
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
  });
  new CloudFrontAccessLogs(stack, 'cdn-logs', {
    provider,
    name: 'webplat-test-edge-cdn-access',
    bucketName: `webplat-test-edge-cdn-logs-${ACCOUNT}`,
    distributionArn: distribution.arn,
    retentionDays: 14,
    accessLogs,
    accountId: ACCOUNT,
    region: 'us-east-1',
    ...change,
  });
  return { stack, config };
}

describe('CloudFront access logs', () => {
  const { stack } = logsStack();
  const json = synthStack(stack);
  const source = resourceUnder(json, 'aws_cloudwatch_log_delivery_source', 'cdn-logs_');
  const destination = resourceUnder(json, 'aws_cloudwatch_log_delivery_destination', 'cdn-logs_');
  const delivery = resourceUnder(json, 'aws_cloudwatch_log_delivery', 'cdn-logs_');
  const bucketId = idUnder(json, 'aws_s3_bucket', 'cdn-logs_bucket_');
  const bucketArn = refTo('aws_s3_bucket', bucketId, 'arn');
  const bucket = (type: string) => resourceUnder(json, type, 'cdn-logs_bucket_');

  describe('standard logging v2', () => {
    it('takes the distribution\'s access logs as the delivery source', () => {
      expect(source).toMatchObject({
        name: 'webplat-test-edge-cdn-access',
        log_type: 'ACCESS_LOGS',
        resource_arn: refTo('aws_cloudfront_distribution', idUnder(json, 'aws_cloudfront_distribution', 'cdn'), 'arn'),
      });
    });

    it('delivers to the log bucket as JSON records', () => {
      expect(destination).toMatchObject({
        name: 'webplat-test-edge-cdn-access',
        output_format: 'json',
        delivery_destination_configuration: [{ destination_resource_arn: bucketArn }],
      });
    });

    it('links the source to the destination, by distribution and hour, once the bucket policy lets it write', () => {
      expect(delivery).toMatchObject({
        delivery_source_name: refTo('aws_cloudwatch_log_delivery_source', idUnder(json, 'aws_cloudwatch_log_delivery_source', 'cdn-logs_'), 'name'),
        delivery_destination_arn: refTo('aws_cloudwatch_log_delivery_destination', idUnder(json, 'aws_cloudwatch_log_delivery_destination', 'cdn-logs_'), 'arn'),
        s3_delivery_configuration: [{ suffix_path: '{DistributionId}/{yyyy}/{MM}/{dd}/{HH}', enable_hive_compatible_path: false }],
        depends_on: [`aws_s3_bucket_policy.${idUnder(json, 'aws_s3_bucket_policy', 'cdn-logs_')}`],
      });
    });

    it('uses no legacy logging (no ACL-enabled bucket)', () => {
      expect(resourceUnder(json, 'aws_cloudfront_distribution', 'cdn').logging_config).toBeUndefined();
      expect(bucket('aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
      expect(resourcesOf(json, 'aws_s3_bucket_acl')).toEqual({});
    });
  });

  describe('log bucket', () => {
    it('lets only log deliveries of this account\'s source write CloudFront logs, with the owner in control', () => {
      const statements = JSON.parse(bucket('aws_s3_bucket_policy').policy as string).Statement as Record<string, unknown>[];
      expect(statements).toContainEqual({
        Sid: 'CloudFrontAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/123456789012/CloudFront/*`,
        Condition: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:123456789012:delivery-source:webplat-test-edge-cdn-access' },
        },
      });
      expect(statements.filter((statement) => statement.Effect === 'Allow')).toHaveLength(1);
    });

    describeLogBucket({ json, idPrefix: 'cdn-logs_bucket_', expireAfterDays: 14, bucketName: 'webplat-test-edge-cdn-logs-123456789012' });
  });

  it('creates everything in us-east-1 through the provider given', () => {
    const mine = Object.values(json.resource ?? {}).flatMap((byId) => Object.entries(byId).filter(([id]) => id.startsWith('cdn-logs_')));
    expect(mine).toHaveLength(11);
    for (const [, resource] of mine) expect(resource.provider).toBe('aws.global');
    expect(json.provider?.aws).toContainEqual(expect.objectContaining({ alias: 'global', region: 'us-east-1' }));
  });

  it('passes the policy rules', () => {
    const { stack: built, config } = logsStack();
    const report = evaluateStack(built, config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed).filter((finding) => finding.path.includes('/cdn-logs/'))).toEqual([]);
    const judged = report.outcomes.filter((outcome) => outcome.passed > 0).map((outcome) => outcome.rule.id);
    expect(judged).toEqual(expect.arrayContaining(['S3-ENCRYPTION', 'S3-TLS-ONLY', 'S3-PUBLIC-ACCESS', 'S3-OWNER-ENFORCED', 'CF-LOGGING']));
  });

  describe('bad input', () => {
    it('refuses a region other than us-east-1, where CloudFront\'s delivery sources are', () => {
      expect(() => logsStack({ region: 'eu-west-1', provider: undefined })).toThrow(
        /CloudFrontAccessLogs: CloudFront's log delivery source must be in us-east-1, got region "eu-west-1"/,
      );
    });

    it('refuses a provider of another region than the one given', () => {
      const config = testConfig();
      const stack = new TierStack(new App(), { config, tier: 'edge', backend: 'local' });
      const accessLogs = new SecureBucket(stack, 'access-logs', { bucketName: `access-logs-${ACCOUNT}`, versioned: false });
      expect(
        () =>
          new CloudFrontAccessLogs(stack, 'cdn-logs', {
            provider: stack.provider,
            name: 'n',
            bucketName: `b-${ACCOUNT}`,
            distributionArn: 'arn:aws:cloudfront::123456789012:distribution/E1',
            retentionDays: 1,
            accessLogs,
            accountId: ACCOUNT,
            region: 'us-east-1',
          }),
      ).toThrow(/CloudFrontAccessLogs: region is "us-east-1" but the provider given creates resources in "eu-west-1"/);
    });

    it('accepts a name of 60 characters, the longest delivery source and destination name', () => {
      const name = 'a'.repeat(60);
      const longest = synthStack(logsStack({ name }).stack);
      for (const type of ['aws_cloudwatch_log_delivery_source', 'aws_cloudwatch_log_delivery_destination']) {
        const deliveryName = String(resourceUnder(longest, type, 'cdn-logs_').name);
        expect(deliveryName).toBe(name);
        expect(deliveryName).toHaveLength(60);
      }
    });

    it('refuses a name CloudWatch Logs does not accept for a delivery source', () => {
      expect(() => logsStack({ name: 'a'.repeat(61) })).toThrow(/CloudFrontAccessLogs: name "a{61}" \(61 characters\) is not a delivery source name: expected 1-60 characters/);
      expect(() => logsStack({ name: 'cdn.logs' })).toThrow(/CloudFrontAccessLogs: name "cdn.logs" .* of a-z, A-Z, 0-9, "_" and "-"/);
    });

    it('refuses a retention that S3 lifecycle cannot express', () => {
      expect(() => logsStack({ retentionDays: -1 })).toThrow(/CloudFrontAccessLogs: retentionDays must be a whole number of days, 1 or more \(S3 lifecycle expiration\), got -1/);
    });
  });
});
