import { compliantBucket, compliantLogBucket, failedRules, RawResource } from './support/policy';

const buckets = (change: (resources: RawResource[]) => RawResource[]) => [...change(compliantBucket()), ...compliantLogBucket()];
const without = (id: string) => (resources: RawResource[]) => resources.filter((resource) => resource.id !== id);
const changed = (id: string, values: Record<string, unknown>) => (resources: RawResource[]) =>
  resources.map((resource) => (resource.id === id ? { ...resource, values: { ...resource.values, ...values } } : resource));

describe('storage pack', () => {
  it('passes a bucket with every setting, and its log bucket', () => {
    expect(failedRules(buckets((r) => r))).toEqual([]);
  });

  it.each([
    ['S3-ENCRYPTION', without('b-sse')],
    ['S3-ENCRYPTION', changed('b-sse', { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'none' } }] })],
    ['S3-PUBLIC-ACCESS', without('b-pab')],
    ['S3-PUBLIC-ACCESS', changed('b-pab', { restrict_public_buckets: false })],
    ['S3-OWNER-ENFORCED', changed('b-own', { rule: { object_ownership: 'ObjectWriter' } })],
    ['S3-TLS-ONLY', without('b-policy')],
    ['S3-TLS-ONLY', changed('b-policy', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] }) })],
    ['S3-VERSIONING', changed('b-ver', { versioning_configuration: { status: 'Suspended' } })],
  ])('fails %s when a bucket lacks it', (ruleId, change) => {
    expect(failedRules(buckets(change))).toEqual([ruleId]);
  });

  it('fails S3-ACCESS-LOGGING when a bucket has no access logging', () => {
    expect(failedRules(without('b-log')(compliantBucket()))).toEqual(['S3-ACCESS-LOGGING']);
  });

  it('does not ask a log bucket for versioning or access logs of its own', () => {
    expect(failedRules(compliantLogBucket().concat(compliantBucket()))).toEqual([]);
  });

  it('counts a load balancer log bucket as a log bucket', () => {
    const albLogs = compliantBucket('alb').filter((resource) => !['alb-ver', 'alb-log'].includes(resource.id));
    const alb = { type: 'aws_lb', id: 'lb', values: { internal: true, drop_invalid_header_fields: true, access_logs: { bucket: '${aws_s3_bucket.alb.bucket}' } } };
    expect(failedRules([...albLogs, alb])).toEqual([]);
  });

  it('passes a lock table with point-in-time recovery and fails DYNAMODB-PITR without it', () => {
    expect(failedRules([{ type: 'aws_dynamodb_table', id: 't', values: { point_in_time_recovery: { enabled: true } } }])).toEqual([]);
    expect(failedRules([{ type: 'aws_dynamodb_table', id: 't', values: {} }])).toEqual(['DYNAMODB-PITR']);
  });
});
