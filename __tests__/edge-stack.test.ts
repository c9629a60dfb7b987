import { App } from 'cdktf';
import type { WebPlatformInput } from './support/fixtures';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { EdgeStack } from '../stacks/edge-stack';
import { evaluateStack, TerraformJson, unsuppressedFindings } from '../constructs/policy/engine';
import { testConfig } from './support/fixtures';
import { idUnder, onlyResource, refTo, resourcesOf, synthStack } from './support/synth';

function synthEdge(change?: (input: WebPlatformInput) => void) {
  return synthStack(new EdgeStack(new App(), testConfig(change)));
}

describe('edge stack', () => {
  const config = testConfig();
  const stack = new EdgeStack(new App(), config);
  const json = synthStack(stack);
  const distribution = onlyResource(json, 'aws_cloudfront_distribution');
  const origins = distribution.origin as Record<string, any>[];
  const originById = (id: string) => origins.find((origin) => origin.origin_id === id)!;

  describe('routing', () => {
    it('sends everything by default to the load balancer, uncached, with every viewer header, cookie and query string', () => {
      expect(distribution.default_cache_behavior).toMatchObject({
        target_origin_id: 'alb',
        viewer_protocol_policy: 'redirect-to-https',
        cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        origin_request_policy_id: '216adef6-5c7f-47e4-b989-5492eafa07d3',
      });
    });

    it('sends /wp-content/uploads/* to the uploads bucket, cached, before any other path', () => {
      expect((distribution.ordered_cache_behavior as unknown[])[0]).toEqual(
        expect.objectContaining({
          path_pattern: '/wp-content/uploads/*',
          target_origin_id: 'uploads',
          viewer_protocol_policy: 'redirect-to-https',
          cache_policy_id: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          allowed_methods: ['GET', 'HEAD'],
        }),
      );
    });

    it('reaches the load balancer over HTTPS (TLSv1.2) only, with the secret header read from Secrets Manager', () => {
      expect(originById('alb')).toMatchObject({
        domain_name: '${data.terraform_remote_state.app-state.outputs.alb_dns_name}',
        custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] },
        custom_header: [{ name: 'X-Origin-Verify', value: expect.stringMatching(/^\$\{data\.aws_secretsmanager_secret_version\.[\w-]+\.secret_string\}$/) }],
      });
    });

    it('reads the uploads bucket through Origin Access Control on its regional name', () => {
      expect(originById('uploads')).toEqual({
        origin_id: 'uploads',
        domain_name: expect.stringMatching(/aws_s3_bucket\.uploads_bucket_\w+\.bucket_regional_domain_name/),
        origin_access_control_id: expect.stringMatching(/aws_cloudfront_origin_access_control\./),
      });
      expect(onlyResource(json, 'aws_cloudfront_origin_access_control')).toMatchObject({ origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
      expect(resourcesOf(json, 'aws_cloudfront_origin_access_identity')).toEqual({});
    });
  });

  it('names the uploads bucket as the app tier\'s web servers expect it', () => {
    const buckets = Object.values(resourcesOf(json, 'aws_s3_bucket')).map((bucket) => bucket.bucket);
    expect(buckets).toContain('webplat-test-edge-uploads-123456789012');
  });

  it('lets only this distribution read the uploads bucket', () => {
    const policies = Object.values(resourcesOf(json, 'aws_s3_bucket_policy')).map((policy) => JSON.parse(policy.policy as string));
    const uploads = policies.find((policy) => policy.Statement.some((statement: Record<string, unknown>) => statement.Sid === 'CloudFrontReadsUploads'));
    expect(uploads.Statement).toContainEqual({
      Sid: 'CloudFrontReadsUploads',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: expect.stringMatching(/aws_s3_bucket\.uploads_bucket_\w+\.arn}\/\*$/),
      Condition: { StringEquals: { 'AWS:SourceArn': expect.stringMatching(/^\$\{aws_cloudfront_distribution\.cdn_distribution_\w+\.arn\}$/) } },
    });
    expect(uploads.Statement.filter((statement: Record<string, unknown>) => statement.Effect === 'Allow')).toHaveLength(1);
  });

  it('serves the site names over HTTPS with the us-east-1 certificate (SNI, TLSv1.2_2021)', () => {
    expect(distribution.aliases).toEqual(['test.example.com', 'www.test.example.com']);
    expect(distribution.viewer_certificate).toEqual({
      acm_certificate_arn: '${data.terraform_remote_state.dns-state.outputs.global_certificate_arn}',
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
  });

  // What the host guard answers, run against CloudFront's viewer-request events: host-guard-function.test.ts.
  it('runs the host guard on viewer request on every behavior', () => {
    const guardArn = `\${aws_cloudfront_function.${Object.keys(resourcesOf(json, 'aws_cloudfront_function'))[0]}.arn}`;
    onlyResource(json, 'aws_cloudfront_function');
    const association = [{ event_type: 'viewer-request', function_arn: guardArn }];
    expect((distribution.default_cache_behavior as Record<string, unknown>).function_association).toEqual(association);
    const ordered = distribution.ordered_cache_behavior as Record<string, unknown>[];
    expect(ordered.length).toBeGreaterThan(1);
    for (const behavior of ordered) expect(behavior.function_association).toEqual(association);
  });

  it('attaches a global WAF created in us-east-1', () => {
    const acl = onlyResource(json, 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ scope: 'CLOUDFRONT', provider: 'aws.global' });
    expect(distribution.web_acl_id).toMatch(/aws_wafv2_web_acl\..*\.arn/);
  });

  it('points A and AAAA alias records for every site name at the distribution', () => {
    const records = Object.values(resourcesOf(json, 'aws_route53_record'));
    expect(records.map((record) => `${record.name} ${record.type}`).sort()).toEqual([
      'test.example.com A',
      'test.example.com AAAA',
      'www.test.example.com A',
      'www.test.example.com AAAA',
    ]);
    for (const record of records) {
      expect(record.alias).toEqual({ name: expect.stringMatching(/\.domain_name}$/), zone_id: expect.stringMatching(/\.hosted_zone_id}$/), evaluate_target_health: false });
    }
  });

  // A record whose address changes is destroyed and created again by the next apply: the name stops resolving meanwhile.
  it('keeps every alias record at its Terraform address: the name with dashes for dots, then a or aaaa', () => {
    const addresses = Object.entries(resourcesOf(json, 'aws_route53_record')).map(([id, record]) => [id.replace(/_[0-9A-F]{8}$/, ''), `${record.name} ${record.type}`]);
    expect(addresses.sort()).toEqual([
      ['records_test-example-com-a', 'test.example.com A'],
      ['records_test-example-com-aaaa', 'test.example.com AAAA'],
      ['records_www-test-example-com-a', 'www.test.example.com A'],
      ['records_www-test-example-com-aaaa', 'www.test.example.com AAAA'],
    ]);
  });

  it('keeps the uploads bucket private, encrypted, versioned as configured and access-logged', () => {
    const uploadsBucketOf = (stack: typeof json) => Object.entries(resourcesOf(stack, 'aws_s3_bucket')).find(([id]) => id.startsWith('uploads_'))![0];
    const onUploads = (stack: typeof json, type: string) =>
      Object.values(resourcesOf(stack, type)).filter((resource) => resource.bucket === `\${aws_s3_bucket.${uploadsBucketOf(stack)}.id}`);
    expect(onUploads(json, 'aws_s3_bucket_versioning').map((v) => (v.versioning_configuration as Record<string, string>).status)).toEqual(['Enabled']);
    expect(onUploads(json, 'aws_s3_bucket_public_access_block')).toEqual([
      expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    ]);
    const [logging] = onUploads(json, 'aws_s3_bucket_logging');
    expect(logging.target_bucket).toMatch(/aws_s3_bucket\.access-logs_bucket_/);
    expect(logging.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.access-logs_policy_\w+$/)]);
    const unversioned = synthEdge((input) => (input.edge = { uploadsVersioning: false }));
    expect(onUploads(unversioned, 'aws_s3_bucket_versioning').map((v) => (v.versioning_configuration as Record<string, string>).status)).toEqual(['Suspended']);
  });
  it('names its resources <project>-<env>-edge-<purpose>, buckets ending in the account id', () => {
    expect(Object.values(resourcesOf(json, 'aws_s3_bucket')).map((bucket) => bucket.bucket).sort()).toEqual([
      'webplat-test-edge-cdn-logs-123456789012',
      'webplat-test-edge-s3-access-logs-123456789012',
      'webplat-test-edge-s3-access-logs-use1-123456789012',
      'webplat-test-edge-uploads-123456789012',
      'webplat-test-edge-waf-logs-123456789012',
    ]);
    expect(onlyResource(json, 'aws_wafv2_web_acl').name).toBe('webplat-test-edge-waf');
    expect(onlyResource(json, 'aws_cloudfront_function').name).toBe('webplat-test-edge-host-guard');
    expect(onlyResource(json, 'aws_kinesis_firehose_delivery_stream').name).toBe('aws-waf-logs-webplat-test-edge-waf');
    expect(onlyResource(json, 'aws_cloudwatch_log_delivery_source').name).toBe('webplat-test-edge-cdn-access');
    expect(onlyResource(json, 'aws_cloudwatch_log_delivery_destination').name).toBe('webplat-test-edge-cdn-access');
  });

  it('publishes the distribution, the uploads bucket and where the logs go, each described', () => {
    const distributionId = idUnder(json, 'aws_cloudfront_distribution', 'cdn_');
    const bucket = (idPrefix: string) => refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', idPrefix), 'bucket');
    expect(Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]))).toEqual({
      distribution_id: refTo('aws_cloudfront_distribution', distributionId),
      distribution_domain_name: refTo('aws_cloudfront_distribution', distributionId, 'domain_name'),
      uploads_bucket: bucket('uploads_'),
      waf_log_bucket: bucket('waf-logs_'),
      waf_log_stream: refTo('aws_kinesis_firehose_delivery_stream', idUnder(json, 'aws_kinesis_firehose_delivery_stream', 'waf-logs_'), 'name'),
      cdn_log_bucket: bucket('cdn-logs_'),
    });
    for (const output of Object.values(json.output ?? {})) expect(output.description).toMatch(/\w{3,}/);
  });

  // S3-VERSIONING is suppressed on the uploads bucket only when edge.uploadsVersioning is false: a suppression
  // left on a versioned bucket would hide the finding the day versioning is switched off by some other way.
  it('passes every policy rule with no suppression left unused when the uploads bucket is versioned', () => {
    const report = evaluateStack(stack, config, undefined, json as TerraformJson);
    expect(unsuppressedFindings([report])).toEqual([]);
    expect(report.unusedSuppressions).toEqual([]);
  });
});

