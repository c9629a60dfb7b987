import { TerraformDataSource } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { testConfig } from './support/fixtures';
import { compliantBucket, compliantLogBucket, failedRules, RawResource, stackOf } from './support/policy';

const buckets = (change: (resources: RawResource[]) => RawResource[]) => [...change(compliantBucket()), ...compliantLogBucket()];
const without = (id: string) => (resources: RawResource[]) => resources.filter((resource) => resource.id !== id);
const changed = (id: string, values: Record<string, unknown>) => (resources: RawResource[]) =>
  resources.map((resource) => (resource.id === id ? { ...resource, values: { ...resource.values, ...values } } : resource));

describe('storage pack', () => {
  it('passes a bucket with every setting, and its log bucket', () => {
    expect(failedRules(buckets((r) => r))).toEqual([]);
  });

  it.each([
    ['S3-ENCRYPTION', 'no encryption configuration', without('b-sse')],
    ['S3-ENCRYPTION', 'an unknown algorithm', changed('b-sse', { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'none' } }] })],
    ['S3-PUBLIC-ACCESS', 'no public access block', without('b-pab')],
    ['S3-PUBLIC-ACCESS', 'one of the four blocks off', changed('b-pab', { restrict_public_buckets: false })],
    ['S3-OWNER-ENFORCED', 'ACLs left on', changed('b-own', { rule: { object_ownership: 'ObjectWriter' } })],
    ['S3-TLS-ONLY', 'no bucket policy', without('b-policy')],
    ['S3-TLS-ONLY', 'a policy without the TLS deny', changed('b-policy', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] }) })],
    ['S3-VERSIONING', 'versioning suspended', changed('b-ver', { versioning_configuration: { status: 'Suspended' } })],
  ])('fails %s for a bucket with %s', (ruleId, _label, change) => {
    expect(failedRules(buckets(change))).toEqual([ruleId]);
  });

  it('fails S3-ACCESS-LOGGING for a bucket with no access logging', () => {
    expect(failedRules(without('b-log')(compliantBucket()))).toEqual(['S3-ACCESS-LOGGING']);
  });

  it('passes a TLS-only policy written as an aws_iam_policy_document data source', () => {
    const stack = stackOf(changed('b-policy', { policy: '${data.aws_iam_policy_document.tls.json}' })(buckets((r) => r)));
    const document = new TerraformDataSource(stack, 'tls', { terraformResourceType: 'aws_iam_policy_document' });
    document.overrideLogicalId('tls');
    document.addOverride('statement', [
      { effect: 'Deny', actions: ['s3:*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] },
    ]);
    const outcome = evaluateStack(stack, testConfig()).outcomes.find((o) => o.rule.id === 'S3-TLS-ONLY')!;
    expect({ passed: outcome.passed, failed: outcome.failed }).toEqual({ passed: 2, failed: [] });
  });

  it('follows references written inside Terraform functions', () => {
    expect(failedRules(buckets(changed('b-sse', { bucket: '${element([aws_s3_bucket.b.id], 0)}' })))).toEqual([]);
  });

  it('does not ask a log bucket for versioning or access logs of its own', () => {
    expect(failedRules(compliantLogBucket().concat(compliantBucket()))).toEqual([]);
  });

  it.each([
    ['a load balancer', { type: 'aws_lb', id: 'lb', values: { internal: true, drop_invalid_header_fields: true, access_logs: { bucket: '${aws_s3_bucket.sink.bucket}' } } }],
    ['a distribution', { type: 'aws_cloudfront_distribution', id: 'cdn', values: { logging_config: { bucket: '${aws_s3_bucket.sink.bucket_domain_name}' } } }],
  ])('counts a bucket receiving the logs of %s as a log bucket', (_label, source) => {
    const sink = compliantBucket('sink').filter((resource) => !['sink-ver', 'sink-log'].includes(resource.id));
    const stack = stackOf([...sink, source]);
    const failed = evaluateStack(stack, testConfig()).outcomes.filter((o) => o.rule.pack === 'storage').flatMap((o) => o.failed);
    expect(failed).toEqual([]);
  });

  it('passes a table with point-in-time recovery and fails DYNAMODB-PITR without it', () => {
    expect(failedRules([{ type: 'aws_dynamodb_table', id: 't', values: { point_in_time_recovery: { enabled: true } } }])).toEqual([]);
    expect(failedRules([{ type: 'aws_dynamodb_table', id: 't', values: {} }])).toEqual(['DYNAMODB-PITR']);
    expect(failedRules([{ type: 'aws_dynamodb_table', id: 't', values: { point_in_time_recovery: { enabled: false } } }])).toEqual(['DYNAMODB-PITR']);
  });
});
