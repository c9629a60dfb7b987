import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { App } from 'cdktf';
import { WafLogs, WafLogsProps } from '../constructs/logging/waf-logs';
import { evaluateStack } from '../constructs/policy/engine';
import { SecureBucket } from '../constructs/secure-bucket';
import { TierStack } from '../stacks/tier-stack';
import { testConfig } from './support/fixtures';
import { describeLogBucket } from './support/log-bucket';
import { idUnder, refTo, resourcesOf, resourceUnder, synthStack } from './support/synth';

const ACCOUNT = '123456789012';

/** An edge-tier stack (home region eu-west-1) with one web ACL of `scope` and its WAF logs, as the stacks will wire them. */
function logsStack(scope: 'REGIONAL' | 'CLOUDFRONT', change: Partial<WafLogsProps> = {}) {
  const config = testConfig();
  const stack = new TierStack(new App(), { config, tier: 'edge', backend: 'local' });
  const global = scope === 'CLOUDFRONT';
  const provider = global ? stack.globalProvider : undefined;
  const accessLogs = new SecureBucket(stack, 'access-logs', { provider, bucketName: `access-logs-${ACCOUNT}`, versioned: false, expireObjectsAfterDays: 30 });
  accessLogs.acceptServerAccessLogs(ACCOUNT);
  const acl = new Wafv2WebAcl(stack, 'acl', {
    provider,
    name: 'webplat-test-waf',
    scope,
    defaultAction: { allow: {} },
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: 'webplat-test-waf', sampledRequestsEnabled: true },
  });
  new WafLogs(stack, 'waf-logs', {
    provider,
    name: 'webplat-test-edge-waf',
    bucketName: `webplat-test-edge-waf-logs-${ACCOUNT}`,
    webAclArn: acl.arn,
    scope,
    redactedHeaders: ['authorization', 'cookie', 'x-api-key'],
    retentionDays: 45,
    accessLogs,
    accountId: ACCOUNT,
    region: global ? 'us-east-1' : config.region,
    ...change,
  });
  return { stack, config };
}