describe('secrets in the synthesized output of every shipped environment', () => {
  /** Every place a secret could be written: secret and password attributes, origin headers, header conditions. */
  function secretSlots(node: unknown, path: string, found: [string, unknown][]): [string, unknown][] {
    if (Array.isArray(node)) node.forEach((item, index) => secretSlots(item, `${path}[${index}]`, found));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const here = `${path}.${key}`;
        if (/password|secret_string|secret_binary/i.test(key) && typeof value === 'string') found.push([here, value]);
        else if (/custom_header\[\d+\]$/.test(path) && key === 'value') found.push([here, value]);
        else if (key === 'http_header') found.push([`${here}.values`, (value as { values: unknown }).values]);
        else secretSlots(value, here, found);
      }
    }
    return found;
  }

  it('holds secret values only as references that Terraform resolves at apply, in every stack', () => {
    const app = new App();
    const stacks = buildEnvironmentStacks(app, testConfig());
    const slots = stacks.flatMap((stack) => secretSlots(synthStack(stack), stack.node.id, []));
    // The origin secret's version, the ALB rule that compares the header, the header CloudFront sends.
    expect(slots.map(([where]) => where.split('.')[0]).sort()).toEqual(['test-app', 'test-app', 'test-edge']);
    for (const [where, value] of slots) {
      for (const text of [value].flat()) expect({ where, text }).toEqual({ where, text: expect.stringMatching(/^\$\{[^}]+\}$/) });
    }
  });
});

describe('edge stack logs', () => {
  const json = synthEdge((input) => (input.edge = { logs: { retentionDays: 30, redactedHeaders: ['authorization', 'cookie', 'x-api-key'] } }));
  const idOf = (type: string) => Object.keys(resourcesOf(json, type))[0];

  it('logs the CloudFront WAF through a us-east-1 Firehose stream named aws-waf-logs-*, credentials redacted', () => {
    const logging = onlyResource(json, 'aws_wafv2_web_acl_logging_configuration') as Record<string, any>;
    expect(logging.provider).toBe('aws.global');
    expect(logging.resource_arn).toBe(`\${aws_wafv2_web_acl.${idOf('aws_wafv2_web_acl')}.arn}`);
    const stream = onlyResource(json, 'aws_kinesis_firehose_delivery_stream') as Record<string, any>;
    expect(logging.log_destination_configs).toEqual([`\${aws_kinesis_firehose_delivery_stream.${idOf('aws_kinesis_firehose_delivery_stream')}.arn}`]);
    expect(stream.name).toMatch(/^aws-waf-logs-/);
    expect(stream.provider).toBe('aws.global');
    expect(logging.redacted_fields.map((field: Record<string, any>) => field.single_header.name)).toEqual(['authorization', 'cookie', 'x-api-key']);
  });

  it('delivers CloudFront access logs (standard logging v2) from a us-east-1 source on the distribution', () => {
    const source = onlyResource(json, 'aws_cloudwatch_log_delivery_source') as Record<string, any>;
    expect(source).toMatchObject({ log_type: 'ACCESS_LOGS', provider: 'aws.global', resource_arn: `\${aws_cloudfront_distribution.${idOf('aws_cloudfront_distribution')}.arn}` });
    const delivery = onlyResource(json, 'aws_cloudwatch_log_delivery') as Record<string, any>;
    expect(delivery.delivery_source_name).toBe(`\${aws_cloudwatch_log_delivery_source.${idOf('aws_cloudwatch_log_delivery_source')}.name}`);
    expect(onlyResource(json, 'aws_cloudfront_distribution').logging_config).toBeUndefined();
  });

  it('expires the log buckets after edge.logs.retentionDays', () => {
    const expiring = Object.values(resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')).filter((lifecycle) => JSON.stringify(lifecycle).includes('"days":30'));
    expect(expiring).toHaveLength(2);
  });
});