describe('WAF logs', () => {
  const { stack } = logsStack('CLOUDFRONT');
  const json = synthStack(stack);
  const stream = resourceUnder(json, 'aws_kinesis_firehose_delivery_stream', 'waf-logs_');
  const logging = resourceUnder(json, 'aws_wafv2_web_acl_logging_configuration', 'waf-logs_');
  const bucketId = idUnder(json, 'aws_s3_bucket', 'waf-logs_bucket_');
  const bucketArn = refTo('aws_s3_bucket', bucketId, 'arn');
  const streamId = idUnder(json, 'aws_kinesis_firehose_delivery_stream', 'waf-logs_');
  const roleId = idUnder(json, 'aws_iam_role', 'waf-logs_');

  describe('stream', () => {
    it('is named aws-waf-logs-<name>, the only names WAF logs to', () => {
      expect(stream.name).toBe('aws-waf-logs-webplat-test-edge-waf');
      expect(String(stream.name).startsWith('aws-waf-logs-')).toBe(true);
      expect(String(stream.name).length).toBeLessThanOrEqual(64);
    });

    it('writes GZIP objects by date into the log bucket, through the delivery role', () => {
      expect(stream.destination).toBe('extended_s3');
      expect(stream.extended_s3_configuration).toMatchObject({
        bucket_arn: bucketArn,
        role_arn: refTo('aws_iam_role', roleId, 'arn'),
        prefix: 'waf/!{timestamp:yyyy/MM/dd/HH}/',
        error_output_prefix: 'waf-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
        buffering_size: 5,
        buffering_interval: 300,
        compression_format: 'GZIP',
      });
    });

    it('is encrypted at rest', () => {
      expect(stream.server_side_encryption).toEqual({ enabled: true, key_type: 'AWS_OWNED_CMK' });
    });

    it('is created once the role may write to the bucket', () => {
      expect(stream.depends_on).toEqual([`aws_iam_role_policy.${idUnder(json, 'aws_iam_role_policy', 'waf-logs_')}`]);
    });
  });

  describe('logging configuration', () => {
    it('sends the web ACL\'s logs to the stream', () => {
      expect(logging.resource_arn).toBe(refTo('aws_wafv2_web_acl', idUnder(json, 'aws_wafv2_web_acl', 'acl'), 'arn'));
      expect(logging.log_destination_configs).toEqual([refTo('aws_kinesis_firehose_delivery_stream', streamId, 'arn')]);
    });

    it('redacts each configured header as a single header', () => {
      expect(logging.redacted_fields).toEqual([
        { single_header: { name: 'authorization' } },
        { single_header: { name: 'cookie' } },
        { single_header: { name: 'x-api-key' } },
      ]);
    });
  });

  describe('log bucket', () => {
    describeLogBucket({ json, idPrefix: 'waf-logs_bucket_', expireAfterDays: 45, bucketName: 'webplat-test-edge-waf-logs-123456789012' });
  });

  describe('delivery role', () => {
    it('may be assumed only by Firehose acting for this account', () => {
      expect(resourcesOf(json, 'aws_iam_role')[roleId].name).toBe('webplat-test-edge-waf-firehose');
      const trust = JSON.parse(resourcesOf(json, 'aws_iam_role')[roleId].assume_role_policy as string);
      expect(trust.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': '123456789012' } } },
      ]);
    });

    it('may only locate, list and write objects of the log bucket', () => {
      const policy = resourceUnder(json, 'aws_iam_role_policy', 'waf-logs_');
      expect(policy.role).toBe(refTo('aws_iam_role', roleId));
      const statements = JSON.parse(policy.policy as string).Statement as Record<string, unknown>[];
      expect(statements).toEqual([
        { Sid: 'LocateAndListLogBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucketArn },
        { Sid: 'WriteLogObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `${bucketArn}/*` },
      ]);
    });
  });

  describe('regions', () => {
    it('creates everything of a CLOUDFRONT web ACL\'s logs with the us-east-1 provider', () => {
      const types = ['aws_kinesis_firehose_delivery_stream', 'aws_wafv2_web_acl_logging_configuration', 'aws_iam_role', 'aws_iam_role_policy'];
      const bucketTypes = ['aws_s3_bucket', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_server_side_encryption_configuration'];
      const more = ['aws_s3_bucket_versioning', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging', 'aws_s3_bucket_policy'];
      for (const type of [...types, ...bucketTypes, ...more]) {
        const mine = Object.entries(resourcesOf(json, type)).filter(([id]) => id.startsWith('waf-logs_'));
        expect(mine.length).toBeGreaterThan(0);
        for (const [, resource] of mine) expect(resource.provider).toBe('aws.global');
      }
      expect(json.provider?.aws).toContainEqual(expect.objectContaining({ alias: 'global', region: 'us-east-1' }));
    });

    it('creates a REGIONAL web ACL\'s logs with the stack\'s provider in the home region', () => {
      const regional = synthStack(logsStack('REGIONAL').stack);
      const mine = Object.entries(regional.resource ?? {}).flatMap(([, byId]) => Object.entries(byId).filter(([id]) => id.startsWith('waf-logs_')));
      expect(mine.length).toBe(12);
      for (const [, resource] of mine) expect(resource.provider).toBeUndefined();
    });
  });

  describe('policy rules', () => {
    it.each(['CLOUDFRONT', 'REGIONAL'] as const)('pass on every resource of a %s web ACL\'s logs', (scope) => {
      const { stack: built, config } = logsStack(scope);
      const report = evaluateStack(built, config);
      const findings = report.outcomes.flatMap((outcome) => outcome.failed);
      expect(findings).toEqual([]);
      const judged = report.outcomes.filter((outcome) => outcome.passed > 0).map((outcome) => outcome.rule.id);
      expect(judged).toEqual(expect.arrayContaining(['S3-ENCRYPTION', 'S3-TLS-ONLY', 'S3-PUBLIC-ACCESS', 'S3-OWNER-ENFORCED']));
    });
  });

  describe('bad input', () => {
    it('accepts a name that makes the stream name exactly 64 characters, Firehose\'s longest', () => {
      const name = 'a'.repeat(64 - 'aws-waf-logs-'.length);
      const longest = synthStack(logsStack('REGIONAL', { name }).stack);
      const streamName = String(resourceUnder(longest, 'aws_kinesis_firehose_delivery_stream', 'waf-logs_').name);
      expect(streamName).toBe(`aws-waf-logs-${name}`);
      expect(streamName).toHaveLength(64);
    });

    it('refuses a name that makes the stream name longer than 64 characters', () => {
      expect(() => logsStack('REGIONAL', { name: 'a'.repeat(52) })).toThrow(
        /WafLogs: name "a{52}" \(52 characters\) cannot follow "aws-waf-logs-" in a Firehose stream name: expected 1-51 characters/,
      );
    });

    it('refuses a name with characters Firehose does not accept', () => {
      expect(() => logsStack('REGIONAL', { name: 'waf logs' })).toThrow(/WafLogs: name "waf logs" .* expected 1-51 characters of a-z, A-Z, 0-9/);
      expect(() => logsStack('REGIONAL', { name: '' })).toThrow(/WafLogs: name ""/);
    });

    it('refuses a CLOUDFRONT web ACL\'s logs outside us-east-1', () => {
      expect(() => logsStack('CLOUDFRONT', { region: 'eu-west-1', provider: undefined })).toThrow(
        /WafLogs: a CLOUDFRONT web ACL logs only to a Firehose stream in us-east-1, got region "eu-west-1"/,
      );
    });

    it('refuses a provider of another region than the one given', () => {
      expect(() => logsStack('CLOUDFRONT', { scope: 'REGIONAL', region: 'eu-west-1' })).toThrow(
        /WafLogs: region is "eu-west-1" but the provider given creates resources in "us-east-1"/,
      );
    });

    it('refuses a retention that S3 lifecycle cannot express', () => {
      expect(() => logsStack('REGIONAL', { retentionDays: 0 })).toThrow(/WafLogs: retentionDays must be a whole number of days, 1 or more \(S3 lifecycle expiration\), got 0/);
      expect(() => logsStack('REGIONAL', { retentionDays: 1.5 })).toThrow(/got 1.5/);
    });
  });
});
